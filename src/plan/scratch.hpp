// Tables with a slot per catalog definition, kept per thread between planning calls, so that
// a small plan on a national catalog does not allocate and clear megabytes of slots.
#pragma once

#include <algorithm>
#include <cassert>
#include <cstddef>
#include <utility>
#include <vector>

namespace onething::detail {

/// A vector of at least `size` slots, each equal to `fill`, borrowed from the calling thread's
/// pool. The borrower may write any slot; once it has put every slot it wrote back to `fill`,
/// it calls `rest()`, and the table goes back to the pool when the borrower is destroyed. A
/// table never rested (an exception in between) is freed instead, so the pool holds only
/// tables at rest. A thread keeps at most `max_pooled` tables per element type.
template <typename T>
class ScratchTable {
  public:
    /// Borrows a table of at least `size` slots equal to `fill`.
    ScratchTable(std::size_t size, T fill) : fill_(fill) {
        auto& pool = pool_of_thread();
        for (auto at = pool.begin(); at != pool.end(); ++at) {
            if (at->first == fill) {
                table_ = std::move(at->second);
                pool.erase(at);
                break;
            }
        }
        if (table_.size() < size) {
            table_.resize(size, fill);
        }
    }
    ScratchTable(const ScratchTable&) = delete;
    ScratchTable& operator=(const ScratchTable&) = delete;
    /// Gives a rested table back to the pool; frees one that is not at rest.
    ~ScratchTable() {
        if (!rested_) {
            return;
        }
        assert(std::all_of(table_.begin(), table_.end(),
                           [&](const T& slot) { return slot == fill_; }));
        auto& pool = pool_of_thread();
        if (pool.size() < max_pooled) {
            pool.emplace_back(fill_, std::move(table_));
        }
    }

    /// The slots (at least the size asked for; do not rely on `size()`).
    std::vector<T>& get() { return table_; }
    /// The slots, read only.
    const std::vector<T>& get() const { return table_; }
    /// Slot `at`.
    T& operator[](std::size_t at) { return table_[at]; }
    /// Slot `at`, read only.
    const T& operator[](std::size_t at) const { return table_[at]; }
    /// Declares every slot equal to `fill` again: the table may be pooled.
    void rest() { rested_ = true; }

    /// Tables kept per thread and element type.
    static constexpr std::size_t max_pooled = 8;

  private:
    /// The calling thread's tables at rest, with their fill values.
    static std::vector<std::pair<T, std::vector<T>>>& pool_of_thread() {
        thread_local std::vector<std::pair<T, std::vector<T>>> pool;
        return pool;
    }

    T fill_;
    std::vector<T> table_;
    bool rested_ = false;
};

}  // namespace onething::detail
