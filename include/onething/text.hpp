// Multilingual text: a plain string or a map from language tag to string.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace onething {

/// The translations of a text: (language tag, text) pairs in tag order, each tag once. A text
/// has one or two, so they are kept side by side in one allocation rather than in a tree.
class Translations {
  public:
    using value_type = std::pair<std::string, std::string>;          ///< (tag, text)
    using const_iterator = std::vector<value_type>::const_iterator;  ///< walks in tag order

    /// The first translation, in tag order.
    const_iterator begin() const { return pairs_.begin(); }
    /// Past the last translation.
    const_iterator end() const { return pairs_.end(); }
    /// How many translations.
    std::size_t size() const { return pairs_.size(); }
    /// True when there is none.
    bool empty() const { return pairs_.empty(); }
    /// The translation under `tag`, or end().
    const_iterator find(std::string_view tag) const;
    /// Adds `text` under `tag` unless the tag has a text already; true when added.
    bool emplace(std::string tag, std::string text);
    /// Sets the text under `tag`, added or replaced.
    void insert_or_assign(std::string tag, std::string text);
    /// Makes room for `count` translations in all.
    void reserve(std::size_t count) { pairs_.reserve(count); }
    /// The same tags with the same texts.
    friend bool operator==(const Translations& a, const Translations& b) = default;

  private:
    std::vector<value_type> pairs_;  ///< sorted by tag, each tag once
};

/// Text in one or more languages; a plain string is stored under the empty tag.
struct Text {
    Translations translations;  ///< language tag ("zh", "en", "") to text

    /// The text in `language`, else the plain string, else English, else Chinese, else the first.
    const std::string& in(std::string_view language) const;
    /// True when there is no text at all.
    bool empty() const { return translations.empty(); }
};

}  // namespace onething
