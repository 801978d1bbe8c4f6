// Private helpers of the JSON writers: numbers, metrics and reductions as the documented JSON
// schemas write them (docs/plan-json.md).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

#include "onething/plan.hpp"

namespace onething::detail {

/// A number: a JSON integer when integral, else the shortest double; null when not finite.
nlohmann::ordered_json json_number(double value);

/// A string, or null when empty.
nlohmann::ordered_json json_string_or_null(std::string_view text);

/// The six metrics in contract order: `{"steps": n, ...}`.
nlohmann::ordered_json metrics_json(const Metrics& metrics);

/// The change in whole percent (negative is a reduction), nullopt when `before` is 0.
std::optional<double> change_percent(double before, double after);

/// The change in whole percent (negative is a reduction), null when `before` is 0.
nlohmann::ordered_json change_percent_json(double before, double after);

/// A reduction as `reduction()` gives it (69 for 69% fewer) as the change in whole percent
/// (-69), null when there is none.
nlohmann::ordered_json reduction_as_change_json(const std::optional<double>& reduction);

/// The change of every metric from `before` to `after`: `{"steps": -91, ...}`.
nlohmann::ordered_json changes_json(const Metrics& before, const Metrics& after);

}  // namespace onething::detail
