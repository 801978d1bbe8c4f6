// Writing JSON straight into a string, laid out exactly as nlohmann::json's dump(2) lays out a
// tree (the documents' committed bytes), without building the tree: no allocation per value.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace onething::detail {

/// A pretty-printing JSON writer (two spaces an indent, ", " never, keys in call order). Calls
/// must nest properly: a `key` before each value of an object, none inside an array.
class JsonStream {
  public:
    /// Writes into `out` (appending).
    explicit JsonStream(std::string& out) : out_(out) {}

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

    std::string& out_;
    std::vector<bool> empty_;  ///< per open object or array: nothing written in it yet
    bool after_key_ = false;   ///< a key was written, its value comes next
};

}  // namespace onething::detail
