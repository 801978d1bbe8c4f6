// Reading a snapshot: the header (magic, versions, size, checksum) first, then every section,
// bounded by the bytes left; then the checks that make a catalog safe to plan on (ids sorted and
// unique, references resolved, values of the declared types, no prerequisite cycle, conditions
// compiled again). Every problem is one located diagnostic; nothing in the bytes can crash it.
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <functional>
#include <new>
#include <unordered_map>

#include "model/catalog_index.hpp"
#include "onething/error.hpp"
#include "onething/snapshot.hpp"
#include "onething/version.hpp"
#include "snapshot/codec.hpp"

namespace onething {
namespace {

using detail::ByteReader;
using detail::SnapshotCorrupt;

/// The advice ending every error about a snapshot's bytes.
constexpr const char* compile_again =
    "; compile it again from the rule files with `onething compile PATH... -o FILE`";

/// A refusal that is not about the bytes' structure: a version, a limit, a failed check.
struct SnapshotRefused {
    std::string code;     ///< the diagnostic's code
    std::string message;  ///< what is wrong
};

/// An enumeration stored as a byte; a value past `last` is corrupt.
template <typename E>
E enumeration(ByteReader& in, std::uint8_t last, const char* what) {
    const std::uint8_t value = in.u8();
    if (value > last) {
        in.fail(1, std::string("an unknown ") + what + " (" + std::to_string(value) + ")");
    }
    return static_cast<E>(value);
}

/// Reads the model in the order ModelWriter writes it (snapshot_write.cpp).
class ModelReader {
  public:
    /// Reads from `in` under `limits`.
    ModelReader(ByteReader& in, const Limits& limits) : in_(in), limits_(limits) {}

    /// A string, copied out of the bytes.
    std::string string() { return std::string(in_.str()); }

    /// The table of file names that locations number.
    void file_table() {
        const std::uint32_t count = in_.count(4);
        files_.reserve(count);
        for (std::uint32_t k = 0; k < count; ++k) {
            files_.emplace_back(string());
        }
    }

    /// A location; its file number must be in the table.
    Location location() {
        const std::uint32_t file = in_.u32();
        if (file >= files_.size()) {
            in_.fail(4, "a location names file " + std::to_string(file) + " of " +
                            std::to_string(files_.size()));
        }
        Location where;
        where.file = files_[file];
        where.line = in_.i32();
        where.column = in_.i32();
        return where;
    }

