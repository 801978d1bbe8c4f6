// The position of each id of a sorted section, in a flat open-addressing hash table: resolving
// the million references of a national catalog by binary search (long ids sharing prefixes) or
// through a node-based map was most of the time spent building its index. The ids are copied
// side by side into one buffer, so the compare that confirms a hit reads a few megabytes that
// stay in cache rather than ids scattered over the whole catalog.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string_view>
#include <vector>

#include "model/section_ids.hpp"

namespace onething::detail {

/// Maps the ids of a section (anything with an `id` string) to their positions.
class IdPositions {
  public:
    /// Indexes the ids of `section` (copied).
    template <typename T>
    explicit IdPositions(std::span<const T> section) : ids_(section) {
        std::size_t size = 16;
        while (size < section.size() * 2) {
            size *= 2;
        }
        mask_ = size - 1;
        slots_.assign(size, Slot{});
        for (std::size_t k = 0; k < section.size(); ++k) {
            const std::uint64_t hash = hash_of(ids_[k]);
            std::size_t at = hash & mask_;
            while (slots_[at].position != empty) {
                at = (at + 1) & mask_;
            }
            slots_[at] = Slot{hash, static_cast<std::uint32_t>(k)};
        }
    }

    /// The position of `id`, or -1 when the section has no such id.
    std::int64_t operator()(std::string_view id) const {
        const std::uint64_t hash = hash_of(id);
        for (std::size_t at = hash & mask_;; at = (at + 1) & mask_) {
            const Slot& slot = slots_[at];
            if (slot.position == empty) {
                return -1;
            }
            if (slot.hash == hash && ids_[slot.position] == id) {
                return slot.position;
            }
        }
    }

  private:
    static constexpr std::uint32_t empty = 0xFFFFFFFFu;
    struct Slot {
        std::uint64_t hash = 0;
        std::uint32_t position = empty;
    };
    static std::uint64_t hash_of(std::string_view id) { return std::hash<std::string_view>{}(id); }

    SectionIds ids_;  ///< the ids, side by side: the compare that confirms a hit reads them
    std::vector<Slot> slots_;
    std::size_t mask_ = 0;
};

}  // namespace onething::detail
