// Multilingual text lookup.
#include "onething/text.hpp"

namespace onething {

const std::string& Text::in(std::string_view language) const {
    static const std::string empty_text;
    for (std::string_view tag :
         {language, std::string_view(""), std::string_view("en"), std::string_view("zh")}) {
        // A text has a translation or two: a look at each beats a search of the map.
        for (const auto& [translation_tag, text] : translations) {
            if (translation_tag == tag) {
                return text;
            }
        }
    }
    return translations.empty() ? empty_text : translations.begin()->second;
}

}  // namespace onething
