// The syntax of ids and language tags, checked by hand in one pass: a regular expression engine
// that recurses per repetition (std::regex) runs out of stack on a long enough text.
#include "model/id_syntax.hpp"

#include <algorithm>

namespace onething::detail {

namespace {

/// a-z.
bool is_lower(char c) {
    return c >= 'a' && c <= 'z';
}

/// 0-9.
bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

/// A-Z, a-z or 0-9.
bool is_alphanumeric(char c) {
    return is_lower(c) || (c >= 'A' && c <= 'Z') || is_digit(c);
}

}  // namespace

bool is_valid_id(std::string_view id) {
    if (id.empty() || id.size() > 128 || !(is_lower(id[0]) || is_digit(id[0]))) {
        return false;
    }
    for (const char c : id.substr(1)) {
        if (!is_lower(c) && !is_digit(c) && c != '_' && c != '.' && c != '-') {
            return false;
        }
    }
    return true;
}

bool is_language_tag(std::string_view tag) {
    std::size_t at = 0;
    while (at < tag.size() && is_lower(tag[at])) {
        ++at;
    }
    if (at < 2 || at > 3) {
        return false;
    }
    while (at < tag.size()) {
        if (tag[at] != '-') {
            return false;
        }
        const std::size_t start = ++at;
        while (at < tag.size() && is_alphanumeric(tag[at])) {
            ++at;
        }
        if (at == start || at - start > 8) {
            return false;
        }
    }
    return true;
}

std::optional<std::string> lower_case_language_tag(std::string_view tag) {
    const std::size_t first_end = std::min(tag.find('-'), tag.size());
    std::string lowered = ascii_lower(tag.substr(0, first_end));
    lowered += tag.substr(first_end);
    if (lowered == tag || !is_language_tag(lowered)) {
        return std::nullopt;
    }
    return lowered;
}

std::string ascii_lower(std::string_view text) {
    std::string lower(text);
    for (char& c : lower) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return lower;
}

}  // namespace onething::detail
