// A plan as Markdown: the schedule per stage and the before/after table, for reports and docs.
#include <string>
#include <vector>

#include "onething/write.hpp"
#include "write/wording.hpp"
#include "write/write_util.hpp"

namespace onething {
namespace {

/// Text of the catalog (a name) in a table cell or heading: on one line, with Markdown's own
/// characters escaped, so that it shows as written and never as markup or HTML.
std::string text_cell(std::string_view text) {
    return detail::markdown_escape(detail::one_line(text));
}

/// An id or fixed text in a table cell (ids are written in code spans, where escapes show
/// literally): its pipes escaped, each line break a space.
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

/// The format 1.1 marks of an item's row, each after a space, only where used.
std::string markdown_marks(const Catalog& catalog, const PlannedItem& item,
                           std::string_view language) {
    std::string out;
    for (const std::string& mark : detail::item_marks(catalog, item, language)) {
        out += " " + cell(mark);
    }
    return out;
}

}  // namespace

std::string plan_to_markdown(const Plan& plan, const Catalog& catalog, std::string_view language) {
    using detail::Word;
    auto word = [language](Word key) { return std::string(detail::word(key, language)); };
    std::string out = "# " + cell(plan.bundle);
    if (const Bundle* bundle = catalog.find_bundle(plan.bundle)) {
        const std::string& name = bundle->name.in(language);
        if (!name.empty()) {
            out += word(Word::name_separator) + text_cell(name);
        }
    }
    out += "\n\n";
    if (!plan.optimal) {
        out += detail::phrase(Word::markdown_not_optimal, language, plan.search_nodes) + "\n\n";
    }
    std::vector<std::string> heading;
    for (Word key : {Word::column_stage, Word::column_item, Word::column_name,
                     Word::column_department, Word::column_days, Word::column_start,
                     Word::column_finish, Word::column_slack, Word::column_critical}) {
        heading.push_back(word(key));
    }
    out += "| " + detail::join(heading, " | ") + " |\n";
    out += "|---:|---|---|---|---:|---:|---:|---:|---|\n";
    for (std::size_t stage = 0; stage < plan.stages.size(); ++stage) {
        for (PlanId id : plan.stages[stage]) {
            const PlannedItem& item = *plan.find(id);
            out += "| " + std::to_string(stage + 1) + " | `" + cell(id) + "` | " +
                   text_cell(detail::item_name(catalog, id, language)) + " | " +
                   cell(detail::item_department(catalog, id)) + " | " +
                   cell(detail::item_days_text(catalog, item, language)) + " | " +
                   detail::format_number(item.earliest_start) + " | " +
                   detail::format_number(item.earliest_finish) + " | " +
                   detail::format_number(item.slack) + " | " +
                   (item.deferred   ? word(Word::markdown_deferred)
                    : item.critical ? word(Word::markdown_critical)
                                    : "") +
                   markdown_marks(catalog, item, language) + " |\n";
        }
    }
    out += "\n" + word(Word::markdown_path);
    for (std::size_t i = 0; i < plan.critical_path.size(); ++i) {
        out += i ? " → `" : "`";
        out += plan.critical_path[i];
        out += '`';
    }
    out += detail::phrase(Word::days_count, language, detail::format_number(plan.outcome_days)) +
           "\n\n";
    if (std::string venues = detail::visits_per_venue_text(plan, catalog, language);
        !venues.empty()) {
        out += venues + "\n\n";
    }
    const auto submitted = plan.submitted_materials();
    out += word(Word::markdown_submitted);
    for (std::size_t i = 0; i < submitted.size(); ++i) {
        out += (i ? word(Word::list_separator) : "") +
               text_cell(detail::material_name(catalog, submitted[i], language)) +
               word(Word::open_paren) + "`" + submitted[i] + "`" + word(Word::close_paren);
    }
    out += submitted.empty() ? word(Word::none) + "\n\n" : "\n\n";
    out += metrics_to_markdown(plan, language);
    return out;
}

}  // namespace onething
