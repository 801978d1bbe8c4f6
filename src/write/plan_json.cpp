// The plan as JSON in the stable schema of docs/plan-json.md.
#include <cmath>
#include <string>
#include <utility>

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
        Json entry = Json::object();
        entry["kind"] = detail::reason_kind_name(reason.kind);
        entry["item"] = detail::json_string_or_null(reason.item);
        entry["material"] = detail::json_string_or_null(reason.material);
        reasons.push_back(std::move(entry));
    }
    Json json = Json::object();
    json["id"] = item.id;
    json["name"] = detail::item_name(catalog, item.id, language);
    json["department"] = detail::item_department(catalog, item.id);
    json["duration_days"] = detail::json_number(detail::item_days(catalog, item));
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
    json["deferred"] = item.deferred;
    json["stage"] = item.stage;
    json["earliest_start"] = detail::json_number(item.earliest_start);
    json["earliest_finish"] = detail::json_number(item.earliest_finish);
    json["latest_start"] = detail::json_number(item.latest_start);
    json["latest_finish"] = detail::json_number(item.latest_finish);
    json["slack"] = detail::json_number(item.slack);
    json["critical"] = item.critical;
    json["after"] = item.after;
    json["reasons"] = std::move(reasons);
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
        Json entry = Json::object();
        entry["from"] = edge.from;
        entry["to"] = edge.to;
        entry["kind"] = detail::edge_kind_name(edge.kind);
        entry["via"] = detail::json_string_or_null(edge.via);
        edges.push_back(std::move(entry));
    }
    Json materials = Json::array();
    for (const MaterialUse& use : plan.materials) {
        Json entry = Json::object();
        entry["material"] = use.material;
        entry["name"] = detail::material_name(catalog, use.material, language);
        entry["provision"] = to_string(use.provision);
        entry["producers"] = use.producers;
        entry["needed_by"] = use.needed_by;
        materials.push_back(std::move(entry));
    }
    Json fields = Json::array();
    for (const FieldUse& use : plan.fields) {
        Json entry = Json::object();
        entry["field"] = use.field;
        entry["label"] = detail::field_label(catalog, use.field, language);
        entry["provision"] = to_string(use.provision);
        entry["producers"] = use.producers;
        entry["needed_by"] = use.needed_by;
        fields.push_back(std::move(entry));
    }
    Json choices = Json::array();
    for (const Choice& choice : plan.choices) {
        bool valid = choice.chosen >= 0 &&
                     static_cast<std::size_t>(choice.chosen) < choice.alternatives.size();
        Json entry = Json::object();
        entry["item"] = choice.item;
        entry["need"] = choice.need;
        entry["alternatives"] = choice.alternatives;
        entry["chosen"] = choice.chosen;
        entry["material"] = valid
                                ? Json(choice.alternatives[static_cast<std::size_t>(choice.chosen)])
                                : Json(nullptr);
        choices.push_back(std::move(entry));
    }
    Json excluded = Json::array();
    for (const Exclusion& exclusion : plan.excluded) {
        Json entry = Json::object();
        entry["item"] = exclusion.item;
        entry["role"] = exclusion.role;
        entry["condition"] = exclusion.condition;
        excluded.push_back(std::move(entry));
    }
    Json out = Json::object();
    out["bundle"] = plan.bundle;
    out["name"] = bundle != nullptr ? Json(bundle->name.in(language)) : Json(nullptr);
    out["optimal"] = plan.optimal;
    out["search_nodes"] = plan.search_nodes;
    out["search_work"] = plan.search_work;
    out["optimize"] = std::move(optimize);
    out["outcome_days"] = detail::json_number(plan.outcome_days);
    out["completion_days"] = detail::json_number(plan.completion_days);
    out["critical_path"] = plan.critical_path;
    out["stages"] = plan.stages;
    out["items"] = std::move(items);
    out["edges"] = std::move(edges);
    out["materials"] = std::move(materials);
    out["fields"] = std::move(fields);
    out["choices"] = std::move(choices);
    out["excluded"] = std::move(excluded);
    out["metrics"] = plan_metrics_json(plan);
    return out.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace onething
