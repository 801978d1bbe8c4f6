// Checking a program's facts against their declarations and applying defaults.
#include "facts/fact_check.hpp"
#include "onething/error.hpp"
#include "onething/plan.hpp"

namespace onething {

FactValues answered_facts(const Catalog& catalog, const Facts& facts) {
    const auto declared = catalog.facts();
    FactValues values(declared.size());
    std::vector<Diagnostic> problems;
    for (const auto& [id, value] : facts) {
        const Fact* fact = catalog.find_fact(id);
        if (!fact) {
            problems.push_back(
                {Severity::error, "unknown-fact", detail::unknown_fact_message(catalog, id), {}});
            continue;
        }
        auto checked = detail::check_fact_value(*fact, value);
        if (!checked.value) {
            problems.push_back({Severity::error, "invalid-fact", std::move(checked.error), {}});
            continue;
        }
        values[static_cast<std::size_t>(fact - declared.data())] = std::move(checked.value);
    }
    if (!problems.empty()) {
        throw InputError(std::move(problems));
    }
    return values;
}

FactValues resolve_facts(const Catalog& catalog, const Facts& facts) {
    const auto declared = catalog.facts();
    FactValues values = answered_facts(catalog, facts);
    for (std::size_t i = 0; i < declared.size(); ++i) {
        if (!values[i] && declared[i].default_value) {
            values[i] = declared[i].default_value;
        }
    }
    return values;
}

}  // namespace onething
