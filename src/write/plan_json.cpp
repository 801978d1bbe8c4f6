// The plan as JSON in the stable schema of docs/plan-json.md, streamed (no JSON tree): the
// same bytes as the tree's dump(2), for a fraction of the allocations.
#include <cmath>
#include <string>

#include "onething/write.hpp"
#include "write/json_stream.hpp"
#include "write/json_values.hpp"
#include "write/write_util.hpp"

namespace onething {

namespace {

using detail::JsonStream;

/// One planned item with its schedule and reasons.
void write_item(JsonStream& json, const PlannedItem& item, const Catalog& catalog,
                std::string_view language) {
    const Item* definition = catalog.find_item(item.id);
    json.begin_object();
    json.key("id");
    json.string(item.id);
    json.key("name");
    json.string(definition != nullptr ? std::string_view(definition->name.in(language)) : "");
    json.key("department");
    json.string(definition != nullptr ? std::string_view(definition->department) : "");
    json.key("duration_days");
    json.number(detail::item_days(definition, item));
    // Format 1.1 keys only where they carry information: a catalog that uses none of them
    // gives the same document as before (docs/plan-json.md).
    if (definition != nullptr) {
        if (definition->bundled_duration_days) {
            json.key("bundled_duration_days");
            json.number(*definition->bundled_duration_days);
        }
        if (definition->automatic) {
            json.key("automatic");
            json.boolean(true);
        }
        if (definition->makes_visits() && definition->venue != "window") {
            json.key("venue");
            json.string(definition->venue);
        }
    }
    json.key("deferred");
    json.boolean(item.deferred);
    json.key("stage");
    json.integer(item.stage);
    json.key("earliest_start");
    json.number(item.earliest_start);
    json.key("earliest_finish");
    json.number(item.earliest_finish);
    json.key("latest_start");
    json.number(item.latest_start);
    json.key("latest_finish");
    json.number(item.latest_finish);
    json.key("slack");
    json.number(item.slack);
    json.key("critical");
    json.boolean(item.critical);
    json.key("after");
    json.strings(item.after);
    json.key("reasons");
    json.begin_array();
    for (const Reason& reason : item.reasons) {
        json.begin_object();
        json.key("kind");
        json.string(detail::reason_kind_name(reason.kind));
        json.key("item");
        json.string_or_null(reason.item);
        json.key("material");
        json.string_or_null(reason.material);
        json.end_object();
    }
    json.end_array();
    json.end_object();
}

/// The six metrics in contract order.
void write_metrics(JsonStream& json, const Metrics& metrics) {
    json.begin_object();
    for (Metric metric : all_metrics) {
        json.key_text(metric_name(metric));
        json.number(metrics.get(metric));
    }
    json.end_object();
}

/// The metrics before and after, and the change in percent.
void write_plan_metrics(JsonStream& json, const Plan& plan) {
    json.begin_object();
    json.key("before");
    write_metrics(json, plan.before);
    json.key("after");
    write_metrics(json, plan.after);
    json.key("reduction_percent");
    json.begin_object();
    for (Metric metric : all_metrics) {
        json.key_text(metric_name(metric));
        const std::optional<double> change =
            detail::change_percent(plan.before.get(metric), plan.after.get(metric));
        if (change) {
            json.number(*change);
        } else {
            json.null();
        }
    }
    json.end_object();
    json.end_object();
}

/// What each use of a material or field says: its id under `id_key`, its name under
/// `name_key`, how it is provided, by whom, for whom.
template <typename Use>
void write_use(JsonStream& json, JsonStream::Key id_key, JsonStream::Key name_key,
               std::string_view id, std::string_view name, const Use& use) {
    json.begin_object();
    json.key(id_key);
    json.string(id);
    json.key(name_key);
    json.string(name);
    json.key("provision");
    json.string(to_string(use.provision));
    json.key("producers");
    json.strings(use.producers);
    json.key("needed_by");
    json.strings(use.needed_by);
    json.end_object();
}

}  // namespace

std::string plan_to_json(const Plan& plan, const Catalog& catalog, std::string_view language) {
    const Bundle* bundle = catalog.find_bundle(plan.bundle);
    JsonStream json(8192 + 2048 * plan.items.size());
    json.begin_object();
    json.key("bundle");
    json.string(plan.bundle);
    json.key("name");
    if (bundle != nullptr) {
        json.string(bundle->name.in(language));
    } else {
        json.null();
    }
    json.key("optimal");
    json.boolean(plan.optimal);
    json.key("search_nodes");
    json.integer(static_cast<std::int64_t>(plan.search_nodes));
    json.key("search_work");
    json.integer(static_cast<std::int64_t>(plan.search_work));
    json.key("optimize");
    json.begin_array();
    for (Metric metric : plan.optimize) {
        json.string(metric_name(metric));
    }
    json.end_array();
    json.key("outcome_days");
    json.number(plan.outcome_days);
    json.key("completion_days");
    json.number(plan.completion_days);
    json.key("critical_path");
    json.strings(plan.critical_path);
    json.key("stages");
    json.begin_array();
    for (const std::vector<PlanId>& stage : plan.stages) {
        json.strings(stage);
    }
    json.end_array();
    json.key("items");
    json.begin_array();
    for (const PlannedItem& item : plan.items) {
        write_item(json, item, catalog, language);
    }
    json.end_array();
    json.key("edges");
    json.begin_array();
    for (const PlanEdge& edge : plan.edges) {
        json.begin_object();
        json.key("from");
        json.string(edge.from);
        json.key("to");
        json.string(edge.to);
        json.key("kind");
        json.string(detail::edge_kind_name(edge.kind));
        json.key("via");
        json.string_or_null(edge.via);
        json.end_object();
    }
    json.end_array();
    json.key("materials");
    json.begin_array();
    for (const MaterialUse& use : plan.materials) {
        write_use(json, "material", "name", use.material,
                  detail::material_name(catalog, use.material, language), use);
    }
    json.end_array();
    json.key("fields");
    json.begin_array();
    for (const FieldUse& use : plan.fields) {
        write_use(json, "field", "label", use.field,
                  detail::field_label(catalog, use.field, language), use);
    }
    json.end_array();
    json.key("choices");
    json.begin_array();
    for (const Choice& choice : plan.choices) {
        const bool valid = choice.chosen >= 0 &&
                           static_cast<std::size_t>(choice.chosen) < choice.alternatives.size();
        json.begin_object();
        json.key("item");
        json.string(choice.item);
        json.key("need");
        json.integer(choice.need);
        json.key("alternatives");
        json.strings(choice.alternatives);
        json.key("chosen");
        json.integer(choice.chosen);
        json.key("material");
        if (valid) {
            json.string(choice.alternatives[static_cast<std::size_t>(choice.chosen)]);
        } else {
            json.null();
        }
        json.end_object();
    }
    json.end_array();
    json.key("excluded");
    json.begin_array();
    for (const Exclusion& exclusion : plan.excluded) {
        json.begin_object();
        json.key("item");
        json.string(exclusion.item);
        json.key("role");
        json.string(exclusion.role);
        json.key("condition");
        json.string(exclusion.condition);
        json.end_object();
    }
    json.end_array();
    json.key("metrics");
    write_plan_metrics(json, plan);
    json.end_object();
    return json.take("\n");
}

}  // namespace onething
