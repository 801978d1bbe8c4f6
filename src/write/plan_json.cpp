// The plan as JSON in the stable schema of docs/plan-json.md.
#include <cmath>
#include <string>

#include <nlohmann/json.hpp>

#include "onething/write.hpp"
#include "write/write_util.hpp"

namespace onething {

namespace {

using Json = nlohmann::ordered_json;

/// A number: a JSON integer when integral, else the shortest double; null when not finite.
Json number(double value) {
    if (!std::isfinite(value)) {
        return nullptr;
    }
    if (value == std::floor(value) && std::fabs(value) < 9007199254740992.0) {
        return static_cast<std::int64_t>(value);
    }
    return value;
}

/// A string, or null when empty.
Json string_or_null(std::string_view text) {
    return text.empty() ? Json(nullptr) : Json(text);
}

/// The six metrics in contract order, each mapped through `value_of`.
template <typename ValueOf>
Json metric_object(ValueOf value_of) {
    Json out = Json::object();
    for (Metric metric : all_metrics) {
        out[metric_name(metric)] = value_of(metric);
    }
    return out;
}

/// The change in whole percent (negative is a reduction), null when `before` is 0.
Json change_percent(double before, double after) {
    if (before == 0 || !std::isfinite(before) || !std::isfinite(after)) {
        return nullptr;
    }
    double change = -std::round((before - after) * 100.0 / before);
    return number(change == 0 ? 0.0 : change);
}

/// One planned item with its schedule and reasons.
Json item_json(const PlannedItem& item, const Catalog& catalog, std::string_view language) {
    Json reasons = Json::array();
    for (const Reason& reason : item.reasons) {
        reasons.push_back(Json{{"kind", detail::reason_kind_name(reason.kind)},
                               {"item", string_or_null(reason.item)},
                               {"material", string_or_null(reason.material)}});
    }
    return Json{{"id", item.id},
                {"name", detail::item_name(catalog, item.id, language)},
                {"department", detail::item_department(catalog, item.id)},
                {"duration_days", number(detail::item_days(catalog, item))},
                {"deferred", item.deferred},
                {"stage", item.stage},
                {"earliest_start", number(item.earliest_start)},
                {"earliest_finish", number(item.earliest_finish)},
                {"latest_start", number(item.latest_start)},
                {"latest_finish", number(item.latest_finish)},
                {"slack", number(item.slack)},
                {"critical", item.critical},
                {"after", item.after},
                {"reasons", reasons}};
}

/// The metrics before and after, and the change in percent.
Json metrics_json(const Plan& plan) {
    return Json{{"before", metric_object([&](Metric m) { return number(plan.before.get(m)); })},
                {"after", metric_object([&](Metric m) { return number(plan.after.get(m)); })},
                {"reduction_percent", metric_object([&](Metric m) {
                     return change_percent(plan.before.get(m), plan.after.get(m));
                 })}};
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
                             {"via", string_or_null(edge.via)}});
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
             {"outcome_days", number(plan.outcome_days)},
             {"completion_days", number(plan.completion_days)},
             {"critical_path", plan.critical_path},
             {"stages", plan.stages},
             {"items", items},
             {"edges", edges},
             {"materials", materials},
             {"fields", fields},
             {"choices", choices},
             {"excluded", excluded},
             {"metrics", metrics_json(plan)}};
    return out.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace onething
