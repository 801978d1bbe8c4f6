// Whether a `when` can name a fact: what the loader asks of every fact id it reads.
#pragma once

#include <string_view>

namespace onething::detail {

/// What the condition language reads `id`, written in a `when`, as when it is not that fact:
/// "its keyword" (`true`, `false`, `in`, `date`), "a number" (`10`, `1.5`) or "something
/// else"; empty when a `when` reads it as the fact.
std::string_view condition_misreading(std::string_view id);

}  // namespace onething::detail
