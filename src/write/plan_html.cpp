// A plan as one self-contained HTML page (inline CSS and SVG, no script, printable), and its
// figures as one SVG document (what the studio draws).
#include <string>
#include <vector>

#include <fmt/format.h>

#include "onething/write.hpp"
#include "write/html_page.hpp"
#include "write/plan_svg.hpp"
#include "write/wording.hpp"
#include "write/write_util.hpp"
#include "write/xml_escape.hpp"

namespace onething {
namespace {

using detail::Word;
using detail::xml_escape;

/// The page's CSS, rule by rule: the shared rules and its own layout, tables, lists, print.
constexpr std::string_view page_rules[] = {
    detail::body_css,
    "main { max-width: 1100px; margin: 0 auto; padding: 24px; }",
    "h1 { font-size: 1.6rem; margin: 0 0 4px; }",
    detail::section_heading_css,
    "h3 { font-size: 1rem; margin: 16px 0 4px; }",
    ".meta { color: #52606d; margin: 0; }",
    "table { border-collapse: collapse; margin: 8px 0; }",
    "th, td { border: 1px solid #d9e2ec; padding: 4px 10px; text-align: left; "
    "vertical-align: top; }",
    "td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; }",
    detail::code_css,
    ".figures { overflow-x: auto; }",
    ".groups { display: flex; flex-wrap: wrap; gap: 8px 32px; }",
    ".groups section { min-width: 260px; }",
    "ul { margin: 4px 0; padding-left: 20px; }",
    "footer { color: #7b8794; font-size: 0.85rem; margin-top: 32px; }",
    "@media print { main { max-width: none; padding: 0; } h2 { break-after: avoid; }\n"
    "  table, .figure { break-inside: avoid; } }",
};

/// A name and, after it, the id as code.
std::string named(const std::string& name, std::string_view id) {
    std::string out;
    if (!name.empty()) {
        out += xml_escape(name) + " ";
    }
    return out + "<code>" + xml_escape(id) + "</code>";
}

/// An item's name (its id when it has none) set in running text among others, isolated (FSI ...
/// PDI, UAX #9): two right-to-left names (Uyghur, Arabic) with an arrow or a comma between them
/// would otherwise form one run and be drawn in reverse order.
std::string name_in_line(const Catalog& catalog, PlanId id, std::string_view language) {
    const std::string& name = detail::item_name(catalog, id, language);
    return "\u2068" + (name.empty() ? std::string(id) : name) + "\u2069";
}

/// The materials (or fields) of one provision, as a titled list; nothing when there are none.
template <typename Use, typename NameOf>
std::string provision_group(const std::vector<Use>& uses, Provision provision, NameOf name_of,
                            const Catalog& catalog, std::string_view language) {
    std::string items;
    std::size_t count = 0;
    for (const Use& use : uses) {
        if (use.provision != provision) {
            continue;
        }
        ++count;
        items += "<li>" + named(name_of(use), [&] {
                     if constexpr (requires { use.material; }) {
                         return use.material;
                     } else {
                         return use.field;
                     }
                 }());
        if (!use.producers.empty()) {
            std::vector<std::string> names;
            for (PlanId producer : use.producers) {
                names.push_back(name_in_line(catalog, producer, language));
            }
            items += " ← " +
                     xml_escape(detail::join(names, detail::word(Word::list_separator, language)));
        }
        items += "</li>\n";
    }
    std::string out =
        fmt::format("<section class=\"group {}\">\n<h3>{} ({})</h3>\n", to_string(provision),
                    xml_escape(detail::provision_word(provision, language)), count);
    if (count == 0) {
        return out + "<p>" + xml_escape(detail::word(Word::provision_none, language)) +
               "</p>\n</section>\n";
    }
    return out + "<ul>\n" + items + "</ul>\n</section>\n";
}

}  // namespace

std::string plan_to_svg(const Plan& plan, const Catalog& catalog, std::string_view language) {
    // The three figures, stacked: each keeps its own size and is found by its class.
    const std::string schedule = detail::schedule_svg(plan, catalog, language);
    const std::string graph = detail::graph_svg(plan, catalog, language);
    const std::string metrics = detail::metrics_svg(plan.before, plan.after, language);
    auto size_of = [](const std::string& svg, const char* attribute) {
        const std::string key = std::string(attribute) + "=\"";
        const auto at = svg.find(key) + key.size();
        return std::stod(svg.substr(at, svg.find('"', at) - at));
    };
    double y = 0;
    double width = 0;
    std::string body;
    for (const std::string* figure : {&schedule, &graph, &metrics}) {
        // A nested <svg> placed at y: the same text with an y attribute after the tag name.
        body += "<svg y=\"" + detail::format_number(y) + "\"" + figure->substr(4);
        y += size_of(*figure, "height") + 16;
        width = std::max(width, size_of(*figure, "width"));
    }
    const std::string w = fmt::format("{:.1f}", width);
    const std::string h = fmt::format("{:.1f}", y);
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"figures\" width=\"" + w +
           "\" height=\"" + h + "\" viewBox=\"0 0 " + w + " " + h + "\">\n" + body + "</svg>\n";
}

std::string plan_to_html(const Plan& plan, const Catalog& catalog, std::string_view language) {
    auto word = [language](Word key) { return std::string(detail::word(key, language)); };
    std::string name = plan.bundle;
    if (const Bundle* bundle = catalog.find_bundle(plan.bundle)) {
        if (!bundle->name.in(language).empty()) {
            name = bundle->name.in(language);
        }
    }
    const std::string title = detail::phrase(Word::html_plan_title, language, name);
    std::string out = detail::html_page_start(language, title, page_rules);
    out += "<header>\n<h1>" + xml_escape(title) + "</h1>\n<p class=\"meta\"><code>" +
           xml_escape(plan.bundle) + "</code>" +
           xml_escape(plan.optimal
                          ? detail::phrase(Word::optimal_note, language, plan.search_nodes)
                          : detail::phrase(Word::not_optimal_note, language, plan.search_nodes)) +
           "</p>\n</header>\n";

    // Before and after: the table and its bars.
    out += "<section id=\"metrics\">\n<h2>" + xml_escape(word(Word::before_and_after)) +
           "</h2>\n<table>\n<thead><tr><th>" + xml_escape(word(Word::column_metric)) +
           "</th><th class=\"number\">" + xml_escape(word(Word::column_before)) +
           "</th><th class=\"number\">" + xml_escape(word(Word::column_after)) +
           "</th><th class=\"number\">" + xml_escape(word(Word::column_difference)) +
           "</th></tr></thead>\n<tbody>\n";
    for (Metric metric : all_metrics) {
        const double before = plan.before.get(metric);
        const double after = plan.after.get(metric);
        out += fmt::format(
            "<tr><td>{}</td><td class=\"number\">{}</td><td class=\"number\">{}</td>"
            "<td class=\"number\">{}</td></tr>\n",
            xml_escape(detail::metric_word(metric, language)), detail::format_number(before),
            detail::format_number(after),
            xml_escape(detail::reduction_word(before, after, language)));
    }
    out += "</tbody>\n</table>\n<div class=\"figures\">\n" +
           detail::metrics_svg(plan.before, plan.after, language) + "</div>\n</section>\n";

    // The schedule.
    std::vector<std::string> path;
    for (PlanId id : plan.critical_path) {
        path.push_back(name_in_line(catalog, id, language));
    }
    out += "<section id=\"schedule\">\n<h2>" + xml_escape(word(Word::figure_schedule)) +
           "</h2>\n<div class=\"figures\">\n" + detail::schedule_svg(plan, catalog, language) +
           "</div>\n<p>" +
           xml_escape(detail::phrase(Word::critical_path, language, detail::join(path, " → "),
                                     detail::format_number(plan.outcome_days))) +
           "</p>\n";
    if (plan.completion_days != plan.outcome_days) {
        out += "<p>" +
               xml_escape(detail::phrase(Word::completion, language,
                                         detail::format_number(plan.completion_days))) +
               "</p>\n";
    }
    out += "<table>\n<thead><tr>";
    for (Word key :
         {Word::column_stage, Word::column_item, Word::column_department, Word::column_days,
          Word::column_start, Word::column_finish, Word::column_slack, Word::column_critical}) {
        out += "<th>" + xml_escape(word(key)) + "</th>";
    }
    out += "</tr></thead>\n<tbody>\n";
    for (std::size_t stage = 0; stage < plan.stages.size(); ++stage) {
        for (PlanId id : plan.stages[stage]) {
            const PlannedItem& item = *plan.find(id);
            std::string marks = item.deferred   ? word(Word::markdown_deferred)
                                : item.critical ? word(Word::markdown_critical)
                                                : "";
            for (const std::string& mark : detail::item_marks(catalog, item, language)) {
                marks += " " + mark;
            }
            out += fmt::format(
                "<tr><td class=\"number\">{}</td><td>{}</td><td>{}</td><td class=\"number\">{}"
                "</td><td class=\"number\">{}</td><td class=\"number\">{}</td><td "
                "class=\"number\">{}</td><td>{}</td></tr>\n",
                stage + 1, named(detail::item_name(catalog, id, language), id),
                xml_escape(detail::item_department(catalog, id)),
                xml_escape(detail::item_days_text(catalog, item, language)),
                detail::format_number(item.earliest_start),
                detail::format_number(item.earliest_finish), detail::format_number(item.slack),
                xml_escape(marks));
        }
    }
    out += "</tbody>\n</table>\n</section>\n";

    // The graph.
    out += "<section id=\"graph\">\n<h2>" + xml_escape(word(Word::figure_graph)) +
           "</h2>\n<div class=\"figures\">\n" + detail::graph_svg(plan, catalog, language) +
           "</div>\n</section>\n";

    // Materials and fields by provision.
    auto material_name = [&](const MaterialUse& use) {
        return detail::material_name(catalog, use.material, language);
    };
    auto field_label = [&](const FieldUse& use) {
        return detail::field_label(catalog, use.field, language);
    };
    out += "<section id=\"materials\">\n<h2>" + xml_escape(word(Word::materials_heading)) +
           "</h2>\n<div class=\"groups\">\n";
    for (Provision provision : {Provision::submitted, Provision::e_license, Provision::produced}) {
        out += provision_group(plan.materials, provision, material_name, catalog, language);
    }
    out += "</div>\n</section>\n<section id=\"fields\">\n<h2>" +
           xml_escape(word(Word::fields_heading)) + "</h2>\n<div class=\"groups\">\n";
    for (Provision provision : {Provision::asked, Provision::shared, Provision::produced}) {
        out += provision_group(plan.fields, provision, field_label, catalog, language);
    }
    out += "</div>\n</section>\n<footer>" + xml_escape(word(Word::html_no_script)) +
           "</footer>\n</main>\n</body>\n</html>\n";
    return out;
}

}  // namespace onething
