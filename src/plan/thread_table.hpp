// Tables with a slot per catalog definition, kept per thread between planning calls, so that
// a small plan on a national catalog does not allocate and clear megabytes of slots.
#pragma once

#include <algorithm>
#include <cassert>
#include <cstddef>
#include <utility>
#include <vector>

namespace onething::detail {

/// A table of at least `size` slots, each equal to `fill` when borrowed from the calling
/// thread's pool. Writes go through `set`, which remembers every slot it takes away from
/// `fill`; `reset` and the destructor put exactly those back (the whole table once more slots
/// were written than it holds), so a table always returns to the pool at rest, also when an
/// exception unwinds its borrower. A thread keeps at most `max_pooled` tables per element type.
template <typename T>
class ThreadTable {
  public:
    /// Borrows a table of at least `size` slots equal to `fill`.
    ThreadTable(std::size_t size, T fill) : fill_(fill) {
        auto& pool = pool_of_thread();
        for (auto at = pool.begin(); at != pool.end(); ++at) {
            if (at->fill == fill) {
                table_ = std::move(at->table);
                written_ = std::move(at->written);
                pool.erase(at);
                break;
            }
        }
        if (table_.size() < size) {
            table_.resize(size, fill);
        }
    }
    ThreadTable(const ThreadTable&) = delete;
    ThreadTable& operator=(const ThreadTable&) = delete;
    /// Puts the table back at rest and gives it to the pool.
    ~ThreadTable() {
        reset();
        assert(std::all_of(table_.begin(), table_.end(),
                           [&](const T& slot) { return slot == fill_; }));
        auto& pool = pool_of_thread();
        if (pool.size() < max_pooled) {
            try {
                pool.push_back({fill_, std::move(table_), std::move(written_)});
            } catch (...) {  // out of memory: the table is freed instead
            }
        }
    }

    /// Slot `at`.
    const T& operator[](std::size_t at) const { return table_[at]; }
    /// Writes slot `at`; remembers it when it leaves `fill`. Throws only when remembering
    /// cannot allocate, and then the slot is unchanged.
    void set(std::size_t at, T value) {
        T& slot = table_[at];
        if (slot == fill_ && !(value == fill_) && !everything_written_) {
            if (written_.size() == table_.size()) {
                everything_written_ = true;  // cheaper to clear it all than to list more
                written_.clear();
            } else {
                written_.push_back(at);
            }
        }
        slot = value;
    }
    /// Every slot equal to `fill` again.
    void reset() {
        if (everything_written_) {
            std::fill(table_.begin(), table_.end(), fill_);
            everything_written_ = false;
        } else {
            for (std::size_t at : written_) {
                table_[at] = fill_;
            }
        }
        written_.clear();
    }
    /// The slots, read only (at least the size asked for; do not rely on `size()`).
    const std::vector<T>& slots() const { return table_; }

    /// Tables kept per thread and element type.
    static constexpr std::size_t max_pooled = 8;

  private:
    /// A table at rest in the pool, with its fill value and its list's capacity.
    struct Pooled {
        T fill;
        std::vector<T> table;
        std::vector<std::size_t> written;
    };
    /// The calling thread's tables at rest.
    static std::vector<Pooled>& pool_of_thread() {
        thread_local std::vector<Pooled> pool;
        return pool;
    }

    T fill_;
    std::vector<T> table_;
    std::vector<std::size_t> written_;  // slots `set` took away from fill_, in order
    bool everything_written_ = false;   // more slots written than listed: clear the whole table
};

}  // namespace onething::detail
