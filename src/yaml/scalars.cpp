// Decimal scalars as the rule format and the applicant's documents write them.
#include "yaml/scalars.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <string>
#include <system_error>

namespace onething::detail {

bool is_decimal_integer_text(std::string_view text) {
    std::string_view digits = text;
    if (!digits.empty() && digits[0] == '-') {
        digits.remove_prefix(1);
    }
    if (digits.empty() || (digits.size() > 1 && digits[0] == '0')) {
        return false;
    }
    return std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string int64_range_phrase() {
    return "an integer from " + std::to_string(std::numeric_limits<std::int64_t>::min()) + " to " +
           std::to_string(std::numeric_limits<std::int64_t>::max());
}

std::string double_range_phrase() {
    return "a number a double can hold (at most about 1.8e308 in magnitude, and 0 or at least "
           "about 4.9e-324)";
}

std::optional<std::int64_t> parse_decimal_int(std::string_view text) {
    if (!is_decimal_integer_text(text)) {
        return std::nullopt;
    }
    std::int64_t value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return value;
}

std::optional<std::int64_t> parse_integral_decimal(std::string_view text) {
    if (!parse_decimal_number(text)) {
        return std::nullopt;  // the grammar is checked there; the digits are read here
    }
    const bool negative = text.front() == '-';
    std::size_t i = negative ? 1 : 0;
    std::string digits;   // the significand's digits, the decimal point removed
    long long scale = 0;  // value = digits * 10^scale
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
        digits += text[i];
    }
    if (i < text.size() && text[i] == '.') {
        for (++i; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
            digits += text[i];
            --scale;
        }
    }
    if (i < text.size()) {  // the exponent: [eE][-+]?[0-9]+
        ++i;
        const bool negative_exponent = text[i] == '-';
        i += text[i] == '-' || text[i] == '+' ? 1 : 0;
        long long exponent = 0;
        for (; i < text.size(); ++i) {
            exponent = std::min(exponent * 10 + (text[i] - '0'), 1000000LL);
        }
        scale += negative_exponent ? -exponent : exponent;
    }
    const std::size_t first = digits.find_first_not_of('0');
    if (first == std::string::npos) {
        return 0;
    }
    digits.erase(0, first);
    while (scale < 0 && digits.back() == '0') {
        digits.pop_back();
        ++scale;
    }
    if (scale < 0 || static_cast<long long>(digits.size()) + scale > 19) {
        return std::nullopt;  // a fraction is left, or more than 19 digits
    }
    digits.append(static_cast<std::size_t>(scale), '0');
    return parse_decimal_int((negative ? "-" : "") + digits);
}

bool is_decimal_number_text(std::string_view text) {
    // -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?
    std::size_t i = 0;
    auto digits = [&] {
        std::size_t start = i;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
            ++i;
        }
        return i - start;
    };
    if (i < text.size() && text[i] == '-') {
        ++i;
    }
    const std::size_t integer_start = i;
    const std::size_t integer_digits = digits();
    if (integer_digits == 0 || (integer_digits > 1 && text[integer_start] == '0')) {
        return false;
    }
    if (i < text.size() && text[i] == '.') {
        ++i;
        if (digits() == 0) {
            return false;
        }
    }
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
            ++i;
        }
        if (digits() == 0) {
            return false;
        }
    }
    return i == text.size();
}

std::optional<double> parse_decimal_number(std::string_view text) {
    if (!is_decimal_number_text(text)) {
        return std::nullopt;
    }
    double value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
        return std::nullopt;
    }
    return value;
}

}  // namespace onething::detail
