// "Did you mean" suggestions for misspelt keys and ids.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace onething::detail {

/// The candidate closest to `wanted` by edit distance, when close enough to be a likely typo
/// (distance at most max(1, length/3)); ties go to the smallest candidate. nullopt otherwise.
std::optional<std::string> nearest(std::string_view wanted,
                                   std::span<const std::string_view> candidates);

/// " (did you mean 'x'?)"-style suffix: "; did you mean 'x'?" or "" when nothing is close.
std::string did_you_mean(std::string_view wanted, std::span<const std::string_view> candidates);

/// What did-you-mean searches a load may still make: each search compares the wanted id with
/// every candidate, so their number and the ids they compare in all are capped (limits.md).
class SuggestionBudget {
  public:
    /// True, and spent, when one more search over `candidates` ids fits in what is left.
    bool spend(std::size_t candidates) {
        if (searches_left_ == 0 || candidates > work_left_) {
            return false;
        }
        --searches_left_;
        work_left_ -= candidates;
        return true;
    }

  private:
    std::size_t searches_left_ = 200;     ///< searches
    std::size_t work_left_ = 10'000'000;  ///< ids compared
};

}  // namespace onething::detail
