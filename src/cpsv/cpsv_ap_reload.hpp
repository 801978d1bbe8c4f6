// The skeleton an import writes, loaded as `onething lint` would before it is written, each
// error the loader finds there a warning at the document's JSON pointer (cpsv_ap_reload.cpp).
// Internal to the import.
#pragma once

#include <vector>

#include "cpsv/cpsv_ap_skeleton.hpp"
#include "onething/diagnostic.hpp"
#include "onething/limits.hpp"
#include "onething/load.hpp"

namespace onething::cpsv {

/// Loads `skeleton` (named as import names the file it writes from `document`) under `limits`,
/// and gives a warning `cpsv-ap` for each error the loader finds, placed at the JSON pointer of
/// the value its line comes from: the skeleton is written all the same (a valid catalog's
/// export may say less than its rule files did, such as the `when` of a need), and the warning
/// says how to mend it. The loader's own warnings stay lint's.
std::vector<Diagnostic> skeleton_load_warnings(const Skeleton& skeleton, const SourceFile& document,
                                               const Limits& limits);

}  // namespace onething::cpsv
