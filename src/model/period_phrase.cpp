// Periods as the words of messages (see period_phrase.hpp).
#include "model/period_phrase.hpp"

namespace onething::detail {

std::string days_phrase(const Period& days) {
    return (days.from && days.until ? "on " : "") + days.describe();
}

std::string merged_days_phrase(const std::vector<Period>& periods) {
    std::vector<Period> merged;
    for (const Period& period : periods) {
        if (!merged.empty() && merged.back().until && period.from &&
            merged.back().until->next() == period.from) {
            merged.back().until = period.until;
        } else {
            merged.push_back(period);
        }
    }
    std::string text;
    for (std::size_t i = 0; i < merged.size(); ++i) {
        text += i == 0 ? "" : i + 1 == merged.size() ? " and " : ", ";
        text += days_phrase(merged[i]);
    }
    return text;
}

}  // namespace onething::detail
