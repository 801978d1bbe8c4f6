// Reading a snapshot's model: every definition, test case and warning, in the order
// ModelWriter writes them (snapshot_write.cpp), bounded by the bytes left.
#pragma once

#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

#include "model/catalog_index.hpp"
#include "model/jagged.hpp"
#include "model/language_tags.hpp"
#include "model/section_ids.hpp"
#include "onething/catalog.hpp"
#include "onething/condition.hpp"
#include "onething/limits.hpp"
#include "snapshot/codec.hpp"
#include "snapshot/snapshot_check.hpp"
#include "text/utf8.hpp"

namespace onething::detail {

/// An enumeration stored as a byte; a value past `last` is corrupt.
template <typename E>
E enumeration(ByteReader& in, std::uint8_t last, const char* what) {
    const std::uint8_t value = in.u8();
    if (value > last) {
        in.fail(1, std::string("an unknown ") + what + " (" + std::to_string(value) + ")");
    }
    return static_cast<E>(value);
}

/// The ids of a version's items, taken from the items themselves (bundles and prerequisites
/// name few enough of them).
class ItemIds {
  public:
    /// Names `items`.
    void assign(std::span<const Item> items) { items_ = items; }
    /// How many ids.
    std::size_t size() const { return items_.size(); }
    /// The id at position `k` (less than size()).
    std::string_view operator[](std::size_t k) const { return items_[k].id; }

  private:
    std::span<const Item> items_;
};

/// The last of rows of positions, filled as ModelReader::links fills a vector: a material
/// need's alternatives.
struct LastRow {
    Jagged<Index>& rows;  ///< the rows
    /// Does nothing: the rows grow as a vector does (an exact reserve per row would copy them
    /// at every row).
    void reserve(std::size_t) {}
    /// Adds a position at the end of the last row.
    void push_back(Index at) { rows.push_back(at); }
};

/// Told that the bytes of the file from one offset up to another are done with.
using ReleaseBytes = std::function<void(std::uint64_t from, std::uint64_t to)>;

/// Reads the model in the order ModelWriter writes it (snapshot_write.cpp).
class ModelReader {
  public:
    /// Reads from `in` under `limits`.
    ModelReader(ByteReader& in, const Limits& limits) : in_(&in), limits_(limits) {}

    /// A string, copied out of the bytes.
    std::string string() { return std::string(clean_string()); }

    /// The next string as text, which must be what the loader takes from a rule file (UTF-8
    /// without control characters but tab and line ends): else the snapshot is corrupt, so that
    /// no writer meets bytes a rule file cannot hold.
    std::string_view clean_string() {
        const std::string_view taken = in_->str();
        if (!clean_utf8(taken)) {
            in_->fail(taken.size(), "a text that is not UTF-8, or holds a control character");
        }
        return taken;
    }

    /// The table of file names that locations number.
    void file_table() {
        const std::uint32_t count = in_->count(4);
        files_.reserve(count);
        for (std::uint32_t k = 0; k < count; ++k) {
            files_.emplace_back(std::string(in_->str()));  // a file's name may be any bytes
        }
    }

    /// A location; its file number must be in the table.
    Location location() {
        const std::uint32_t file = in_->u32();
        if (file >= files_.size()) {
            in_->fail(4, "a location names file " + std::to_string(file) + " of " +
                             std::to_string(files_.size()));
        }
        Location where;
        where.file = files_[file];
        where.line = in_->i32();
        where.column = in_->i32();
        return where;
    }

    /// A text.
    /// Its language tags are added to the version's.
    Text text() {
        Text value;
        const std::uint32_t count = in_->count(8);
        value.translations.reserve(count);
        for (std::uint32_t k = 0; k < count; ++k) {
            std::string language = string();
            languages_.add(language);
            // Written in key order: the end is where each goes.
            value.translations.insert_or_assign(std::move(language), string());
        }
        return value;
    }

    /// A reference.
    Ref ref() {
        Ref value;
        value.id = string();
        value.location = location();
        return value;
    }

    /// References, count first.
    std::vector<Ref> refs() {
        const std::uint32_t count = in_->count(16);
        std::vector<Ref> values;
        values.reserve(count);
        for (std::uint32_t k = 0; k < count; ++k) {
            values.push_back(ref());
        }
        return values;
    }

    /// Strings, count first.
    std::vector<std::string> strings() {
        const std::uint32_t count = in_->count(4);
        std::vector<std::string> values;
        values.reserve(count);
        for (std::uint32_t k = 0; k < count; ++k) {
            values.push_back(string());
        }
        return values;
    }

