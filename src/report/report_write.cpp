// The catalog report as aligned text and as Markdown.
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "onething/report.hpp"
#include "write/write_util.hpp"

namespace onething {
namespace {

/// The cells of a table row.
using Cells = std::vector<std::string>;

/// Columns the notes of the text report are wrapped at.
constexpr std::size_t text_width = 100;

/// The label of a row: the bundle id, with " / case" when every case has a row.
std::string row_label(const Report& report, const ReportRow& row) {
    if (!report.all_cases) {
        return row.bundle;
    }
    return row.bundle + " / " + (row.test.empty() ? "(no test case)" : row.test);
}

/// The header: the label column, then "metric" and "%" per metric.
Cells header_cells(const Report& report) {
    Cells cells{report.all_cases ? "bundle / case" : "bundle"};
    for (Metric metric : all_metrics) {
        cells.emplace_back(metric_name(metric));
        cells.emplace_back("%");
    }
    return cells;
}

/// The metric cells of a row: "before → after" and the reduction, "-" when it was not planned.
Cells metric_cells(const ReportRow& row) {
    Cells cells;
    for (Metric metric : all_metrics) {
        if (!row.error.empty()) {
            cells.insert(cells.end(), {"-", "-"});
            continue;
        }
        const double before = row.before.get(metric);
        const double after = row.after.get(metric);
        const auto value = reduction(before, after);
        cells.push_back(detail::format_number(before) + " → " + detail::format_number(after));
        cells.push_back(value ? format_reduction(*value) : "n/a");
    }
    return cells;
}

/// The reduction cells of a summary row: blank before → after, the reduction or blank.
Cells summary_cells(const Reductions& reductions) {
    Cells cells;
    for (const auto& value : reductions) {
        cells.emplace_back("");
        cells.push_back(value ? format_reduction(*value) : "");
    }
    return cells;
}

/// Bundles with at least one planned row.
std::size_t planned_bundles(const Report& report) {
    std::set<std::string> bundles;
    for (const ReportRow& row : report.rows) {
        if (row.error.empty()) {
            bundles.insert(row.bundle);
        }
    }
    return bundles.size();
}

/// Distinct bundles of the report.
std::size_t bundle_count(const Report& report) {
    std::set<std::string> bundles;
    for (const ReportRow& row : report.rows) {
        bundles.insert(row.bundle);
    }
    return bundles.size();
}

/// The first line: what the rows are.
std::string title(const Report& report) {
    const std::size_t bundles = bundle_count(report);
    return fmt::format(
        "Before and after across the catalog: {} bundle{}, {}", bundles, bundles == 1 ? "" : "s",
        report.all_cases ? fmt::format("{} rows, one per test case", report.rows.size())
                         : std::string("one row per bundle"));
}

/// Where the facts of a row come from, or why it has no metrics.
std::string row_source(const ReportRow& row) {
    std::string text = row.test.empty() ? "no test case: planned without facts (defaults apply)"
                                        : "case '" + row.test + "'";
    if (!row.error.empty()) {
        text += "; not planned: " + row.error;
    }
    return text;
}

/// One legend line per row: "label (name): where its facts come from". With all cases, one line
/// per bundle (its name), plus one per row planned without a test case or not planned.
std::vector<std::string> legend(const Report& report, const Catalog& catalog,
                                std::string_view language) {
    std::vector<std::string> lines;
    std::string last_bundle;
    for (const ReportRow& row : report.rows) {
        const Bundle* bundle = catalog.find_bundle(row.bundle);
        const std::string name = bundle ? " (" + bundle->name.in(language) + ")" : std::string();
        if (!report.all_cases) {
            lines.push_back(row.bundle + name + ": " + row_source(row));
            continue;
        }
        if (row.bundle != last_bundle) {
            lines.push_back(row.bundle + name);
            last_bundle = row.bundle;
        }
        if (row.test.empty() || !row.error.empty()) {
            lines.push_back(row_label(report, row) + ": " + row_source(row));
        }
    }
    return lines;
}

/// What the rows are, introducing the legend.
std::string rows_note(const Report& report) {
    return report.all_cases
               ? "Rows: every test case without expect.error, by bundle id, cases in file order:"
               : "Rows: each bundle planned with the facts of its first test case without "
                 "expect.error (--all-cases: one row per case):";
}

/// The notes under the legend, one paragraph per element.
std::vector<std::string> notes(const Report& report) {
    std::vector<std::string> out;
    out.push_back(fmt::format(
        "Average reduction: the mean over the {} planned bundles of each bundle's reduction "
        "1 - after/before (a bundle with several rows counts once, with the mean of its rows; a "
        "metric that is 0 before is left out), as the published figures are averages across "
        "bundles too.",
        planned_bundles(report)));
    out.push_back(
        "Published average: across the 15 bundles of the first year, steps -69%, time (days) -54%, "
        "materials -75%, trips (visits) -71%; forms and fields were not published.");
    out.push_back(
        "Before: every item handled on its own, one after another; after: the bundled plan. "
        "Visits are trips to an office; days are working days to the outcome.");
    return out;
}

/// `text` wrapped at `width` columns on spaces, each line ending in a newline.
std::string wrap(const std::string& text, std::size_t width) {
    std::string out;
    std::string line;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find(' ', start);
        if (end == std::string::npos) {
            end = text.size();
        }
        const std::string word = text.substr(start, end - start);
        if (!line.empty() &&
            detail::display_width(line) + 1 + detail::display_width(word) > width) {
            out += line + "\n";
            line.clear();
        }
        line += (line.empty() ? "" : " ") + word;
        start = end + 1;
    }
    return out + line + "\n";
}

/// Escapes Markdown table syntax in free text.
std::string markdown_escape(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c == '|' || c == '\\' || c == '*' || c == '_' || c == '`') {
            out += '\\';
        }
        out += c;
    }
    return out;
}

}  // namespace

