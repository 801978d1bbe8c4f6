// Where each byte of a scalar's value is written in its source, through escapes, doubled
// quotes, folded lines and block scalars: so that an error inside a `when` expression is located
// at its token even when the expression is not written as it reads.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "yaml/yaml_tree.hpp"

namespace onething::detail {

/// A place in a source file: 1-based line and column (in characters).
struct SourcePosition {
    std::uint32_t line = 0;    ///< 1-based line
    std::uint32_t column = 0;  ///< 1-based column, in characters
};

/// The source position of every byte of `node`'s value and of its end (value size + 1 entries):
/// a byte an escape gives is at the escape's backslash, a space a folded line break gives at the
/// break (or at a trailing space before it). Empty when `node` is not a scalar or its source cannot
/// be followed (a value built otherwise than the source says, as a merged overlay node's could be).
std::vector<SourcePosition> scalar_value_positions(const YamlDocument& document,
                                                   const YamlNode& node);

}  // namespace onething::detail
