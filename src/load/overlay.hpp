// Overlays: rule files read on top of the catalog, merged definition by definition at the YAML
// level, so every reader and check runs unchanged on the merged definitions (docs/overlays.md).
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "onething/diagnostic.hpp"
#include "yaml/yaml_tree.hpp"

namespace onething::detail {

/// The overlays of one load, parsed, and where each of their definitions goes.
class OverlaySet {
  public:
    /// Takes the parsed overlays in the order they apply (at most max_yaml_origins). The keys of
    /// their top level and sections are checked here, once: duplicates and keys that are not
    /// text are reported into `diagnostics` and left out.
    OverlaySet(std::vector<YamlDocument> overlays, std::vector<Diagnostic>& diagnostics);

    /// `base` (a rule file of the catalog) with the overlays' definitions of every id it defines
    /// merged into each of its definitions of that id, in overlay order: each top-level key an
    /// overlay gives replaces the base's (or is added), the others stay. Nullopt when `base`
    /// defines none of the overlays' ids.
    std::optional<YamlDocument> merge_into(const YamlDocument& base);

    /// The overlays to read once every rule file is read, in order: each without its definitions
    /// of ids the catalog has (merged by merge_into) or an earlier overlay has, and with the later
    /// overlays' definitions of its new ids merged in.
    std::vector<YamlDocument> remainders() const;

  private:
    /// One definition in an overlay: which overlay, and its id's key and body nodes.
    struct Site {
        std::size_t overlay = 0;  ///< position in overlays_
        std::uint32_t key = 0;    ///< the id's node
        std::uint32_t body = 0;   ///< the definition's mapping
    };
    /// A definition's section ("items", ...) and id.
    using Id = std::pair<std::string, std::string>;

    /// Merges the definition at `site` into the mapping `body` of `document`.
    void merge_site(YamlDocument& document, std::uint32_t body, const Site& site) const;

    std::vector<YamlDocument> overlays_;     ///< as parsed, keys checked
    std::map<Id, std::vector<Site>> sites_;  ///< every overlay definition of an id, in order
    std::set<Id> in_catalog_;                ///< ids merge_into found in the rule files
};

}  // namespace onething::detail