std::string report_to_text(const Report& report, const Catalog& catalog,
                           std::string_view language) {
    std::vector<Cells> table{header_cells(report)};
    for (const ReportRow& row : report.rows) {
        Cells cells{row_label(report, row)};
        const Cells metrics = metric_cells(row);
        cells.insert(cells.end(), metrics.begin(), metrics.end());
        table.push_back(std::move(cells));
    }
    Cells average{"average reduction"};
    const Cells average_metrics = summary_cells(average_reductions(report));
    average.insert(average.end(), average_metrics.begin(), average_metrics.end());
    table.push_back(std::move(average));
    Cells published{"published average"};
    const Cells published_metrics = summary_cells(published_reductions());
    published.insert(published.end(), published_metrics.begin(), published_metrics.end());
    table.push_back(std::move(published));

    std::vector<detail::Align> align(table.front().size(), detail::Align::right);
    align.front() = detail::Align::left;
    std::string out = title(report) + "\n\n" + detail::render_table(table, align, "") + "\n";
    out += wrap(rows_note(report), text_width);
    for (const std::string& line : legend(report, catalog, language)) {
        out += "  " + line + "\n";
    }
    for (const std::string& note : notes(report)) {
        out += "\n" + wrap(note, text_width);
    }
    return out;
}

std::string report_to_markdown(const Report& report, const Catalog& catalog,
                               std::string_view language) {
    std::string out = "## " + title(report) + "\n\n";
    const Cells header = header_cells(report);
    out += "| " + detail::join(header, " | ") + " |\n|---|";
    for (std::size_t column = 1; column < header.size(); ++column) {
        out += "---:|";
    }
    out += "\n";
    for (const ReportRow& row : report.rows) {
        out += "| " + markdown_escape(row_label(report, row)) + " | " +
               detail::join(metric_cells(row), " | ") + " |\n";
    }
    auto summary = [&out](const std::string& label, const Reductions& reductions) {
        out += "| " + label;
        for (const std::string& cell : summary_cells(reductions)) {
            out += cell.empty() ? " |" : " | " + cell;
        }
        out += " |\n";
    };
    summary("**average reduction**", average_reductions(report));
    summary("*published average*", published_reductions());
    out += "\n" + markdown_escape(rows_note(report)) + "\n\n";
    for (const std::string& line : legend(report, catalog, language)) {
        out += "- " + markdown_escape(line) + "\n";
    }
    for (const std::string& note : notes(report)) {
        out += "\n" + markdown_escape(note) + "\n";
    }
    return out;
}

}  // namespace onething
