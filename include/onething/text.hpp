// Multilingual text: a plain string or a map from language tag to string.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace onething {

/// Text in one or more languages; a plain string is stored under the empty tag.
struct Text {
    std::map<std::string, std::string> translations;  ///< language tag ("zh", "en", "") to text

    /// The text in `language`, else the plain string, else English, else Chinese, else the first.
    const std::string& in(std::string_view language) const;
    /// True when there is no text at all.
    bool empty() const { return translations.empty(); }
};

}  // namespace onething
