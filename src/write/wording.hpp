// The fixed words of the text and Markdown writers (headings, column heads, reasons, notes) in
// Chinese and English: one table for every writer.
#pragma once

#include <string>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include "onething/catalog.hpp"
#include "onething/plan.hpp"

namespace onething::detail {

/// A fixed word or phrase of the writers. Phrases with `{}` are fmt format strings; their
/// arguments are numbered (`{0}`) where the languages order them differently.
enum class Word {
    // Joining words.
    list_separator,  ///< between the items of a list of names or ids: ", "
    name_separator,  ///< between an id and its name: ": "
    open_paren,      ///< before a remark in parentheses: " ("
    close_paren,     ///< after it: ")"
    none,            ///< an empty list: "none"
    not_applicable,  ///< a reduction without a before: "n/a"
    // Plan text: header and stage tables.
    bundle,             ///< "bundle"
    optimal_note,       ///< " (optimal, {} search nodes)"
    not_optimal_note,   ///< " (not proven optimal: search stopped after {} nodes)"
    optimize,           ///< "optimize: "
    deferred_mark,      ///< "(deferred)"
    stage_heading,      ///< "stage {}"
    column_item,        ///< "item"
    column_name,        ///< "name"
    column_department,  ///< "department"
    column_days,        ///< "days"
    column_start,       ///< "start"
    column_finish,      ///< "finish"
    column_slack,       ///< "slack"
    column_critical,    ///< "critical"
    column_stage,       ///< "stage"
    // Plan text: schedule summary.
    critical_note,  ///< "* marks critical items (no slack before the outcome)"
    critical_path,  ///< "critical path: {0} ({1} days)"
    outcome,        ///< "outcome: {} days"
    completion,     ///< "completion: {} days (deferred items included)"
    days_count,     ///< " ({} days)"
    // Plan text: reasons, exclusions and choices.
    reasons_heading,      ///< "why each item is in the plan"
    reason_goal,          ///< "goal"
    reason_prerequisite,  ///< "prerequisite of {}"
    reason_producer,      ///< "produces {0} for {1}"
    reason_separator,     ///< between reasons: "; "
    no_reason,            ///< "(no reason recorded)"
    excluded_heading,     ///< "left out (condition false)"
    excluded_when,        ///< "when: {}"
    choices_heading,      ///< "choices among alternatives (any_of)"
    choice_need,          ///< "need {}"
    choice_out_of,        ///< "out of {}"
    // Plan text: materials and fields by provision.
    materials_heading,  ///< "materials"
    fields_heading,     ///< "fields"
    provision_count,    ///< "{0} ({1})"
    provision_none,     ///< "(none)"
    needed_by,          ///< "needed by {}"
    produced_from,      ///< "from {0}, {1}"
    submitted,          ///< "to submit"
    e_license,          ///< "e-licences retrieved"
    produced,           ///< "produced inside the bundle"
    shared,             ///< "prefilled from shared data"
    asked,              ///< "asked on the merged form"
    before_and_after,   ///< "before and after"
    // Metrics.
    column_metric,      ///< "metric"
    column_before,      ///< "before"
    column_after,       ///< "after"
    column_difference,  ///< "change": after against before, negative for fewer
    metric_steps,       ///< "steps"
    metric_forms,       ///< "forms"
    metric_fields,      ///< "fields"
    metric_materials,   ///< "materials"
    metric_visits,      ///< "visits"
    metric_days,        ///< "days"
    // Plan Markdown.
    markdown_not_optimal,  ///< "*Not proven optimal: the search stopped after {} nodes.*"
    markdown_critical,     ///< "yes"
    markdown_deferred,     ///< "deferred"
    markdown_path,         ///< "Critical path: "
    markdown_submitted,    ///< "Materials to submit: "
    // Drawings.
    node_days,    ///< "{} d"
    drawn_stage,  ///< "stage {}"
    // Catalog report.
    report_title,          ///< "Before and after across the catalog: {0} ..., {1}"
    report_title_one,      ///< the title for one bundle
    report_rows_cases,     ///< "{} rows, one per test case"
    report_rows_case,      ///< "{} row, one per test case" (one row)
    report_rows_bundles,   ///< "one row per bundle"
    column_bundle,         ///< "bundle"
    column_bundle_case,    ///< "bundle / case"
    no_test_case,          ///< "(no test case)"
    average_change,        ///< "average change"
    published_average,     ///< "published average"
    weighted_average,      ///< "weighted by annual cases ({} bundles)"
    weighted_average_one,  ///< "weighted by annual cases ({} bundle)"
    source_defaults,       ///< "no test case: planned without facts (defaults apply)"
    source_case,           ///< "case '{}'"
    source_error,          ///< "; not planned: {}"
    rows_all_cases,        ///< what the rows are, with --all-cases
    rows_per_bundle,       ///< what the rows are, one per bundle
    note_average,          ///< how the average is taken, "{}" planned bundles
    note_average_one,      ///< the same over one planned bundle
    note_published,        ///< where the published averages come from
    note_before_after,     ///< what before and after mean
    // Guide and catalog listing.
    guide_none,          ///< "no questions: the facts given decide the plan"
    guide_decides,       ///< "decides {}: "
    guide_type_boolean,  ///< "yes or no"
    guide_type_enum,     ///< "one of: {}"
    guide_type_integer,  ///< "a whole number"
    guide_type_number,   ///< "a number"
    guide_type_date,     ///< "a date (YYYY-MM-DD)"
    guide_type_string,   ///< "text"
    guide_default,       ///< "default: {}"
    guide_confirm,       ///< " — confirm"
    guide_gate,          ///< "decides whether the bundle is for the applicant"
    yes,                 ///< "yes"
    no,                  ///< "no"
    list_bundles,        ///< "bundles:"
    list_items,          ///< "items:"
    list_goals,          ///< "({} goals)"
    // Format 1.1 items, shown only where a plan uses them.
    automatic_mark,   ///< "(automatic)"
    venue_mark,       ///< "(at {})"
    bundled_days,     ///< "{0} (alone {1})": bundled and own durations
    visits_by_venue,  ///< "visits by venue: {}"
    venue_visits,     ///< "{0} {1}": one venue and its visits
    // Figures and HTML pages.
    figure_schedule,       ///< "Schedule"
    figure_graph,          ///< "Dependency graph"
    figure_axis_days,      ///< "working days"
    figure_outcome,        ///< "outcome: day {}"
    figure_critical,       ///< "critical path"
    figure_slack,          ///< "slack"
    figure_deferred,       ///< "deferred (after the outcome)"
    figure_reduction,      ///< "{0}: {1}" a metric and its reduction
    figure_report_metric,  ///< "change in {} per bundle"
    html_plan_title,       ///< "Plan: {}"
    html_report_title,     ///< "Before and after across the catalog"
    html_items,            ///< "Items"
    html_no_script,        ///< the footer: made by onething, readable without script
    // What-if analysis.
    whatif_title,          ///< "What if: {0}, each planned over {1} (...)": the counts below
    whatif_changes,        ///< "{} single changes"
    whatif_change,         ///< "{} single change"
    whatif_rows,           ///< "{} rows"
    whatif_row,            ///< "{} row"
    whatif_singles,        ///< "best single changes"
    whatif_none,           ///< "no single change saves anything"
    whatif_combined,       ///< "best {} changes together (greedy: ...)"
    whatif_kind_license,   ///< "make material {} an e-licence"
    whatif_kind_shared,    ///< "make field {} shared"
    whatif_kind_online,    ///< "make item {} online"
    whatif_kind_duration,  ///< "give item {} a bundled duration of 0"
    column_rank,           ///< "#"
    column_change,         ///< "change"
    column_helps,          ///< "bundles helped"
    whatif_weighted,       ///< how savings are weighted by annual cases
    whatif_unweighted,     ///< savings per application, no annual cases given
    count                  ///< the number of words (not a word)
};

/// True when the writers use Chinese words for `language`: "zh". Every other language gets
/// English, as `Text::in` gives English names when a language has none.
bool chinese(std::string_view language);

/// The word in `language`: Chinese for "zh", English otherwise.
const char* word(Word key, std::string_view language);

/// The phrase in `language` with its `{}` filled by `args`.
template <typename... Args>
std::string phrase(Word key, std::string_view language, Args&&... args) {
    return fmt::format(fmt::runtime(word(key, language)), std::forward<Args>(args)...);
}

/// `count` in the phrase `one` when it is 1, else in `many`: English nouns agree in number.
std::string counted(std::size_t count, Word one, Word many, std::string_view language);

/// The name of a metric in `language` (`metric_name` in English).
const char* metric_word(Metric metric, std::string_view language);

/// The heading of a provision group in `language`.
const char* provision_word(Provision provision, std::string_view language);

/// `before` and `after` as a reduction in percent, "n/a" in `language` when there is none.
std::string reduction_word(double before, double after, std::string_view language);

}  // namespace onething::detail
