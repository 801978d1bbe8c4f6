// Decimal scalars as the rule format and the applicant's documents write them: integers never
// read through a double, numbers in JSON's decimal syntax.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace onething::detail {

/// Parses a decimal integer as the rule format allows; nullopt otherwise.
std::optional<std::int64_t> parse_decimal_int(std::string_view text);

/// The exact integer a decimal number denotes (`5.0`, `1e3`, `-12.50e1`), parsed from its
/// digits, never through a double; nullopt when the text is no decimal number, has a nonzero
/// fraction (`30.000000000000001`) or is outside int64's range.
std::optional<std::int64_t> parse_integral_decimal(std::string_view text);

/// Parses a decimal number as the rule format allows; nullopt otherwise.
std::optional<double> parse_decimal_number(std::string_view text);

/// True when `text` is written as a decimal integer (`-?(0|[1-9][0-9]*)`), whatever its size.
bool is_decimal_integer_text(std::string_view text);

/// True when `text` is written as a decimal number (JSON's syntax), whether or not a double
/// holds it (`1e400`, `1e-400` are written as numbers and held by none).
bool is_decimal_number_text(std::string_view text);

/// The values an integer may take, for messages: "an integer from -9223372036854775808 to
/// 9223372036854775807".
std::string int64_range_phrase();

/// The values a number may take, for messages about one written as a number that no double
/// holds: "a number a double can hold (...)".
std::string double_range_phrase();

}  // namespace onething::detail
