// Writing JSON straight into a string, laid out exactly as nlohmann::json's dump(2) lays out a
// tree (the documents' committed bytes), without building the tree: no allocation per value.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace onething::detail {

/// A pretty-printing JSON writer (two spaces an indent, ", " never, keys in call order). Calls
/// must nest properly: a `key` before each value of an object, none inside an array. Writes
/// through a cursor into its own buffer, grown by doubling; `take` hands the text over.
class JsonStream {
  public:
    /// An empty document with room for about `capacity` bytes.
    explicit JsonStream(std::size_t capacity = 4096);

    /// The text written so far, plus `tail` (e.g. a final new line); the stream is empty after.
    std::string take(std::string_view tail = {});

    /// `{`: an object's keys and values follow, then `end_object`.
    void begin_object();
    /// `}` (or `{}` for an empty object).
    void end_object();
    /// `[`: its values follow, then `end_array`.
    void begin_array();
    /// `]` (or `[]` for an empty array).
    void end_array();
    /// The next member's key.
    void key(std::string_view name);

    /// A string value, escaped as nlohmann::json escapes it (invalid UTF-8 replaced by U+FFFD).
    void string(std::string_view text);
    /// A string value, or null when `text` is empty.
    void string_or_null(std::string_view text);
    /// `null`.
    void null();
    /// `true` or `false`.
    void boolean(bool value);
    /// An integer.
    void integer(std::int64_t value);
    /// A number as json_number writes it: an integer when integral, else the shortest double,
    /// null when not finite.
    void number(double value);
    /// An array of strings.
    void strings(const std::vector<std::string_view>& values);

  private:
    /// Writes what comes before a value: nothing after a key, else a comma, a new line and the
    /// indent inside an array.
    void before_value();
    /// A new line and the indent of the current depth.
    void new_line();
    /// `text` quoted and escaped.
    void quoted(std::string_view text);
    /// Room for `bytes` more bytes at the cursor; the buffer grows when it has less.
    char* room(std::size_t bytes) {
        if (bytes > buffer_.size() - size_) {
            grow(bytes);
        }
        return buffer_.data() + size_;
    }
    /// Makes the buffer hold at least `bytes` more than are written.
    void grow(std::size_t bytes);
    /// Appends `text` as it is.
    void append(std::string_view text);
    /// Appends one character.
    void put(char c) {
        *room(1) = c;
        ++size_;
    }

    std::string buffer_;                ///< the text written, then unused room
    std::size_t size_ = 0;              ///< bytes of `buffer_` written
    std::vector<unsigned char> empty_;  ///< per open object or array: nothing written in it yet
    bool after_key_ = false;            ///< a key was written, its value comes next
};

}  // namespace onething::detail
