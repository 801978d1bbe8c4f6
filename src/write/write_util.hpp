// Private helpers shared by the plan writers: numbers, display widths, tables, catalog lookups.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "onething/catalog.hpp"
#include "onething/plan.hpp"

namespace onething::detail {

/// A number as the writers print it: integers without a decimal point, others in the shortest
/// form that reads back to the same double.
std::string format_number(double value);

/// Columns `text` (UTF-8) takes in a terminal: wide CJK code points count 2, others 1.
std::size_t display_width(std::string_view text);

/// `text` on one line: each line feed and tab (which a name may hold) written as a space, so that
/// a table row or a list entry stays one line and its columns stay aligned.
std::string one_line(std::string_view text);

/// How a table column is aligned.
enum class Align { left, right };

/// Renders rows as an aligned table (by display width), each line prefixed by `indent`, columns
/// separated by two spaces, trailing blanks removed, every line ending in a newline; each cell
/// is written `one_line`.
std::string render_table(const std::vector<std::vector<std::string>>& rows,
                         const std::vector<Align>& align, std::string_view indent);

/// The lines of `render_table`, without their newlines.
std::vector<std::string> table_lines(const std::vector<std::vector<std::string>>& rows,
                                     const std::vector<Align>& align, std::string_view indent);

/// The lines of `text`, without their newlines.
std::vector<std::string> lines_of(std::string_view text);

/// `text` with Markdown's table, emphasis, link and HTML characters (| \\ * _ ` < [ ] &) escaped
/// by a backslash, so that it shows as written.
std::string markdown_escape(std::string_view text);

/// Joins `parts` with `separator`.
std::string join(const std::vector<std::string>& parts, std::string_view separator);
/// Joins `parts` (ids of a plan) with `separator`.
std::string join(const std::vector<std::string_view>& parts, std::string_view separator);

/// The item's name in `language`, or "" when the catalog does not know it.
const std::string& item_name(const Catalog& catalog, std::string_view id,
                             std::string_view language);

/// The item's department, or "" when the catalog does not know it.
const std::string& item_department(const Catalog& catalog, std::string_view id);

/// The item's duration: from the catalog, else its scheduled finish minus start.
double item_days(const Catalog& catalog, const PlannedItem& item);

/// The same for the item's definition already found (null when the catalog does not know it).
double item_days(const Item* definition, const PlannedItem& item);

/// The item's duration as shown: "15 (alone 40)" when its bundled duration differs from its
/// own, else the number alone (format 1.1).
std::string item_days_text(const Catalog& catalog, const PlannedItem& item,
                           std::string_view language);

/// The marks of format 1.1 an item carries, each only where used: automatic, and the venue of
/// an in-person item not at the window.
std::vector<std::string> item_marks(const Catalog& catalog, const PlannedItem& item,
                                    std::string_view language);

/// True when the catalog says the item is automatic.
bool item_automatic(const Catalog& catalog, std::string_view id);

/// The after-visits per venue (the most in-person items of the venue on one path of the
/// plan's graph), sorted by venue; venues with no visit are left out.
std::vector<std::pair<std::string, int>> visits_per_venue(const Plan& plan, const Catalog& catalog);

/// "visits by venue: funeral_home 1, window 1" when the plan's visits are at more than one
/// venue, else "".
std::string visits_per_venue_text(const Plan& plan, const Catalog& catalog,
                                  std::string_view language);

/// The material's name in `language`, or "".
const std::string& material_name(const Catalog& catalog, std::string_view id,
                                 std::string_view language);

/// The field's label in `language`, or "".
const std::string& field_label(const Catalog& catalog, std::string_view id,
                               std::string_view language);

/// The word for an edge kind: "prerequisite", "material" or "field".
const char* edge_kind_name(EdgeKind kind);

/// The word for a reason kind: "goal", "prerequisite" or "producer".
const char* reason_kind_name(Reason::Kind kind);

}  // namespace onething::detail
