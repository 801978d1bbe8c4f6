// Bidirectional formatting characters (Unicode's UAX #9) that a text opens and leaves open:
// an override or isolate not closed before its line ends reorders what follows it on the line
// (the rest of a plan's line, a terminal's prompt), the "Trojan Source" trick.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace onething::detail {

/// A bidirectional formatting character a text opens and does not close: which, and where.
struct OpenBidi {
    char32_t code = 0;   ///< U+202A, U+202B, U+202D, U+202E, U+2066, U+2067 or U+2068
    std::size_t at = 0;  ///< its first byte in the text
};

/// The first embedding, override or isolate (U+202A, U+202B, U+202D, U+202E; U+2066 to U+2068)
/// that `text` opens and does not close (U+202C; U+2069) before its line (LF) or the text ends;
/// nullopt when each is closed. A closing character with nothing to close is no harm, and
/// ignored. `text` is valid UTF-8 (the loader checked it).
std::optional<OpenBidi> unclosed_bidi(std::string_view text);

/// The character's name and code point, for messages: "right-to-left override (U+202E)".
std::string_view bidi_name(char32_t code);

/// The character that closes `code`: U+202C for an embedding or override, U+2069 for an
/// isolate, with its name ("pop directional formatting (U+202C)").
std::string_view bidi_closer_name(char32_t code);

}  // namespace onething::detail