    /// The facts conditions are compiled against (read first, sorted and unique).
    void set_facts(std::span<const Fact> facts) {
        facts_ = facts;
        compiled_.clear();  // a condition's program depends on the facts' types
    }

    /// The fields and materials of the version, once read (its items name them).
    void set_definitions(std::span<const Field> fields, std::span<const Material> materials) {
        fields_ = std::make_shared<const SectionIds>(fields);
        materials_ = std::make_shared<const SectionIds>(materials);
    }

    /// A position in a section of `size` definitions; one past its end is corrupt.
    Index position(std::size_t size, const char* kind) {
        const std::uint32_t at = in_->u32();
        if (at >= size) {
            in_->fail(4, std::string("a reference to ") + kind + " " + std::to_string(at) + " of " +
                             std::to_string(size));
        }
        return at;
    }

    /// A reference to a definition of `section`, added to `positions`: its position, then where
    /// it is written. Its id is the definition's, so position and id always agree.
    template <typename Ids, typename Positions>
    Ref link(const Ids& section, const char* kind, Positions& positions) {
        const Index at = position(section.size(), kind);
        positions.push_back(at);
        return Ref{std::string(section[at]), location()};
    }

    /// References to definitions of `section`, count first; their positions go to `positions`
    /// (a vector, or a LastRow).
    template <typename Ids, typename Positions>
    std::vector<Ref> links(const Ids& section, const char* kind, Positions& positions) {
        const std::uint32_t count = in_->count(16);
        std::vector<Ref> values;
        values.reserve(count);
        positions.reserve(count);
        for (std::uint32_t k = 0; k < count; ++k) {
            values.push_back(link(section, kind, positions));
        }
        return values;
    }

    /// The version's items, once read (the bundles name them).
    void set_items(std::span<const Item> items) { items_.assign(items); }

    /// Hands over the positions of every reference of the version's items and bundles.
    ResolvedLinks take_links() { return std::exchange(resolved_, ResolvedLinks{}); }

    /// Hands over the language tags of the version's texts, sorted.
    std::vector<std::string> take_languages() {
        return std::exchange(languages_, LanguageTags{}).sorted();
    }

    /// A condition: its text, compiled against the facts (one program per distinct text).
    Condition condition() {
        const std::uint64_t at = in_->offset();
        const std::string_view source = clean_string();
        if (source.empty()) {
            return Condition();
        }
        auto found = compiled_.find(std::string(source));
        if (found != compiled_.end()) {
            return found->second;
        }
        CompiledCondition result = compile_condition(source, facts_, limits_);
        if (!result.condition) {
            const ConditionError& error = result.errors.front();
            throw SnapshotRefused{error.code, "the condition '" + std::string(source) +
                                                  "' at byte " + std::to_string(at) +
                                                  " does not compile: " + error.message};
        }
        return compiled_.emplace(std::string(source), std::move(*result.condition)).first->second;
    }

    /// A value of a known kind; a date must be a real date.
    Value value() {
        const std::uint8_t kind = in_->u8();
        switch (kind) {
            case 0:
                return Value(in_->boolean());
            case 1:
                return Value(in_->i64());
            case 2:
                return Value(in_->f64());
            case 3:
                return Value(string());
            case 4: {
                return Value(date());
            }
            default:
                in_->fail(1, "an unknown kind of value (" + std::to_string(kind) + ")");
        }
    }

    /// Labels by value.
    std::map<std::string, Text> labels() {
        std::map<std::string, Text> values;
        const std::uint32_t count = in_->count(8);
        for (std::uint32_t k = 0; k < count; ++k) {
            std::string key = string();
            values.insert_or_assign(values.end(), std::move(key), text());
        }
        return values;
    }

    /// A presence flag, then the value when present.
    template <typename Read>
    auto optional(Read read) -> std::optional<decltype(read())> {
        if (!in_->boolean()) {
            return std::nullopt;
        }
        return read();
    }

    /// Every constraint.
    Constraints constraints() {
        Constraints value;
        value.pattern = optional([&] { return string(); });
        value.min_length = optional([&] { return in_->i64(); });
        value.max_length = optional([&] { return in_->i64(); });
        value.minimum = optional([&] { return in_->f64(); });
        value.maximum = optional([&] { return in_->f64(); });
        value.values = optional([&] { return strings(); });
        return value;
    }

    /// A fact.
    Fact fact() {
        Fact value;
        value.id = string();
        value.type = enumeration<FactType>(*in_, 5, "fact type");
        value.values = strings();
        value.labels = labels();
        value.question = text();
        value.default_value = optional([&] { return this->value(); });
        value.location = location();
        return value;
    }

