// The bounds of an item's numbers in a rule file, said once: the loader refuses a value past
// them, and the CPSV-AP import refuses a processing time it could not write within them.
#pragma once

#include <string_view>

namespace onething::detail {

/// The most working days `duration_days` and `bundled_duration_days` hold (the least is 0).
inline constexpr double max_duration_days = 1'000'000;

/// The bounds of `duration_days` as messages say them.
inline constexpr std::string_view duration_days_bounds = "between 0 and 1000000";

}  // namespace onething::detail
