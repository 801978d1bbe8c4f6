// Field patterns: how they are compiled (RE2, linear time) and which ones a catalog may use.
#pragma once

#include <re2/re2.h>

#include <string>

namespace onething::detail {

/// RE2's options for every field pattern: UTF-8 text, nothing logged. RE2 matches in time
/// linear in the text whatever the pattern, so an applicant's answer cannot make a check
/// backtrack for seconds; it has no backreferences and no lookaround.
RE2::Options pattern_options();

/// Why RE2 cannot compile `pattern` as a field pattern (RE2's own reason), or "" when it can.
std::string pattern_problem(const std::string& pattern);

}  // namespace onething::detail