    /// A field.
    Field field() {
        Field value;
        value.id = string();
        value.type = enumeration<FieldType>(*in_, 5, "field type");
        value.label = text();
        value.constraints = constraints();
        value.labels = labels();
        value.source = enumeration<FieldSource>(*in_, 1, "field source");
        value.location = location();
        return value;
    }

    /// A material.
    Material material() {
        Material value;
        value.id = string();
        value.name = text();
        value.e_license = in_->boolean();
        value.submittable = in_->boolean();
        value.location = location();
        return value;
    }

    /// An item with its needs, their conditions and narrowings, into `value`; the positions of
    /// its references into `linked`, and 1 into `conditional` when a need or an alternative of it
    /// has a `when` (item_reader.cpp).
    void item(Item& value, ItemLinks& linked, std::uint8_t& conditional);

    /// The items, a chunked section (chunked_reader.cpp), each item read into its place; then
    /// their order is checked and each prerequisite named.
    std::vector<Item> items(unsigned threads);

    /// A chunked section of fields or materials (chunked_reader.cpp), its order checked.
    template <typename T>
    std::vector<T> chunked_section(T (ModelReader::*read)(), std::size_t min_bytes,
                                   const char* kind, unsigned threads);

    /// A bundle.
    Bundle bundle() {
        Bundle value;
        value.id = string();
        value.name = text();
        BundleLinks& linked = resolved_.bundles.emplace_back();
        value.goals = links(items_, "item", linked.goals);
        value.defer = links(items_, "item", linked.defer);
        const std::uint32_t metrics = in_->count(1);
        value.optimize.clear();
        for (std::uint32_t k = 0; k < metrics; ++k) {
            value.optimize.push_back(enumeration<Metric>(*in_, 5, "metric"));
        }
        value.when = condition();
        value.annual_cases = optional([&] { return in_->i64(); });
        value.location = location();
        return value;
    }

    /// An expected value and where it is written.
    template <typename Read>
    auto expected(Read read) {
        Expected<decltype(read())> value;
        value.value = read();
        value.location = location();
        return value;
    }

    /// An optional expected list of ids.
    std::optional<Expected<std::vector<std::string>>> expected_strings() {
        return optional([&] { return expected([&] { return strings(); }); });
    }

    /// Expected metrics.
    std::map<Metric, Expected<double>> expected_metrics() {
        std::map<Metric, Expected<double>> values;
        const std::uint32_t count = in_->count(21);
        for (std::uint32_t k = 0; k < count; ++k) {
            const Metric metric = enumeration<Metric>(*in_, 5, "metric");
            values.insert_or_assign(metric, expected([&] { return in_->f64(); }));
        }
        return values;
    }

    /// What a test case expects.
    Expectation expectation() {
        Expectation value;
        value.items = expected_strings();
        value.includes = expected_strings();
        value.excludes = expected_strings();
        value.stages = optional([&] { return expected([&] { return in_->i64(); }); });
        value.before = expected_metrics();
        value.after = expected_metrics();
        value.asked_fields = expected_strings();
        value.submitted_materials = expected_strings();
        value.error = optional([&] { return expected([&] { return string(); }); });
        value.choices = optional([&] {
            return expected([&] {
                const std::uint32_t count = in_->count(32);
                std::vector<ExpectedChoices> all(count);
                for (ExpectedChoices& choice : all) {
                    choice.item = ref();
                    choice.materials = expected([&] { return refs(); });
                }
                return all;
            });
        });
        value.critical_path = optional([&] { return expected([&] { return refs(); }); });
        value.optimal = optional([&] { return expected([&] { return in_->boolean(); }); });
        value.questions = optional([&] { return expected([&] { return refs(); }); });
        return value;
    }

    /// A test case.
    TestCase test() {
        TestCase value;
        value.name = string();
        value.bundle = ref();
        const std::uint32_t facts = in_->count(5);
        for (std::uint32_t k = 0; k < facts; ++k) {
            std::string id = string();
            value.facts.insert_or_assign(std::move(id), this->value());
        }
        const std::uint32_t locations = in_->count(16);
        for (std::uint32_t k = 0; k < locations; ++k) {
            std::string id = string();
            value.fact_locations.insert_or_assign(std::move(id), location());
        }
        value.expect = expectation();
        value.location = location();
        value.as_of = optional([&] { return expected([&] { return date(); }); });
        return value;
    }

    /// A day, which must exist.
    Date date() {
        Date day;
        day.year = in_->i32();
        day.month = in_->u8();
        day.day = in_->u8();
        if (!Date::parse(day.to_string())) {
            in_->fail(6, "an invalid date " + day.to_string());
        }
        return day;
    }

