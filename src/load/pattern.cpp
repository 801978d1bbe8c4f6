// Field patterns: RE2's options, the check every pattern of a catalog passes, and compiling one.
#include "load/pattern.hpp"

namespace onething::detail {

RE2::Options pattern_options() {
    RE2::Options options;
    options.set_encoding(RE2::Options::EncodingUTF8);
    options.set_log_errors(false);
    return options;
}

std::unique_ptr<RE2> compile_pattern(std::string_view pattern) {
    // As ECMA-262 reads it where it can be, else as RE2 reads it written (pattern_warning).
    const PatternReading reading = read_pattern(pattern);
    if (reading.problem.empty()) {
        auto spelt = std::make_unique<RE2>(reading.re2, pattern_options());
        if (spelt->ok()) {
            return spelt;
        }
    }
    auto written = std::make_unique<RE2>(std::string(pattern), pattern_options());
    return written->ok() ? std::move(written) : nullptr;
}

PatternVerdict judge_pattern(const std::string& pattern) {
    // Answers are checked with RE2, in linear time: as ECMA-262 reads the pattern where it can,
    // else as written. RE2 refuses what needs a backtracking engine (a backreference, a
    // lookaround) and patterns whose compiled form is too large.
    const PatternReading reading = read_pattern(pattern);
    if (reading.problem.empty() && RE2(reading.re2, pattern_options()).ok()) {
        return {};
    }
    const RE2 written(pattern, pattern_options());
    if (!written.ok()) {
        return {
            "is not supported: answers are checked with RE2 in linear time, which refuses it (" +
                written.error() + "); " +
                (reading.problem.empty() || reading.backtracking
                     ? "write it without backreferences or lookaround"
                     : reading.problem),
            {}};
    }
    if (reading.problem.empty()) {
        return {{},
                "is too large for RE2 once spelt as ECMA-262 reads it (`.` and `\\s` in full): "
                "answers are checked as RE2 reads it as written; simplify it"};
    }
    return {{},
            "is not read alike by JSON Schema validators (ECMA-262) and by the engine: " +
                reading.problem +
                " (the form hands it on as written, and answers are checked as RE2 reads it)"};
}

}  // namespace onething::detail
