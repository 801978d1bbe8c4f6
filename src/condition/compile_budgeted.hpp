// Compiling a `when` as the loader does: its unknown facts' did-you-mean searches counted against
// the load's cap, with the references' searches.
#pragma once

#include <span>
#include <string_view>

#include "model/suggest.hpp"
#include "onething/condition.hpp"
#include "onething/limits.hpp"

namespace onething::detail {

/// `compile_condition`, with an unknown fact's suggestion searched for only while `suggestions`
/// allows it (a catalog of many unknown facts in many `when`s lints in linear time).
CompiledCondition compile_condition(std::string_view text, std::span<const Fact> facts,
                                    const Limits& limits, SuggestionBudget& suggestions);

}  // namespace onething::detail
