// The catalog's bundles and items as text and as JSON (`onething list`).
#include <nlohmann/json.hpp>
#include <string>

#include "onething/write.hpp"
#include "write/wording.hpp"

namespace onething {
namespace {

/// Text as a JSON object of translations; a plain string under "default".
nlohmann::ordered_json text_json(const Text& text) {
    nlohmann::ordered_json out = nlohmann::ordered_json::object();
    for (const auto& [language, value] : text.translations) {
        out[language.empty() ? "default" : language] = value;
    }
    return out;
}

}  // namespace

std::string catalog_to_text(const Catalog& catalog, std::string_view language) {
    using detail::Word;
    std::string out = std::string(detail::word(Word::list_bundles, language)) + "\n";
    for (const Bundle& bundle : catalog.bundles()) {
        out += "  " + bundle.id + "  " + bundle.name.in(language) + "  " +
               detail::phrase(Word::list_goals, language, bundle.goals.size()) + "\n";
    }
    out += std::string(detail::word(Word::list_items, language)) + "\n";
    for (const Item& item : catalog.items()) {
        out += "  " + item.id + "  " + item.name.in(language) + "  [" + item.department + "]\n";
    }
    return out;
}

std::string catalog_to_json(const Catalog& catalog) {
    nlohmann::ordered_json bundles = nlohmann::ordered_json::array();
    for (const Bundle& bundle : catalog.bundles()) {
        nlohmann::ordered_json goals = nlohmann::ordered_json::array();
        for (const Ref& goal : bundle.goals) {
            goals.push_back(goal.id);
        }
        bundles.push_back({{"id", bundle.id}, {"name", text_json(bundle.name)}, {"goals", goals}});
    }
    nlohmann::ordered_json items = nlohmann::ordered_json::array();
    for (const Item& item : catalog.items()) {
        items.push_back({{"id", item.id},
                         {"name", text_json(item.name)},
                         {"department", item.department},
                         {"type", to_string(item.type)}});
    }
    nlohmann::ordered_json out{{"bundles", bundles}, {"items", items}};
    return out.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace onething
