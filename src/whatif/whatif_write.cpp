// The what-if analysis as aligned text and as Markdown: the best single changes, then the greedy
// set, with the note on how savings are weighted.
#include <string>
#include <vector>

#include "onething/whatif.hpp"
#include "write/wording.hpp"
#include "write/write_util.hpp"

namespace onething {
namespace {

using detail::format_number;
using detail::markdown_escape;
using detail::phrase;
using detail::word;
using detail::Word;

/// The change in words: "make material x an e-licence".
std::string change_words(const Change& change, std::string_view language) {
    switch (change.kind) {
        case ChangeKind::e_license:
            return phrase(Word::whatif_kind_license, language, change.target);
        case ChangeKind::shared:
            return phrase(Word::whatif_kind_shared, language, change.target);
        case ChangeKind::online:
            return phrase(Word::whatif_kind_online, language, change.target);
        case ChangeKind::duration:
            return phrase(Word::whatif_kind_duration, language, change.target);
    }
    return change.target;
}

/// The header row of a table of changes.
std::vector<std::string> header(std::string_view language) {
    return {word(Word::column_rank, language),
            word(Word::column_change, language),
            detail::metric_word(Metric::visits, language),
            detail::metric_word(Metric::materials, language),
            detail::metric_word(Metric::fields, language),
            detail::metric_word(Metric::days, language),
            word(Word::column_helps, language)};
}

/// The rows of a table of changes, ranked from 1.
std::vector<std::vector<std::string>> rows_of(const std::vector<RankedChange>& changes,
                                              std::string_view language) {
    std::vector<std::vector<std::string>> rows;
    for (std::size_t index = 0; index < changes.size(); ++index) {
        const RankedChange& ranked = changes[index];
        rows.push_back({std::to_string(index + 1), change_words(ranked.change, language),
                        format_number(ranked.saves.visits), format_number(ranked.saves.materials),
                        format_number(ranked.saves.fields), format_number(ranked.saves.days),
                        detail::join(ranked.bundles, word(Word::list_separator, language))});
    }
    return rows;
}

/// The title line.
std::string title(const WhatIf& whatif, std::string_view language) {
    return phrase(Word::whatif_title, language,
                  counted(whatif.candidates, Word::whatif_change, Word::whatif_changes, language),
                  counted(whatif.scenarios, Word::whatif_row, Word::whatif_rows, language));
}

/// How savings are weighted.
const char* weighting_note(const WhatIf& whatif, std::string_view language) {
    return word(whatif.weighted ? Word::whatif_weighted : Word::whatif_unweighted, language);
}

/// A Markdown table of changes.
std::string markdown_table(const std::vector<RankedChange>& changes, std::string_view language) {
    std::string out;
    const auto line = [&out](const std::vector<std::string>& cells) {
        out += "|";
        for (const std::string& cell : cells) {
            out += " " + markdown_escape(cell) + " |";
        }
        out += "\n";
    };
    line(header(language));
    out += "|---:|---|---:|---:|---:|---:|---|\n";
    for (const auto& row : rows_of(changes, language)) {
        line(row);
    }
    return out;
}

}  // namespace

std::string whatif_to_text(const WhatIf& whatif, const Catalog&, std::string_view language) {
    using detail::Align;
    const std::vector<Align> align{Align::right, Align::left,  Align::right, Align::right,
                                   Align::right, Align::right, Align::left};
    std::string out = title(whatif, language) + "\n" + weighting_note(whatif, language) + "\n\n";
    if (whatif.changes.empty()) {
        return out + word(Word::whatif_none, language) + "\n";
    }
    out += std::string(word(Word::whatif_singles, language)) + "\n";
    auto rows = rows_of(whatif.changes, language);
    rows.insert(rows.begin(), header(language));
    out += detail::render_table(rows, align, "  ");
    if (!whatif.combined.empty()) {
        out += "\n" + phrase(Word::whatif_combined, language, whatif.combined.size()) + "\n";
        auto combined = rows_of(whatif.combined, language);
        combined.insert(combined.begin(), header(language));
        out += detail::render_table(combined, align, "  ");
    }
    return out;
}

std::string whatif_to_markdown(const WhatIf& whatif, const Catalog&, std::string_view language) {
    std::string out = "# " + markdown_escape(title(whatif, language)) + "\n\n" +
                      markdown_escape(weighting_note(whatif, language)) + "\n\n";
    if (whatif.changes.empty()) {
        return out + markdown_escape(word(Word::whatif_none, language)) + "\n";
    }
    out += "## " + markdown_escape(word(Word::whatif_singles, language)) + "\n\n";
    out += markdown_table(whatif.changes, language);
    if (!whatif.combined.empty()) {
        out += "\n## " +
               markdown_escape(phrase(Word::whatif_combined, language, whatif.combined.size())) +
               "\n\n" + markdown_table(whatif.combined, language);
    }
    return out;
}

}  // namespace onething
