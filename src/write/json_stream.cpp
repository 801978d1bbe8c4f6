// A JSON writer laid out as nlohmann::json's dump(2), straight into a string.
#include "write/json_stream.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <nlohmann/json.hpp>

namespace onething::detail {
namespace {

/// The bytes of `word` that are a quote, a backslash, a control character or not ASCII have
/// their high bit set in the result (and no others are guaranteed clear: test for zero only).
std::uint64_t needs_escape(std::uint64_t word) {
    constexpr std::uint64_t ones = 0x0101010101010101ull;
    const std::uint64_t quote = word ^ (ones * '"');
    const std::uint64_t backslash = word ^ (ones * '\\');
    return word | ((word - ones * 0x20) & ~word) | ((quote - ones) & ~quote) |
           ((backslash - ones) & ~backslash);
}

/// True when `text` needs no escaping and is ASCII: it is written between quotes as it is.
/// Eight bytes at a time from eight bytes on (ids and names are short, and nearly all plain).
bool plain_ascii(std::string_view text) {
    constexpr std::uint64_t high_bits = 0x8080808080808080ull;
    const char* bytes = text.data();
    const std::size_t size = text.size();
    std::uint64_t found = 0;
    std::uint64_t word = 0;
    if (size < 8) {  // byte by byte: a short copy into a word would stall its load
        unsigned escape = 0;
        for (std::size_t at = 0; at < size; ++at) {
            const auto byte = static_cast<unsigned char>(bytes[at]);
            escape |= static_cast<unsigned>(byte < 0x20) | static_cast<unsigned>(byte >= 0x80) |
                      static_cast<unsigned>(byte == '"') | static_cast<unsigned>(byte == '\\');
        }
        return escape == 0;
    }
    for (std::size_t at = 0; at + 8 <= size; at += 8) {
        std::memcpy(&word, bytes + at, 8);
        found |= needs_escape(word);
    }
    std::memcpy(&word, bytes + size - 8, 8);  // the last eight bytes, overlapping
    found |= needs_escape(word);
    return (found & high_bits) == 0;
}

}  // namespace

JsonStream::JsonStream(std::size_t capacity) {
    buffer_.resize(capacity);
    empty_.reserve(16);
}

std::string JsonStream::take(std::string_view tail) {
    append(tail);
    buffer_.resize(size_);
    size_ = 0;
    empty_.clear();
    after_key_ = false;
    return std::move(buffer_);
}

void JsonStream::grow(std::size_t bytes) {
    buffer_.resize(std::max({2 * buffer_.size(), size_ + bytes, std::size_t{4096}}));
}

void JsonStream::append(std::string_view text) {
    if (text.empty()) {
        return;  // an empty view may hold no pointer, which memcpy may not be given
    }
    std::memcpy(room(text.size()), text.data(), text.size());
    size_ += text.size();
}

void JsonStream::new_line() {
    const std::size_t indent = 2 * empty_.size();
    char* cursor = room(1 + indent);
    *cursor = '\n';
    std::memset(cursor + 1, ' ', indent);
    size_ += 1 + indent;
}

void JsonStream::before_value() {
    if (after_key_) {
        after_key_ = false;
        return;
    }
    if (empty_.empty()) {
        return;  // the document's value
    }
    if (empty_.back() == 0) {
        put(',');
    }
    empty_.back() = 0;
    new_line();
}

void JsonStream::key(std::string_view name) {
    if (empty_.back() == 0) {
        put(',');
    }
    empty_.back() = 0;
    new_line();
    quoted(name);
    append(": ");
    after_key_ = true;
}

void JsonStream::begin_object() {
    before_value();
    put('{');
    empty_.push_back(1);
}

void JsonStream::end_object() {
    const bool empty = empty_.back() != 0;
    empty_.pop_back();
    if (!empty) {
        new_line();
    }
    put('}');
}

void JsonStream::begin_array() {
    before_value();
    put('[');
    empty_.push_back(1);
}

void JsonStream::end_array() {
    end_object();
    buffer_[size_ - 1] = ']';
}

void JsonStream::string(std::string_view text) {
    before_value();
    quoted(text);
}

void JsonStream::quoted(std::string_view text) {
    if (plain_ascii(text)) {
        char* cursor = room(text.size() + 2);
        cursor[0] = '"';
        if (!text.empty()) {  // an empty view may hold no pointer
            std::memcpy(cursor + 1, text.data(), text.size());
        }
        cursor[text.size() + 1] = '"';
        size_ += text.size() + 2;
        return;
    }
    // The rare text with escapes or UTF-8: exactly as the JSON library writes it.
    append(nlohmann::json(std::string(text))
               .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
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
    append("null");
}

void JsonStream::boolean(bool value) {
    before_value();
    append(value ? "true" : "false");
}

void JsonStream::integer(std::int64_t value) {
    before_value();
    char* cursor = room(24);
    size_ =
        static_cast<std::size_t>(std::to_chars(cursor, cursor + 24, value).ptr - buffer_.data());
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
    append(nlohmann::json(value).dump());
}

void JsonStream::strings(const std::vector<std::string_view>& values) {
    begin_array();
    for (const std::string_view value : values) {
        string(value);
    }
    end_array();
}

}  // namespace onething::detail
