// Periods as the words of messages: "from 2020-01-01", "on 2019-01-01..2019-12-31", and lists
// of them with adjacent ones merged.
#pragma once

#include <string>
#include <vector>

#include "onething/catalog.hpp"

namespace onething::detail {

/// A period as a phrase: "from 2020-01-01", "until 2019-12-31", "on 2019-01-01..2019-12-31" or
/// "always".
std::string days_phrase(const Period& days);

/// Periods in day order as one phrase, a period that starts the day after the one before it
/// ends merged into it: "until 2018-12-31 and from 2020-01-01", "a, b and c".
std::string merged_days_phrase(const std::vector<Period>& periods);

}  // namespace onething::detail
