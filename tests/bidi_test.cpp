// Overrides, embeddings and isolates a text leaves open before its line ends, paired as UAX #9
// pairs them.
#include <catch2/catch.hpp>

#include <optional>
#include <string_view>

#include "text/bidi.hpp"

namespace {

using onething::detail::OpenBidi;
using onething::detail::unclosed_bidi;

/// The code point left open in `text`, or 0.
char32_t open_code(std::string_view text) {
    const std::optional<OpenBidi> open = unclosed_bidi(text);
    return open ? open->code : 0;
}

}  // namespace

TEST_CASE("texts without bidirectional formatting, or with it closed, leave nothing open",
          "[bidi]") {
    CHECK(open_code("") == 0);
    CHECK(open_code("plain text, 中文 — and a dash") == 0);
    CHECK(open_code("a \u202Eclosed\u202C b") == 0);
    CHECK(open_code("\u2067عقد\u2069 signed") == 0);
    CHECK(open_code("\u202B(\u2066inner\u2069)\u202C") == 0);
    // A pop directional isolate closes the embeddings opened inside its isolate.
    CHECK(open_code("\u2068(\u202Aopen\u2069") == 0);
    // Closers with nothing to close are no harm.
    CHECK(open_code("\u202C\u2069 stray") == 0);
}

TEST_CASE("an override, embedding or isolate open at a line's end is found, the outermost first",
          "[bidi]") {
    const std::optional<OpenBidi> open = unclosed_bidi("ab\u202Egpj.exe");
    REQUIRE(open.has_value());
    CHECK(open->code == 0x202E);
    CHECK(open->at == 2);
    CHECK(open_code("\u2067(رسيد)") == 0x2067);
    CHECK(open_code("x \u202A y \u202D z") == 0x202A);
    // Closed only on the next line: a line ends every level.
    CHECK(open_code("first \u202D\nsecond \u202C") == 0x202D);
    // A pop directional formatting does not close an isolate.
    CHECK(open_code("\u2066text\u202C") == 0x2066);
    // Nor an embedding outside the innermost isolate.
    CHECK(open_code("\u202B\u2066\u202C\u2069") == 0x202B);
}
