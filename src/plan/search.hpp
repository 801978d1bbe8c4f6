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
    bool optimal = true;             ///< false when a search bound cut the search short
    std::uint64_t nodes = 0;         ///< search nodes visited
    std::uint64_t work = 0;          ///< selected items read by bounds and leaf checks
};

/// Finds the candidate with the least `optimize` tuple (then the smallest sorted id list,
/// then the smallest any_of positions) among all minimal selections.
SearchResult search(const PlanContext& context, const PlanOptions& options);

}  // namespace onething::detail
