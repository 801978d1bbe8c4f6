// Turning the chosen candidate into the public Plan value.
#pragma once

#include "onething/plan.hpp"
#include "plan/search.hpp"

namespace onething::detail {

/// Builds the plan (ids, schedule, reasons, providers, choices, exclusions) of a candidate.
Plan assemble_plan(const PlanContext& context, const Selection& selection,
                   const Evaluation& evaluation);

}  // namespace onething::detail
