// Writing a checked catalog as a snapshot: header, checksum, then every section in the order
// the reader reads them (snapshot_read.cpp). Deterministic: sections are sorted, maps ordered.
#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>

#include "model/id_positions.hpp"
#include "onething/error.hpp"
#include "onething/snapshot.hpp"
#include "onething/version.hpp"
#include "snapshot/codec.hpp"

namespace onething {
namespace {

/// Writes the model; file names go to a table, numbered in order of first use.
class ModelWriter {
  public:
    /// The body written so far.
    detail::ByteWriter body;

    /// The file name table, in number order.
    const std::vector<std::string>& files() const { return files_; }

    /// A location: its file's number in the table, line, column.
    void location(const Location& where) {
        const std::string& file = where.file.str();
        auto [found, added] = numbers_.try_emplace(file, static_cast<std::uint32_t>(files_.size()));
        if (added) {
            files_.push_back(file);
        }
        body.u32(found->second);
        body.i32(where.line);
        body.i32(where.column);
    }

    /// A text: its translations in language order.
    void text(const Text& value) {
        body.u32(static_cast<std::uint32_t>(value.translations.size()));
        for (const auto& [language, words] : value.translations) {
            body.str(language);
            body.str(words);
        }
    }

    /// A reference: the id and where it is written.
    void ref(const Ref& value) {
        body.str(value.id);
        location(value.location);
    }

    /// The sections of the version being written, whose positions references are written as.
    void definitions_of(const Catalog& version) {
        items_.emplace(version.items());
        materials_.emplace(version.materials());
        fields_.emplace(version.fields());
    }

    /// A reference to a definition of the version: its position in `section`, where it is
    /// written. A checked catalog resolves every one.
    void link(const Ref& value, const detail::IdPositions& section, const char* kind) {
        const std::int64_t at = section(value.id);
        if (at < 0) {
            throw InputError("snapshot-errors", std::string("the reference to the ") + kind + " '" +
                                                    value.id + "' does not resolve");
        }
        body.u32(static_cast<std::uint32_t>(at));
        location(value.location);
    }

    /// References to definitions of the version, count first.
    void links(const std::vector<Ref>& values, const detail::IdPositions& section,
               const char* kind) {
        body.u32(static_cast<std::uint32_t>(values.size()));
        for (const Ref& value : values) {
            link(value, section, kind);
        }
    }

    /// References, count first.
    void refs(const std::vector<Ref>& values) {
        body.u32(static_cast<std::uint32_t>(values.size()));
        for (const Ref& value : values) {
            ref(value);
        }
    }

    /// Strings, count first.
    void strings(const std::vector<std::string>& values) {
        body.u32(static_cast<std::uint32_t>(values.size()));
        for (const std::string& value : values) {
            body.str(value);
        }
    }

    /// A condition: its source text ("" when it always holds).
    void condition(const Condition& value) { body.str(value.source()); }

    /// A value: its kind (the variant index), then its bytes.
    void value(const Value& held) {
        body.u8(static_cast<std::uint8_t>(held.index()));
        std::visit(
            [&](const auto& v) {
                using T = std::decay_t<decltype(v)>;
                if constexpr (std::is_same_v<T, bool>) {
                    body.boolean(v);
                } else if constexpr (std::is_same_v<T, std::int64_t>) {
                    body.i64(v);
                } else if constexpr (std::is_same_v<T, double>) {
                    body.f64(v);
                } else if constexpr (std::is_same_v<T, std::string>) {
                    body.str(v);
                } else {
                    body.i32(v.year);
                    body.u8(static_cast<std::uint8_t>(v.month));
                    body.u8(static_cast<std::uint8_t>(v.day));
                }
            },
            held);
    }

    /// Labels by value, in key order.
    void labels(const std::map<std::string, Text>& values) {
        body.u32(static_cast<std::uint32_t>(values.size()));
        for (const auto& [key, label] : values) {
            body.str(key);
            text(label);
        }
    }

    /// A presence flag, then the value when present.
    template <typename T, typename Write>
    void optional(const std::optional<T>& held, Write write) {
        body.boolean(held.has_value());
        if (held) {
            write(*held);
        }
    }

    /// Every constraint, each optional.
    void constraints(const Constraints& value) {
        optional(value.pattern, [&](const std::string& v) { body.str(v); });
        optional(value.min_length, [&](std::int64_t v) { body.i64(v); });
        optional(value.max_length, [&](std::int64_t v) { body.i64(v); });
        optional(value.minimum, [&](double v) { body.f64(v); });
        optional(value.maximum, [&](double v) { body.f64(v); });
        optional(value.values, [&](const std::vector<std::string>& v) { strings(v); });
    }

    /// A fact, every key.
    void fact(const Fact& value) {
        body.str(value.id);
        body.u8(static_cast<std::uint8_t>(value.type));
        strings(value.values);
        labels(value.labels);
        text(value.question);
        optional(value.default_value, [&](const Value& v) { this->value(v); });
        location(value.location);
    }

