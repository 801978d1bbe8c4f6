// The request target: its origin form, its path as the routes compare it, its query's values and
// the query a redirect carries.
#include "serve/target.hpp"

#include <boost/beast/core/string.hpp>
#include <charconv>
#include <system_error>

namespace onething::serve_detail {
namespace {

/// The byte the `%XX` at `at` of `text` stands for, or -1 when none starts there.
int escaped_byte(std::string_view text, std::size_t at) {
    if (text[at] != '%' || at + 2 >= text.size()) {
        return -1;
    }
    unsigned byte = 0;
    const char* digits = text.data() + at + 1;
    const auto [end, error] = std::from_chars(digits, digits + 2, byte, 16);
    return error == std::errc() && end == digits + 2 ? static_cast<int>(byte) : -1;
}

/// True for RFC 3986's unreserved characters: letters, digits, `-`, `.`, `_` and `~`.
bool unreserved(int byte) {
    return (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') ||
           (byte >= '0' && byte <= '9') || byte == '-' || byte == '.' || byte == '_' || byte == '~';
}

/// Appends `byte` percent-encoded, its hexadecimal digits upper case (RFC 3986, 2.1).
void append_escape(std::string& text, unsigned char byte) {
    static constexpr char digits[] = "0123456789ABCDEF";
    text += '%';
    text += digits[byte / 16];
    text += digits[byte % 16];
}

/// `text` decoded as a query's key or value (`+` a space, `%XX` the byte), or nullopt when a
/// `%` is not followed by two hexadecimal digits.
std::optional<std::string> form_decoded(std::string_view text) {
    std::string decoded;
    decoded.reserve(text.size());
    for (std::size_t at = 0; at < text.size(); ++at) {
        if (text[at] == '+') {
            decoded += ' ';
        } else if (text[at] != '%') {
            decoded += text[at];
        } else {
            const int byte = escaped_byte(text, at);
            if (byte < 0) {
                return std::nullopt;
            }
            decoded += static_cast<char>(byte);
            at += 2;
        }
    }
    return decoded;
}

}  // namespace

std::string origin_form(std::string_view target) {
    for (const std::string_view scheme :
         {std::string_view("http://"), std::string_view("https://")}) {
        if (target.size() > scheme.size() &&
            boost::beast::iequals(boost::beast::string_view(target.data(), scheme.size()),
                                  boost::beast::string_view(scheme.data(), scheme.size()))) {
            const std::string_view rest = target.substr(scheme.size());
            const auto path = rest.find_first_of("/?");  // the authority ends at either
            if (path == std::string_view::npos) {
                return "/";
            }
            return (rest[path] == '?' ? "/" : "") + std::string(rest.substr(path));
        }
    }
    return std::string(target);
}

std::optional<std::string> normalized_path(std::string_view path) {
    std::string normal;
    normal.reserve(path.size());
    for (std::size_t at = 0; at < path.size(); ++at) {
        if (path[at] != '%') {
            normal += path[at];
            continue;
        }
        const int byte = escaped_byte(path, at);
        if (byte < 0) {
            return std::nullopt;
        }
        if (unreserved(byte)) {
            normal += static_cast<char>(byte);
        } else {
            append_escape(normal, static_cast<unsigned char>(byte));
        }
        at += 2;
    }
    return normal;
}

std::string location_query(std::string_view query) {
    std::string kept;
    kept.reserve(query.size());
    for (std::size_t at = 0; at < query.size(); ++at) {
        const char c = query[at];
        if (c == '%' && escaped_byte(query, at) >= 0) {
            kept.append(query.substr(at, 3));
            at += 2;
        } else if (unreserved(static_cast<unsigned char>(c)) ||
                   (c != '\0' &&
                    std::string_view("!$&'()*+,;=:@/?").find(c) != std::string_view::npos)) {
            kept += c;
        } else {
            append_escape(kept, static_cast<unsigned char>(c));
        }
    }
    return kept;
}

QueryValue query_value(std::string_view query, std::string_view key) {
    QueryValue found;
    while (!query.empty()) {
        const auto amp = query.find('&');
        const std::string_view pair = query.substr(0, amp);
        const auto eq = pair.find('=');
        if (eq != std::string_view::npos && form_decoded(pair.substr(0, eq)) == key) {
            if (found.found) {
                found.repeated = true;
                return found;
            }
            found.found = true;
            if (auto value = form_decoded(pair.substr(eq + 1))) {
                found.value = std::move(*value);
            } else {
                found.malformed = true;
            }
        }
        if (amp == std::string_view::npos) {
            break;
        }
        query.remove_prefix(amp + 1);
    }
    return found;
}

}  // namespace onething::serve_detail
