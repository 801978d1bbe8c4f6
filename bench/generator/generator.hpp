// The catalog generator: builds a synthetic catalog in memory (build.cpp) and writes it as YAML
// (write.cpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <ostream>
#include <vector>

#include "model.hpp"

namespace onething::bench {

/// The whole catalog being generated.
class Generator {
  public:
    /// Sets the size and seed.
    Generator(std::size_t items, std::uint64_t seed, double multi_producers, bool paper_or_inside)
        : count_(items),
          multi_producers_(multi_producers),
          paper_or_inside_(paper_or_inside),
          random_(seed) {}

    /// Builds everything in memory.
    void build();

    /// Writes the files under `out`.
    void write(const std::filesystem::path& out) const;

    /// One line about what was generated (to standard error).
    void summary(std::ostream& out) const;

  private:
    static constexpr int layers = 10;

    /// Licences, paper documents and the shared data dictionary.
    void make_dictionary();

    /// A random item of layers [layer - 3, layer - 1], often of the same department.
    std::uint32_t earlier_item(int layer, int department);

    /// A document or field (by `outputs`: `&GenItem::produced_materials` or `produced_fields`)
    /// produced by an earlier layer (nullopt when there is none yet).
    std::optional<std::uint32_t> earlier_output(int layer, int department,
                                                std::vector<std::uint32_t> GenItem::*outputs);

    /// The items, layer by layer: needs point only at earlier layers, so there is no cycle.
    void make_items();

    /// Explicit prerequisites: one for a quarter of the items, two for some.
    void add_prerequisites(GenItem& item);

    /// A document produced by the item's prerequisites, if any (for paper vs produced-inside).
    std::optional<std::uint32_t> inside_document(const GenItem& item) const;

    /// Two to six material needs: licences, paper, any_of pairs, documents of earlier layers.
    void add_material_needs(GenItem& item);

    /// Two to eight field needs: the shared dictionary, and fields produced earlier.
    void add_field_needs(GenItem& item);

    /// What the item produces: a document most of the time, and a field or two sometimes.
    void add_outputs(GenItem& item, std::uint32_t serial);

    /// Some documents (`--multi-producers` percent) get one or two more producers from the
    /// producer's layer or the one below.
    void add_second_producers();

    /// True when item `serial`'s condition holds under the facts' defaults.
    bool applies(std::uint32_t serial) const;

    /// Adds `goal` and what the planner must add for it (prerequisites, producers of records)
    /// to `inside`; returns the number of items added. An estimate of the plan's selection.
    std::size_t grow_closure(std::uint32_t goal, std::vector<std::uint8_t>& inside) const;

    /// Everyday bundles of a few goals, and the closure-N bundles for the planner benchmarks.
    void make_bundles();

    /// facts.yaml: a few facts, every one with a default.
    void write_facts(const std::filesystem::path& path) const;

    /// fields.yaml: the data dictionary.
    void write_fields(const std::filesystem::path& path) const;

    /// materials.yaml: licences, paper and produced documents.
    void write_materials(const std::filesystem::path& path) const;

    /// items/<department>.yaml, one file per department.
    void write_items(const std::filesystem::path& folder) const;

    /// bundles.yaml.
    void write_bundles(const std::filesystem::path& path) const;

    std::size_t count_;            ///< items to generate
    double multi_producers_;       ///< share of produced documents with more producers
    bool paper_or_inside_;         ///< a produced-inside need also offers paper
    Random random_;                ///< the one random source, drawn in a fixed order
    std::size_t departments_ = 0;  ///< departments in use
    std::vector<GenItem> items_;
    std::vector<GenMaterial> materials_;
    std::vector<GenField> fields_;
    std::vector<GenBundle> bundles_;
    std::vector<std::uint32_t> licences_, papers_, common_fields_;  ///< material/field positions
    std::vector<std::vector<std::uint32_t>> by_layer_;              ///< item serials by layer
    std::vector<std::vector<std::vector<std::uint32_t>>> by_layer_department_;  ///< and department
};

}  // namespace onething::bench
