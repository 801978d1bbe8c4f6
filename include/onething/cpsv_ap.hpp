// CPSV-AP 3 as JSON-LD: the catalog's items, materials, departments and bundles in the EU's
// Core Public Service Vocabulary (docs/cpsv-ap.md), and rule-file skeletons read back from it.
#pragma once

#include <string>
#include <vector>

#include "onething/catalog.hpp"
#include "onething/diagnostic.hpp"
#include "onething/limits.hpp"
#include "onething/load.hpp"

namespace onething {

/// The catalog as one CPSV-AP 3 JSON-LD document with its `@context` inline: items as
/// `cpsv:PublicService`, departments as `cv:PublicOrganisation`, materials as `cv:Evidence`
/// and `cv:Output`, bundles as `cv:LifeEvent`; IRIs are `urn:onething:...`, nodes sorted.
std::string catalog_to_cpsv_ap(const Catalog& catalog);

/// A rule-file skeleton read from a CPSV-AP document, and what import has to say about it.
struct CpsvApImport {
    std::string rules;  ///< the rule file (YAML)
    /// Warnings (`cpsv-ap`, severity warning): each error the loader finds in `rules` (a
    /// prerequisite cycle whose `when` CPSV-AP cannot carry, say), at the JSON pointer of the
    /// value its line comes from, saying how to mend the rule file. `rules` is complete
    /// whatever they say; it passes `onething lint` once they are mended.
    std::vector<Diagnostic> diagnostics;
};

/// A rule file (YAML) read from a CPSV-AP JSON-LD document in the shape catalog_to_cpsv_ap
/// writes: what CPSV-AP says as keys, what it cannot say (conditions, fields, steps, visits,
/// e-licences) as `# TODO:` comments, with the warnings of CpsvApImport. Throws InputError
/// naming the file and the JSON pointer of what is not understood; a document of more than
/// `limits.max_file_bytes` bytes (`limit-file-size`) or nested deeper than `limits.max_depth`
/// (`limit-depth`, at the line and column of the first container too deep) is refused as every
/// reader refuses one.
CpsvApImport cpsv_ap_import(const SourceFile& document, const Limits& limits = {});

/// cpsv_ap_import's rule file alone, its warnings dropped.
std::string cpsv_ap_to_rules(const SourceFile& document, const Limits& limits = {});

}  // namespace onething
