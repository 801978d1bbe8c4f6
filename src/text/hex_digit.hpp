// The value of one hexadecimal digit, for the readers of escapes and chunk sizes.
#pragma once

namespace onething::detail {

/// The value of the hexadecimal digit `c` (0-9, a-f, A-F), or -1 when it is none.
constexpr int hex_digit_value(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

}  // namespace onething::detail