    /// A text.
    Text text() {
        Text value;
        const std::uint32_t count = in_.count(8);
        for (std::uint32_t k = 0; k < count; ++k) {
            std::string language = string();
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
        const std::uint32_t count = in_.count(16);
        std::vector<Ref> values;
        values.reserve(count);
        for (std::uint32_t k = 0; k < count; ++k) {
            values.push_back(ref());
        }
        return values;
    }

    /// Strings, count first.
    std::vector<std::string> strings() {
        const std::uint32_t count = in_.count(4);
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

    /// A condition: its text, compiled against the facts (one program per distinct text).
    Condition condition() {
        const std::uint64_t at = in_.offset();
        const std::string_view source = in_.str();
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
        const std::uint8_t kind = in_.u8();
        switch (kind) {
            case 0:
                return Value(in_.boolean());
            case 1:
                return Value(in_.i64());
            case 2:
                return Value(in_.f64());
            case 3:
                return Value(string());
            case 4: {
                return Value(date());
            }
            default:
                in_.fail(1, "an unknown kind of value (" + std::to_string(kind) + ")");
        }
    }

    /// Labels by value.
    std::map<std::string, Text> labels() {
        std::map<std::string, Text> values;
        const std::uint32_t count = in_.count(8);
        for (std::uint32_t k = 0; k < count; ++k) {
            std::string key = string();
            values.insert_or_assign(std::move(key), text());
        }
        return values;
    }

    /// A presence flag, then the value when present.
    template <typename Read>
    auto optional(Read read) -> std::optional<decltype(read())> {
        if (!in_.boolean()) {
            return std::nullopt;
        }
        return read();
    }

    /// Every constraint.
    Constraints constraints() {
        Constraints value;
        value.pattern = optional([&] { return string(); });
        value.min_length = optional([&] { return in_.i64(); });
        value.max_length = optional([&] { return in_.i64(); });
        value.minimum = optional([&] { return in_.f64(); });
        value.maximum = optional([&] { return in_.f64(); });
        value.values = optional([&] { return strings(); });
        return value;
    }

    /// A fact.
    Fact fact() {
        Fact value;
        value.id = string();
        value.type = enumeration<FactType>(in_, 5, "fact type");
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
        value.type = enumeration<FieldType>(in_, 5, "field type");
        value.label = text();
        value.constraints = constraints();
        value.labels = labels();
        value.source = enumeration<FieldSource>(in_, 1, "field source");
        value.location = location();
        return value;
    }

    /// A material.
    Material material() {
        Material value;
        value.id = string();
        value.name = text();
        value.e_license = in_.boolean();
        value.submittable = in_.boolean();
        value.location = location();
        return value;
    }

    /// An item with its needs, their conditions and narrowings.
    Item item() {
        Item value;
        value.id = string();
        value.name = text();
        value.department = string();
        value.type = enumeration<ItemType>(in_, 6, "item type");
        const std::uint32_t channels = in_.count(1);
        value.channels.clear();
        for (std::uint32_t k = 0; k < channels; ++k) {
            value.channels.push_back(enumeration<Channel>(in_, 4, "channel"));
        }
        value.in_person = in_.boolean();
        value.automatic = in_.boolean();
        value.venue = string();
        value.duration_days = in_.f64();
        value.bundled_duration_days = optional([&] { return in_.f64(); });
        value.steps = in_.i32();
        value.visits = in_.i32();
        value.payee = optional([&] { return string(); });
        value.when = condition();
        const std::uint32_t items = in_.count(20);
        value.needs_items.resize(items);
        for (ItemNeed& need : value.needs_items) {
            need.item = ref();
            need.when = condition();
        }
        const std::uint32_t materials = in_.count(22);
        value.needs_materials.resize(materials);
        for (MaterialNeed& need : value.needs_materials) {
            need.alternatives = refs();
            const std::uint32_t whens = in_.count(4);
            if (whens != 0 && whens != need.alternatives.size()) {
                in_.fail(4, "a need has " + std::to_string(whens) + " alternative conditions for " +
                                std::to_string(need.alternatives.size()) + " alternatives");
            }
            need.alternative_when.resize(whens);
            for (Condition& when : need.alternative_when) {
                when = condition();
            }
            need.any_of = in_.boolean();
            need.when = condition();
            need.location = location();
        }
        const std::uint32_t fields = in_.count(21);
        value.needs_fields.resize(fields);
        for (FieldNeed& need : value.needs_fields) {
            need.field = ref();
            if (in_.boolean()) {
                auto narrowing = std::make_shared<Narrowing>();
                narrowing->constraints = constraints();
                const std::uint32_t count = in_.count(16);
                for (std::uint32_t k = 0; k < count; ++k) {
                    std::string key = string();
                    narrowing->locations.insert_or_assign(std::move(key), location());
                }
                need.narrowing = std::move(narrowing);
            }
            need.when = condition();
        }
        value.produces_materials = refs();
        value.produces_fields = refs();
        value.location = location();
        return value;
    }

    /// A bundle.
    Bundle bundle() {
        Bundle value;
        value.id = string();
        value.name = text();
        value.goals = refs();
        value.defer = refs();
        const std::uint32_t metrics = in_.count(1);
        value.optimize.clear();
        for (std::uint32_t k = 0; k < metrics; ++k) {
            value.optimize.push_back(enumeration<Metric>(in_, 5, "metric"));
        }
        value.when = condition();
        value.annual_cases = optional([&] { return in_.i64(); });
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
        const std::uint32_t count = in_.count(21);
        for (std::uint32_t k = 0; k < count; ++k) {
            const Metric metric = enumeration<Metric>(in_, 5, "metric");
            values.insert_or_assign(metric, expected([&] { return in_.f64(); }));
        }
        return values;
    }

    /// What a test case expects.
    Expectation expectation() {
        Expectation value;
        value.items = expected_strings();
        value.includes = expected_strings();
        value.excludes = expected_strings();
        value.stages = optional([&] { return expected([&] { return in_.i64(); }); });
        value.before = expected_metrics();
        value.after = expected_metrics();
        value.asked_fields = expected_strings();
        value.submitted_materials = expected_strings();
        value.error = optional([&] { return expected([&] { return string(); }); });
        value.choices = optional([&] {
            return expected([&] {
                const std::uint32_t count = in_.count(32);
                std::vector<ExpectedChoices> all(count);
                for (ExpectedChoices& choice : all) {
                    choice.item = ref();
                    choice.materials = expected([&] { return refs(); });
                }
                return all;
            });
        });
        value.critical_path = optional([&] { return expected([&] { return refs(); }); });
        value.optimal = optional([&] { return expected([&] { return in_.boolean(); }); });
        value.questions = optional([&] { return expected([&] { return refs(); }); });
        return value;
    }

    /// A test case.
    TestCase test() {
        TestCase value;
        value.name = string();
        value.bundle = ref();
        const std::uint32_t facts = in_.count(5);
        for (std::uint32_t k = 0; k < facts; ++k) {
            std::string id = string();
            value.facts.insert_or_assign(std::move(id), this->value());
        }
        const std::uint32_t locations = in_.count(16);
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
        day.year = in_.i32();
        day.month = in_.u8();
        day.day = in_.u8();
        if (!Date::parse(day.to_string())) {
            in_.fail(6, "an invalid date " + day.to_string());
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
        value.severity = enumeration<Severity>(in_, 2, "severity");
        value.code = string();
        value.message = string();
        value.location = location();
        return value;
    }

    /// A section: its count (checked against what is left and against max_definitions), then
    /// its elements.
    template <typename T>
    std::vector<T> section(T (ModelReader::*read)(), std::size_t min_bytes, bool definitions) {
        const std::uint64_t at = in_.offset();
        const std::uint32_t count = in_.count(min_bytes);
        if (definitions) {
            definitions_ += count;
            if (definitions_ > limits_.max_definitions) {
                throw SnapshotRefused{
                    "limit-definitions",
                    "the catalog has more than " + std::to_string(limits_.max_definitions) +
                        " definitions (max_definitions), counted at byte " + std::to_string(at)};
            }
        }
        std::vector<T> values;
        values.reserve(count);
        for (std::uint32_t k = 0; k < count; ++k) {
            values.push_back((this->*read)());
            if (release_ && k % 1024 == 1023) {
                release_(in_.offset());
            }
        }
        return values;
    }

    /// Called now and then with the file offset read up to (bytes before it are done with).
    void on_progress(const std::function<void(std::uint64_t)>* release) {
        if (release != nullptr && *release) {
            release_ = *release;
        }
    }

  private:
    ByteReader& in_;
    const Limits& limits_;
    std::vector<FileName> files_;
    std::span<const Fact> facts_;
    std::unordered_map<std::string, Condition> compiled_;  ///< by text
    std::uint64_t definitions_ = 0;
    std::function<void(std::uint64_t)> release_;
};

/// Throws SnapshotRefused unless the ids of `values` are strictly increasing (sorted, unique).
template <typename T>
void check_sorted(const std::vector<T>& values, const char* section) {
    for (std::size_t k = 1; k < values.size(); ++k) {
        if (!(values[k - 1].id < values[k].id)) {
            throw SnapshotRefused{"snapshot-corrupt", std::string("the ") + section + " '" +
                                                          values[k].id +
                                                          "' is out of order or repeated"};
        }
    }
}

/// Throws SnapshotRefused naming the first of `refs` that `find` does not resolve.
template <typename Find>
void refuse_unresolved(const std::vector<Ref>& refs, Find find, const char* kind) {
    for (const Ref& ref : refs) {
        if (find(ref.id) == nullptr) {
            throw SnapshotRefused{"snapshot-corrupt", std::string("a reference to the unknown ") +
                                                          kind + " '" + ref.id + "'"};
        }
    }
}

/// True when `value` has the type facts of `fact`'s type hold (fact_check.cpp's typing).
bool fits(const Fact& fact, const Value& value) {
    switch (fact.type) {
        case FactType::boolean:
            return std::holds_alternative<bool>(value);
        case FactType::integer:
            return std::holds_alternative<std::int64_t>(value);
        case FactType::number:
            return std::holds_alternative<double>(value);
        case FactType::string:
            return std::holds_alternative<std::string>(value);
        case FactType::date:
            return std::holds_alternative<Date>(value);
        case FactType::enumeration: {
            const std::string* text = std::get_if<std::string>(&value);
            return text != nullptr &&
                   std::find(fact.values.begin(), fact.values.end(), *text) != fact.values.end();
        }
    }
    return false;
}

/// Throws SnapshotRefused unless `value` fits `fact`.
void check_value(const Fact& fact, const Value& value, const char* where) {
    if (!fits(fact, value)) {
        throw SnapshotRefused{"snapshot-corrupt", std::string("a value of the fact '") + fact.id +
                                                      "' in " + where +
                                                      " is not of the fact's type"};
    }
}

/// The checks the planner relies on: every reference resolves, values fit their facts, an
/// enum fact has values, and no item needs itself through prerequisites. References are checked
/// on the catalog's index, which resolved them all once (it drops what does not resolve).
void check_catalog(const Catalog& catalog) {
    for (const Fact& fact : catalog.facts()) {
        if ((fact.type == FactType::enumeration) == fact.values.empty()) {
            throw SnapshotRefused{"snapshot-corrupt", "the fact '" + fact.id +
                                                          "' has values but is not an enum, or "
                                                          "is an enum without values"};
        }
        if (fact.default_value) {
            check_value(fact, *fact.default_value, "its default");
        }
    }
    const detail::CatalogIndex& index = detail::index_of(catalog);
    const auto item_of = [&](const std::string& id) { return catalog.find_item(id); };
    const auto material_of = [&](const std::string& id) { return catalog.find_material(id); };
    const auto field_of = [&](const std::string& id) { return catalog.find_field(id); };
    const std::span<const Item> items = catalog.items();
    for (std::size_t i = 0; i < items.size(); ++i) {
        const Item& item = items[i];
        const detail::ItemLinks& links = index.items[i];
        if (links.prerequisites.size() != item.needs_items.size()) {
            std::vector<Ref> refs;
            for (const ItemNeed& need : item.needs_items) {
                refs.push_back(need.item);
            }
            refuse_unresolved(refs, item_of, "item");
        }
        bool materials_resolved = links.material_needs.size() == item.needs_materials.size();
        for (std::size_t n = 0; materials_resolved && n < links.material_needs.size(); ++n) {
            materials_resolved =
                links.material_needs[n].size() == item.needs_materials[n].alternatives.size();
        }
        for (const MaterialNeed& need : item.needs_materials) {
            if (need.alternatives.empty()) {
                throw SnapshotRefused{"snapshot-corrupt", "the item '" + item.id +
                                                              "' has a material need without "
                                                              "a material"};
            }
            if (!materials_resolved) {
                refuse_unresolved(need.alternatives, material_of, "material");
            }
        }
        if (links.field_needs.size() != item.needs_fields.size()) {
            std::vector<Ref> refs;
            for (const FieldNeed& need : item.needs_fields) {
                refs.push_back(need.field);
            }
            refuse_unresolved(refs, field_of, "field");
        }
        if (links.produced_materials.size() != item.produces_materials.size()) {
            refuse_unresolved(item.produces_materials, material_of, "material");
        }
        if (links.produced_fields.size() != item.produces_fields.size()) {
            refuse_unresolved(item.produces_fields, field_of, "field");
        }
    }
    const std::span<const Bundle> bundles = catalog.bundles();
    for (std::size_t b = 0; b < bundles.size(); ++b) {
        if (index.bundles[b].goals.size() != bundles[b].goals.size() ||
            index.bundles[b].defer.size() != bundles[b].defer.size()) {
            refuse_unresolved(bundles[b].goals, item_of, "item");
            refuse_unresolved(bundles[b].defer, item_of, "item");
        }
    }
    for (const TestCase& test : catalog.tests()) {
        refuse_unresolved(
            {test.bundle}, [&](const std::string& id) { return catalog.find_bundle(id); },
            "bundle");
        for (const auto& [id, value] : test.facts) {
            const Fact* fact = catalog.find_fact(id);
            if (fact == nullptr) {
                throw SnapshotRefused{
                    "snapshot-corrupt",
                    "the test case '" + test.name + "' gives the unknown fact '" + id + "'"};
            }
            check_value(*fact, value, ("the test case '" + test.name + "'").c_str());
        }
    }
    // Prerequisite cycles: an iterative depth-first search, colouring items by position.
    std::vector<std::uint8_t> state(items.size(), 0);  // 0 new, 1 on the path, 2 done
    std::vector<std::pair<std::size_t, std::size_t>> path;
    for (std::size_t root = 0; root < items.size(); ++root) {
        if (state[root] != 0) {
            continue;
        }
        state[root] = 1;
        path.emplace_back(root, 0);
        while (!path.empty()) {
            auto& [node, next] = path.back();
            const std::vector<detail::Index>& prerequisites = index.items[node].prerequisites;
            if (next == prerequisites.size()) {
                state[node] = 2;
                path.pop_back();
                continue;
            }
            const std::size_t to = prerequisites[next++];
            if (state[to] == 1) {
                throw SnapshotRefused{"snapshot-corrupt", "the item '" + items[to].id +
                                                              "' needs itself through its "
                                                              "prerequisites"};
            }
            if (state[to] == 0) {
                state[to] = 1;
                path.emplace_back(to, 0);
            }
        }
    }
}

/// Reads the header; returns the payload. Throws SnapshotCorrupt or SnapshotRefused.
std::string_view read_header(std::string_view bytes) {
    if (bytes.size() < detail::snapshot_magic.size() && detail::snapshot_magic.starts_with(bytes) &&
        !bytes.empty()) {
        throw SnapshotCorrupt{bytes.size(), "the header is truncated"};
    }
    if (!looks_like_snapshot(bytes) || bytes.substr(0, 8) != detail::snapshot_magic) {
        throw SnapshotRefused{"snapshot-magic",
                              "not an onething snapshot: its first bytes are not the snapshot "
                              "magic; name rule files, or a file written by `onething compile`"};
    }
    ByteReader in(bytes, 0);
    in.take(8);
    if (in.left() < detail::snapshot_fixed_header - 8) {
        throw SnapshotCorrupt{in.offset(), "the header is truncated"};
    }
    const std::uint32_t format = in.u32();
    const std::uint32_t length = in.u32();
    if (length > detail::snapshot_max_version_length || length > in.left()) {
        if (format == snapshot_format_version) {
            throw SnapshotCorrupt{12, "the header is truncated or its version is corrupt"};
        }
        throw SnapshotRefused{"snapshot-version",
                              "the snapshot is of format " + std::to_string(format) +
                                  ", this is onething " + version_string + " (snapshot format " +
                                  std::to_string(snapshot_format_version) + ")"};
    }
    const std::string_view library = in.take(length);
    if (format != snapshot_format_version || library != version_string) {
        throw SnapshotRefused{"snapshot-version",
                              "the snapshot was compiled by onething " + std::string(library) +
                                  " (snapshot format " + std::to_string(format) +
                                  "); this is onething " + version_string + " (snapshot format " +
                                  std::to_string(snapshot_format_version) + ")"};
    }
    if (in.left() < 16) {
        throw SnapshotCorrupt{in.offset(), "the header is truncated"};
    }
    const std::uint64_t size = in.u64();
    const std::uint64_t checksum = in.u64();
    if (size != in.left()) {
        throw SnapshotCorrupt{in.offset(),
                              "the snapshot is " +
                                  std::string(size > in.left() ? "truncated" : "too long") +
                                  ": the header announces " + std::to_string(size) +
                                  " bytes of catalog, the file holds " + std::to_string(in.left())};
    }
    const std::string_view payload = in.take(size);
    if (detail::snapshot_checksum(payload) != checksum) {
        throw SnapshotRefused{"snapshot-checksum",
                              "the snapshot is corrupt: its checksum does not match its bytes"};
    }
    return payload;
}

/// The definitions of one version of a snapshot, as read.
struct VersionSections {
    Period period;                    ///< its days (a dated catalog's version)
    std::vector<Fact> facts;          ///< sorted by id
    std::vector<Field> fields;        ///< sorted by id
    std::vector<Material> materials;  ///< sorted by id
    std::vector<Item> items;          ///< sorted by id
    std::vector<Bundle> bundles;      ///< sorted by id
};

/// A dated catalog from its versions: their periods must follow each other day after day from
/// always to forever; each version gets the cases planned on its days (their `as_of`, or today)
/// and passes the planner's checks.
Catalog dated_catalog(std::vector<VersionSections>& read_versions, std::vector<TestCase> tests) {
    for (std::size_t v = 0; v < read_versions.size(); ++v) {
        const Period& period = read_versions[v].period;
        const bool first = v == 0;
        const bool last = v + 1 == read_versions.size();
        const bool follows = first ? !period.from
                                   : period.from && read_versions[v - 1].period.until &&
                                         read_versions[v - 1].period.until->next() == period.from;
        if (!follows || last != !period.until ||
            (period.from && period.until && *period.until < *period.from)) {
            throw SnapshotRefused{"snapshot-corrupt",
                                  "the dated versions do not cover every day once, in order (at "
                                  "version " +
                                      std::to_string(v + 1) + ", " + period.describe() + ")"};
        }
    }
    const Date today = Date::today();
    std::vector<CatalogVersion> versions;
    for (VersionSections& sections : read_versions) {
        std::vector<TestCase> own_tests;
        for (const TestCase& test : tests) {
            if (sections.period.contains(test.as_of ? test.as_of->value : today)) {
                own_tests.push_back(test);
            }
        }
        auto version = std::make_shared<const Catalog>(
            std::move(sections.facts), std::move(sections.fields), std::move(sections.materials),
            std::move(sections.items), std::move(sections.bundles), std::move(own_tests));
        check_catalog(*version);
        versions.push_back({sections.period, std::move(version)});
    }
    return Catalog::dated(std::move(versions), std::move(tests), today);
}

/// Reads the payload into `result`.
void read_payload(std::string_view payload, std::uint64_t base, const Limits& limits,
                  const std::function<void(std::uint64_t)>* release, LoadResult& result) {
    ByteReader in(payload, base);
    ModelReader model(in, limits);
    model.on_progress(release);
    result.revision = std::string(in.str());
    result.files = in.u64();
    if (result.files > limits.max_files) {
        throw SnapshotRefused{"limit-files", "the catalog was compiled from " +
                                                 std::to_string(result.files) +
                                                 " files, more than the limit of " +
                                                 std::to_string(limits.max_files) + " (max_files)"};
    }
    model.file_table();
    // 0 versions: an undated catalog's definitions follow; else each version's period and
    // definitions, in day order (snapshot_write.cpp).
    const std::uint32_t version_count = in.u32();
    if (version_count > limits.max_versions) {
        throw SnapshotRefused{"limit-versions", "the catalog has " + std::to_string(version_count) +
                                                    " dated versions, more than the limit of " +
                                                    std::to_string(limits.max_versions) +
                                                    " (max_versions)"};
    }
    if (version_count == 1) {
        in.fail(4, "a dated catalog of one version");
    }
    std::vector<VersionSections> read_versions;
    for (std::uint32_t v = 0; v < std::max<std::uint32_t>(version_count, 1); ++v) {
        VersionSections sections;
        if (version_count > 0) {
            sections.period = model.period();
        }
        sections.facts = model.section(&ModelReader::fact, 30, true);
        check_sorted(sections.facts, "fact");
        model.set_facts(sections.facts);
        sections.fields = model.section(&ModelReader::field, 32, true);
        check_sorted(sections.fields, "field");
        sections.materials = model.section(&ModelReader::material, 22, true);
        check_sorted(sections.materials, "material");
        sections.items = model.section(&ModelReader::item, 77, true);
        check_sorted(sections.items, "item");
        sections.bundles = model.section(&ModelReader::bundle, 37, true);
        check_sorted(sections.bundles, "bundle");
        read_versions.push_back(std::move(sections));
    }
    std::vector<TestCase> tests = model.section(&ModelReader::test, 59, true);
    std::vector<Diagnostic> diagnostics = model.section(&ModelReader::diagnostic, 21, false);
    if (in.left() != 0) {
        in.fail(0, std::to_string(in.left()) + " bytes follow the catalog");
    }
    for (const Diagnostic& diagnostic : diagnostics) {
        if (diagnostic.severity == Severity::error) {
            throw SnapshotRefused{"snapshot-corrupt",
                                  "it holds an error diagnostic; a snapshot "
                                  "holds only a checked catalog"};
        }
    }
    if (version_count == 0) {
        VersionSections& only = read_versions.front();
        Catalog catalog(std::move(only.facts), std::move(only.fields), std::move(only.materials),
                        std::move(only.items), std::move(only.bundles), std::move(tests));
        check_catalog(catalog);
        result.catalog = std::move(catalog);
    } else {
        result.catalog = dated_catalog(read_versions, std::move(tests));
    }
    result.diagnostics = std::move(diagnostics);
}

/// The one diagnostic of a refused snapshot.
LoadResult refused(const std::string& name, std::string code, std::string message) {
    LoadResult result;
    result.diagnostics.push_back(
        {Severity::error, std::move(code), std::move(message), {name, 0, 0}});
    return result;
}

}  // namespace

bool looks_like_snapshot(std::string_view bytes) {
    return !bytes.empty() && bytes.front() == detail::snapshot_magic.front();
}

namespace {

/// read_snapshot, telling `release` (when set) how far the bytes have been read.
LoadResult read_bytes(const std::string& name, std::string_view bytes, const Limits& limits,
                      const std::function<void(std::uint64_t)>* release) {
    if (bytes.size() > limits.max_snapshot_bytes) {
        return refused(name, "limit-snapshot-size",
                       "the snapshot is " + std::to_string(bytes.size()) +
                           " bytes, more than the limit of " +
                           std::to_string(limits.max_snapshot_bytes) +
                           " (max_snapshot_bytes); raise the limit (docs/limits.md)");
    }
    try {
        const std::string_view payload = read_header(bytes);
        LoadResult result;
        if (release != nullptr && *release) {
            (*release)(bytes.size());  // the checksum read every byte: give the pages back
        }
        read_payload(payload, bytes.size() - payload.size(), limits, release, result);
        return result;
    } catch (const SnapshotCorrupt& corrupt) {
        return refused(name, "snapshot-corrupt",
                       "the snapshot is corrupt at byte " + std::to_string(corrupt.offset) + ": " +
                           corrupt.what + compile_again);
    } catch (const SnapshotRefused& refusal) {
        const bool limit = refusal.code.rfind("limit-", 0) == 0;
        return refused(
            name, refusal.code,
            refusal.message + (limit ? "; raise the limit (docs/limits.md)" : compile_again));
    } catch (const std::bad_alloc&) {
        return refused(name, "out-of-memory",
                       "out of memory while reading the snapshot (see docs/limits.md)");
    }
}

}  // namespace

namespace {

/// A read-only private mapping of a whole file, unmapped when destroyed.
class Mapping {
  public:
    Mapping(void* address, std::size_t size) : address_(address), size_(size) {}
    Mapping(const Mapping&) = delete;
    Mapping& operator=(const Mapping&) = delete;
    ~Mapping() { ::munmap(address_, size_); }
    /// The file's bytes.
    std::string_view bytes() const { return {static_cast<const char*>(address_), size_}; }
    /// Drops the pages before `offset` from memory (they are read again if touched again).
    void release(std::uint64_t offset) {
        const std::uint64_t page = static_cast<std::uint64_t>(::sysconf(_SC_PAGESIZE));
        const std::uint64_t upto = std::min<std::uint64_t>(offset, size_) / page * page;
        if (upto > released_) {
            ::madvise(static_cast<char*>(address_) + released_, upto - released_, MADV_DONTNEED);
            released_ = upto;
        }
        if (offset >= size_) {
            released_ = 0;  // the whole file was read (the checksum): it is read again from 0
        }
    }

  private:
    void* address_;
    std::size_t size_;
    std::uint64_t released_ = 0;
};

}  // namespace

LoadResult read_snapshot(const std::string& name, std::string_view bytes, const Limits& limits) {
    return read_bytes(name, bytes, limits, nullptr);
}

LoadResult load_snapshot(const std::string& path, const Limits& limits) {
    // Mapped, not copied: the pages read are given back as the reading moves on, so loading
    // holds little more than the catalog itself.
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        throw IoError("unreadable", "cannot read '" + path + "': " + std::strerror(errno),
                      Location{path, 0, 0});
    }
    struct stat status {};
    const bool regular = ::fstat(fd, &status) == 0 && S_ISREG(status.st_mode);
    const std::uint64_t size = regular ? static_cast<std::uint64_t>(status.st_size) : 0;
    if (!regular || size == 0 || size > limits.max_snapshot_bytes) {
        ::close(fd);
        if (!regular) {
            throw IoError("unreadable", "cannot read '" + path + "': not a regular file",
                          Location{path, 0, 0});
        }
        if (size == 0) {
            return read_snapshot(path, {}, limits);
        }
        return refused(path, "limit-snapshot-size",
                       "the snapshot is larger than " + std::to_string(limits.max_snapshot_bytes) +
                           " bytes (max_snapshot_bytes); raise the limit with "
                           "--max-snapshot-bytes");
    }
    void* address = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
    const int error = errno;
    ::close(fd);
    if (address == MAP_FAILED) {
        throw IoError("unreadable", "cannot read '" + path + "': " + std::strerror(error),
                      Location{path, 0, 0});
    }
    Mapping mapping(address, size);
    ::madvise(address, size, MADV_SEQUENTIAL);
    const std::function<void(std::uint64_t)> release = [&](std::uint64_t offset) {
        mapping.release(offset);
    };
    return read_bytes(path, mapping.bytes(), limits, &release);
}

}  // namespace onething