    /// A version's period.
    Period period() {
        Period value;
        value.from = optional([&] { return date(); });
        value.until = optional([&] { return date(); });
        return value;
    }

    /// A warning of the load.
    Diagnostic diagnostic() {
        Diagnostic value;
        value.severity = enumeration<Severity>(*in_, 2, "severity");
        value.code = string();
        value.message = std::string(in_->str());  // may quote a file's name: any bytes
        value.location = location();
        return value;
    }

    /// A section: its count (checked against what is left and against max_definitions), then
    /// its elements.
    template <typename T>
    std::vector<T> section(T (ModelReader::*read)(), std::size_t min_bytes, bool definitions) {
        const std::uint64_t at = in_->offset();
        const std::uint32_t count = in_->count(min_bytes);
        if (definitions) {
            count_definitions(count, at);
        }
        std::vector<T> values;
        values.reserve(count);
        section_size_ = count;
        if constexpr (std::is_same_v<T, Bundle>) {
            resolved_.bundles.reserve(count);
        }
        for (std::uint32_t k = 0; k < count; ++k) {
            values.push_back((this->*read)());
            if (release_ && k % 1024 == 1023) {
                release_read();
            }
        }
        return values;
    }

    /// Starts counting the definitions of a dated catalog's next version from 0: a version holds
    /// at most the catalog's definitions, so each is bounded by max_definitions while it is read.
    void begin_version() { definitions_ = 0; }

    /// Counts the catalog's definitions as `distinct`, as its rule files count them (each
    /// written definition once, whichever versions hold it), refused past max_definitions at
    /// file offset `at`; the test cases read next are added to it.
    void recount_definitions(std::uint64_t distinct, std::uint64_t at) {
        definitions_ = 0;
        count_definitions(distinct, at);
    }

    /// Called now and then with a range of file offsets whose bytes are done with.
    void on_progress(const ReleaseBytes* release) {
        if (release != nullptr && *release) {
            release_ = *release;
        }
    }

  private:
    /// A reader of the chunks of `parent`'s section, on another thread: it shares the parent's
    /// read-only definitions, and has file names and compiled conditions of its own (so the
    /// threads never count references to the same objects).
    explicit ModelReader(const ModelReader& parent);

    /// Where a chunked section's elements are: their count, the elements per chunk, and each
    /// chunk's bytes.
    struct Chunks {
        std::uint32_t count = 0;        ///< elements
        std::uint32_t per_chunk = 1;    ///< elements per chunk (the last may hold fewer)
        std::vector<ByteReader> bytes;  ///< by chunk
    };

    /// Reads the head of a chunked section (its elements at least `min_bytes` each, counted as
    /// definitions) and finds each chunk's bytes by its length.
    Chunks chunks(std::size_t min_bytes);

    /// Reads every chunk of `found` on up to `threads` threads, each with a reader of its own:
    /// `read(reader, first, last)` reads the elements from `first` up to `last`, which must use
    /// every byte of the chunk. An error is the first failing chunk's, as reading in order gives.
    void read_chunks(const Chunks& found, unsigned threads,
                     const std::function<void(ModelReader&, std::size_t, std::size_t)>& read);

    /// Adds `count` definitions, counted at file offset `at`, to those read so far: more than
    /// max_definitions in all is refused.
    void count_definitions(std::uint64_t count, std::uint64_t at) {
        definitions_ += count;
        if (definitions_ > limits_.max_definitions) {
            throw SnapshotRefused{
                "limit-definitions",
                "the catalog has more than " + std::to_string(limits_.max_definitions) +
                    " definitions (max_definitions), counted at byte " + std::to_string(at)};
        }
    }

    /// Gives back the bytes read since the last time.
    void release_read() {
        release_(released_, in_->offset());
        released_ = in_->offset();
    }

    ByteReader* in_;
    const Limits& limits_;
    std::vector<FileName> files_;
    std::span<const Fact> facts_;
    std::unordered_map<std::string, Condition> compiled_;  ///< by text
    std::uint64_t definitions_ = 0;
    std::shared_ptr<const SectionIds> fields_;     ///< the version's, once read
    std::shared_ptr<const SectionIds> materials_;  ///< the version's, once read
    ItemIds items_;                                ///< the version's, once read
    std::uint32_t section_size_ = 0;               ///< the count of the section being read
    ResolvedLinks resolved_;                       ///< the version's references, as positions
    LanguageTags languages_;                       ///< of the version's texts
    ReleaseBytes release_;
    std::uint64_t released_ = 0;  ///< the file offset given back up to
};

}  // namespace onething::detail
