// The checks a snapshot's catalog passes before it is planned on (snapshot_check.hpp): values
// fit their facts, an enum fact has values, test cases resolve, no prerequisite cycle that every
// plan selecting one of its items has.
#include "snapshot/snapshot_check.hpp"

#include <algorithm>

#include "model/case_version.hpp"
#include "model/catalog_index.hpp"

namespace onething::detail {
namespace {

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

}  // namespace

void check_test(const Catalog& catalog, const TestCase& test) {
    refuse_unresolved(
        {test.bundle}, [&](const std::string& id) { return catalog.find_bundle(id); }, "bundle");
    for (const auto& [id, value] : test.facts) {
        const Fact* fact = catalog.find_fact(id);
        if (fact == nullptr) {
            throw SnapshotRefused{"snapshot-corrupt", "the test case '" + test.name +
                                                          "' gives the unknown fact '" + id + "'"};
        }
        check_value(*fact, value, ("the test case '" + test.name + "'").c_str());
    }
}

bool names_all(const Catalog& catalog, const TestCase& test) {
    const auto found = [&](std::string_view kind, std::string_view id) {
        return kind == "bundle"     ? catalog.find_bundle(id) != nullptr
               : kind == "fact"     ? catalog.find_fact(id) != nullptr
               : kind == "item"     ? catalog.find_item(id) != nullptr
               : kind == "field"    ? catalog.find_field(id) != nullptr
               : kind == "material" ? catalog.find_material(id) != nullptr
                                    : false;
    };
    if (!found("bundle", test.bundle.id)) {
        return false;
    }
    for (const auto& [id, value] : test.facts) {
        if (!found("fact", id)) {
            return false;
        }
    }
    const std::vector<CaseReference> names = expectation_references(test.expect);
    return std::all_of(names.begin(), names.end(),
                       [&](const CaseReference& name) { return found(name.kind, name.id); });
}

void check_catalog(const Catalog& catalog) {
    check_definitions(catalog);
    for (const TestCase& test : catalog.tests()) {
        check_test(catalog, test);
    }
}

/// The checks the planner relies on: values fit their facts, an enum fact has values, and no
/// item needs itself through prerequisites. The references of items and bundles need no check
/// here: the reader took each as a position checked against its section, and refused a
/// material need without a material.
void check_definitions(const Catalog& catalog) {
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
    const std::span<const Item> items = catalog.items();
    // Prerequisite cycles every plan selecting one of their items has, as the loader refuses
    // them: through needs without a `when` to items without one. An iterative depth-first
    // search, colouring items by position.
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
            const detail::ItemLinks& links = index.items[node];
            if (next == links.prerequisites.size()) {
                state[node] = 2;
                path.pop_back();
                continue;
            }
            const std::size_t written =
                links.conditional ? links.conditional->prerequisites[next] : next;
            const std::size_t to = links.prerequisites[next++];
            if (written >= items[node].needs_items.size() ||
                !items[node].needs_items[written].when.always() || !items[to].when.always()) {
                continue;  // a cycle through it is left to the plans whose facts close it
            }
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

}  // namespace onething::detail
