// JSON string literals exactly as nlohmann::json's dump writes them, shared by every writer of
// JSON text that does not build a tree (the plan stream, the service's log line).
#pragma once

#include <string>
#include <string_view>

namespace onething::detail {

/// True when `text` is well-formed UTF-8 (Unicode's table 3-7: no overlong form, no surrogate,
/// nothing past U+10FFFF) without a control character, quote or backslash: the JSON library
/// writes such a text as it is.
bool plain_utf8(std::string_view text);

/// Appends `text` as a JSON string literal, quotes included, byte for byte as nlohmann::json's
/// dump writes it (UTF-8 as it is, escapes where JSON needs them, invalid UTF-8 replaced by
/// U+FFFD).
void append_json_string(std::string& out, std::string_view text);

}  // namespace onething::detail
