// Surrogate-pair escapes in double-quoted scalars, which yaml-cpp refuses ("invalid unicode").
//
// YAML 1.2 reads JSON, and JSON writes a character past U+FFFF (a CJK Extension B character
// in a name, say) as two \u escapes: a high surrogate and a low one. yaml-cpp decodes each
// \u escape on its own and refuses a surrogate, so the lexical pass before it notes where the
// pairs are, and yaml-cpp reads a copy where each pair is the one \U escape of its code point.
// The copy is two bytes shorter per pair; positions are mapped back to the document's.
#include <algorithm>
#include <cstdint>

#include "text/hex_digit.hpp"
#include "yaml/yaml_tree.hpp"

namespace onething::detail {

namespace {

/// The code unit of the `\uHHHH` escape at `at`, or -1 when there is none.
long escape_unit(std::string_view source, std::size_t at) {
    if (at + 6 > source.size() || source[at] != '\\' || source[at + 1] != 'u') {
        return -1;
    }
    long unit = 0;
    for (std::size_t i = at + 2; i < at + 6; ++i) {
        const int digit = hex_digit_value(source[i]);
        if (digit < 0) {
            return -1;
        }
        unit = unit * 16 + digit;
    }
    return unit;
}

}  // namespace

bool is_surrogate_pair_escape(std::string_view source, std::size_t at) {
    const long high = escape_unit(source, at);
    if (high < 0xD800 || high > 0xDBFF) {
        return false;
    }
    const long low = escape_unit(source, at + 6);
    return low >= 0xDC00 && low <= 0xDFFF;
}

std::size_t EscapeRewrite::original_offset(std::size_t rewritten) const {
    const auto before = std::upper_bound(after.begin(), after.end(), rewritten) - after.begin();
    return rewritten + 2 * static_cast<std::size_t>(before);
}

EscapeRewrite rewrite_surrogate_pairs(std::string_view source,
                                      const std::vector<std::size_t>& pairs) {
    static constexpr char digits[] = "0123456789ABCDEF";
    EscapeRewrite rewrite;
    rewrite.text.reserve(source.size());
    rewrite.after.reserve(pairs.size());
    std::size_t copied = 0;
    for (const std::size_t at : pairs) {
        rewrite.text.append(source.substr(copied, at - copied));
        const long high = escape_unit(source, at);
        const long low = escape_unit(source, at + 6);
        std::uint32_t code = 0x10000u + ((static_cast<std::uint32_t>(high) - 0xD800u) << 10u) +
                             (static_cast<std::uint32_t>(low) - 0xDC00u);
        char escape[10] = {'\\', 'U'};
        for (int i = 9; i >= 2; --i) {
            escape[i] = digits[code & 0xFu];
            code >>= 4u;
        }
        rewrite.text.append(escape, sizeof escape);
        rewrite.after.push_back(rewrite.text.size());
        copied = at + surrogate_pair_escape_size;
    }
    rewrite.text.append(source.substr(copied));
    return rewrite;
}

}  // namespace onething::detail
