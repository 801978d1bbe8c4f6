// The ids of a section side by side in one buffer: a few megabytes that stay in cache, read in
// place of ids scattered over the definitions of a whole catalog.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace onething::detail {

/// The ids of a section (anything with an `id` string), copied one after another.
class SectionIds {
  public:
    /// Copies the ids of `section`.
    template <typename T>
    explicit SectionIds(std::span<const T> section) {
        std::size_t bytes = 0;
        for (const T& element : section) {
            bytes += element.id.size();
        }
        text_.reserve(bytes);
        starts_.reserve(section.size() + 1);
        for (const T& element : section) {
            starts_.push_back(text_.size());
            text_ += element.id;
        }
        starts_.push_back(text_.size());
    }
    /// How many ids.
    std::size_t size() const { return starts_.empty() ? 0 : starts_.size() - 1; }
    /// The id at position `k` (less than size()).
    std::string_view operator[](std::size_t k) const {
        return std::string_view(text_).substr(starts_[k], starts_[k + 1] - starts_[k]);
    }

  private:
    std::string text_;                 ///< every id, one after another
    std::vector<std::size_t> starts_;  ///< where each id starts in text_, then its end
};

}  // namespace onething::detail
