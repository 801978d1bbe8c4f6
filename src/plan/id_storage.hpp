// The characters a plan's ids view (Plan::text): each distinct id copied once per plan.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace onething::detail {

/// Append-only storage of id characters in chunks that never move, so views stay valid.
class IdStorage {
  public:
    IdStorage();

    /// A copy of `id` in the storage.
    std::string_view add(std::string_view id);
    /// The storage, to be kept by the plan whose ids view it.
    std::shared_ptr<const void> share() const { return chunks_; }

    /// Bytes of the first chunk; each next one is twice as large, up to `max_chunk`.
    static constexpr std::size_t first_chunk = 4 * 1024;
    /// Largest chunk; a longer id gets a chunk of its own size.
    static constexpr std::size_t max_chunk = 256 * 1024;

  private:
    std::shared_ptr<std::vector<std::unique_ptr<char[]>>> chunks_;
    char* free_ = nullptr;  // next free byte of the last chunk
    std::size_t left_ = 0;  // bytes left in it
    std::size_t next_chunk_ = first_chunk;
};

/// Views of catalog ids in a IdStorage, made on first use: one copy per distinct id. The table
/// by position is allocated in small blocks as they are first touched, so a small plan on a
/// national catalog does not clear a slot for every definition.
class PlanIds {
  public:
    /// For a catalog with `count` definitions of one kind (materials or fields).
    PlanIds(IdStorage& text, std::size_t count)
        : text_(text), blocks_((count + block_size - 1) / block_size) {}

    /// The view of definition `position`, whose id is `id`.
    std::string_view get(std::size_t position, const std::string& id) {
        auto& block = blocks_[position / block_size];
        if (!block) {
            block = std::make_unique<std::string_view[]>(block_size);
        }
        std::string_view& view = block[position % block_size];
        if (view.data() == nullptr) {
            view = text_.add(id);
        }
        return view;
    }

    /// Positions per block.
    static constexpr std::size_t block_size = 64;

  private:
    IdStorage& text_;
    std::vector<std::unique_ptr<std::string_view[]>> blocks_;  // data() null until made
};

}  // namespace onething::detail
