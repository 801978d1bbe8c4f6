// The words of a dependency cycle in a message: its items in order, back to the first.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace onething::detail {

/// The most items a cycle's message names; a longer cycle is named by its start and its end.
inline constexpr std::size_t cycle_items_named = 24;

/// "dependency cycle: a -> b -> c -> a" for the cycle `ids` (each item once, in order). A
/// cycle of more than `cycle_items_named` items names its first 20 and its last 3, with how
/// many are left out between them, so that a message stays one readable line.
std::string cycle_text(std::span<const std::string_view> ids);

}  // namespace onething::detail
