// The warning for a language none of a catalog's texts is written in.
#include "request/language_note.hpp"

#include <algorithm>
#include <string_view>

#include "model/id_syntax.hpp"
#include "model/input_excerpt.hpp"
#include "request/response_warnings.hpp"

namespace onething::detail {

std::string catalog_language(const Catalog& catalog, const std::string& lang) {
    const auto languages = catalog.languages();
    if (std::find(languages.begin(), languages.end(), lang) != languages.end()) {
        return lang;
    }
    const std::string lower = ascii_lower(lang);
    for (const std::string& tag : languages) {
        if (ascii_lower(tag) == lower) {
            return tag;
        }
    }
    return lower == "zh" || lower == "en" ? lower : lang;
}

std::optional<std::string> language_note(const Catalog& catalog, const std::string& lang) {
    const auto languages = catalog.languages();
    if (std::find(languages.begin(), languages.end(), lang) != languages.end()) {
        return std::nullopt;
    }
    std::string tagged;
    for (const std::string& tag : languages) {
        if (!tag.empty()) {
            tagged += (tagged.empty() ? "" : ", ") + tag;
        }
    }
    if (tagged.empty()) {
        return std::nullopt;
    }
    const bool engine_language = lang == "zh" || lang == "en";
    return std::string(warning_prefix) + "the catalog has no text in language " +
           detail::quoted_input(lang) + " (its texts are in " + tagged +
           "): names are shown in English where written, else in Chinese" +
           (engine_language ? "" : "; headings are in English (the languages of onething: zh, en)");
}

}  // namespace onething::detail
