// The provider rule for a need that nothing in the plan produces (rule-format.md, "Meaning: from
// bundle to plan", step 2): read by the catalog index (which materials only a producer can
// provide) and by the planner's provider rules (plan/provision.hpp).
#pragma once

#include <optional>

#include "onething/catalog.hpp"
#include "onething/plan.hpp"

namespace onething::detail {

/// How a needed material reaches its consumer when no selected item other than the consumer
/// produces it: an e-licence is retrieved, else a submittable material is submitted; nullopt
/// when only a producer can provide it.
inline std::optional<Provision> unproduced_provision(const Material& material) {
    if (material.e_license) {
        return Provision::e_license;
    }
    if (material.submittable) {
        return Provision::submitted;
    }
    return std::nullopt;
}

/// How a needed field reaches its consumer when no selected item other than the consumer
/// produces it: prefilled from shared data, else asked on the form.
inline Provision unproduced_provision(const Field& field) {
    return field.source == FieldSource::shared ? Provision::shared : Provision::asked;
}

}  // namespace onething::detail
