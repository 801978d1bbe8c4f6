// Private helpers shared by the plan writers.
#include "write/write_util.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>

#include "text/utf8.hpp"
#include "write/wording.hpp"

#include <fmt/format.h>

namespace onething::detail {

namespace {

/// What the lookups below give for an id the catalog does not know.
const std::string& no_text() {
    static const std::string empty;
    return empty;
}

/// True for the code points the writers count as two columns wide (CJK and full-width forms).
bool is_wide(char32_t code) {
    return (code >= 0x1100 && code <= 0x115F) || (code >= 0x2E80 && code <= 0xA4CF) ||
           (code >= 0xAC00 && code <= 0xD7A3) || (code >= 0xF900 && code <= 0xFAFF) ||
           (code >= 0xFE30 && code <= 0xFE4F) || (code >= 0xFF00 && code <= 0xFF60) ||
           (code >= 0xFFE0 && code <= 0xFFE6);
}

/// Pads `text` with spaces to `width` columns, on the right or on the left.
std::string pad(const std::string& text, std::size_t width, Align align) {
    std::size_t used = display_width(text);
    std::string blanks(width > used ? width - used : 0, ' ');
    return align == Align::left ? text + blanks : blanks + text;
}

}  // namespace

std::string format_number(double value) {
    if (std::isfinite(value) && value == std::floor(value) && std::fabs(value) < 1e15) {
        return fmt::format("{}", static_cast<std::int64_t>(value));
    }
    return fmt::format("{}", value);
}

std::size_t display_width(std::string_view text) {
    std::size_t width = 0;
    std::size_t at = 0;
    while (at < text.size()) {
        const Utf8Char character = decode_utf8(text, at);  // a stray byte: one column
        width += character.fault == Utf8Fault::none && is_wide(character.code) ? 2 : 1;
        at += character.length;
    }
    return width;
}

std::string one_line(std::string_view text) {
    std::string out(text);
    std::replace_if(
        out.begin(), out.end(), [](char c) { return c == '\n' || c == '\t'; }, ' ');
    return out;
}

std::vector<std::string> table_lines(const std::vector<std::vector<std::string>>& table,
                                     const std::vector<Align>& align, std::string_view indent) {
    std::vector<std::vector<std::string>> rows;
    rows.reserve(table.size());
    for (const auto& row : table) {
        auto& cells = rows.emplace_back();
        cells.reserve(row.size());
        for (const std::string& cell : row) {
            cells.push_back(one_line(cell));
        }
    }
    std::vector<std::size_t> widths;
    for (const auto& row : rows) {
        widths.resize(std::max(widths.size(), row.size()), 0);
        for (std::size_t column = 0; column < row.size(); ++column) {
            widths[column] = std::max(widths[column], display_width(row[column]));
        }
    }
    std::vector<std::string> lines;
    for (const auto& row : rows) {
        std::string line(indent);
        for (std::size_t column = 0; column < row.size(); ++column) {
            Align side = column < align.size() ? align[column] : Align::left;
            line += (column > 0 ? "  " : "") + pad(row[column], widths[column], side);
        }
        line.erase(line.find_last_not_of(' ') + 1);
        lines.push_back(std::move(line));
    }
    return lines;
}

std::string render_table(const std::vector<std::vector<std::string>>& rows,
                         const std::vector<Align>& align, std::string_view indent) {
    std::string out;
    for (const std::string& line : table_lines(rows, align, indent)) {
        out += line + '\n';
    }
    return out;
}

std::vector<std::string> lines_of(std::string_view text) {
    std::vector<std::string> lines;
    while (!text.empty()) {
        std::size_t end = text.find('\n');
        lines.emplace_back(text.substr(0, end));
        text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    }
    return lines;
}

namespace {

/// Joins a list of strings or views with `separator`.
template <typename Text>
std::string join_all(const std::vector<Text>& parts, std::string_view separator) {
    std::string out;
    for (std::size_t at = 0; at < parts.size(); ++at) {
        if (at > 0) {
            out += separator;
        }
        out += parts[at];
    }
    return out;
}

}  // namespace

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
    return join_all(parts, separator);
}

std::string join(const std::vector<std::string_view>& parts, std::string_view separator) {
    return join_all(parts, separator);
}

const std::string& item_name(const Catalog& catalog, std::string_view id,
                             std::string_view language) {
    const Item* item = catalog.find_item(id);
    return item != nullptr ? item->name.in(language) : no_text();
}

