// Reading a snapshot on a chosen number of threads: the tests check that any number gives the
// same catalog, or the same refusal, as reading in order.
#pragma once

#include <string>
#include <string_view>

#include "onething/limits.hpp"
#include "onething/load.hpp"

namespace onething::detail {

/// read_snapshot, with its chunked sections (fields, materials, items) read on up to `threads`
/// threads (1: in order, on the calling thread).
LoadResult read_snapshot_on_threads(const std::string& name, std::string_view bytes,
                                    const Limits& limits, unsigned threads);

}  // namespace onething::detail
