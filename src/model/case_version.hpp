// Which version of a dated catalog checks a test case when it is loaded (docs/dates.md): the
// loader and the snapshot reader choose alike, so that a snapshot takes what its files take.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "onething/catalog.hpp"

namespace onething::detail {

/// An id a test case names, and the kind of definition it names.
struct CaseReference {
    std::string_view kind;  ///< "bundle", "fact", "item", "field" or "material"
    std::string_view id;    ///< the id as written
};

/// The ids `expect` names (items, fields, materials, and the facts of `questions`), in the
/// order of its keys; the case's bundle and facts are the caller's to add.
std::vector<CaseReference> expectation_references(const Expectation& expect);

/// The version (an index of `periods`, which cover every day in order) a case is checked in: its
/// `as_of`'s; without one, today's when `names_all(today's)`, else the latest version before
/// today for which `names_all` holds, else the first after, so that the end of a bundle, fact
/// or item a case names never stops the catalog from loading; today's when none holds (the
/// check then reports what is missing). `names_all(v)` tells whether every definition the case
/// names is in effect in version `v`.
template <typename NamesAll>
std::size_t case_version(const std::vector<Period>& periods, const std::optional<Date>& as_of,
                         const Date& today, NamesAll names_all) {
    const auto version_of_day = [&](const Date& day) {
        std::size_t v = 0;
        while (v + 1 < periods.size() && !periods[v].contains(day)) {
            ++v;
        }
        return v;
    };
    if (as_of) {
        return version_of_day(*as_of);
    }
    const std::size_t today_version = version_of_day(today);
    if (names_all(today_version)) {
        return today_version;
    }
    for (std::size_t v = today_version; v-- > 0;) {
        if (names_all(v)) {
            return v;
        }
    }
    for (std::size_t v = today_version + 1; v < periods.size(); ++v) {
        if (names_all(v)) {
            return v;
        }
    }
    return today_version;
}

}  // namespace onething::detail
