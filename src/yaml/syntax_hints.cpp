// What yaml-cpp's syntax errors usually mean in a rule, facts or answers file, and how to mend
// them. yaml-cpp names the rule of YAML that broke ("illegal map value", "end of map flow not
// found"); a policy analyst needs the mistake that breaks it (a colon in a name, a bracket left
// open). A hint is added only where the message and the lexical pass's notes agree on the
// cause, so a wrong guess never replaces yaml-cpp's own words: they always come first.
#include <algorithm>
#include <string>
#include <string_view>

#include <fmt/format.h>
#include <yaml-cpp/exceptions.h>

#include "yaml/yaml_tree.hpp"

namespace onething::detail {

namespace {

/// "line L, column C" of byte `offset` of `source`.
std::string position_of(std::string_view source, std::size_t offset) {
    return fmt::format("line {}, column {}", line_of(source, offset), column_of(source, offset));
}

/// The bracket that closes `opener`.
char closer_of(char opener) {
    return opener == '[' ? ']' : '}';
}

/// Whether `line` (without its new line) ends with a block scalar's header, `|` or `>` and its
/// indicators (`|-`, `>+2`), before an optional comment: its content follows, more indented.
bool opens_block_scalar(std::string_view line) {
    const std::size_t comment = line.find(" #");
    if (comment != std::string_view::npos) {
        line = line.substr(0, comment);
    }
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) {
        line.remove_suffix(1);
    }
    while (!line.empty() && (line.back() == '+' || line.back() == '-' ||
                             (line.back() >= '1' && line.back() <= '9'))) {
        line.remove_suffix(1);
    }
    if (line.empty() || (line.back() != '|' && line.back() != '>')) {
        return false;
    }
    line.remove_suffix(1);
    // The indicator starts the value: after `: `, `- ` or at the line's start (not `a |`).
    if (line.empty()) {
        return true;
    }
    if (line.back() != ' ' && line.back() != '\t') {
        return false;
    }
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) {
        line.remove_suffix(1);
    }
    return line.empty() || line.back() == ':' || line.back() == '-';
}

/// The first line, up to `last` (1-based), whose indentation holds a tab: the usual cause of
/// yaml-cpp's "illegal map value" or "end of map not found", which do not say so. A tab inside
/// a block scalar's content (`|` or `>`) is text, not indentation, and is not counted.
std::uint32_t first_tab_indented_line(std::string_view source, std::uint32_t last) {
    std::uint32_t line = 1;
    // The spaces before the line that opened a block scalar, while its content lasts.
    std::size_t block_parent = std::string_view::npos;
    for (std::size_t start = 0; start < source.size() && line <= last; ++line) {
        std::size_t end = source.find('\n', start);
        if (end == std::string_view::npos) {
            end = source.size();
        }
        const std::string_view text = source.substr(start, end - start);
        start = end + 1;
        const std::size_t spaces = std::min(text.find_first_not_of(' '), text.size());
        const bool blank = text.find_first_not_of(" \t\r") == std::string_view::npos;
        if (block_parent != std::string_view::npos) {
            if (blank || spaces > block_parent) {
                continue;  // the block scalar's content
            }
            block_parent = std::string_view::npos;
        }
        if (spaces < text.size() && text[spaces] == '\t') {
            return line;
        }
        if (opens_block_scalar(text)) {
            block_parent = spaces;
        }
    }
    return 0;
}

/// The hint for an unclosed flow collection whose opener is `want` (`[` or `{`), when the
/// lexical pass saw one open at the end of the text.
std::string unclosed_hint(std::string_view source, const LexicalNotes& notes, char want) {
    if (notes.unclosed_flow == std::string_view::npos || source[notes.unclosed_flow] != want) {
        return {};
    }
    // What hid its closing bracket: a quote that never closes, or a comment, after the opener.
    if (notes.unterminated_quote != std::string_view::npos &&
        notes.unterminated_quote > notes.unclosed_flow) {
        return fmt::format(
            "; the quote at {} never closes, so neither does the '{}' at {}: end "
            "the text with the quote it starts with",
            position_of(source, notes.unterminated_quote), want,
            position_of(source, notes.unclosed_flow));
    }
    if (notes.flow_comment != std::string_view::npos && notes.flow_comment > notes.unclosed_flow) {
        return fmt::format(
            "; the '#' at {} starts a comment (a '#' after a space does), which hides the rest "
            "of its line and the '{}' there: put the text in quotes",
            position_of(source, notes.flow_comment), closer_of(want));
    }
    return fmt::format("; the '{}' at {} is never closed: end it with '{}'", want,
                       position_of(source, notes.unclosed_flow), closer_of(want));
}

