// A JSON writer laid out as nlohmann::json's dump(2), straight into a string.
#include "write/json_stream.hpp"

#include "write/json_string.hpp"

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

/// Copies `text` to `to` and tells whether it needs no escaping and is ASCII (then it stands
/// between quotes as it is): one pass, eight bytes at a time from eight bytes on (ids and
/// names are short, and nearly all plain). `to` has room for `text`.
bool copy_plain_ascii(char* to, std::string_view text) {
    constexpr std::uint64_t high_bits = 0x8080808080808080ull;
    const char* bytes = text.data();
    const std::size_t size = text.size();
    if (size < 8) {  // byte by byte: a short copy into a word would stall its load
        unsigned escape = 0;
        for (std::size_t at = 0; at < size; ++at) {
            const auto byte = static_cast<unsigned char>(bytes[at]);
            escape |= static_cast<unsigned>(byte < 0x20) | static_cast<unsigned>(byte >= 0x80) |
                      static_cast<unsigned>(byte == '"') | static_cast<unsigned>(byte == '\\');
            to[at] = bytes[at];
        }
        return escape == 0;
    }
    std::uint64_t found = 0;
    std::uint64_t word = 0;
    for (std::size_t at = 0; at + 8 <= size; at += 8) {
        std::memcpy(&word, bytes + at, 8);
        found |= needs_escape(word);
        std::memcpy(to + at, &word, 8);
    }
    std::memcpy(&word, bytes + size - 8, 8);  // the last eight bytes, overlapping
    found |= needs_escape(word);
    std::memcpy(to + size - 8, &word, 8);
    return (found & high_bits) == 0;
}

}  // namespace

JsonStream::JsonStream(std::size_t capacity) {
    buffer_.resize(capacity);
    levels_.reserve(16);
    levels_.push_back(1);  // the document
}

std::string JsonStream::take(std::string_view tail) {
    copy(room(tail.size()), tail);
    size_ += tail.size();
    buffer_.resize(size_);
    size_ = 0;
    levels_.resize(1);
    levels_.back() = 1;
    after_key_ = false;
    return std::move(buffer_);
}

void JsonStream::grow(std::size_t bytes) {
    buffer_.resize(std::max({2 * buffer_.size(), size_ + bytes, std::size_t{4096}}));
}

void JsonStream::key_text(std::string_view name) {
    char* cursor = room(line_bytes() + 1);
    if (levels_.back() == 0) {
        *cursor++ = ',';
        ++size_;
    }
    levels_.back() = 0;
    line(cursor);
    quoted(name);
    std::memcpy(room(2), ": ", 2);
    size_ += 2;
    after_key_ = true;
}

void JsonStream::quoted(std::string_view text) {
    char* cursor = room(text.size() + 2);
    // Copied as it is when plain: ASCII (checked while copying), else UTF-8 (Chinese names).
    if (copy_plain_ascii(cursor + 1, text) || plain_utf8(text)) {
        cursor[0] = '"';
        cursor[text.size() + 1] = '"';
        size_ += text.size() + 2;
        return;
    }
    // The rare text with escapes or broken UTF-8 (what was copied is written over).
    std::string escaped;
    append_json_string(escaped, text);
    copy(room(escaped.size()), escaped);
    size_ += escaped.size();
}

void JsonStream::string_or_null(std::string_view text) {
    if (text.empty()) {
        null();
    } else {
        string(text);
    }
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
    const std::string text = nlohmann::json(value).dump();
    copy(room(text.size()), text);
    size_ += text.size();
}

void JsonStream::strings(const std::vector<std::string_view>& values) {
    begin_array();
    for (const std::string_view value : values) {
        string(value);
    }
    end_array();
}

}  // namespace onething::detail
