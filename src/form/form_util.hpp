// Small helpers of the form code: number text, id segments.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace onething::detail::form {

/// The shortest decimal text of a number; integral values without a fraction ("16", "2.5").
std::string format_number(double value);

/// The segments of a dotted id: "shop.address.street" → {"shop", "address", "street"}.
std::vector<std::string> id_segments(std::string_view id);

/// Every proper prefix of a dotted id: "a.b.c" → {"a", "a.b"}.
std::vector<std::string> id_groups(std::string_view id);

}  // namespace onething::detail::form
