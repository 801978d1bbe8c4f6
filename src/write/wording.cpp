// The fixed words of the writers.
#include "write/wording.hpp"

#include <array>
#include <cstddef>

#include "onething/write.hpp"

namespace onething::detail {

namespace {

/// One word of the table.
struct Entry {
    Word key;        ///< the word, to check the table's order
    const char* en;  ///< in English
};

/// Every word, in the order of `Word`.
constexpr std::array<Entry, static_cast<std::size_t>(Word::count)> words{{
    {Word::list_separator, ", "},
    {Word::name_separator, ": "},
    {Word::open_paren, " ("},
    {Word::close_paren, ")"},
    {Word::none, "none"},
    {Word::not_applicable, "n/a"},
    {Word::bundle, "bundle"},
    {Word::optimal_note, " (optimal, {} search nodes)"},
    {Word::not_optimal_note, " (not proven optimal: search stopped after {} nodes)"},
    {Word::optimize, "optimize: "},
    {Word::deferred_mark, "(deferred)"},
    {Word::stage_heading, "stage {}"},
    {Word::column_item, "item"},
    {Word::column_name, "name"},
    {Word::column_department, "department"},
    {Word::column_days, "days"},
    {Word::column_start, "start"},
    {Word::column_finish, "finish"},
    {Word::column_slack, "slack"},
    {Word::column_critical, "critical"},
    {Word::column_stage, "stage"},
    {Word::critical_note, "* marks critical items (no slack before the outcome)"},
    {Word::critical_path, "critical path: {0} ({1} days)"},
    {Word::outcome, "outcome: {} days"},
    {Word::completion, "completion: {} days (deferred items included)"},
    {Word::days_count, " ({} days)"},
    {Word::reasons_heading, "why each item is in the plan"},
    {Word::reason_goal, "goal"},
    {Word::reason_prerequisite, "prerequisite of {}"},
    {Word::reason_producer, "produces {0} for {1}"},
    {Word::reason_separator, "; "},
    {Word::no_reason, "(no reason recorded)"},
    {Word::excluded_heading, "left out (condition false)"},
    {Word::excluded_when, "when: {}"},
    {Word::choices_heading, "choices among alternatives (any_of)"},
    {Word::choice_need, "need {}"},
    {Word::choice_out_of, "out of {}"},
    {Word::materials_heading, "materials"},
    {Word::fields_heading, "fields"},
    {Word::provision_count, "{0} ({1})"},
    {Word::provision_none, "(none)"},
    {Word::needed_by, "needed by {}"},
    {Word::produced_from, "from {0}, {1}"},
    {Word::submitted, "to submit"},
    {Word::e_license, "e-licences retrieved"},
    {Word::produced, "produced inside the bundle"},
    {Word::shared, "prefilled from shared data"},
    {Word::asked, "asked on the merged form"},
    {Word::before_and_after, "before and after"},
    {Word::column_metric, "metric"},
    {Word::column_before, "before"},
    {Word::column_after, "after"},
    {Word::column_reduction, "reduction"},
    {Word::metric_steps, "steps"},
    {Word::metric_forms, "forms"},
    {Word::metric_fields, "fields"},
    {Word::metric_materials, "materials"},
    {Word::metric_visits, "visits"},
    {Word::metric_days, "days"},
    {Word::markdown_not_optimal, "*Not proven optimal: the search stopped after {} nodes.*"},
    {Word::markdown_critical, "yes"},
    {Word::markdown_deferred, "deferred"},
    {Word::markdown_path, "Critical path: "},
    {Word::markdown_submitted, "Materials to submit: "},
    {Word::node_days, "{} d"},
    {Word::drawn_stage, "stage {}"},
    {Word::report_title, "Before and after across the catalog: {0} bundles, {1}"},
    {Word::report_title_one, "Before and after across the catalog: {0} bundle, {1}"},
    {Word::report_rows_cases, "{} rows, one per test case"},
    {Word::report_rows_bundles, "one row per bundle"},
    {Word::column_bundle, "bundle"},
    {Word::column_bundle_case, "bundle / case"},
    {Word::no_test_case, "(no test case)"},
    {Word::average_reduction, "average reduction"},
    {Word::published_average, "published average"},
    {Word::source_defaults, "no test case: planned without facts (defaults apply)"},
    {Word::source_case, "case '{}'"},
    {Word::source_error, "; not planned: {}"},
    {Word::rows_all_cases,
     "Rows: every test case without expect.error, by bundle id, cases in file order:"},
    {Word::rows_per_bundle,
     "Rows: each bundle planned with the facts of its first test case without expect.error "
     "(--all-cases: one row per case):"},
    {Word::note_average,
     "Average reduction: the mean over the {} planned bundles of each bundle's reduction 1 - "
     "after/before (a bundle with several rows counts once, with the mean of its rows; a metric "
     "that is 0 before is left out), as the published figures are averages across bundles too."},
    {Word::note_published,
     "Published average: across the 15 bundles of the first year, steps -69%, time (days) -54%, "
     "materials -75%, trips (visits) -71%; forms and fields were not published."},
    {Word::note_before_after,
     "Before: every item handled on its own, one after another; after: the bundled plan. Visits "
     "are trips to an office; days are working days to the outcome."},
}};

/// True when every entry of `words` sits at the index of its key.
constexpr bool in_order() {
    for (std::size_t at = 0; at < words.size(); ++at) {
        if (static_cast<std::size_t>(words[at].key) != at) {
            return false;
        }
    }
    return true;
}

static_assert(in_order(), "the words must be listed in the order of Word");

}  // namespace

bool chinese(std::string_view language) {
    return language == "zh";
}

const char* word(Word key, std::string_view /*language*/) {
    return words[static_cast<std::size_t>(key)].en;
}

const char* metric_word(Metric metric, std::string_view language) {
    switch (metric) {
        case Metric::steps:
            return word(Word::metric_steps, language);
        case Metric::forms:
            return word(Word::metric_forms, language);
        case Metric::fields:
            return word(Word::metric_fields, language);
        case Metric::materials:
            return word(Word::metric_materials, language);
        case Metric::visits:
            return word(Word::metric_visits, language);
        case Metric::days:
            return word(Word::metric_days, language);
    }
    return metric_name(metric);
}

const char* provision_word(Provision provision, std::string_view language) {
    switch (provision) {
        case Provision::submitted:
            return word(Word::submitted, language);
        case Provision::e_license:
            return word(Word::e_license, language);
        case Provision::produced:
            return word(Word::produced, language);
        case Provision::shared:
            return word(Word::shared, language);
        case Provision::asked:
            return word(Word::asked, language);
    }
    return "";
}

std::string reduction_word(double before, double after, std::string_view language) {
    std::string percent = reduction_percent(before, after);
    return percent == "n/a" ? std::string(word(Word::not_applicable, language)) : percent;
}

}  // namespace onething::detail
