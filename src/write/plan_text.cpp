// The plan as a readable report for a policy analyst.
#include <string>
#include <vector>

#include <fmt/format.h>

#include "onething/write.hpp"
#include "write/wording.hpp"
#include "write/write_util.hpp"

namespace onething {

namespace {

using detail::Align;
using detail::format_number;
using detail::join;
using detail::phrase;
using detail::Word;

/// "bundle ID: NAME (optimal, N search nodes)" and the objective.
std::string header(const Plan& plan, const Catalog& catalog, std::string_view language) {
    auto word = [language](Word key) { return detail::word(key, language); };
    std::string out = word(Word::bundle) + std::string(" ") + plan.bundle;
    const Bundle* bundle = catalog.find_bundle(plan.bundle);
    if (bundle != nullptr && !bundle->name.in(language).empty()) {
        out += word(Word::name_separator) + detail::one_line(bundle->name.in(language));
    }
    out += plan.optimal ? phrase(Word::optimal_note, language, plan.search_nodes)
                        : phrase(Word::not_optimal_note, language, plan.search_nodes);
    out += '\n';
    if (!plan.optimize.empty()) {
        std::vector<std::string> names;
        for (Metric metric : plan.optimize) {
            names.emplace_back(detail::metric_word(metric, language));
        }
        out += word(Word::optimize) + join(names, word(Word::list_separator)) + "\n";
    }
    return out;
}

/// The marks after an item's row: "*" when critical, "(deferred)" when deferred, then the
/// format 1.1 marks where used: "(automatic)", "(at venue)".
std::string marks(const PlannedItem& item, const Catalog& catalog, std::string_view language) {
    std::vector<std::string> parts;
    if (item.critical) {
        parts.emplace_back("*");
    }
    if (item.deferred) {
        parts.emplace_back(detail::word(Word::deferred_mark, language));
    }
    for (std::string& mark : detail::item_marks(catalog, item, language)) {
        parts.push_back(std::move(mark));
    }
    return join(parts, " ");
}

/// One table per stage: item, name, department, days, start, finish, slack, marks; the columns
/// are aligned across all stages so the tables read as one.
std::string stage_tables(const Plan& plan, const Catalog& catalog, std::string_view language) {
    std::vector<std::string> heading;
    for (Word key :
         {Word::column_item, Word::column_name, Word::column_department, Word::column_days,
          Word::column_start, Word::column_finish, Word::column_slack}) {
        heading.emplace_back(detail::word(key, language));
    }
    heading.emplace_back();
    std::vector<std::vector<std::string>> rows;
    std::vector<std::size_t> first_rows;  // index of each stage's heading row
    for (const auto& stage : plan.stages) {
        first_rows.push_back(rows.size());
        rows.push_back(heading);
        for (PlanId id : stage) {
            std::vector<std::string> row{std::string(id), detail::item_name(catalog, id, language),
                                         detail::item_department(catalog, id)};
            if (const PlannedItem* item = plan.find(id)) {
                row.insert(
                    row.end(),
                    {detail::item_days_text(catalog, *item, language),
                     format_number(item->earliest_start), format_number(item->earliest_finish),
                     format_number(item->slack), marks(*item, catalog, language)});
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
            out += "\n" + phrase(Word::stage_heading, language, ++stage) + "\n";
        }
        out += lines[row] + '\n';
    }
    return out;
}

/// The critical path, and the outcome and completion days.
std::string schedule_summary(const Plan& plan, std::string_view language) {
    std::string path = plan.critical_path.empty() ? detail::word(Word::none, language)
                                                  : join(plan.critical_path, " -> ");
    return "\n" + std::string(detail::word(Word::critical_note, language)) + "\n" +
           phrase(Word::critical_path, language, path, format_number(plan.outcome_days)) + "\n" +
           phrase(Word::outcome, language, format_number(plan.outcome_days)) + "\n" +
           phrase(Word::completion, language, format_number(plan.completion_days)) + "\n";
}

/// One reason in words: "goal", "prerequisite of X", "produces M for Y".
std::string reason_text(const Reason& reason, std::string_view language) {
    switch (reason.kind) {
        case Reason::Kind::goal:
            break;
        case Reason::Kind::prerequisite:
            return phrase(Word::reason_prerequisite, language, reason.item);
        case Reason::Kind::producer:
            return phrase(Word::reason_producer, language, reason.material, reason.item);
    }
    return detail::word(Word::reason_goal, language);
}

/// The role of an excluded item in words: `Exclusion::role` is "goal" or "prerequisite of ID".
std::string role_text(const std::string& role, std::string_view language) {
    constexpr std::string_view prerequisite = "prerequisite of ";
    if (role == "goal") {
        return detail::word(Word::reason_goal, language);
    }
    if (role.starts_with(prerequisite)) {
        return phrase(Word::reason_prerequisite, language, role.substr(prerequisite.size()));
    }
    return role;
}

/// Why each item is in the plan, the items left out and the any_of choices.
std::string reasons(const Plan& plan, const Catalog& catalog, std::string_view language) {
    auto word = [language](Word key) { return detail::word(key, language); };
    std::string out = "\n" + std::string(word(Word::reasons_heading)) + "\n";
    std::vector<std::vector<std::string>> rows;
    for (const PlannedItem& item : plan.items) {
        std::vector<std::string> parts;
        for (const Reason& reason : item.reasons) {
            parts.push_back(reason_text(reason, language));
        }
        rows.push_back({std::string(item.id), parts.empty()
                                                  ? word(Word::no_reason)
                                                  : join(parts, word(Word::reason_separator))});
    }
    out += detail::render_table(rows, {Align::left, Align::left}, "  ");
    if (!plan.excluded.empty()) {
        out += "\n" + std::string(word(Word::excluded_heading)) + "\n";
        rows.clear();
        for (const Exclusion& exclusion : plan.excluded) {
            rows.push_back({exclusion.item, role_text(exclusion.role, language),
                            exclusion.condition.empty()
                                ? ""
                                : phrase(Word::excluded_when, language, exclusion.condition)});
        }
        out += detail::render_table(rows, {Align::left, Align::left, Align::left}, "  ");
    }
    if (!plan.choices.empty()) {
        out += "\n" + std::string(word(Word::choices_heading)) + "\n";
        rows.clear();
        for (const Choice& choice : plan.choices) {
            std::string chosen;
            if (choice.chosen >= 0 &&
                static_cast<std::size_t>(choice.chosen) < choice.alternatives.size()) {
                chosen = std::string(choice.alternatives[static_cast<std::size_t>(choice.chosen)]);
            }
            std::string name = detail::material_name(catalog, chosen, language);
            rows.push_back(
                {std::string(choice.item), phrase(Word::choice_need, language, choice.need + 1),
                 name.empty() ? chosen
                              : chosen + word(Word::open_paren) + name + word(Word::close_paren),
                 phrase(Word::choice_out_of, language,
                        join(choice.alternatives, word(Word::list_separator)))});
        }
        out +=
            detail::render_table(rows, {Align::left, Align::left, Align::left, Align::left}, "  ");
    }
    return out;
}

/// Materials or fields grouped by provision in `order`, with producers and who needs them.
template <typename Use, typename Id, typename Name>
std::string provision_groups(const std::vector<Use>& uses, const std::vector<Provision>& order,
                             Word title, std::string_view language, Id id_of, Name name_of) {
    const std::string separator = detail::word(Word::list_separator, language);
    std::string out = "\n" + std::string(detail::word(title, language)) + "\n";
    if (uses.empty()) {
        return out + "  " + detail::word(Word::provision_none, language) + "\n";
    }
    for (Provision provision : order) {
        std::vector<std::vector<std::string>> rows;
        for (const Use& use : uses) {
            if (use.provision != provision) {
                continue;
            }
            std::string who = phrase(Word::needed_by, language, join(use.needed_by, separator));
            if (provision == Provision::produced) {
                who = phrase(Word::produced_from, language, join(use.producers, separator), who);
            }
            rows.push_back({std::string(id_of(use)), name_of(use), who});
        }
        if (!rows.empty()) {
            out += "  " +
                   phrase(Word::provision_count, language,
                          detail::provision_word(provision, language), rows.size()) +
                   "\n";
            out += detail::render_table(rows, {Align::left, Align::left, Align::left}, "    ");
        }
    }
    return out;
}

}  // namespace

std::string plan_to_text(const Plan& plan, const Catalog& catalog, std::string_view language) {
    std::string out = header(plan, catalog, language);
    out += stage_tables(plan, catalog, language);
    out += schedule_summary(plan, language);
    if (std::string venues = detail::visits_per_venue_text(plan, catalog, language);
        !venues.empty()) {
        out += venues + "\n";
    }
    out += reasons(plan, catalog, language);
    out += provision_groups(
        plan.materials,
        {Provision::submitted, Provision::e_license, Provision::produced, Provision::shared,
         Provision::asked},
        Word::materials_heading, language, [](const MaterialUse& use) { return use.material; },
        [&](const MaterialUse& use) {
            return detail::material_name(catalog, use.material, language);
        });
    out += provision_groups(
        plan.fields,
        {Provision::asked, Provision::shared, Provision::produced, Provision::submitted,
         Provision::e_license},
        Word::fields_heading, language, [](const FieldUse& use) { return use.field; },
        [&](const FieldUse& use) { return detail::field_label(catalog, use.field, language); });
    out += "\n" + std::string(detail::word(Word::before_and_after, language)) + "\n";
    for (const std::string& line : detail::lines_of(metrics_to_text(plan, language))) {
        out += "  " + line + '\n';
    }
    return out;
}

}  // namespace onething
