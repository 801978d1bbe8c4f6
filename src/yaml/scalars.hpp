// Decimal scalars as the rule format and the applicant's documents write them: integers never
// read through a double, numbers in JSON's decimal syntax.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace onething::detail {

/// Parses a decimal integer as the rule format allows; nullopt otherwise.
std::optional<std::int64_t> parse_decimal_int(std::string_view text);

/// Parses a decimal number as the rule format allows; nullopt otherwise.
std::optional<double> parse_decimal_number(std::string_view text);

}  // namespace onething::detail
