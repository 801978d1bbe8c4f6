// Small helpers of the form code.
#include "form/form_util.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>

namespace onething::detail::form {

std::string format_number(double value) {
    if (std::isfinite(value) && value == std::trunc(value) && std::fabs(value) < 9.0e15) {
        return std::to_string(static_cast<std::int64_t>(value));
    }
    char buffer[64];
    auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
    return error == std::errc() ? std::string(buffer, end) : std::to_string(value);
}

std::vector<std::string> id_segments(std::string_view id) {
    std::vector<std::string> segments;
    std::size_t start = 0;
    while (true) {
        const std::size_t dot = id.find('.', start);
        if (dot == std::string_view::npos) {
            segments.emplace_back(id.substr(start));
            return segments;
        }
        segments.emplace_back(id.substr(start, dot - start));
        start = dot + 1;
    }
}

std::vector<std::string> id_groups(std::string_view id) {
    std::vector<std::string> groups;
    for (std::size_t dot = id.find('.'); dot != std::string_view::npos;
         dot = id.find('.', dot + 1)) {
        groups.emplace_back(id.substr(0, dot));
    }
    return groups;
}

}  // namespace onething::detail::form
