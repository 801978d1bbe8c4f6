// Input text quoted in a message: whole when short, its start and its length when long.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace onething::detail {

/// The most bytes of one input text a message quotes.
inline constexpr std::size_t quoted_input_limit = 200;

/// `text` with its control characters written as escapes (`\n`, `\t`, `\r`, else `\xHH`
/// or `\u0085`), so that a message stays on one line and shows what it quotes; other bytes as
/// they are (a file's name is shown with its own bytes, which find the file).
std::string printable(std::string_view text);

/// `text` between single quotes; when longer than `quoted_input_limit` bytes, its start (whole
/// UTF-8 characters) then "…' (N bytes)", so that a message never repeats a huge input. Control
/// characters and bytes of no character are written as escapes (`\n`, `\t`, `\r`, `\x1B`,
/// `\u0085`, `\xFF`): one line of text.
std::string quoted_input(std::string_view text);

/// `text` as a message names it unquoted (a step of a path): whole when at most
/// `quoted_input_limit` bytes, else its start (whole UTF-8 characters) then "…"; control
/// characters and bytes of no character as escapes, as in quoted_input.
std::string input_start(std::string_view text);

}  // namespace onething::detail
