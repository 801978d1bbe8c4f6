// The what-if analysis as JSON, in the shape of the rule format's contract:
// {"changes": [{"kind", "target", "saves": {...}, "bundles": [...]}, ...]}, best first.
#include <nlohmann/json.hpp>
#include <string>

#include "onething/whatif.hpp"
#include "write/json_values.hpp"

namespace onething {
namespace {

using Json = nlohmann::ordered_json;

/// The display name of a change's target, "" when it has none.
std::string target_name(const Change& change, const Catalog& catalog, std::string_view language) {
    switch (change.kind) {
        case ChangeKind::e_license:
            if (const Material* material = catalog.find_material(change.target)) {
                return material->name.in(language);
            }
            break;
        case ChangeKind::shared:
            if (const Field* field = catalog.find_field(change.target)) {
                return field->label.in(language);
            }
            break;
        case ChangeKind::online:
        case ChangeKind::duration:
            if (const Item* item = catalog.find_item(change.target)) {
                return item->name.in(language);
            }
            break;
    }
    return {};
}

/// One ranked change.
Json change_json(const RankedChange& ranked, const Catalog& catalog, std::string_view language) {
    return Json{{"kind", to_string(ranked.change.kind)},
                {"target", ranked.change.target},
                {"name", target_name(ranked.change, catalog, language)},
                {"saves",
                 {{"visits", detail::json_number(ranked.saves.visits)},
                  {"materials", detail::json_number(ranked.saves.materials)},
                  {"fields", detail::json_number(ranked.saves.fields)},
                  {"days", detail::json_number(ranked.saves.days)}}},
                {"bundles", ranked.bundles}};
}

/// A list of ranked changes.
Json changes_json(const std::vector<RankedChange>& changes, const Catalog& catalog,
                  std::string_view language) {
    Json out = Json::array();
    for (const RankedChange& ranked : changes) {
        out.push_back(change_json(ranked, catalog, language));
    }
    return out;
}

}  // namespace

std::string whatif_to_json(const WhatIf& whatif, const Catalog& catalog,
                           std::string_view language) {
    Json out{{"changes", changes_json(whatif.changes, catalog, language)},
             {"combined",
              {{"greedy", true}, {"steps", changes_json(whatif.combined, catalog, language)}}},
             {"weighted", whatif.weighted},
             {"candidates", whatif.candidates},
             {"scenarios", whatif.scenarios}};
    return out.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace onething
