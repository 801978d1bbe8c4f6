// The syntax of ids and language tags, shared by the rule loader and the CPSV-AP import.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace onething::detail {

/// True when `id` matches the contract's id syntax: `^[a-z0-9][a-z0-9_.-]{0,127}$`.
bool is_valid_id(std::string_view id);

/// True when `tag` looks like a language tag (zh, en, zh-Hans, en-GB):
/// `^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$`, checked in one pass whatever its length.
bool is_language_tag(std::string_view tag);

/// For a text `is_language_tag` refuses only because its first part is not in lower case
/// (`ZH-hant`, `En`): the tag with that part in lower case (`zh-hant`, `en`), which the rule
/// format's syntax asks for though requests ignore case; nullopt for any other text.
std::optional<std::string> lower_case_language_tag(std::string_view tag);

/// `text` with its ASCII letters in lower case and every other byte as it is, whatever the C
/// locale: language tags compare without regard to case (BCP 47, RFC 5646 2.1.1).
std::string ascii_lower(std::string_view text);

}  // namespace onething::detail
