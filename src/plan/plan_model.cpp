// Small accessors of the plan model.
#include <algorithm>

#include "onething/plan.hpp"

namespace onething {

double Metrics::get(Metric metric) const {
    switch (metric) {
        case Metric::steps:
            return steps;
        case Metric::forms:
            return forms;
        case Metric::fields:
            return fields;
        case Metric::materials:
            return materials;
        case Metric::visits:
            return visits;
        case Metric::days:
            return days;
    }
    return 0;
}

const char* to_string(Provision provision) {
    switch (provision) {
        case Provision::produced:
            return "produced";
        case Provision::e_license:
            return "e_license";
        case Provision::submitted:
            return "submitted";
        case Provision::shared:
            return "shared";
        case Provision::asked:
            return "asked";
    }
    return "asked";
}

const PlannedItem* Plan::find(std::string_view id) const {
    auto found = std::lower_bound(
        items.begin(), items.end(), id,
        [](const PlannedItem& item, std::string_view key) { return item.id < key; });
    return found != items.end() && found->id == id ? &*found : nullptr;
}

std::vector<std::string> Plan::asked_fields() const {
    std::vector<std::string> result;
    for (const FieldUse& use : fields) {
        if (use.provision == Provision::asked) {
            result.emplace_back(use.field);
        }
    }
    return result;
}

std::vector<std::string> Plan::submitted_materials() const {
    std::vector<std::string> result;
    for (const MaterialUse& use : materials) {
        if (use.provision == Provision::submitted) {
            result.emplace_back(use.material);
        }
    }
    return result;
}

}  // namespace onething
