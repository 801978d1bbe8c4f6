// The checks that make a snapshot's catalog safe to plan on, and the refusal they throw: ids
// sorted and unique, values of their facts' types, test cases resolved, no prerequisite cycle.
#pragma once

#include <algorithm>
#include <limits>
#include <string>
#include <vector>

#include "onething/catalog.hpp"

namespace onething::detail {

/// A refusal that is not about the bytes' structure: a version, a limit, a failed check.
struct SnapshotRefused {
    std::string code;     ///< the diagnostic's code
    std::string message;  ///< what is wrong
};

/// The refusal of a definition of `section` whose id does not come after the one before it.
inline SnapshotRefused out_of_order(const char* section, const std::string& id) {
    return SnapshotRefused{"snapshot-corrupt", std::string("the ") + section + " '" + id +
                                                   "' is out of order or repeated"};
}

/// Throws SnapshotRefused unless each id of `values` from position `first` up to `last` comes
/// after the one before it; by default, unless all are strictly increasing (sorted, unique).
template <typename T>
void check_sorted(const std::vector<T>& values, const char* section, std::size_t first = 1,
                  std::size_t last = std::numeric_limits<std::size_t>::max()) {
    for (std::size_t k = std::max<std::size_t>(first, 1); k < std::min(last, values.size()); ++k) {
        if (!(values[k - 1].id < values[k].id)) {
            throw out_of_order(section, values[k].id);
        }
    }
}

/// Throws SnapshotRefused unless `catalog` passes the checks the planner relies on: those of
/// `check_definitions`, and `check_test` of each of its cases.
void check_catalog(const Catalog& catalog);

/// Throws SnapshotRefused unless the definitions of `catalog` pass the planner's checks: an
/// enum fact has values, defaults fit their facts, no item needs itself through prerequisites.
void check_definitions(const Catalog& catalog);

/// Throws SnapshotRefused unless `test` names a bundle of `catalog` and gives values that fit
/// its facts: `catalog` is the version the case is checked in (case_version.hpp).
void check_test(const Catalog& catalog, const TestCase& test);

/// True when every definition `test` names (bundle, facts, the ids of its expectation) is in
/// `catalog`: whether a version can check the case (case_version.hpp).
bool names_all(const Catalog& catalog, const TestCase& test);

}  // namespace onething::detail
