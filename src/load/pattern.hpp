// Field patterns: how they are compiled (RE2, linear time) and which ones a catalog may use.
#pragma once

#include <re2/re2.h>

#include <memory>
#include <string>
#include <string_view>

namespace onething::detail {

/// RE2's options for every field pattern: UTF-8 text, nothing logged. RE2 matches in time
/// linear in the text whatever the pattern, so an applicant's answer cannot make a check
/// backtrack for seconds; it has no backreferences and no lookaround.
RE2::Options pattern_options();

/// A field pattern read as JSON Schema validators read it: ECMA-262 in Unicode mode (as ajv
/// compiles it), within the syntax RE2 shares with it.
struct PatternReading {
    /// The pattern for RE2 that matches what ECMA-262 matches: `.` and `\s` spelt out (RE2's
    /// stop at ASCII), `\u` and `\0` as RE2's `\x{...}`; "" when refused.
    std::string re2;
    /// Why the pattern is refused (what, at which character, how to write it), or "".
    std::string problem;
    /// Refused for a backreference or a lookaround, which RE2 refuses too (matching them
    /// needs a backtracking engine).
    bool backtracking = false;
};

/// Reads `pattern` (pattern_syntax.cpp). A pattern is refused when a validator of the merged
/// form's JSON Schema would refuse it or read it otherwise than RE2 reads its `re2`.
PatternReading read_pattern(std::string_view pattern);

/// What the loader says of a pattern, as the words after "pattern '...' " in its diagnostic.
struct PatternVerdict {
    /// Why a catalog may not hold it, or "": RE2 refuses it (a backreference or a lookaround,
    /// which need a backtracking engine, or a pattern too large), with the reading's how-to when
    /// it has one.
    std::string refusal;
    /// Why JSON Schema validators may read it otherwise than the engine, or "" (always "" with
    /// a refusal): the reading's refusal, or a spelling for RE2 too large.
    std::string warning;
};

/// Judges `pattern`: one reading and at most two RE2 compilations.
PatternVerdict judge_pattern(const std::string& pattern);

/// The compiled RE2 of a pattern: its `re2` form when the reading takes it, else the pattern as
/// written (judge_pattern warns of it at load); nullptr when RE2 refuses it.
std::unique_ptr<RE2> compile_pattern(std::string_view pattern);

}  // namespace onething::detail
