// Multilingual text lookup.
#include "onething/text.hpp"

namespace onething {

const std::string& Text::in(std::string_view language) const {
    static const std::string empty_text;
    for (std::string_view tag :
         {language, std::string_view(""), std::string_view("en"), std::string_view("zh")}) {
        auto found = translations.find(std::string(tag));
        if (found != translations.end()) {
            return found->second;
        }
    }
    return translations.empty() ? empty_text : translations.begin()->second;
}

}  // namespace onething