const std::string& item_department(const Catalog& catalog, std::string_view id) {
    const Item* item = catalog.find_item(id);
    return item != nullptr ? item->department : no_text();
}

double item_days(const Item* definition, const PlannedItem& item) {
    return definition != nullptr ? definition->duration_days
                                 : item.earliest_finish - item.earliest_start;
}

double item_days(const Catalog& catalog, const PlannedItem& item) {
    return item_days(catalog.find_item(item.id), item);
}

std::string item_days_text(const Catalog& catalog, const PlannedItem& item,
                           std::string_view language) {
    const Item* definition = catalog.find_item(item.id);
    const std::string own = format_number(item_days(catalog, item));
    if (definition == nullptr || !definition->bundled_duration_days ||
        *definition->bundled_duration_days == definition->duration_days) {
        return own;
    }
    return phrase(Word::bundled_days, language, format_number(*definition->bundled_duration_days),
                  own);
}

std::vector<std::string> item_marks(const Catalog& catalog, const PlannedItem& item,
                                    std::string_view language) {
    std::vector<std::string> marks;
    const Item* definition = catalog.find_item(item.id);
    if (definition == nullptr) {
        return marks;
    }
    if (definition->automatic) {
        marks.emplace_back(word(Word::automatic_mark, language));
    }
    if (definition->makes_visits() && definition->venue != "window") {
        marks.push_back(phrase(Word::venue_mark, language, definition->venue));
    }
    return marks;
}

bool item_automatic(const Catalog& catalog, std::string_view id) {
    const Item* item = catalog.find_item(id);
    return item != nullptr && item->automatic;
}

std::vector<std::pair<std::string, int>> visits_per_venue(const Plan& plan,
                                                          const Catalog& catalog) {
    // Stages are longest-path levels: every predecessor of an item is in an earlier stage.
    std::map<std::string, int> most;
    std::map<std::string_view, std::map<std::string, int>> path;  // by item: venue -> count
    for (const auto& stage : plan.stages) {
        for (PlanId id : stage) {
            const PlannedItem* item = plan.find(id);
            const Item* definition = catalog.find_item(id);
            if (item == nullptr || definition == nullptr) {
                continue;
            }
            std::map<std::string, int> counts;
            for (PlanId before : item->after) {
                for (const auto& [venue, count] : path[before]) {
                    counts[venue] = std::max(counts[venue], count);
                }
            }
            if (definition->makes_visits()) {
                ++counts[definition->venue];
            }
            for (const auto& [venue, count] : counts) {
                most[venue] = std::max(most[venue], count);
            }
            path[id] = std::move(counts);
        }
    }
    std::vector<std::pair<std::string, int>> result;
    for (const auto& [venue, count] : most) {
        if (count > 0) {
            result.emplace_back(venue, count);
        }
    }
    return result;
}

std::string visits_per_venue_text(const Plan& plan, const Catalog& catalog,
                                  std::string_view language) {
    const auto venues = visits_per_venue(plan, catalog);
    if (venues.size() < 2) {
        return {};
    }
    std::vector<std::string> parts;
    for (const auto& [venue, count] : venues) {
        parts.push_back(phrase(Word::venue_visits, language, venue, count));
    }
    return phrase(Word::visits_by_venue, language,
                  join(parts, word(Word::list_separator, language)));
}

const std::string& material_name(const Catalog& catalog, std::string_view id,
                                 std::string_view language) {
    const Material* material = catalog.find_material(id);
    return material != nullptr ? material->name.in(language) : no_text();
}

const std::string& field_label(const Catalog& catalog, std::string_view id,
                               std::string_view language) {
    const Field* field = catalog.find_field(id);
    return field != nullptr ? field->label.in(language) : no_text();
}

const char* edge_kind_name(EdgeKind kind) {
    switch (kind) {
        case EdgeKind::prerequisite:
            return "prerequisite";
        case EdgeKind::material:
            return "material";
        case EdgeKind::field:
            return "field";
    }
    return "prerequisite";
}

const char* reason_kind_name(Reason::Kind kind) {
    switch (kind) {
        case Reason::Kind::goal:
            return "goal";
        case Reason::Kind::prerequisite:
            return "prerequisite";
        case Reason::Kind::producer:
            return "producer";
    }
    return "goal";
}

std::string markdown_escape(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == '|' || c == '\\' || c == '*' || c == '_' || c == '`' || c == '<' || c == '[' ||
            c == ']' || c == '&') {
            out += '\\';
        }
        out += c;
    }
    return out;
}

}  // namespace onething::detail
