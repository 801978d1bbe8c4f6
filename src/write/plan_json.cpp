// The plan as JSON in the stable schema of docs/plan-json.md.
#include <cmath>
#include <string>

#include <nlohmann/json.hpp>

#include "onething/write.hpp"
#include "write/json_values.hpp"
#include "write/write_util.hpp"

namespace onething {

namespace {

using Json = nlohmann::ordered_json;

/// One planned item with its schedule and reasons.
Json item_json(const PlannedItem& item, const Catalog& catalog, std::string_view language) {
    Json reasons = Json::array();
    for (const Reason& reason : item.reasons) {
        reasons.push_back(Json{{"kind", detail::reason_kind_name(reason.kind)},
                               {"item", detail::json_string_or_null(reason.item)},
                               {"material", detail::json_string_or_null(reason.material)}});
    }
    Json json{{"id", item.id},
              {"name", detail::item_name(catalog, item.id, language)},
              {"department", detail::item_department(catalog, item.id)},
              {"duration_days", detail::json_number(detail::item_days(catalog, item))}};
    // Format 1.1 keys only where they carry information: a catalog that uses none of them
    // gives the same document as before (docs/plan-json.md).
    if (const Item* definition = catalog.find_item(item.id)) {
        if (definition->bundled_duration_days) {
            json["bundled_duration_days"] = detail::json_number(*definition->bundled_duration_days);
        }
        if (definition->automatic) {
            json["automatic"] = true;
        }
        if (definition->in_person && !definition->automatic && definition->venue != "window") {
            json["venue"] = definition->venue;
        }
    }
    json.update(Json{{"deferred", item.deferred},
                     {"stage", item.stage},
                     {"earliest_start", detail::json_number(item.earliest_start)},
                     {"earliest_finish", detail::json_number(item.earliest_finish)},
                     {"latest_start", detail::json_number(item.latest_start)},
                     {"latest_finish", detail::json_number(item.latest_finish)},
                     {"slack", detail::json_number(item.slack)},
                     {"critical", item.critical},
                     {"after", item.after},
                     {"reasons", reasons}});
    return json;
}

/// The metrics before and after, and the change in percent.
Json plan_metrics_json(const Plan& plan) {
    return Json{{"before", detail::metrics_json(plan.before)},
                {"after", detail::metrics_json(plan.after)},
                {"reduction_percent", detail::changes_json(plan.before, plan.after)}};
}

}  // namespace

std::string plan_to_json(const Plan& plan, const Catalog& catalog, std::string_view language) {
    const Bundle* bundle = catalog.find_bundle(plan.bundle);
    Json optimize = Json::array();
    for (Metric metric : plan.optimize) {
        optimize.push_back(metric_name(metric));
    }
    Json items = Json::array();
    for (const PlannedItem& item : plan.items) {
        items.push_back(item_json(item, catalog, language));
    }
    Json edges = Json::array();
    for (const PlanEdge& edge : plan.edges) {
        edges.push_back(Json{{"from", edge.from},
                             {"to", edge.to},
                             {"kind", detail::edge_kind_name(edge.kind)},
                             {"via", detail::json_string_or_null(edge.via)}});
    }
    Json materials = Json::array();
    for (const MaterialUse& use : plan.materials) {
        materials.push_back(Json{{"material", use.material},
                                 {"name", detail::material_name(catalog, use.material, language)},
                                 {"provision", to_string(use.provision)},
                                 {"producers", use.producers},
                                 {"needed_by", use.needed_by}});
    }
    Json fields = Json::array();
    for (const FieldUse& use : plan.fields) {
        fields.push_back(Json{{"field", use.field},
                              {"label", detail::field_label(catalog, use.field, language)},
                              {"provision", to_string(use.provision)},
                              {"producers", use.producers},
                              {"needed_by", use.needed_by}});
    }
    Json choices = Json::array();
    for (const Choice& choice : plan.choices) {
        bool valid = choice.chosen >= 0 &&
                     static_cast<std::size_t>(choice.chosen) < choice.alternatives.size();
        choices.push_back(Json{
            {"item", choice.item},
            {"need", choice.need},
            {"alternatives", choice.alternatives},
            {"chosen", choice.chosen},
            {"material", valid ? Json(choice.alternatives[static_cast<std::size_t>(choice.chosen)])
                               : Json(nullptr)}});
    }
    Json excluded = Json::array();
    for (const Exclusion& exclusion : plan.excluded) {
        excluded.push_back(Json{{"item", exclusion.item},
                                {"role", exclusion.role},
                                {"condition", exclusion.condition}});
    }
    Json out{{"bundle", plan.bundle},
             {"name", bundle != nullptr ? Json(bundle->name.in(language)) : Json(nullptr)},
             {"optimal", plan.optimal},
             {"search_nodes", plan.search_nodes},
             {"search_work", plan.search_work},
             {"optimize", optimize},
             {"outcome_days", detail::json_number(plan.outcome_days)},
             {"completion_days", detail::json_number(plan.completion_days)},
             {"critical_path", plan.critical_path},
             {"stages", plan.stages},
             {"items", items},
             {"edges", edges},
             {"materials", materials},
             {"fields", fields},
             {"choices", choices},
             {"excluded", excluded},
             {"metrics", plan_metrics_json(plan)}};
    return out.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace onething
