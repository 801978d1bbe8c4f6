// The distinct language tags of a catalog's texts, gathered as the texts are read or walked.
#pragma once

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "onething/text.hpp"

namespace onething::detail {

/// The distinct language tags of a catalog's texts: the few seen first are kept in a short list
/// searched before the set, as a catalog's texts are nearly all in the same few languages.
class LanguageTags {
  public:
    /// Adds one tag.
    void add(const std::string& tag) {
        if (std::find(recent_.begin(), recent_.end(), tag) != recent_.end()) {
            return;
        }
        if (tags_.insert(tag).second && recent_.size() < 8) {
            recent_.push_back(tag);
        }
    }
    /// Adds the language tags of `text`.
    void add(const Text& text) {
        for (const auto& [tag, words] : text.translations) {
            add(tag);
        }
    }
    /// Adds the language tags of every label in `labels`.
    void add(const std::map<std::string, Text>& labels) {
        for (const auto& [value, label] : labels) {
            add(label);
        }
    }
    /// Adds every tag of `other`.
    void add(const LanguageTags& other) {
        for (const std::string& tag : other.tags_) {
            add(tag);
        }
    }
    /// Every tag added, sorted.
    std::vector<std::string> sorted() const { return {tags_.begin(), tags_.end()}; }

  private:
    std::vector<std::string> recent_;
    std::set<std::string> tags_;
};

}  // namespace onething::detail