/// The hint for yaml-cpp's `message` at byte `offset`, or an empty text.
std::string hint_for(const std::string& message, std::string_view source, std::size_t offset,
                     const LexicalNotes& notes) {
    const char at = offset < source.size() ? source[offset] : '\0';
    if (message == YAML::ErrorMsg::END_OF_MAP || message == YAML::ErrorMsg::END_OF_SEQ) {
        // yaml-cpp's usual words for a key or `- ` indented less or more than those beside it.
        return "; check the indentation: the keys of one mapping (or the '- ' of one list) start "
               "in the same column, and a key's value is indented further than the key";
    }
    if (message == YAML::ErrorMsg::END_OF_MAP_FLOW) {
        return unclosed_hint(source, notes, '{');
    }
    if (message == YAML::ErrorMsg::END_OF_SEQ_FLOW) {
        return unclosed_hint(source, notes, '[');
    }
    if (message == YAML::ErrorMsg::FLOW_END) {
        if (notes.mismatched_close == offset) {
            const char opener = source[notes.mismatched_open];
            return fmt::format(
                "; this '{}' comes while the '{}' at {} is still open: close that "
                "with '{}' first",
                at, opener, position_of(source, notes.mismatched_open), closer_of(opener));
        }
        if (notes.stray_close == offset) {
            return fmt::format("; this '{}' closes no '{}': remove it", at, at == ']' ? '[' : '{');
        }
        return {};
    }
    if (message == YAML::ErrorMsg::UNKNOWN_TOKEN && (at == '@' || at == '`' || at == '%')) {
        return fmt::format("; YAML reserves '{}': text that starts with it must be in quotes", at);
    }
    if (message == YAML::ErrorMsg::UNKNOWN_TOKEN && at == '?') {
        return "; the YAML reader cannot read this '?' inside [ ] or { }: put the text in quotes "
               "({en: 'Born here?'})";
    }
    if (message == YAML::ErrorMsg::MAP_VALUE && at == ':') {
        return "; a ': ' here would start a mapping where none can: if it belongs to a text, put "
               "the whole text in quotes (name: \"A: B\"), else check the indentation";
    }
    if (message.rfind(YAML::ErrorMsg::INVALID_ESCAPE, 0) == 0) {
        return "; in double quotes a backslash starts an escape (\\n, \\t, \\\", \\\\, \\u4e00): "
               "write \\\\ for a backslash, or put the text in single quotes";
    }
    if (message.rfind(YAML::ErrorMsg::INVALID_UNICODE, 0) == 0) {
        // yaml-cpp's words for a \u escape of half a surrogate pair, in decimal.
        return " (a \\u escape of a surrogate, U+D800 to U+DFFF, must be a high one followed "
               "by a low one, as JSON writes U+20000: \"\\ud840\\udc00\"; or write the character "
               "itself, or one \\U escape: \"\\U00020000\")";
    }
    if (message == YAML::ErrorMsg::UNKNOWN_ANCHOR) {
        std::size_t end = offset + 1;  // past the `*`
        while (end < source.size() && static_cast<unsigned char>(source[end]) > ' ' &&
               source[end] != ',' && source[end] != ']' && source[end] != '}') {
            ++end;
        }
        const std::string_view name = source.substr(offset + 1, end - offset - 1);
        if (at != '*' || name.empty() || name.size() > 128) {
            return "; write the anchor (&name) before every alias (*name) of it, in the same "
                   "file: anchors do not reach across files";
        }
        return fmt::format(
            "; no anchor '&{0}' comes before the alias '*{0}' in this file: write "
            "the anchor before every alias of it (anchors do not reach across "
            "files)",
            name);
    }
    if (message == YAML::ErrorMsg::YAML_MAJOR_VERSION ||
        message.rfind(YAML::ErrorMsg::YAML_VERSION, 0) == 0) {
        return "; files are read as YAML 1.2: write '%YAML 1.2' or leave the directive out";
    }
    return {};
}

}  // namespace

std::string explain_syntax_error(const std::string& yaml_message, std::string_view source,
                                 std::size_t offset, const LexicalNotes& notes) {
    const std::uint32_t tab_line = first_tab_indented_line(source, line_of(source, offset));
    const bool indentation_message = yaml_message == YAML::ErrorMsg::MAP_VALUE ||
                                     yaml_message == YAML::ErrorMsg::END_OF_MAP ||
                                     yaml_message == YAML::ErrorMsg::END_OF_SEQ;
    std::string message = yaml_message;
    if (tab_line == 0 || !indentation_message) {
        message += hint_for(yaml_message, source, offset, notes);
    }
    if (tab_line != 0) {
        // Named whatever yaml-cpp said: a tab in the indentation misleads every later reading.
        message += "; line " + std::to_string(tab_line) +
                   " is indented with a tab: YAML indents with spaces only";
    }
    return message;
}

}  // namespace onething::detail
