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

std::string pattern_problem(const std::string& pattern) {
    // The pattern as RE2 spells it when ECMA-262's reading takes it, else as written (RE2's
    // own reason then names a backreference or a lookaround).
    const PatternReading reading = read_pattern(pattern);
    const RE2 compiled(reading.problem.empty() ? reading.re2 : pattern, pattern_options());
    return compiled.ok() ? std::string() : compiled.error();
}

}  // namespace onething::detail
