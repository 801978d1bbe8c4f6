// The CPSV-AP document read as JSON under the limits every input has (its size and nesting
// depth), with the first key written twice in one object found on the way (cpsv_ap_json.cpp).
// Internal to the import.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "onething/limits.hpp"
#include "onething/load.hpp"

namespace onething::cpsv {

/// The first key written twice in one object: the JSON library keeps one value of such a key
/// silently (the last), so the import refuses it.
struct RepeatedKey {
    nlohmann::json::json_pointer object;  ///< the object's pointer
    std::string key;                      ///< the key
};

/// Parses `document` into `root` (built there, so the caller frees it as it chooses). Throws
/// InputError `limit-file-size` when it has more than `limits.max_file_bytes` bytes,
/// `limit-depth` at the line and column of the first container nested deeper than
/// `limits.max_depth`, and `cpsv-ap` when it is not JSON. Gives the first repeated key, if any.
std::optional<RepeatedKey> read_bounded_json(const SourceFile& document, const Limits& limits,
                                             nlohmann::json& root);

}  // namespace onething::cpsv
