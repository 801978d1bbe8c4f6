// The warnings among a response's notes, without their "warning: ".
#include "request/response_warnings.hpp"

namespace onething::detail {

std::optional<std::string_view> warning_in(std::string_view note) {
    if (!note.starts_with(warning_prefix)) {
        return std::nullopt;
    }
    return note.substr(warning_prefix.size());
}

std::vector<std::string_view> warnings_among(const std::vector<std::string>& notes) {
    std::vector<std::string_view> warnings;
    for (const std::string_view note : notes) {
        if (const std::optional<std::string_view> warning = warning_in(note)) {
            warnings.push_back(*warning);
        }
    }
    return warnings;
}

}  // namespace onething::detail
