// Field patterns: RE2's options and the check every pattern of a catalog passes.
#include "load/pattern.hpp"

namespace onething::detail {

RE2::Options pattern_options() {
    RE2::Options options;
    options.set_encoding(RE2::Options::EncodingUTF8);
    options.set_log_errors(false);
    return options;
}

std::string pattern_problem(const std::string& pattern) {
    const RE2 compiled(pattern, pattern_options());
    return compiled.ok() ? std::string() : compiled.error();
}

}  // namespace onething::detail
