// Edit-distance suggestions for misspelt keys and ids.
#include "model/suggest.hpp"

#include <algorithm>
#include <vector>

namespace onething::detail {
namespace {

/// Optimal string alignment distance (Levenshtein plus adjacent transposition), bounded.
std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t bound) {
    const std::size_t n = a.size();
    const std::size_t m = b.size();
    if ((n > m ? n - m : m - n) > bound) {
        return bound + 1;
    }
    // Three rows, reused by every call of this thread (a search compares thousands of ids).
    thread_local std::vector<std::size_t> before, previous, current;
    before.assign(m + 1, 0);
    previous.resize(m + 1);
    current.resize(m + 1);
    for (std::size_t j = 0; j <= m; ++j) {
        previous[j] = j;
    }
    for (std::size_t i = 1; i <= n; ++i) {
        current[0] = i;
        std::size_t row_min = current[0];
        for (std::size_t j = 1; j <= m; ++j) {
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                current[j] = std::min(current[j], before[j - 2] + 1);
            }
            row_min = std::min(row_min, current[j]);
        }
        if (row_min > bound) {
            return bound + 1;
        }
        std::swap(before, previous);
        std::swap(previous, current);
    }
    return previous[m];
}

}  // namespace

std::optional<std::string> nearest(std::string_view wanted,
                                   std::span<const std::string_view> candidates) {
    const std::size_t bound = std::max<std::size_t>(1, wanted.size() / 3);
    std::optional<std::string> best;
    std::size_t best_distance = bound + 1;
    for (std::string_view candidate : candidates) {
        if (candidate == wanted) {
            continue;
        }
        // Only as close as the best so far can matter (a tie may win by order): the bound
        // shrinks as closer candidates are found, and the distance stops early past it.
        const std::size_t distance =
            edit_distance(wanted, candidate, std::min(bound, best_distance));
        if (distance < best_distance || (distance == best_distance && best && candidate < *best)) {
            best_distance = distance;
            best = std::string(candidate);
        }
    }
    if (best_distance > bound) {
        return std::nullopt;
    }
    return best;
}

std::string did_you_mean(std::string_view wanted, std::span<const std::string_view> candidates) {
    const auto suggestion = nearest(wanted, candidates);
    return suggestion ? "; did you mean '" + *suggestion + "'?" : std::string();
}

}  // namespace onething::detail
