// A plan as Markdown: the schedule per stage and the before/after table, for reports and docs.
#include "onething/write.hpp"
#include "write/write_util.hpp"

namespace onething {
namespace {

/// Escapes the characters that would break a Markdown table cell.
std::string cell(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == '|') {
            out += "\\|";
        } else if (c == '\n') {
            out += ' ';
        } else {
            out += c;
        }
    }
    return out;
}

}  // namespace

std::string plan_to_markdown(const Plan& plan, const Catalog& catalog, std::string_view language) {
    std::string out = "# " + cell(plan.bundle);
    if (const Bundle* bundle = catalog.find_bundle(plan.bundle)) {
        const std::string& name = bundle->name.in(language);
        if (!name.empty()) {
            out += ": " + cell(name);
        }
    }
    out += "\n\n";
    if (!plan.optimal) {
        out += "*Not proven optimal: the search stopped after " +
               std::to_string(plan.search_nodes) + " nodes.*\n\n";
    }
    out += "| stage | item | name | department | days | start | finish | slack | critical |\n";
    out += "|---:|---|---|---|---:|---:|---:|---:|---|\n";
    for (std::size_t stage = 0; stage < plan.stages.size(); ++stage) {
        for (PlanId id : plan.stages[stage]) {
            const PlannedItem& item = *plan.find(id);
            out += "| " + std::to_string(stage + 1) + " | `" + cell(id) + "` | " +
                   cell(detail::item_name(catalog, id, language)) + " | " +
                   cell(detail::item_department(catalog, id)) + " | " +
                   detail::format_number(detail::item_days(catalog, item)) + " | " +
                   detail::format_number(item.earliest_start) + " | " +
                   detail::format_number(item.earliest_finish) + " | " +
                   detail::format_number(item.slack) + " | " +
                   (item.deferred   ? "deferred"
                    : item.critical ? "yes"
                                    : "") +
                   " |\n";
        }
    }
    out += "\nCritical path: ";
    for (std::size_t i = 0; i < plan.critical_path.size(); ++i) {
        out += i ? " → `" : "`";
        out += plan.critical_path[i];
        out += '`';
    }
    out += " (" + detail::format_number(plan.outcome_days) + " days)\n\n";
    const auto submitted = plan.submitted_materials();
    out += "Materials to submit: ";
    for (std::size_t i = 0; i < submitted.size(); ++i) {
        out += (i ? ", " : "") + cell(detail::material_name(catalog, submitted[i], language)) +
               " (`" + submitted[i] + "`)";
    }
    out += submitted.empty() ? "none\n\n" : "\n\n";
    out += metrics_to_markdown(plan);
    return out;
}

}  // namespace onething
