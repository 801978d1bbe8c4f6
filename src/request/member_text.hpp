// The text of one member's value in a JSON object, exactly as it was written.
#pragma once

#include <optional>
#include <string_view>

namespace onething::detail {

/// The value of member `key` of the JSON object `json` as written, from its first byte to its
/// last: `{"facts": {"a": 1}}` and "facts" give `{"a": 1}`. `json` must be valid JSON (parsed
/// before); a key written with escapes is compared unescaped. Nullopt when `json` is not an
/// object or has no such member.
std::optional<std::string_view> member_text(std::string_view json, std::string_view key);

}  // namespace onething::detail
