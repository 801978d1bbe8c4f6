// Strict UTF-8 validation of input files and character columns from byte offsets.
#include <cstdio>
#include <string>

#include "text/utf8.hpp"
#include "yaml/yaml_tree.hpp"

namespace onething::detail {

namespace {

/// True when `bytes` starts with the UTF-8 byte order mark EF BB BF.
bool starts_with_utf8_bom(std::string_view bytes) {
    return bytes.size() >= 3 && static_cast<unsigned char>(bytes[0]) == 0xEF &&
           static_cast<unsigned char>(bytes[1]) == 0xBB &&
           static_cast<unsigned char>(bytes[2]) == 0xBF;
}

/// Formats a byte as "0x" and two lower-case hex digits.
std::string hex_byte(unsigned char byte) {
    char text[8];
    std::snprintf(text, sizeof text, "0x%02x", static_cast<unsigned>(byte));
    return text;
}

/// Formats a code point as "U+" and at least four upper-case hex digits.
std::string code_point_name(char32_t code_point) {
    char text[16];
    std::snprintf(text, sizeof text, "U+%04X", static_cast<unsigned>(code_point));
    return text;
}

/// A diagnostic with code `encoding` at `line`:`column` of `file`.
Diagnostic encoding_error(std::string_view file, std::size_t line, std::size_t column,
                          std::string message) {
    Diagnostic diagnostic;
    diagnostic.code = "encoding";
    diagnostic.message = std::move(message);
    diagnostic.location =
        Location{std::string(file), static_cast<int>(line), static_cast<int>(column)};
    return diagnostic;
}

/// The message for a UTF-16 or UTF-32 byte order mark at the start, or empty when there is none.
std::string foreign_bom_message(std::string_view bytes) {
    auto byte = [&](std::size_t i) {
        return i < bytes.size() ? static_cast<unsigned char>(bytes[i]) : 0x100u;
    };
    if (byte(0) == 0xFF && byte(1) == 0xFE && byte(2) == 0 && byte(3) == 0) {
        return "file starts with a UTF-32 byte order mark; save it as UTF-8";
    }
    if (byte(0) == 0 && byte(1) == 0 && byte(2) == 0xFE && byte(3) == 0xFF) {
        return "file starts with a UTF-32 byte order mark; save it as UTF-8";
    }
    if ((byte(0) == 0xFF && byte(1) == 0xFE) || (byte(0) == 0xFE && byte(1) == 0xFF)) {
        return "file starts with a UTF-16 byte order mark; save it as UTF-8";
    }
    return {};
}

}  // namespace

std::optional<Diagnostic> check_text_encoding(std::string_view file, std::string_view bytes) {
    if (std::string message = foreign_bom_message(bytes); !message.empty()) {
        return encoding_error(file, 1, 1, std::move(message));
    }
    const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
    const std::size_t size = bytes.size();
    std::size_t i = starts_with_utf8_bom(bytes) ? 3 : 0;
    std::size_t line = 1;
    std::size_t column = 1;  // column of the character at i
    while (i < size) {
        const unsigned char lead = data[i];
        if (lead >= 0x20 && lead < 0x7F) {  // printable ASCII: the fast path
            ++i;
            ++column;
            continue;
        }
        if (lead == '\n') {
            ++i;
            ++line;
            column = 1;
            continue;
        }
        if (lead == '\r') {  // only as part of CRLF: a lone CR is an old Mac line end
            if (i + 1 >= size || data[i + 1] != '\n') {
                return encoding_error(file, line, column,
                                      "carriage return (0x0d) without a line feed is not allowed; "
                                      "end lines with LF or CRLF");
            }
            i += 2;
            ++line;
            column = 1;
            continue;
        }
        if (lead == '\t') {
            ++i;
            ++column;
            continue;
        }
        if (lead == 0) {
            return encoding_error(file, line, column, "NUL byte (0x00) is not allowed");
        }
        if (lead < 0x80) {
            return encoding_error(file, line, column,
                                  "control character " + hex_byte(lead) + " is not allowed");
        }
        const Utf8Char character = decode_utf8(bytes, i);
        const char32_t code_point = character.code;
        switch (character.fault) {
            case Utf8Fault::none:
                break;
            case Utf8Fault::overlong_lead:
                return encoding_error(
                    file, line, column,
                    "invalid UTF-8 byte " + hex_byte(lead) + " (overlong encoding)");
            case Utf8Fault::bad_lead:
                return encoding_error(file, line, column, "invalid UTF-8 byte " + hex_byte(lead));
            case Utf8Fault::truncated:
                return encoding_error(
                    file, line, column,
                    "truncated UTF-8 sequence starting with byte " + hex_byte(lead));
            case Utf8Fault::overlong:
                return encoding_error(file, line, column,
                                      "invalid UTF-8 sequence starting with byte " +
                                          hex_byte(lead) + " (overlong encoding of " +
                                          code_point_name(code_point) + ")");
            case Utf8Fault::surrogate:
                return encoding_error(file, line, column,
                                      "invalid UTF-8 sequence: surrogate " +
                                          code_point_name(code_point) + " is not a character");
            case Utf8Fault::beyond_unicode:
                return encoding_error(file, line, column,
                                      "invalid UTF-8 sequence: " + code_point_name(code_point) +
                                          " is beyond U+10FFFF");
        }
        if (code_point >= 0x80 && code_point <= 0x9F) {
            return encoding_error(
                file, line, column,
                "control character " + code_point_name(code_point) + " is not allowed");
        }
        if (code_point == 0xFEFF) {
            return encoding_error(file, line, column,
                                  "byte order mark (U+FEFF) is only allowed at the start of "
                                  "the file");
        }
        i += character.length;
        ++column;
    }
    return std::nullopt;
}

std::uint32_t column_of(std::string_view source, std::size_t offset) {
    if (offset > source.size()) {
        offset = source.size();
    }
    std::size_t start = offset;
    while (start > 0 && source[start - 1] != '\n' && source[start - 1] != '\r') {
        --start;
    }
    if (start == 0 && starts_with_utf8_bom(source)) {
        start = offset < 3 ? offset : 3;  // the byte order mark is not a character
    }
    return 1 + static_cast<std::uint32_t>(count_code_points(source.substr(start, offset - start)));
}

std::optional<std::string> escaped_control_character(std::string_view value) {
    const auto* data = reinterpret_cast<const unsigned char*>(value.data());
    for (std::size_t i = 0; i < value.size(); ++i) {
        const unsigned char byte = data[i];
        if ((byte < 0x20 && byte != '\t' && byte != '\n') || byte == 0x7F) {
            return "control character " + code_point_name(byte);
        }
        // U+0080 to U+009F are C2 80 to C2 9F; U+FEFF is EF BB BF (the decoded value is UTF-8).
        if (byte == 0xC2 && i + 1 < value.size() && data[i + 1] >= 0x80 && data[i + 1] <= 0x9F) {
            return "control character " + code_point_name(data[i + 1]);
        }
        if (byte == 0xEF && i + 2 < value.size() && data[i + 1] == 0xBB && data[i + 2] == 0xBF) {
            return std::string("byte order mark (U+FEFF)");
        }
    }
    return std::nullopt;
}

}  // namespace onething::detail
