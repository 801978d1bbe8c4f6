// The catalog report as one self-contained HTML page: the table and a chart per metric.
#include <string>
#include <vector>

#include <fmt/format.h>

#include "onething/report.hpp"
#include "write/html_page.hpp"
#include "write/plan_svg.hpp"
#include "write/wording.hpp"
#include "write/write_util.hpp"
#include "write/xml_escape.hpp"

namespace onething {
namespace {

using detail::Word;
using detail::xml_escape;

/// The page's CSS, rule by rule: the shared rules and its own layout, the table, print.
constexpr std::string_view page_rules[] = {
    detail::body_css,
    "main { max-width: 1200px; margin: 0 auto; padding: 24px; }",
    "h1 { font-size: 1.6rem; margin: 0 0 8px; }",
    detail::section_heading_css,
    "table { border-collapse: collapse; margin: 8px 0; font-size: 0.9rem; }",
    "th, td { border: 1px solid #d9e2ec; padding: 3px 8px; text-align: left; "
    "vertical-align: top; }",
    "td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; "
    "white-space: nowrap; }",
    "tr.summary td { font-weight: 600; background: #f0f4f8; }",
    "td.error { color: #b42318; }",
    detail::code_css,
    ".scroll { overflow-x: auto; }",
    ".charts { display: flex; flex-wrap: wrap; gap: 16px 32px; }",
    "footer, .notes { color: #52606d; font-size: 0.85rem; }",
    "@media print { main { max-width: none; padding: 0; } "
    "table, .figure { break-inside: avoid; } }",
};

/// The change a reduction is (-69 for 69% fewer), as the report's JSON gives it.
std::optional<double> change_of(const std::optional<double>& reduction) {
    if (!reduction) {
        return std::nullopt;
    }
    return -*reduction;
}

/// A row of reductions as table cells, blank where there is none.
std::string summary_row(const std::string& label, const Reductions& reductions) {
    std::string out = "<tr class=\"summary\"><td>" + xml_escape(label) + "</td>";
    for (const auto& value : reductions) {
        out += "<td class=\"number\"></td><td class=\"number\">" +
               (value ? xml_escape(format_reduction(*value)) : std::string()) + "</td>";
    }
    return out + "</tr>\n";
}

}  // namespace

std::string report_to_html(const Report& report, const Catalog& catalog,
                           std::string_view language) {
    auto word = [language](Word key) { return std::string(detail::word(key, language)); };
    auto bundle_name = [&](const std::string& id) {
        const Bundle* bundle = catalog.find_bundle(id);
        return bundle != nullptr && !bundle->name.in(language).empty() ? bundle->name.in(language)
                                                                       : id;
    };
    const std::string title = word(Word::html_report_title);
    std::string out = detail::html_page_start(language, title, page_rules) + "<h1>" +
                      xml_escape(title) + "</h1>\n";
    out += "<p class=\"notes\">" +
           xml_escape(word(report.all_cases ? Word::rows_all_cases : Word::rows_per_bundle)) +
           "</p>\n";

    // The table: before → after and the change per metric, then the averages.
    out += "<section id=\"table\">\n<div class=\"scroll\">\n<table>\n<thead><tr><th>" +
           xml_escape(word(report.all_cases ? Word::column_bundle_case : Word::column_bundle)) +
           "</th>";
    for (Metric metric : all_metrics) {
        out += "<th class=\"number\">" + xml_escape(detail::metric_word(metric, language)) +
               "</th><th class=\"number\">%</th>";
    }
    out += "</tr></thead>\n<tbody>\n";
    for (const ReportRow& row : report.rows) {
        std::string label = "<td>" + xml_escape(bundle_name(row.bundle)) + " <code>" +
                            xml_escape(row.bundle) + "</code>";
        if (report.all_cases) {
            label += " / " + xml_escape(row.test.empty() ? word(Word::no_test_case) : row.test);
        }
        out += "<tr>" + label + "</td>";
        if (!row.error.empty()) {
            out += fmt::format("<td class=\"error\" colspan=\"{}\">{}</td></tr>\n",
                               all_metrics.size() * 2, xml_escape(row.error));
            continue;
        }
        for (Metric metric : all_metrics) {
            const double before = row.before.get(metric);
            const double after = row.after.get(metric);
            const auto value = reduction(before, after);
            out += "<td class=\"number\">" + detail::format_number(before) + " → " +
                   detail::format_number(after) + "</td><td class=\"number\">" +
                   xml_escape(value ? format_reduction(*value) : word(Word::not_applicable)) +
                   "</td>";
        }
        out += "</tr>\n";
    }
    const Reductions average = average_reductions(report);
    out += summary_row(word(Word::average_change), average);
    if (const auto weighted = weighted_reductions(report, catalog)) {
        out += summary_row(
            detail::counted(weighted_bundles(report, catalog), Word::weighted_average_one,
                            Word::weighted_average, language),
            *weighted);
    }
    out += summary_row(word(Word::published_average), published_reductions());
    out += "</tbody>\n</table>\n</div>\n</section>\n";

    // One chart per metric: every bundle's change, the average as a line.
    out += "<section id=\"charts\">\n<h2>" + xml_escape(word(Word::before_and_after)) +
           "</h2>\n<div class=\"charts\">\n";
    std::size_t index = 0;
    for (Metric metric : all_metrics) {
        std::vector<detail::ChangeBar> bars;
        for (const ReportRow& row : report.rows) {
            std::string label = bundle_name(row.bundle);
            if (report.all_cases && !row.test.empty()) {
                label += " / " + row.test;
            }
            std::optional<double> change;
            if (row.error.empty()) {
                change = change_of(reduction(row.before.get(metric), row.after.get(metric)));
            }
            bars.push_back({std::move(label), change});
        }
        out += detail::change_bars_svg(detail::phrase(Word::figure_report_metric, language,
                                                      detail::metric_word(metric, language)),
                                       bars, change_of(average[index++]), language);
    }
    out += "</div>\n</section>\n<section class=\"notes\">\n";
    for (Word note : {Word::note_before_after, Word::note_published}) {
        out += "<p>" + xml_escape(word(note)) + "</p>\n";
    }
    out += "<p>" +
           xml_escape(detail::counted(planned_bundles(report), Word::note_average_one,
                                      Word::note_average, language)) +
           "</p>\n</section>\n<footer>" + xml_escape(word(Word::html_no_script)) +
           "</footer>\n</main>\n</body>\n</html>\n";
    return out;
}

}  // namespace onething
