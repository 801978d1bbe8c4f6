// The plan as a Graphviz DOT digraph: stages as ranks, critical path red, deferred dashed.
#include <string>
#include <vector>

#include <fmt/format.h>

#include "onething/write.hpp"
#include "write/plan_graph.hpp"
#include "write/write_util.hpp"

namespace onething {

namespace {

/// Escapes text for a DOT double-quoted string: backslash, quote, newlines.
std::string dot_escape(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == '\\' || c == '"') {
            out += '\\';
            out += c;
        } else if (c == '\n') {
            out += "\\n";
        } else if (c != '\r') {
            out += c;
        }
    }
    return out;
}

/// A quoted DOT id.
std::string quoted(std::string_view text) {
    return "\"" + dot_escape(text) + "\"";
}

/// The node statement of one item, with its label and highlighting.
std::string node_line(const PlannedItem& item, const Catalog& catalog, std::string_view language) {
    std::vector<std::string> lines;
    for (const std::string& line : detail::node_label_lines(item, catalog, language)) {
        lines.push_back(dot_escape(line));
    }
    std::string attributes = "label=\"" + detail::join(lines, "\\n") + "\"";
    if (item.critical) {
        attributes += ", color=red, penwidth=2";
    }
    if (item.deferred) {
        attributes += ", style=dashed";
    } else if (detail::item_automatic(catalog, item.id)) {
        attributes += ", style=dotted";  // automatic: asks the applicant for nothing
    }
    return fmt::format("{} [{}];\n", quoted(item.id), attributes);
}

}  // namespace

std::string plan_to_dot(const Plan& plan, const Catalog& catalog, std::string_view language) {
    std::string out = "digraph plan {\n    rankdir=LR;\n";
    std::string title = plan.bundle;
    const Bundle* bundle = catalog.find_bundle(plan.bundle);
    if (bundle != nullptr && !bundle->name.in(language).empty()) {
        title += ": " + bundle->name.in(language);
    }
    out += fmt::format("    label={};\n    labelloc=t;\n    node [shape=box];\n", quoted(title));
    std::vector<bool> drawn(plan.items.size(), false);
    for (std::size_t stage = 0; stage < plan.stages.size(); ++stage) {
        out += fmt::format("    subgraph stage_{} {{\n        rank=same;\n", stage + 1);
        for (PlanId id : plan.stages[stage]) {
            const PlannedItem* item = plan.find(id);
            if (item != nullptr && !drawn[static_cast<std::size_t>(item - plan.items.data())]) {
                drawn[static_cast<std::size_t>(item - plan.items.data())] = true;
                out += "        " + node_line(*item, catalog, language);
            }
        }
        out += "    }\n";
    }
    for (std::size_t index = 0; index < plan.items.size(); ++index) {
        if (!drawn[index]) {
            out += "    " + node_line(plan.items[index], catalog, language);
        }
    }
    for (const detail::DrawnEdge& edge : detail::drawn_edges(plan)) {
        std::vector<std::string> attributes;
        if (edge.critical) {
            attributes.emplace_back("color=red, penwidth=2");
        }
        if (edge.to_deferred) {
            attributes.emplace_back("style=dashed");
        }
        out += fmt::format("    {} -> {}{};\n", quoted(plan.items[edge.from].id),
                           quoted(plan.items[edge.to].id),
                           attributes.empty() ? "" : " [" + detail::join(attributes, ", ") + "]");
    }
    out += "}\n";
    return out;
}

}  // namespace onething