    /// A field, every key.
    void field(const Field& value) {
        body.str(value.id);
        body.u8(static_cast<std::uint8_t>(value.type));
        text(value.label);
        constraints(value.constraints);
        labels(value.labels);
        body.u8(static_cast<std::uint8_t>(value.source));
        location(value.location);
    }

    /// A material, every key.
    void material(const Material& value) {
        body.str(value.id);
        text(value.name);
        body.boolean(value.e_license);
        body.boolean(value.submittable);
        location(value.location);
    }

    /// An item, every key, its needs with their conditions and narrowings.
    void item(const Item& value) {
        body.str(value.id);
        text(value.name);
        body.str(value.department);
        body.u8(static_cast<std::uint8_t>(value.type));
        body.u32(static_cast<std::uint32_t>(value.channels.size()));
        for (Channel channel : value.channels) {
            body.u8(static_cast<std::uint8_t>(channel));
        }
        body.boolean(value.in_person);
        body.boolean(value.automatic);
        body.str(value.venue);
        body.f64(value.duration_days);
        optional(value.bundled_duration_days, [&](double v) { body.f64(v); });
        body.i32(value.steps);
        body.i32(value.visits);
        optional(value.payee, [&](const std::string& v) { body.str(v); });
        condition(value.when);
        body.u32(static_cast<std::uint32_t>(value.needs_items.size()));
        for (const ItemNeed& need : value.needs_items) {
            link(need.item, *items_, "item");
            condition(need.when);
        }
        body.u32(static_cast<std::uint32_t>(value.needs_materials.size()));
        for (const MaterialNeed& need : value.needs_materials) {
            links(need.alternatives, *materials_, "material");
            body.u32(static_cast<std::uint32_t>(need.alternative_when.size()));
            for (const Condition& when : need.alternative_when) {
                condition(when);
            }
            body.boolean(need.any_of);
            condition(need.when);
            location(need.location);
        }
        body.u32(static_cast<std::uint32_t>(value.needs_fields.size()));
        for (const FieldNeed& need : value.needs_fields) {
            link(need.field, *fields_, "field");
            body.boolean(need.narrowing != nullptr);
            if (need.narrowing) {
                constraints(need.narrowing->constraints);
                body.u32(static_cast<std::uint32_t>(need.narrowing->locations.size()));
                for (const auto& [key, where] : need.narrowing->locations) {
                    body.str(key);
                    location(where);
                }
            }
            condition(need.when);
        }
        links(value.produces_materials, *materials_, "material");
        links(value.produces_fields, *fields_, "field");
        location(value.location);
    }

    /// A bundle, every key.
    void bundle(const Bundle& value) {
        body.str(value.id);
        text(value.name);
        links(value.goals, *items_, "item");
        links(value.defer, *items_, "item");
        body.u32(static_cast<std::uint32_t>(value.optimize.size()));
        for (Metric metric : value.optimize) {
            body.u8(static_cast<std::uint8_t>(metric));
        }
        condition(value.when);
        optional(value.annual_cases, [&](std::int64_t v) { body.i64(v); });
        location(value.location);
    }

    /// An expected value and where it is written.
    template <typename T, typename Write>
    void expected(const Expected<T>& held, Write write) {
        write(held.value);
        location(held.location);
    }

    /// An optional expected list of ids.
    void expected_strings(const std::optional<Expected<std::vector<std::string>>>& held) {
        optional(held, [&](const auto& e) {
            expected(e, [&](const std::vector<std::string>& v) { strings(v); });
        });
    }

    /// Expected metrics, in metric order.
    void expected_metrics(const std::map<Metric, Expected<double>>& values) {
        body.u32(static_cast<std::uint32_t>(values.size()));
        for (const auto& [metric, held] : values) {
            body.u8(static_cast<std::uint8_t>(metric));
            expected(held, [&](double v) { body.f64(v); });
        }
    }

    /// What a test case expects, every member.
    void expectation(const Expectation& value) {
        expected_strings(value.items);
        expected_strings(value.includes);
        expected_strings(value.excludes);
        optional(value.stages,
                 [&](const auto& e) { expected(e, [&](std::int64_t v) { body.i64(v); }); });
        expected_metrics(value.before);
        expected_metrics(value.after);
        expected_strings(value.asked_fields);
        expected_strings(value.submitted_materials);
        optional(value.error,
                 [&](const auto& e) { expected(e, [&](const std::string& v) { body.str(v); }); });
        optional(value.choices, [&](const auto& e) {
            expected(e, [&](const std::vector<ExpectedChoices>& all) {
                body.u32(static_cast<std::uint32_t>(all.size()));
                for (const ExpectedChoices& choice : all) {
                    ref(choice.item);
                    expected(choice.materials, [&](const std::vector<Ref>& v) { refs(v); });
                }
            });
        });
        optional(value.critical_path,
                 [&](const auto& e) { expected(e, [&](const std::vector<Ref>& v) { refs(v); }); });
        optional(value.optimal,
                 [&](const auto& e) { expected(e, [&](bool v) { body.boolean(v); }); });
        optional(value.questions,
                 [&](const auto& e) { expected(e, [&](const std::vector<Ref>& v) { refs(v); }); });
    }

