// Which unanswered facts could still change the selection.
#pragma once

#include <vector>

#include "onething/plan.hpp"
#include "plan/context.hpp"

namespace onething::detail {

/// Every fact unknown in `context.facts` and read by an undecided condition that could matter:
/// the bundle's, and those of the possible items (goals, prerequisites and producers reachable
/// while the facts are unknown) and of their needs and alternatives. The bundle's facts first
/// while its `when` is undecided, then by the number of items a fact decides (most first),
/// then by fact id (rule-format.md, "Guidance").
std::vector<Question> collect_questions(const PlanContext& context);

}  // namespace onething::detail
