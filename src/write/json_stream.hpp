// Writing JSON straight into a string, laid out exactly as nlohmann::json's dump(2) lays out a
// tree (the documents' committed bytes), without building the tree: no allocation per value.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace onething::detail {

/// A pretty-printing JSON writer (two spaces an indent, ", " never, keys in call order). Calls
/// must nest properly: a `key` before each value of an object, none inside an array. Writes
/// through a cursor into its own buffer, grown by doubling; `take` hands the text over. The
/// calls made once per value are defined here, so that a writer's loop inlines them.
class JsonStream {
  public:
    /// An empty document with room for about `capacity` bytes.
    explicit JsonStream(std::size_t capacity = 4096);

    /// The text written so far, plus `tail` (e.g. a final new line); the stream is empty after.
    std::string take(std::string_view tail = {});

    /// `{`: an object's keys and values follow, then `end_object`.
    void begin_object() { open('{'); }
    /// `}` (or `{}` for an empty object).
    void end_object() { close('}'); }
    /// `[`: its values follow, then `end_array`.
    void begin_array() { open('['); }
    /// `]` (or `[]` for an empty array).
    void end_array() { close(']'); }
    /// A key spelled in the program: a string literal, checked when compiled to need no
    /// escaping (plain ASCII, no quote or backslash), so that it is written as it is.
    struct Key {
        /// Refuses to compile for a literal that would need escaping.
        template <std::size_t N>
        consteval Key(const char (&name)[N]) : text(name, N - 1) {  // NOLINT: implicit on purpose
            if (name[N - 1] != '\0') {
                throw "a JSON key literal ends with its terminating zero";
            }
            for (const char c : text) {
                const auto byte = static_cast<unsigned char>(c);
                if (byte < 0x20 || byte >= 0x80 || c == '"' || c == '\\') {
                    throw "a JSON key literal must be plain ASCII without quotes or backslashes";
                }
            }
        }
        std::string_view text;  ///< the key, without its terminating zero
    };

    /// The next member's key.
    void key(Key name) {
        char* cursor = room(line_bytes() + name.text.size() + 5);
        if (levels_.back() == 0) {
            *cursor++ = ',';
            ++size_;
        }
        levels_.back() = 0;
        cursor = line(cursor);
        *cursor++ = '"';
        std::memcpy(cursor, name.text.data(), name.text.size());
        std::memcpy(cursor + name.text.size(), "\": ", 3);
        size_ += name.text.size() + 4;
        after_key_ = true;
    }
    /// The next member's key, known only when running: escaped as a string value is.
    void key_text(std::string_view name);

    /// A string value, escaped as nlohmann::json escapes it (invalid UTF-8 replaced by U+FFFD).
    void string(std::string_view text) {
        before_value();
        quoted(text);
    }
    /// A string value, or null when `text` is empty.
    void string_or_null(std::string_view text);
    /// `null`.
    void null() { word("null"); }
    /// `true` or `false`.
    void boolean(bool value) { word(value ? std::string_view("true") : std::string_view("false")); }
    /// An integer.
    void integer(std::int64_t value);
    /// A number as json_number writes it: an integer when integral, else the shortest double,
    /// null when not finite.
    void number(double value);
    /// An array of strings.
    void strings(const std::vector<std::string_view>& values);

  private:
    /// The most a new line and its indent take without the slow path: 1 + 2 × 31 levels.
    static constexpr std::size_t line_room = 64;

    /// Room for `bytes` more bytes at the cursor; the buffer grows when it has less.
    char* room(std::size_t bytes) {
        if (bytes > buffer_.size() - size_) {
            grow(bytes);
        }
        return buffer_.data() + size_;
    }
    /// Makes the buffer hold at least `bytes` more than are written.
    void grow(std::size_t bytes);
    /// The room `line` needs: the new line and indent, and never less than `line_room`.
    std::size_t line_bytes() const {
        const std::size_t bytes = 2 * levels_.size() - 1;
        return bytes < line_room ? line_room : bytes;
    }
    /// Writes a new line and the indent of the current depth at `cursor`, which has
    /// `line_bytes()` of room; counts them and returns the cursor after them.
    char* line(char* cursor) {
        static constexpr char spaces[line_room + 1] =
            "\n"
            "                                                               ";  // 63 spaces
        static_assert(spaces[line_room - 1] == ' ', "a new line and 63 spaces");
        const std::size_t indent = 2 * (levels_.size() - 1);
        if (indent < line_room) {
            std::memcpy(cursor, spaces, line_room);  // a fixed size: a few wide stores
        } else {
            cursor[0] = '\n';
            std::memset(cursor + 1, ' ', indent);
        }
        size_ += 1 + indent;
        return cursor + 1 + indent;
    }
    /// Copies `text` to `cursor` (an empty view may hold no pointer, which memcpy may not get).
    static void copy(char* cursor, std::string_view text) {
        if (!text.empty()) {
            std::memcpy(cursor, text.data(), text.size());
        }
    }
    /// Writes what comes before a value: nothing after a key, else a comma, a new line and the
    /// indent inside an array.
    void before_value() {
        if (after_key_) {
            after_key_ = false;
            return;
        }
        if (levels_.size() > 1) {
            array_value();
        }
    }
    /// `before_value` for a value of an array.
    void array_value() {
        char* cursor = room(line_bytes() + 1);
        if (levels_.back() == 0) {
            *cursor++ = ',';
            ++size_;
        }
        levels_.back() = 0;
        line(cursor);
    }
    /// A word written as it is after `before_value` (null, true, false).
    void word(std::string_view text) {
        before_value();
        copy(room(text.size()), text);
        size_ += text.size();
    }
    /// Opens an object or array with `bracket`.
    void open(char bracket) {
        before_value();
        *room(1) = bracket;
        ++size_;
        levels_.push_back(1);
    }
    /// Closes the innermost object or array with `bracket` (`{}` or `[]` when empty).
    void close(char bracket) {
        const bool empty = levels_.back() != 0;
        levels_.pop_back();
        char* cursor = room(line_bytes() + 1);
        if (!empty) {
            cursor = line(cursor);
        }
        *cursor = bracket;
        ++size_;
    }
    /// `text` quoted and escaped.
    void quoted(std::string_view text);

    std::string buffer_;    ///< the text written, then unused room
    std::size_t size_ = 0;  ///< bytes of `buffer_` written
    /// Per open object or array, after a first entry for the document: 1 while nothing has
    /// been written in it yet.
    std::vector<unsigned char> levels_;
    bool after_key_ = false;  ///< a key was written, its value comes next
};

}  // namespace onething::detail
