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

/// Why a cycle's link that a producer makes holds, in a message's words (the planner's cycle
/// and the loader's per-bundle one).
inline constexpr std::string_view produced_link_reason =
    "what a selected item produces is never taken from the applicant";

/// "; b waits for d, which produces material 'm1' that b needs": one link of a cycle that a
/// producer makes (`field`: `produced` is a field, else a material), to follow cycle_text.
std::string produced_link_text(std::string_view consumer, std::string_view producer, bool field,
                               std::string_view produced);

}  // namespace onething::detail
