// The version of the onething library, in one place.
#pragma once

#define ONETHING_VERSION_MAJOR 0
#define ONETHING_VERSION_MINOR 1
#define ONETHING_VERSION_PATCH 0

namespace onething {
/// The library version as "major.minor.patch".
inline constexpr const char* version_string = "0.1.0";
/// The rule-format version this library reads (the `format:` key).
inline constexpr int rule_format_version = 1;
}  // namespace onething
