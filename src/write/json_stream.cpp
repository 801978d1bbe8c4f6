// A JSON writer laid out as nlohmann::json's dump(2), straight into a string.
#include "write/json_stream.hpp"

#include <cmath>
#include <nlohmann/json.hpp>

namespace onething::detail {
namespace {

/// True when `text` needs no escaping and is ASCII: it is written between quotes as it is. No
/// early exit, so the loop vectorises (ids and names are short, and nearly all plain).
bool plain_ascii(std::string_view text) {
    unsigned escape = 0;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        escape |= static_cast<unsigned>(byte < 0x20) | static_cast<unsigned>(byte >= 0x80) |
                  static_cast<unsigned>(c == '"') | static_cast<unsigned>(c == '\\');
    }
    return escape == 0;
}

}  // namespace

void JsonStream::new_line() {
    out_ += '\n';
    out_.append(2 * empty_.size(), ' ');
}

void JsonStream::before_value() {
    if (after_key_) {
        after_key_ = false;
        return;
    }
    if (empty_.empty()) {
        return;  // the document's value
    }
    if (!empty_.back()) {
        out_ += ',';
    }
    empty_.back() = false;
    new_line();
}

void JsonStream::key(std::string_view name) {
    if (!empty_.back()) {
        out_ += ',';
    }
    empty_.back() = false;
    new_line();
    quoted(name);
    out_ += ": ";
    after_key_ = true;
}

void JsonStream::begin_object() {
    before_value();
    out_ += '{';
    empty_.push_back(true);
}

void JsonStream::end_object() {
    const bool empty = empty_.back();
    empty_.pop_back();
    if (!empty) {
        new_line();
    }
    out_ += '}';
}

void JsonStream::begin_array() {
    before_value();
    out_ += '[';
    empty_.push_back(true);
}

void JsonStream::end_array() {
    end_object();
    out_.back() = ']';
}

void JsonStream::string(std::string_view text) {
    before_value();
    quoted(text);
}

void JsonStream::quoted(std::string_view text) {
    if (plain_ascii(text)) {
        out_ += '"';
        out_ += text;
        out_ += '"';
        return;
    }
    // The rare text with escapes or UTF-8: exactly as the JSON library writes it.
    out_ += nlohmann::json(std::string(text))
                .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void JsonStream::string_or_null(std::string_view text) {
    if (text.empty()) {
        null();
    } else {
        string(text);
    }
}

void JsonStream::null() {
    before_value();
    out_ += "null";
}

void JsonStream::boolean(bool value) {
    before_value();
    out_ += value ? "true" : "false";
}

void JsonStream::integer(std::int64_t value) {
    before_value();
    out_ += std::to_string(value);
}

void JsonStream::number(double value) {
    if (!std::isfinite(value)) {
        null();
        return;
    }
    if (value == std::floor(value) && std::fabs(value) < 9007199254740992.0) {
        integer(static_cast<std::int64_t>(value));
        return;
    }
    before_value();
    out_ += nlohmann::json(value).dump();
}

void JsonStream::strings(const std::vector<std::string_view>& values) {
    begin_array();
    for (const std::string_view value : values) {
        string(value);
    }
    end_array();
}

}  // namespace onething::detail
