// The ids a test case's expectation names (case_version.hpp).
#include "model/case_version.hpp"

namespace onething::detail {
namespace {

/// Adds each id of `expected` (when given) as a `kind`.
void add_ids(std::vector<CaseReference>& references,
             const std::optional<Expected<std::vector<std::string>>>& expected,
             std::string_view kind) {
    if (expected) {
        for (const std::string& id : expected->value) {
            references.push_back({kind, id});
        }
    }
}

/// Adds each reference of `expected` (when given) as a `kind`.
void add_refs(std::vector<CaseReference>& references,
              const std::optional<Expected<std::vector<Ref>>>& expected, std::string_view kind) {
    if (expected) {
        for (const Ref& ref : expected->value) {
            references.push_back({kind, ref.id});
        }
    }
}

}  // namespace

std::vector<CaseReference> expectation_references(const Expectation& expect) {
    std::vector<CaseReference> references;
    add_ids(references, expect.items, "item");
    add_ids(references, expect.includes, "item");
    add_ids(references, expect.excludes, "item");
    add_ids(references, expect.asked_fields, "field");
    add_ids(references, expect.submitted_materials, "material");
    if (expect.choices) {
        for (const ExpectedChoices& choices : expect.choices->value) {
            references.push_back({"item", choices.item.id});
            for (const Ref& material : choices.materials.value) {
                references.push_back({"material", material.id});
            }
        }
    }
    add_refs(references, expect.critical_path, "item");
    add_refs(references, expect.questions, "fact");
    return references;
}

}  // namespace onething::detail
