// The skeleton loaded before it is written, each error the loader finds a warning at the
// document's JSON pointer (cpsv_ap_reload.hpp).
#include "cpsv/cpsv_ap_reload.hpp"

#include <filesystem>
#include <span>
#include <string>

namespace onething::cpsv {
namespace {

/// How to mend the rule file when the loader reports `code` in it.
std::string mend_hint(const std::string& code) {
    if (code == "cycle") {
        // The export writes every need as dct:requires, a conditional one too.
        return "restore the `when` the document cannot carry on one of these needs, or drop one";
    }
    return "mend it there, or change this value in the document";
}

}  // namespace

std::vector<Diagnostic> skeleton_load_warnings(const Skeleton& skeleton, const SourceFile& document,
                                               const Limits& limits) {
    const SourceFile rules{std::filesystem::path(document.name).stem().string() + ".yaml",
                           skeleton.text()};
    const LoadResult loaded = load_catalog_from_sources(std::span(&rules, 1), limits);
    std::vector<Diagnostic> warnings;
    for (const Diagnostic& found : loaded.diagnostics) {
        if (found.severity != Severity::error) {
            continue;  // lint's own warnings stay lint's
        }
        const bool in_rules = found.location.file == rules.name;
        const std::string from =
            in_rules ? skeleton.source_of(found.location.line, found.location.column) : "";
        Diagnostic warning;
        warning.severity = Severity::warning;
        warning.code = "cpsv-ap";
        warning.location = Location{document.name, 0, 0};
        // As the import's errors are: the value's JSON pointer first.
        warning.message =
            (from.empty() ? std::string("the document") : from) +
            ": the rule file written from this will not pass lint until it is mended: " +
            found.message + " [" + found.code + "]" +
            (in_rules ? " at " + rules.name + ":" + std::to_string(found.location.line) + ":" +
                            std::to_string(found.location.column)
                      : std::string()) +
            "; " + mend_hint(found.code);
        warnings.push_back(std::move(warning));
    }
    return warnings;
}

}  // namespace onething::cpsv
