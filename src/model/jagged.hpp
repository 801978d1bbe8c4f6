// Rows of values in one array: a list of short lists without an allocation per list.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <limits>
#include <span>
#include <stdexcept>
#include <utility>
#include <vector>

namespace onething::detail {

/// Rows of values side by side in one array, each row seen as a span: what a vector of vectors
/// holds, in two allocations rather than one per row. Rows are added at the end, and values at
/// the end of the last row; it holds fewer than 2^32 values.
template <typename T>
class Jagged {
  public:
    /// Walks the rows in order, each a span.
    class Iterator {
      public:
        using iterator_category = std::forward_iterator_tag;  ///< one pass, in order
        using value_type = std::span<const T>;                ///< a row
        using difference_type = std::ptrdiff_t;               ///< rows between two iterators
        using pointer = void;                                 ///< rows are made on the way
        using reference = std::span<const T>;                 ///< a row, by value

        Iterator() = default;
        /// At row `row` of `rows`.
        Iterator(const Jagged* rows, std::size_t row) : rows_(rows), row_(row) {}
        /// The row.
        std::span<const T> operator*() const { return (*rows_)[row_]; }
        /// On to the next row.
        Iterator& operator++() {
            ++row_;
            return *this;
        }
        /// On to the next row, returning this one.
        Iterator operator++(int) {
            Iterator before = *this;
            ++row_;
            return before;
        }
        /// At the same row.
        friend bool operator==(const Iterator& a, const Iterator& b) { return a.row_ == b.row_; }

      private:
        const Jagged* rows_ = nullptr;
        std::size_t row_ = 0;
    };

    /// No row.
    Jagged() = default;
    /// The rows of `values` that end where `ends` says, in order: each end at least the one
    /// before it, the last the count of values (else std::invalid_argument).
    Jagged(std::vector<T> values, std::vector<std::uint32_t> ends)
        : values_(std::move(values)), ends_(std::move(ends)) {
        std::uint32_t before = 0;
        for (const std::uint32_t end : ends_) {
            if (end < before) {
                throw std::invalid_argument("rows that end before they begin");
            }
            before = end;
        }
        if (before != values_.size() ||
            values_.size() > std::numeric_limits<std::uint32_t>::max()) {
            throw std::invalid_argument("rows that do not end with their values");
        }
    }

    /// How many rows.
    std::size_t size() const { return ends_.size(); }
    /// True when there is no row.
    bool empty() const { return ends_.empty(); }
    /// Row `row` (less than size()).
    std::span<const T> operator[](std::size_t row) const {
        const std::uint32_t begin = row == 0 ? 0 : ends_[row - 1];
        return {values_.data() + begin, ends_[row] - begin};
    }
    /// The first row.
    Iterator begin() const { return {this, 0}; }
    /// Past the last row.
    Iterator end() const { return {this, ends_.size()}; }
    /// Every value, row after row.
    std::span<const T> values() const { return values_; }

    /// Makes room for `rows` rows of `values` values in all.
    void reserve(std::size_t rows, std::size_t values) {
        ends_.reserve(rows);
        values_.reserve(values);
    }
    /// Adds an empty row at the end.
    void add_row() { ends_.push_back(static_cast<std::uint32_t>(values_.size())); }
    /// Adds `value` at the end of the last row (there must be one).
    void push_back(const T& value) {
        if (values_.size() == std::numeric_limits<std::uint32_t>::max()) {
            throw std::length_error("more than 2^32 - 1 values in rows");
        }
        values_.push_back(value);
        ++ends_.back();
    }
    /// Makes room for `count` more values (for the last row).
    void reserve_values(std::size_t count) { values_.reserve(values_.size() + count); }

    /// The same rows of the same values.
    friend bool operator==(const Jagged& a, const Jagged& b) = default;

  private:
    std::vector<T> values_;            ///< every row's values, one row after another
    std::vector<std::uint32_t> ends_;  ///< by row: where it ends in values_
};

}  // namespace onething::detail
