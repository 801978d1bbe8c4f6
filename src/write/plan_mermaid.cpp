// The plan as a Mermaid flowchart, with the conventions of the DOT output.
#include <string>
#include <vector>

#include <fmt/format.h>

#include "onething/write.hpp"
#include "write/plan_graph.hpp"
#include "write/wording.hpp"
#include "write/write_util.hpp"

namespace onething {

namespace {

/// Escapes text inside a quoted Mermaid label with entity codes ('#', '"', '<', '>').
std::string mermaid_escape(std::string_view text) {
    std::string out;
    for (char c : text) {
        switch (c) {
            case '#':
                out += "#35;";
                break;
            case '"':
                out += "#quot;";
                break;
            case '<':
                out += "#lt;";
                break;
            case '>':
                out += "#gt;";
                break;
            case '\n':
                out += "<br/>";
                break;
            case '\r':
                break;
            default:
                out += c;
        }
    }
    return out;
}

/// The node id of the item at `index` of the sorted plan items: n0, n1, ...
std::string node_id(std::size_t index) {
    return fmt::format("n{}", index);
}

/// The node statement of the item at `index`.
std::string node_line(const Plan& plan, std::size_t index, const Catalog& catalog,
                      std::string_view language) {
    std::vector<std::string> lines;
    for (const std::string& line : detail::node_label_lines(plan.items[index], catalog, language)) {
        lines.push_back(mermaid_escape(line));
    }
    return fmt::format("{}[\"{}\"]\n", node_id(index), detail::join(lines, "<br/>"));
}

}  // namespace

std::string plan_to_mermaid(const Plan& plan, const Catalog& catalog, std::string_view language) {
    std::string out = "flowchart LR\n";
    std::vector<bool> drawn(plan.items.size(), false);
    for (std::size_t stage = 0; stage < plan.stages.size(); ++stage) {
        out += fmt::format(
            "    subgraph stage_{} [\"{}\"]\n", stage + 1,
            mermaid_escape(detail::phrase(detail::Word::drawn_stage, language, stage + 1)));
        for (PlanId id : plan.stages[stage]) {
            const PlannedItem* item = plan.find(id);
            if (item == nullptr) {
                continue;
            }
            auto index = static_cast<std::size_t>(item - plan.items.data());
            if (!drawn[index]) {
                drawn[index] = true;
                out += "        " + node_line(plan, index, catalog, language);
            }
        }
        out += "    end\n";
    }
    std::vector<std::string> critical;
    std::vector<std::string> deferred;
    std::vector<std::string> automatic;
    for (std::size_t index = 0; index < plan.items.size(); ++index) {
        if (detail::item_automatic(catalog, plan.items[index].id)) {
            automatic.push_back(node_id(index));
        }
        if (!drawn[index]) {
            out += "    " + node_line(plan, index, catalog, language);
        }
        if (plan.items[index].critical) {
            critical.push_back(node_id(index));
        }
        if (plan.items[index].deferred) {
            deferred.push_back(node_id(index));
        }
    }
    std::vector<std::string> critical_links;
    std::vector<detail::DrawnEdge> edges = detail::drawn_edges(plan);
    for (std::size_t at = 0; at < edges.size(); ++at) {
        out += fmt::format("    {} {} {}\n", node_id(edges[at].from),
                           edges[at].to_deferred ? "-.->" : "-->", node_id(edges[at].to));
        if (edges[at].critical) {
            critical_links.push_back(fmt::format("{}", at));
        }
    }
    out += "    classDef critical stroke:#d00,stroke-width:3px\n";
    out += "    classDef deferred stroke-dasharray: 5 5\n";
    if (!critical.empty()) {
        out += "    class " + detail::join(critical, ",") + " critical\n";
    }
    if (!deferred.empty()) {
        out += "    class " + detail::join(deferred, ",") + " deferred\n";
    }
    if (!automatic.empty()) {  // only when present: plans without automatic items unchanged
        out += "    classDef automatic stroke-dasharray: 2 2\n";
        out += "    class " + detail::join(automatic, ",") + " automatic\n";
    }
    if (!critical_links.empty()) {
        out += "    linkStyle " + detail::join(critical_links, ",") +
               " stroke:#d00,stroke-width:3px\n";
    }
    return out;
}

}  // namespace onething
