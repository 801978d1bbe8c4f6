// The catalog report as aligned text and as Markdown.
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "onething/report.hpp"
#include "text/utf8.hpp"
#include "write/wording.hpp"
#include "write/write_util.hpp"

namespace onething {
namespace {

using detail::markdown_escape;
using detail::phrase;
using detail::Word;

/// The cells of a table row.
using Cells = std::vector<std::string>;

/// Columns the notes of the text report are wrapped at.
constexpr std::size_t text_width = 100;

/// The label of a row: the bundle id, with " / case" when every case has a row.
std::string row_label(const Report& report, const ReportRow& row, std::string_view language) {
    if (!report.all_cases) {
        return row.bundle;
    }
    return row.bundle + " / " +
           (row.test.empty() ? std::string(detail::word(Word::no_test_case, language))
                             : detail::one_line(row.test));
}

/// The header: the label column, then "metric" and "%" per metric.
Cells header_cells(const Report& report, std::string_view language) {
    Cells cells{
        detail::word(report.all_cases ? Word::column_bundle_case : Word::column_bundle, language)};
    for (Metric metric : all_metrics) {
        cells.emplace_back(detail::metric_word(metric, language));
        cells.emplace_back("%");
    }
    return cells;
}

/// The metric cells of a row: "before → after" and the reduction, "-" when it was not planned.
Cells metric_cells(const ReportRow& row, std::string_view language) {
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
        cells.push_back(value ? format_reduction(*value)
                              : std::string(detail::word(Word::not_applicable, language)));
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

/// Distinct bundles of the report.
std::size_t bundle_count(const Report& report) {
    std::set<std::string> bundles;
    for (const ReportRow& row : report.rows) {
        bundles.insert(row.bundle);
    }
    return bundles.size();
}

/// The first line: what the rows are.
std::string title(const Report& report, std::string_view language) {
    const std::size_t bundles = bundle_count(report);
    return phrase(
        bundles == 1 ? Word::report_title_one : Word::report_title, language, bundles,
        report.all_cases
            ? counted(report.rows.size(), Word::report_rows_case, Word::report_rows_cases, language)
            : std::string(detail::word(Word::report_rows_bundles, language)));
}

/// Where the facts of a row come from, or why it has no metrics.
std::string row_source(const ReportRow& row, std::string_view language) {
    std::string text = row.test.empty()
                           ? std::string(detail::word(Word::source_defaults, language))
                           : phrase(Word::source_case, language, detail::one_line(row.test));
    if (!row.error.empty()) {
        text += phrase(Word::source_error, language, row.error);
    }
    return text;
}

/// One legend line per row: "label (name): where its facts come from". With all cases, one line
/// per bundle (its name), plus one per row planned without a test case or not planned.
std::vector<std::string> legend(const Report& report, const Catalog& catalog,
                                std::string_view language) {
    const std::string separator = detail::word(Word::name_separator, language);
    std::vector<std::string> lines;
    std::string last_bundle;
    for (const ReportRow& row : report.rows) {
        const Bundle* bundle = catalog.find_bundle(row.bundle);
        const std::string name = bundle ? detail::word(Word::open_paren, language) +
                                              detail::one_line(bundle->name.in(language)) +
                                              detail::word(Word::close_paren, language)
                                        : std::string();
        if (!report.all_cases) {
            lines.push_back(row.bundle + name + separator + row_source(row, language));
            continue;
        }
        if (row.bundle != last_bundle) {
            lines.push_back(row.bundle + name);
            last_bundle = row.bundle;
        }
        if (row.test.empty() || !row.error.empty()) {
            lines.push_back(row_label(report, row, language) + separator +
                            row_source(row, language));
        }
    }
    return lines;
}

/// What the rows are, introducing the legend.
std::string rows_note(const Report& report, std::string_view language) {
    return detail::word(report.all_cases ? Word::rows_all_cases : Word::rows_per_bundle, language);
}

/// The notes under the legend, one paragraph per element.
std::vector<std::string> notes(const Report& report, std::string_view language) {
    return {counted(planned_bundles(report), Word::note_average_one, Word::note_average, language),
            detail::word(Word::note_published, language),
            detail::word(Word::note_before_after, language)};
}

/// True for the Chinese punctuation a line must not start with: it stays on the line before,
/// a column or two past the width.
bool closing_punctuation(std::string_view piece) {
    for (std::string_view mark : {"，", "。", "、", "；", "：", "）", "”", "’", "！", "？", "》"}) {
        if (piece == mark) {
            return true;
        }
    }
    return false;
}

/// `text` wrapped at `width` columns, each line ending in a newline. Lines break at spaces and
/// between wide (CJK) characters, which Chinese writes without spaces.
std::string wrap(std::string_view text, std::size_t width) {
    std::string out;
    std::string line;
    std::size_t line_width = 0;
    // Adds a word, or one wide character, after a space when `spaced`.
    auto add = [&](std::string_view piece, bool spaced) {
        const std::size_t piece_width = detail::display_width(piece);
        std::size_t gap = spaced && !line.empty() ? 1 : 0;
        if (!line.empty() && line_width + gap + piece_width > width &&
            !closing_punctuation(piece)) {
            out += line + "\n";
            line.clear();
            line_width = 0;
            gap = 0;
        }
        line += std::string(gap, ' ');
        line += piece;
        line_width += gap + piece_width;
    };
    bool spaced = false;
    std::size_t at = 0;
    while (at < text.size()) {
        if (text[at] == ' ') {
            spaced = true;
            ++at;
            continue;
        }
        std::size_t end = at;
        while (end < text.size() && text[end] != ' ') {
            const std::size_t length = detail::decode_utf8(text, end).length;
            if (detail::display_width(text.substr(end, length)) > 1) {
                break;
            }
            end += length;
        }
        if (end == at) {  // one wide character
            end = at + detail::decode_utf8(text, at).length;
        }
        add(text.substr(at, end - at), spaced);
        spaced = false;
        at = end;
    }
    return out + line + "\n";
}

}  // namespace

std::string report_to_text(const Report& report, const Catalog& catalog,
                           std::string_view language) {
    std::vector<Cells> table{header_cells(report, language)};
    for (const ReportRow& row : report.rows) {
        Cells cells{row_label(report, row, language)};
        const Cells metrics = metric_cells(row, language);
        cells.insert(cells.end(), metrics.begin(), metrics.end());
        table.push_back(std::move(cells));
    }
    Cells average{detail::word(Word::average_change, language)};
    const Cells average_metrics = summary_cells(average_reductions(report));
    average.insert(average.end(), average_metrics.begin(), average_metrics.end());
    table.push_back(std::move(average));
    if (const auto weighted = weighted_reductions(report, catalog)) {
        Cells row{detail::counted(weighted_bundles(report, catalog), Word::weighted_average_one,
                                  Word::weighted_average, language)};
        const Cells cells = summary_cells(*weighted);
        row.insert(row.end(), cells.begin(), cells.end());
        table.push_back(std::move(row));
    }
    Cells published{detail::word(Word::published_average, language)};
    const Cells published_metrics = summary_cells(published_reductions());
    published.insert(published.end(), published_metrics.begin(), published_metrics.end());
    table.push_back(std::move(published));

    std::vector<detail::Align> align(table.front().size(), detail::Align::right);
    align.front() = detail::Align::left;
    std::string out =
        title(report, language) + "\n\n" + detail::render_table(table, align, "") + "\n";
    out += wrap(rows_note(report, language), text_width);
    for (const std::string& line : legend(report, catalog, language)) {
        out += "  " + line + "\n";
    }
    for (const std::string& note : notes(report, language)) {
        out += "\n" + wrap(note, text_width);
    }
    return out;
}

std::string report_to_markdown(const Report& report, const Catalog& catalog,
                               std::string_view language) {
    std::string out = "## " + title(report, language) + "\n\n";
    const Cells header = header_cells(report, language);
    out += "| " + detail::join(header, " | ") + " |\n|---|";
    for (std::size_t column = 1; column < header.size(); ++column) {
        out += "---:|";
    }
    out += "\n";
    for (const ReportRow& row : report.rows) {
        out += "| " + markdown_escape(row_label(report, row, language)) + " | " +
               detail::join(metric_cells(row, language), " | ") + " |\n";
    }
    auto summary = [&out](const std::string& label, const Reductions& reductions) {
        out += "| " + label;
        for (const std::string& cell : summary_cells(reductions)) {
            out += cell.empty() ? " |" : " | " + cell;
        }
        out += " |\n";
    };
    summary("**" + std::string(detail::word(Word::average_change, language)) + "**",
            average_reductions(report));
    if (const auto weighted = weighted_reductions(report, catalog)) {
        summary("**" +
                    detail::counted(weighted_bundles(report, catalog), Word::weighted_average_one,
                                    Word::weighted_average, language) +
                    "**",
                *weighted);
    }
    summary("*" + std::string(detail::word(Word::published_average, language)) + "*",
            published_reductions());
    out += "\n" + markdown_escape(rows_note(report, language)) + "\n\n";
    for (const std::string& line : legend(report, catalog, language)) {
        out += "- " + markdown_escape(line) + "\n";
    }
    for (const std::string& note : notes(report, language)) {
        out += "\n" + markdown_escape(note) + "\n";
    }
    return out;
}

}  // namespace onething
