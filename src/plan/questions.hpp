// Which unanswered facts could still change the selection.
#pragma once

#include <vector>

#include "onething/plan.hpp"
#include "plan/context.hpp"

namespace onething::detail {

/// Every fact that is unknown and read by a condition that could matter: the bundle's, and
/// those of the goals, prerequisites and producers reachable while the facts are unknown.
/// Sorted by the number of items it decides (most first), then by fact id.
std::vector<Question> collect_questions(const PlanContext& context);

}  // namespace onething::detail
