// Multilingual text lookup, and the translations kept in tag order.
#include "onething/text.hpp"

#include <algorithm>

namespace onething {

namespace {

/// Where `tag` is, or would go, in `pairs` (sorted by tag).
template <typename Pairs>
auto place_of(Pairs& pairs, std::string_view tag) {
    return std::lower_bound(
        pairs.begin(), pairs.end(), tag,
        [](const auto& pair, std::string_view key) { return pair.first < key; });
}

}  // namespace

Translations::const_iterator Translations::find(std::string_view tag) const {
    const auto at = place_of(pairs_, tag);
    return at != pairs_.end() && at->first == tag ? at : pairs_.end();
}

bool Translations::emplace(std::string tag, std::string text) {
    // Tags mostly come in order (a snapshot writes them so): the end is the place to try first.
    if (pairs_.empty() || pairs_.back().first < tag) {
        pairs_.emplace_back(std::move(tag), std::move(text));
        return true;
    }
    const auto at = place_of(pairs_, tag);
    if (at != pairs_.end() && at->first == tag) {
        return false;
    }
    pairs_.emplace(at, std::move(tag), std::move(text));
    return true;
}

void Translations::insert_or_assign(std::string tag, std::string text) {
    if (pairs_.empty() || pairs_.back().first < tag) {
        pairs_.emplace_back(std::move(tag), std::move(text));
        return;
    }
    const auto at = place_of(pairs_, tag);
    if (at != pairs_.end() && at->first == tag) {
        at->second = std::move(text);
        return;
    }
    pairs_.emplace(at, std::move(tag), std::move(text));
}

const std::string& Text::in(std::string_view language) const {
    static const std::string empty_text;
    for (std::string_view tag :
         {language, std::string_view(""), std::string_view("en"), std::string_view("zh")}) {
        // A text has a translation or two: a look at each beats a search.
        for (const auto& [translation_tag, text] : translations) {
            if (translation_tag == tag) {
                return text;
            }
        }
    }
    return translations.empty() ? empty_text : translations.begin()->second;
}

}  // namespace onething
