// Small random catalogs for checking the optimizer against exhaustive enumeration: every
// catalog has a bundle `b` over at most a few items, so that every selection can be tried.
#pragma once

#include <random>
#include <string>

namespace onething::testing {

/// A random catalog of `item_count` items, acyclic in prerequisites, every record producible.
/// With `papers`, submittable materials are never produced: many are surely submitted, and
/// needs compete for the same ones (what the lower bound on materials must not count twice).
/// With `conditional`, one need, alternative or prerequisite in three carries a `when` on the
/// defaulted facts (rule format 1.1, "Conditional needs"), false about half of the time.
std::string random_catalog(std::mt19937& random, int item_count, bool papers,
                           bool conditional = false);

/// A random catalog where producers make several materials and fields that other needs use:
/// every maker makes a record and often papers, another record or an asked field too; e-licences
/// nobody produces come first among the alternatives, before records and papers. Choosing a
/// record over the free e-licence brings in a maker, which may spare papers or fields elsewhere
/// (what a cut at the first free alternative misses). Every record is producible.
std::string random_maker_catalog(std::mt19937& random, int item_count);

}  // namespace onething::testing
