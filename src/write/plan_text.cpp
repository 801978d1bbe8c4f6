// The plan as a readable report for a policy analyst.
#include <string>
#include <vector>

#include <fmt/format.h>

#include "onething/write.hpp"
#include "write/write_util.hpp"

namespace onething {

namespace {

using detail::Align;
using detail::format_number;
using detail::join;

/// "bundle ID: NAME (optimal, N search nodes)" and the objective.
std::string header(const Plan& plan, const Catalog& catalog, std::string_view language) {
    std::string out = "bundle " + plan.bundle;
    const Bundle* bundle = catalog.find_bundle(plan.bundle);
    if (bundle != nullptr && !bundle->name.in(language).empty()) {
        out += ": " + bundle->name.in(language);
    }
    out += plan.optimal ? fmt::format(" (optimal, {} search nodes)\n", plan.search_nodes)
                        : fmt::format(" (not proven optimal: search stopped after {} nodes)\n",
                                      plan.search_nodes);
    if (!plan.optimize.empty()) {
        std::vector<std::string> names;
        for (Metric metric : plan.optimize) {
            names.emplace_back(metric_name(metric));
        }
        out += "optimize: " + join(names, ", ") + "\n";
    }
    return out;
}

/// The marks after an item's row: "*" when critical, "(deferred)" when deferred.
std::string marks(const PlannedItem& item) {
    std::vector<std::string> parts;
    if (item.critical) {
        parts.emplace_back("*");
    }
    if (item.deferred) {
        parts.emplace_back("(deferred)");
    }
    return join(parts, " ");
}

/// One table per stage: item, name, department, days, start, finish, slack, marks; the columns
/// are aligned across all stages so the tables read as one.
std::string stage_tables(const Plan& plan, const Catalog& catalog, std::string_view language) {
    const std::vector<std::string> heading{"item",  "name",   "department", "days",
                                           "start", "finish", "slack",      ""};
    std::vector<std::vector<std::string>> rows;
    std::vector<std::size_t> first_rows;  // index of each stage's heading row
    for (const auto& stage : plan.stages) {
        first_rows.push_back(rows.size());
        rows.push_back(heading);
        for (PlanId id : stage) {
            std::vector<std::string> row{std::string(id), detail::item_name(catalog, id, language),
                                         detail::item_department(catalog, id)};
            if (const PlannedItem* item = plan.find(id)) {
                row.insert(row.end(), {format_number(detail::item_days(catalog, *item)),
                                       format_number(item->earliest_start),
                                       format_number(item->earliest_finish),
                                       format_number(item->slack), marks(*item)});
            }
            rows.push_back(std::move(row));
        }
    }
    const std::vector<Align> align{Align::left,  Align::left,  Align::left,  Align::right,
                                   Align::right, Align::right, Align::right, Align::left};
    std::vector<std::string> lines = detail::table_lines(rows, align, "  ");
    std::string out;
    for (std::size_t row = 0, stage = 0; row < lines.size(); ++row) {
        if (stage < first_rows.size() && first_rows[stage] == row) {
            out += fmt::format("\nstage {}\n", ++stage);
        }
        out += lines[row] + '\n';
    }
    return out;
}

/// The critical path, and the outcome and completion days.
std::string schedule_summary(const Plan& plan) {
    std::string path = plan.critical_path.empty() ? "none" : join(plan.critical_path, " -> ");
    return fmt::format(
        "\n* marks critical items (no slack before the outcome)\ncritical path: {} ({} "
        "days)\noutcome: {} days\ncompletion: {} days "
        "(deferred items included)\n",
        path, format_number(plan.outcome_days), format_number(plan.outcome_days),
        format_number(plan.completion_days));
}

/// One reason in words: "goal", "prerequisite of X", "produces M for Y".
std::string reason_text(const Reason& reason) {
    switch (reason.kind) {
        case Reason::Kind::goal:
            return "goal";
        case Reason::Kind::prerequisite:
            return "prerequisite of " + std::string(reason.item);
        case Reason::Kind::producer:
            return "produces " + std::string(reason.material) + " for " + std::string(reason.item);
    }
    return "goal";
}

/// Why each item is in the plan, the items left out and the any_of choices.
std::string reasons(const Plan& plan, const Catalog& catalog, std::string_view language) {
    std::string out = "\nwhy each item is in the plan\n";
    std::vector<std::vector<std::string>> rows;
    for (const PlannedItem& item : plan.items) {
        std::vector<std::string> parts;
        for (const Reason& reason : item.reasons) {
            parts.push_back(reason_text(reason));
        }
        rows.push_back(
            {std::string(item.id), parts.empty() ? "(no reason recorded)" : join(parts, "; ")});
    }
    out += detail::render_table(rows, {Align::left, Align::left}, "  ");
    if (!plan.excluded.empty()) {
        out += "\nleft out (condition false)\n";
        rows.clear();
        for (const Exclusion& exclusion : plan.excluded) {
            rows.push_back({exclusion.item, exclusion.role,
                            exclusion.condition.empty() ? "" : "when: " + exclusion.condition});
        }
        out += detail::render_table(rows, {Align::left, Align::left, Align::left}, "  ");
    }
    if (!plan.choices.empty()) {
        out += "\nchoices among alternatives (any_of)\n";
        rows.clear();
        for (const Choice& choice : plan.choices) {
            std::string chosen;
            if (choice.chosen >= 0 &&
                static_cast<std::size_t>(choice.chosen) < choice.alternatives.size()) {
                chosen = std::string(choice.alternatives[static_cast<std::size_t>(choice.chosen)]);
            }
            std::string name = detail::material_name(catalog, chosen, language);
            rows.push_back({std::string(choice.item), fmt::format("need {}", choice.need + 1),
                            name.empty() ? chosen : chosen + " (" + name + ")",
                            "out of " + join(choice.alternatives, ", ")});
        }
        out +=
            detail::render_table(rows, {Align::left, Align::left, Align::left, Align::left}, "  ");
    }
    return out;
}

/// The heading of a provision group.
const char* provision_title(Provision provision) {
    switch (provision) {
        case Provision::submitted:
            return "to submit";
        case Provision::e_license:
            return "e-licences retrieved";
        case Provision::produced:
            return "produced inside the bundle";
        case Provision::shared:
            return "prefilled from shared data";
        case Provision::asked:
            return "asked on the merged form";
    }
    return "";
}

/// Materials or fields grouped by provision in `order`, with producers and who needs them.
template <typename Use, typename Id, typename Name>
std::string provision_groups(const std::vector<Use>& uses, const std::vector<Provision>& order,
                             std::string_view title, Id id_of, Name name_of) {
    std::string out = fmt::format("\n{}\n", title);
    if (uses.empty()) {
        return out + "  (none)\n";
    }
    for (Provision provision : order) {
        std::vector<std::vector<std::string>> rows;
        for (const Use& use : uses) {
            if (use.provision != provision) {
                continue;
            }
            std::string who = "needed by " + join(use.needed_by, ", ");
            if (provision == Provision::produced) {
                who = "from " + join(use.producers, ", ") + ", " + who;
            }
            rows.push_back({std::string(id_of(use)), name_of(use), who});
        }
        if (!rows.empty()) {
            out += fmt::format("  {} ({})\n", provision_title(provision), rows.size());
            out += detail::render_table(rows, {Align::left, Align::left, Align::left}, "    ");
        }
    }
    return out;
}

}  // namespace

std::string plan_to_text(const Plan& plan, const Catalog& catalog, std::string_view language) {
    std::string out = header(plan, catalog, language);
    out += stage_tables(plan, catalog, language);
    out += schedule_summary(plan);
    out += reasons(plan, catalog, language);
    out += provision_groups(
        plan.materials,
        {Provision::submitted, Provision::e_license, Provision::produced, Provision::shared,
         Provision::asked},
        "materials", [](const MaterialUse& use) { return use.material; },
        [&](const MaterialUse& use) {
            return detail::material_name(catalog, use.material, language);
        });
    out += provision_groups(
        plan.fields,
        {Provision::asked, Provision::shared, Provision::produced, Provision::submitted,
         Provision::e_license},
        "fields", [](const FieldUse& use) { return use.field; },
        [&](const FieldUse& use) { return detail::field_label(catalog, use.field, language); });
    out += "\nbefore and after\n";
    for (const std::string& line : detail::lines_of(metrics_to_text(plan))) {
        out += "  " + line + '\n';
    }
    return out;
}

}  // namespace onething
