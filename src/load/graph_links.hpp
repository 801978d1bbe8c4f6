// The links of the rule-file graph that every plan selecting an item has (an unconditional
// prerequisite, the one producer of a material only a producer provides), and the strongly
// connected components and cycles of such links: shared by the catalog-wide graph checks
// (check_graph.cpp) and the per-bundle ones (check_always_selected.cpp).
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "load/check_context.hpp"

namespace onething::detail {

/// The position of the item that `need`, a prerequisite of item `item`, names, when every plan
/// selecting `item` selects it too: a need without a `when` of its own, to another item without one
/// (a prerequisite is selected only when its `when` holds); else nullopt. Only such edges make a
/// cycle the catalog's error; one only some facts close is the plan's `cycle` (rule-format.md:
/// the graph's nodes are the selected items).
std::optional<std::size_t> forced_prerequisite(const CheckContext& context, std::size_t item,
                                               const ItemNeed& need);

/// Strongly connected components (iterative Tarjan); returns a component number per node.
std::vector<std::size_t> components(const std::vector<std::vector<std::size_t>>& edges);

/// The shortest cycle through `start` inside its component (breadth-first, smallest ids first).
std::vector<std::size_t> cycle_through(std::size_t start,
                                       const std::vector<std::vector<std::size_t>>& edges,
                                       const std::vector<std::size_t>& component);

/// The items producing each material, by material position (item positions, ascending).
std::vector<std::vector<std::size_t>> material_producers(const CheckContext& context);

/// The one item that can meet `need`, a material need of item `item`, when every plan selecting
/// `item` selects it for that: a need without a `when`, of one material (not `any_of`), that
/// only a producer can provide, and that exactly one other item produces; else nullopt.
std::optional<std::size_t> forced_producer(const CheckContext& context,
                                           const std::vector<std::vector<std::size_t>>& producers,
                                           std::size_t item, const MaterialNeed& need);

/// The checks of what every plan of each bundle selects (check_always_selected.cpp): a deferred
/// item such an item needs, and a cycle through a selected producer; `producers` is
/// material_producers' table.
void check_always_selected(CheckContext& context,
                           const std::vector<std::vector<std::size_t>>& producers);

}  // namespace onething::detail
