// The access log line and the response head, written straight into a string.
#include "serve/wire.hpp"

#include <charconv>

#include "model/input_excerpt.hpp"
#include "text/utf8.hpp"
#include "write/json_string.hpp"

namespace onething::serve_detail {
namespace {

using detail::append_json_string;

/// Appends `value` in decimal.
void append_integer(std::string& out, std::uint64_t value) {
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
    out.append(digits, end);
}

/// Appends `name: value` and its line end.
void append_field(std::string& out, std::string_view name, std::string_view value) {
    out.append(name);
    out.append(": ");
    out.append(value);
    out.append("\r\n");
}

}  // namespace

std::string access_log_line(const AccessRecord& record) {
    std::string line;
    line.reserve(256 + record.path.size() + record.bundle.size());
    line += "{\"time\":";
    append_json_string(line, record.time);
    line += ",\"request_id\":";
    append_integer(line, record.request_id);
    line += ",\"method\":";
    append_json_string(line, record.method);
    line += ",\"path\":";
    append_json_string(line, record.path);
    line += ",\"status\":";
    append_integer(line, static_cast<std::uint64_t>(record.status));
    line += ",\"bundle\":";
    if (record.bundle.empty()) {
        line += "null";
    } else if (record.bundle.size() <= detail::quoted_input_limit) {
        append_json_string(line, record.bundle);
    } else {  // a client's megabyte id: its start, as a message quotes it
        append_json_string(line,
                           std::string(record.bundle.substr(
                               0, detail::utf8_cut(record.bundle, detail::quoted_input_limit))) +
                               "…");
    }
    // Milliseconds with at most three decimals, at least one: 0.323, 1.5, 2.0.
    line += ",\"latency_ms\":";
    append_integer(line, record.latency_us / 1000);  // milliseconds, then the decimals
    const std::uint64_t fraction = record.latency_us % 1000;
    line += '.';
    line += static_cast<char>('0' + fraction / 100);
    if (fraction % 100 != 0) {
        line += static_cast<char>('0' + fraction / 10 % 10);
        if (fraction % 10 != 0) {
            line += static_cast<char>('0' + fraction % 10);
        }
    }
    line += ",\"revision\":";
    append_json_string(line, record.revision);
    line += '}';
    return line;
}

std::string field_value_text(std::string_view text, std::size_t limit) {
    static constexpr char hex[] = "0123456789ABCDEF";
    constexpr std::string_view more = "...";
    std::string value;
    std::size_t cut = std::string::npos;  // where "..." goes when the text does not fit
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        const bool visible = byte >= 0x20 && byte < 0x7F;
        const std::size_t piece = visible ? 1 : 4;
        if (cut == std::string::npos && value.size() + piece + more.size() > limit) {
            cut = value.size();
        }
        if (value.size() + piece > limit) {
            value.resize(std::min(cut, value.size()));
            value += more;
            break;
        }
        if (visible) {
            value += c;
        } else {
            value += "\\x";
            value += hex[byte >> 4];
            value += hex[byte & 0x0F];
        }
    }
    return value;
}

std::string response_head(const ResponseHead& head) {
    std::string text;
    text.reserve(256);
    text += "HTTP/1.1 ";
    append_integer(text, static_cast<std::uint64_t>(head.status));
    text += ' ';
    const auto reason = boost::beast::http::obsolete_reason(head.status);
    text.append(reason.data(), reason.size());
    text += "\r\n";
    append_field(text, "Server", head.server);
    append_field(text, "Content-Type", head.content_type);
    text += "X-Request-Id: ";
    append_integer(text, head.request_id);
    text += "\r\n";
    if (!head.allow.empty()) {
        append_field(text, "Allow", head.allow);
    }
    if (head.headers != nullptr) {
        for (const auto& [name, value] : *head.headers) {
            append_field(text, name, value);
        }
    }
    if (!head.keep_alive) {
        append_field(text, "Connection", "close");
    } else if (head.announce_keep_alive) {
        append_field(text, "Connection", "keep-alive");
    }
    text += "Content-Length: ";
    append_integer(text, head.content_length);
    text += "\r\n\r\n";
    return text;
}

}  // namespace onething::serve_detail
