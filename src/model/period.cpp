// When a definition is in effect: the days of a `valid_from` / `valid_until` period.
#include "onething/catalog.hpp"

namespace onething {

bool Period::contains(const Date& day) const {
    return (!from || *from <= day) && (!until || day <= *until);
}

bool Period::overlaps(const Period& other) const {
    const bool this_ends_before = until && other.from && *until < *other.from;
    const bool other_ends_before = other.until && from && *other.until < *from;
    return !this_ends_before && !other_ends_before;
}

std::string Period::describe() const {
    if (always()) {
        return "always";
    }
    if (!until) {
        return "from " + from->to_string();
    }
    if (!from) {
        return "until " + until->to_string();
    }
    return from->to_string() + ".." + until->to_string();
}

}  // namespace onething
