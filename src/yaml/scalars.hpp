// Decimal scalars as the rule format and the applicant's documents write them: integers never
// read through a double, numbers in JSON's decimal syntax.
#pragma once

#include <cstdint>
#include <optional>
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

}  // namespace onething::detail
