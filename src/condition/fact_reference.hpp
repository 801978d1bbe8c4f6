// Whether a `when` can name a fact: what the loader asks of every fact id it reads.
#pragma once

#include <string_view>

namespace onething::detail {

/// True when the condition language reads `id`, written in a `when`, as that fact: not as a
/// keyword (`true`, `false`, `in`, `date`) or a number (`10`, `1.5`).
bool condition_reads_as_fact(std::string_view id);

}  // namespace onething::detail
