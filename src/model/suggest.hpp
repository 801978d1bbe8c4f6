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

}  // namespace onething::detail
