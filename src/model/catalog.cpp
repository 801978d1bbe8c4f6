// The immutable catalog: sorted definitions, lookups by id, and the planner's index.
#include "onething/catalog.hpp"

#include <algorithm>

#include "model/catalog_data.hpp"
#include "model/catalog_index.hpp"
#include "model/language_tags.hpp"

namespace onething {

namespace {

/// Every language tag the texts of `data` are written in, sorted.
template <typename Data>
std::vector<std::string> text_languages(const Data& data) {
    detail::LanguageTags tags;
    for (const Fact& fact : data.facts) {
        tags.add(fact.question);
        tags.add(fact.labels);
    }
    for (const Field& field : data.fields) {
        tags.add(field.label);
        tags.add(field.labels);
    }
    for (const Material& material : data.materials) {
        tags.add(material.name);
    }
    for (const Item& item : data.items) {
        tags.add(item.name);
    }
    for (const Bundle& bundle : data.bundles) {
        tags.add(bundle.name);
    }
    return tags.sorted();
}

/// Sorts definitions by id (the loader hands them over sorted already: then only checked).
template <typename T>
void sort_by_id(std::vector<T>& definitions) {
    auto by_id = [](const T& a, const T& b) { return a.id < b.id; };
    if (!std::is_sorted(definitions.begin(), definitions.end(), by_id)) {
        std::stable_sort(definitions.begin(), definitions.end(), by_id);
    }
}

/// Binary search by id in a sorted vector.
template <typename T>
const T* find_by_id(const std::vector<T>& sorted, std::string_view id) {
    auto found =
        std::lower_bound(sorted.begin(), sorted.end(), id,
                         [](const T& element, std::string_view key) { return element.id < key; });
    return found != sorted.end() && found->id == id ? &*found : nullptr;
}

}  // namespace

Catalog::Catalog() : Catalog({}, {}, {}, {}, {}, {}) {}

Catalog::Catalog(std::vector<Fact> facts, std::vector<Field> fields,
                 std::vector<Material> materials, std::vector<Item> items,
                 std::vector<Bundle> bundles, std::vector<TestCase> tests)
    : data_(std::make_shared<Data>()) {
    data_->facts = std::move(facts);
    data_->fields = std::move(fields);
    data_->materials = std::move(materials);
    data_->items = std::move(items);
    data_->bundles = std::move(bundles);
    data_->tests = std::move(tests);
    sort_by_id(data_->facts);
    sort_by_id(data_->fields);
    sort_by_id(data_->materials);
    sort_by_id(data_->items);
    sort_by_id(data_->bundles);
    data_->languages = text_languages(*data_);
    data_->index = detail::build_index(*this);
}

Catalog::~Catalog() = default;
Catalog::Catalog(Catalog&&) noexcept = default;
Catalog& Catalog::operator=(Catalog&&) noexcept = default;

std::span<const Fact> Catalog::facts() const {
    return data_->facts;
}
std::span<const Field> Catalog::fields() const {
    return data_->fields;
}
std::span<const Material> Catalog::materials() const {
    return data_->materials;
}
std::span<const Item> Catalog::items() const {
    return data_->items;
}
std::span<const Bundle> Catalog::bundles() const {
    return data_->bundles;
}
std::span<const std::string> Catalog::languages() const {
    return data_->languages;
}
std::span<const TestCase> Catalog::tests() const {
    if (dated_tests_) {
        return *dated_tests_;
    }
    return data_->tests;
}

const Fact* Catalog::find_fact(std::string_view id) const {
    return find_by_id(data_->facts, id);
}
const Field* Catalog::find_field(std::string_view id) const {
    return find_by_id(data_->fields, id);
}
const Material* Catalog::find_material(std::string_view id) const {
    return find_by_id(data_->materials, id);
}
const Item* Catalog::find_item(std::string_view id) const {
    return find_by_id(data_->items, id);
}
const Bundle* Catalog::find_bundle(std::string_view id) const {
    return find_by_id(data_->bundles, id);
}

const Catalog& Catalog::as_of(const Date& day) const {
    if (!versions_) {
        return *this;
    }
    // Versions are in day order and cover every day: the last one starting on or before `day`.
    const std::vector<CatalogVersion>& all = *versions_;
    auto after = std::upper_bound(all.begin(), all.end(), day,
                                  [](const Date& wanted, const CatalogVersion& version) {
                                      return version.period.from && wanted < *version.period.from;
                                  });
    return after == all.begin() ? *all.front().catalog : *std::prev(after)->catalog;
}

std::span<const CatalogVersion> Catalog::versions() const {
    if (!versions_) {
        return {};
    }
    return *versions_;
}

Catalog Catalog::dated(std::vector<CatalogVersion> versions, std::vector<TestCase> tests,
                       const Date& today) {
    Catalog result;
    result.dated_tests_ = std::make_shared<const std::vector<TestCase>>(std::move(tests));
    auto all = std::make_shared<const std::vector<CatalogVersion>>(std::move(versions));
    result.versions_ = all;
    result.data_ = result.as_of(today).data_;
    return result;
}

const detail::CatalogIndex& detail::CatalogAccess::index(const Catalog& catalog) {
    return *catalog.data_->index;
}

Catalog detail::CatalogAccess::resolved(std::vector<Fact> facts, std::vector<Field> fields,
                                        std::vector<Material> materials, std::vector<Item> items,
                                        std::vector<Bundle> bundles, std::vector<TestCase> tests,
                                        ResolvedLinks resolved,
                                        std::vector<std::string> languages) {
    auto data = std::make_shared<Catalog::Data>();
    data->facts = std::move(facts);
    data->fields = std::move(fields);
    data->materials = std::move(materials);
    data->items = std::move(items);
    data->bundles = std::move(bundles);
    data->tests = std::move(tests);
    data->languages = std::move(languages);
    Catalog catalog;
    catalog.data_ = data;
    data->index = build_index(catalog, &resolved);
    return catalog;
}

bool Constraints::empty() const {
    return !pattern && !min_length && !max_length && !minimum && !maximum && !values;
}

bool Expectation::guide_only() const {
    return questions && !items && !includes && !excludes && !stages && before.empty() &&
           after.empty() && !asked_fields && !submitted_materials && !error && !choices &&
           !critical_path && !optimal;
}

const char* metric_name(Metric metric) {
    static constexpr const char* names[] = {"steps",     "forms",  "fields",
                                            "materials", "visits", "days"};
    return names[static_cast<int>(metric)];
}

const char* to_string(FactType type) {
    static constexpr const char* names[] = {"bool", "int", "number", "string", "date", "enum"};
    return names[static_cast<int>(type)];
}

const char* to_string(FieldType type) {
    static constexpr const char* names[] = {"string",  "integer", "number",
                                            "boolean", "date",    "enum"};
    return names[static_cast<int>(type)];
}

const char* to_string(ItemType type) {
    static constexpr const char* names[] = {"approval", "registration", "certificate", "benefit",
                                            "payment",  "filing",       "service"};
    return names[static_cast<int>(type)];
}

const char* to_string(Channel channel) {
    static constexpr const char* names[] = {"online", "mobile", "window", "self_service", "post"};
    return names[static_cast<int>(channel)];
}

}  // namespace onething
