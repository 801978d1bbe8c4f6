// Numbers, metrics and reductions as the JSON writers write them.
#include "write/json_values.hpp"

#include <cmath>
#include <cstdint>

namespace onething::detail {

using Json = nlohmann::ordered_json;

Json json_number(double value) {
    if (!std::isfinite(value)) {
        return nullptr;
    }
    if (value == std::floor(value) && std::fabs(value) < 9007199254740992.0) {
        return static_cast<std::int64_t>(value);
    }
    return value;
}

Json json_string_or_null(std::string_view text) {
    return text.empty() ? Json(nullptr) : Json(text);
}

Json metrics_json(const Metrics& metrics) {
    Json out = Json::object();
    for (Metric metric : all_metrics) {
        out[metric_name(metric)] = json_number(metrics.get(metric));
    }
    return out;
}

std::optional<double> change_percent(double before, double after) {
    if (before == 0 || !std::isfinite(before) || !std::isfinite(after)) {
        return std::nullopt;
    }
    const double reduction = (before - after) * 100.0 / before;
    if (!std::isfinite(reduction)) {
        return std::nullopt;
    }
    const double change = -std::round(reduction);
    return change == 0 ? 0.0 : change;
}

Json change_percent_json(double before, double after) {
    const std::optional<double> change = change_percent(before, after);
    return change ? json_number(*change) : Json(nullptr);
}

Json reduction_as_change_json(const std::optional<double>& reduction) {
    if (!reduction || !std::isfinite(*reduction)) {
        return nullptr;
    }
    const double change = -std::round(*reduction);
    return json_number(change == 0 ? 0.0 : change);
}

Json changes_json(const Metrics& before, const Metrics& after) {
    Json out = Json::object();
    for (Metric metric : all_metrics) {
        out[metric_name(metric)] = change_percent_json(before.get(metric), after.get(metric));
    }
    return out;
}

}  // namespace onething::detail
