// The warnings among a response's notes, without their "warning: ".
#include "request/response_warnings.hpp"

namespace onething::detail {

std::vector<std::string_view> warnings_among(const std::vector<std::string>& notes) {
    std::vector<std::string_view> warnings;
    for (const std::string_view note : notes) {
        if (note.starts_with(warning_prefix)) {
            warnings.push_back(note.substr(warning_prefix.size()));
        }
    }
    return warnings;
}

}  // namespace onething::detail
