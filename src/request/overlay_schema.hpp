// The JSON Schema of an overlay file (docs/overlays.md), derived from the rule format's.
#pragma once

#include <string>

namespace onething::detail {

/// The rule format's JSON Schema with nothing required of a fact, field or bundle definition
/// (an overlay gives only the keys it changes), retitled: `onething schema --format overlay`.
std::string overlay_schema();

}  // namespace onething::detail
