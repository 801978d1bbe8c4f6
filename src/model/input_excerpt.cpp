// Input text quoted in a message: whole when short, its start and its length when long.
#include "model/input_excerpt.hpp"

#include "text/utf8.hpp"

namespace onething::detail {

std::string quoted_input(std::string_view text) {
    if (text.size() <= quoted_input_limit) {
        std::string quoted;
        quoted.reserve(text.size() + 2);
        quoted += '\'';
        quoted += text;
        quoted += '\'';
        return quoted;
    }
    return "'" + input_start(text) + "' (" + std::to_string(text.size()) + " bytes)";
}

std::string input_start(std::string_view text) {
    if (text.size() <= quoted_input_limit) {
        return std::string(text);
    }
    return std::string(text.substr(0, utf8_cut(text, quoted_input_limit))) + "…";
}

}  // namespace onething::detail
