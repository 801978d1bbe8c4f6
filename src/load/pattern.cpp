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
    const PatternReading reading = read_pattern(pattern);
    if (!reading.problem.empty()) {
        return nullptr;
    }
    auto compiled = std::make_unique<RE2>(reading.re2, pattern_options());
    return compiled->ok() ? std::move(compiled) : nullptr;
}

std::string pattern_refusal(const std::string& pattern) {
    const PatternReading reading = read_pattern(pattern);
    const std::string unlike =
        "is not read alike by JSON Schema validators (ECMA-262) and by the engine: ";
    if (!reading.problem.empty() && !reading.backtracking) {
        return unlike + reading.problem;
    }
    // Answers are checked with RE2, in linear time: it refuses what needs a backtracking
    // engine, and patterns whose compiled form is too large.
    const RE2 compiled(reading.problem.empty() ? reading.re2 : pattern, pattern_options());
    if (!compiled.ok()) {
        return "is not supported: answers are checked with RE2 in linear time, which refuses it (" +
               compiled.error() + "); " +
               (reading.backtracking ? "write it without backreferences or lookaround"
                                     : "simplify it");
    }
    // A backreference RE2 reads otherwise (\12 is an octal escape to it).
    return reading.problem.empty() ? std::string() : unlike + reading.problem;
}

}  // namespace onething::detail
