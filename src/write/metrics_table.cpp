// The before/after metrics as text and Markdown tables, and the reduction in percent.
#include <cmath>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "onething/write.hpp"
#include "write/wording.hpp"
#include "write/write_util.hpp"

namespace onething {

namespace {

/// One row per metric in contract order: name, before, after, reduction.
std::vector<std::vector<std::string>> metric_rows(const Plan& plan, std::string_view language) {
    std::vector<std::vector<std::string>> rows;
    for (Metric metric : all_metrics) {
        double before = plan.before.get(metric);
        double after = plan.after.get(metric);
        rows.push_back({detail::metric_word(metric, language), detail::format_number(before),
                        detail::format_number(after),
                        detail::reduction_word(before, after, language)});
    }
    return rows;
}

/// The head of the table: metric, before, after, reduction.
std::vector<std::string> heading(std::string_view language) {
    using detail::Word;
    std::vector<std::string> cells;
    for (Word key :
         {Word::column_metric, Word::column_before, Word::column_after, Word::column_difference}) {
        cells.emplace_back(detail::word(key, language));
    }
    return cells;
}

}  // namespace

std::string reduction_percent(double before, double after) {
    if (before == 0 || !std::isfinite(before) || !std::isfinite(after)) {
        return "n/a";
    }
    // (before - after) * 100 / before keeps exact halves exact for whole-number counts.
    double reduction = std::round((before - after) * 100.0 / before);
    if (reduction == 0) {
        return "0%";
    }
    std::string digits = detail::format_number(std::fabs(reduction));
    return (reduction > 0 ? "-" : "+") + digits + "%";
}

std::string metrics_to_text(const Plan& plan, std::string_view language) {
    std::vector<std::vector<std::string>> rows{heading(language)};
    for (auto& row : metric_rows(plan, language)) {
        rows.push_back(std::move(row));
    }
    using detail::Align;
    return detail::render_table(rows, {Align::left, Align::right, Align::right, Align::right}, "");
}

std::string metrics_to_markdown(const Plan& plan, std::string_view language) {
    std::string out = "| " + detail::join(heading(language), " | ") + " |\n|---|---:|---:|---:|\n";
    for (const auto& row : metric_rows(plan, language)) {
        out += fmt::format("| {} | {} | {} | {} |\n", row[0], row[1], row[2], row[3]);
    }
    return out;
}

}  // namespace onething
