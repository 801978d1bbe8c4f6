// When a field's bounds leave it no value: one rule for the loader's warning and the form's
// merge, so that the two cannot drift apart.
#pragma once

#include <cmath>

#include "onething/catalog.hpp"

namespace onething::detail {

/// True when no value of a field of `type` lies within `minimum` .. `maximum`: for an integer
/// field, no whole number between them (1.2 .. 1.8 holds none).
inline bool no_value_between(FieldType type, double minimum, double maximum) {
    return type == FieldType::integer ? std::ceil(minimum) > std::floor(maximum)
                                      : minimum > maximum;
}

}  // namespace onething::detail
