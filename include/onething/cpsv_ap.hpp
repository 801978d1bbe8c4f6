// CPSV-AP 3 as JSON-LD: the catalog's items, materials, departments and bundles in the EU's
// Core Public Service Vocabulary (docs/cpsv-ap.md), and rule-file skeletons read back from it.
#pragma once

#include <string>

#include "onething/catalog.hpp"
#include "onething/limits.hpp"
#include "onething/load.hpp"

namespace onething {

/// The catalog as one CPSV-AP 3 JSON-LD document with its `@context` inline: items as
/// `cpsv:PublicService`, departments as `cv:PublicOrganisation`, materials as `cv:Evidence`
/// and `cv:Output`, bundles as `cv:LifeEvent`; IRIs are `urn:onething:...`, nodes sorted.
std::string catalog_to_cpsv_ap(const Catalog& catalog);

/// A rule file (YAML) read from a CPSV-AP JSON-LD document in the shape catalog_to_cpsv_ap
/// writes: what CPSV-AP says as keys, what it cannot say (conditions, fields, steps, visits,
/// e-licences) as `# TODO:` comments. Throws InputError naming the file and the JSON pointer
/// of what is not understood; a document of more than `limits.max_file_bytes` bytes
/// (`limit-file-size`) or nested deeper than `limits.max_depth` (`limit-depth`, at the line
/// and column of the first container too deep) is refused as every reader refuses one.
std::string cpsv_ap_to_rules(const SourceFile& document, const Limits& limits = {});

}  // namespace onething