    /// A day: year, month, day.
    void date(const Date& day) {
        body.i32(day.year);
        body.u8(static_cast<std::uint8_t>(day.month));
        body.u8(static_cast<std::uint8_t>(day.day));
    }

    /// A version's period: each end, when it has one.
    void period(const Period& value) {
        optional(value.from, [&](const Date& day) { date(day); });
        optional(value.until, [&](const Date& day) { date(day); });
    }

    /// A test case: name, bundle, facts and where they are written, expectation, its day.
    void test(const TestCase& value) {
        body.str(value.name);
        ref(value.bundle);
        body.u32(static_cast<std::uint32_t>(value.facts.size()));
        for (const auto& [id, held] : value.facts) {
            body.str(id);
            this->value(held);
        }
        body.u32(static_cast<std::uint32_t>(value.fact_locations.size()));
        for (const auto& [id, where] : value.fact_locations) {
            body.str(id);
            location(where);
        }
        expectation(value.expect);
        location(value.location);
        optional(value.as_of, [&](const auto& e) { expected(e, [&](const Date& v) { date(v); }); });
    }

    /// A warning of the load.
    void diagnostic(const Diagnostic& value) {
        body.u8(static_cast<std::uint8_t>(value.severity));
        body.str(value.code);
        body.str(value.message);
        location(value.location);
    }

    /// A section: its count, then each element.
    template <typename T, typename Write>
    void section(std::span<const T> values, Write write) {
        body.u32(static_cast<std::uint32_t>(values.size()));
        for (const T& value : values) {
            (this->*write)(value);
        }
    }

    /// A section in chunks that a reader can read side by side: its count, the elements per
    /// chunk, then each chunk as its length in bytes and its elements.
    template <typename T, typename Write>
    void chunked_section(std::span<const T> values, Write write) {
        body.u32(static_cast<std::uint32_t>(values.size()));
        body.u32(detail::snapshot_chunk_elements);
        for (std::size_t first = 0; first < values.size();
             first += detail::snapshot_chunk_elements) {
            const std::size_t length_at = body.bytes().size();
            body.u64(0);  // the chunk's length, below
            const std::size_t last =
                std::min(values.size(), first + detail::snapshot_chunk_elements);
            for (std::size_t k = first; k < last; ++k) {
                (this->*write)(values[k]);
            }
            body.patch_u64(length_at, body.bytes().size() - length_at - 8);
        }
    }

  private:
    std::optional<detail::IdPositions> items_, materials_, fields_;  ///< of the version
    std::vector<std::string> files_;
    std::unordered_map<std::string, std::uint32_t> numbers_;
};

}  // namespace

std::string write_snapshot(const LoadResult& loaded) {
    if (!loaded.ok()) {
        throw InputError("snapshot-errors",
                         "the catalog has errors; fix them (onething lint) before compiling it");
    }
    const Catalog& catalog = loaded.catalog;
    ModelWriter model;
    auto definitions = [&model](const Catalog& version) {
        model.definitions_of(version);
        model.section(version.facts(), &ModelWriter::fact);
        model.chunked_section(version.fields(), &ModelWriter::field);
        model.chunked_section(version.materials(), &ModelWriter::material);
        model.chunked_section(version.items(), &ModelWriter::item);
        model.section(version.bundles(), &ModelWriter::bundle);
    };
    // An undated catalog: 0 versions, then its definitions. A dated one: each version's period
    // and definitions, in day order; the reader rebuilds the versions and their days.
    model.body.u32(static_cast<std::uint32_t>(catalog.versions().size()));
    if (catalog.versions().empty()) {
        definitions(catalog);
    }
    for (const CatalogVersion& version : catalog.versions()) {
        model.period(version.period);
        definitions(*version.catalog);
    }
    model.section(catalog.tests(), &ModelWriter::test);
    model.section(std::span<const Diagnostic>(loaded.diagnostics), &ModelWriter::diagnostic);

    // One buffer: the header with room for the size and checksum, then the payload; the body
    // is copied once (a national catalog's snapshot is hundreds of megabytes).
    detail::ByteWriter file;
    file.raw(detail::snapshot_magic);
    file.u32(snapshot_format_version);
    file.str(version_string);
    const std::size_t sums = file.bytes().size();
    file.u64(0);  // the payload's size, below
    file.u64(0);  // its checksum, below
    const std::size_t payload = file.bytes().size();
    file.bytes().reserve(payload + model.body.bytes().size() + 4096);
    file.str(loaded.revision);
    file.u64(loaded.files);
    file.u64(loaded.overlays);
    file.u32(static_cast<std::uint32_t>(model.files().size()));
    for (const std::string& name : model.files()) {
        file.str(name);
    }
    file.raw(model.body.bytes());
    model.body.bytes() = std::string();
    std::string& bytes = file.bytes();
    const std::string_view written = std::string_view(bytes).substr(payload);
    detail::ByteWriter sizes;
    sizes.u64(written.size());
    sizes.u64(detail::snapshot_checksum(written));
    bytes.replace(sums, 16, sizes.bytes());
    return std::move(file.bytes());
}

}  // namespace onething
