// The optimizer: exact branch-and-bound over any_of alternatives and producer choices.
#pragma once

#include <cstdint>
#include <optional>

#include "plan/evaluate.hpp"

namespace onething::detail {

/// The best candidate found, or why there is none.
struct SearchResult {
    std::optional<Selection> best;   ///< the chosen candidate
    Evaluation evaluation;           ///< its evaluation
    std::optional<Failure> failure;  ///< the first failure met, when there is no candidate
    bool optimal = true;             ///< false when the node bound cut the search short
    std::uint64_t nodes = 0;         ///< search nodes visited
};

/// Finds the candidate with the least `optimize` tuple (then the smallest sorted id list,
/// then the smallest any_of positions) among all minimal selections.
SearchResult search(const PlanContext& context, std::uint64_t max_nodes);

}  // namespace onething::detail
