// The figures as SVG: schedule (Gantt), dependency graph, before/after bars, change bars.
#include "write/plan_svg.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <cmath>

#include "text/utf8.hpp"
#include "write/plan_graph.hpp"
#include "write/wording.hpp"
#include "write/write_util.hpp"
#include "write/xml_escape.hpp"

namespace onething::detail {
namespace {

/// Pixels a display column of 12px text takes (a CJK character is two columns).
constexpr double column_px = 6.6;

/// A coordinate: one decimal, so that output is the same on every platform.
std::string px(double value) {
    std::string text = fmt::format("{:.1f}", value);
    if (text.size() > 2 && text.ends_with(".0")) {
        text.resize(text.size() - 2);
    }
    return text == "-0" ? "0" : text;
}

/// `text` cut to at most `columns` display columns, with "…" when cut.
std::string fit(std::string_view text, std::size_t columns) {
    if (display_width(text) <= columns) {
        return std::string(text);
    }
    std::string out;
    std::size_t at = 0;
    while (at < text.size()) {
        const std::string_view next = text.substr(at, decode_utf8(text, at).length);
        if (display_width(out) + display_width(next) + 1 > columns) {
            break;
        }
        out += next;
        at += next.size();
    }
    return out + "…";
}

/// The presentation attributes of a shape of `classes` (fill, stroke): the figures carry their
/// colours themselves, so that they look the same alone, in a page and under a strict CSP.
std::string paint(std::string_view classes) {
    auto has = [&](std::string_view word) {
        return (" " + std::string(classes) + " ").find(" " + std::string(word) + " ") !=
               std::string::npos;
    };
    if (has("bar")) {
        if (has("deferred")) {
            return "fill=\"#ffffff\" stroke=\"#7b8794\" stroke-dasharray=\"3 2\"";
        }
        return has("critical") ? "fill=\"#d64545\"" : "fill=\"#4c7fd9\"";
    }
    if (has("node")) {
        if (has("deferred")) {
            return "fill=\"#ffffff\" stroke=\"#7b8794\" stroke-width=\"1.5\" "
                   "stroke-dasharray=\"4 3\"";
        }
        return has("critical") ? "fill=\"#fde8e8\" stroke=\"#d64545\" stroke-width=\"2\""
                               : "fill=\"#f0f4f8\" stroke=\"#4c7fd9\" stroke-width=\"1.5\"";
    }
    if (has("slack")) {
        return "fill=\"#d9e2ec\"";
    }
    if (has("before")) {
        return "fill=\"#bcccdc\"";
    }
    if (has("after") || has("reduction")) {
        return "fill=\"#2f8f5b\"";
    }
    if (has("increase")) {
        return "fill=\"#d64545\"";
    }
    if (has("grid")) {
        return "stroke=\"#e4e7eb\"";
    }
    return {};
}

/// The opening tag of a figure of `width` × `height` pixels.
std::string svg_open(double width, double height, std::string_view figure, std::string_view label) {
    return fmt::format(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"figure {0}\" width=\"{1}\" "
        "height=\"{2}\" viewBox=\"0 0 {1} {2}\" role=\"img\" aria-label=\"{3}\" "
        "font-family=\"'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'PingFang SC', "
        "'Microsoft YaHei', sans-serif\" font-size=\"12\">\n<title>{3}</title>\n",
        figure, px(width), px(height), xml_escape(label));
}

/// A step between axis ticks so that `span` has at most about ten of them.
double tick_step(double span) {
    for (double step : {1.0, 2.0, 5.0, 10.0, 20.0, 25.0, 50.0, 100.0, 200.0, 500.0, 1000.0}) {
        if (span / step <= 10) {
            return step;
        }
    }
    return std::ceil(span / 10000) * 1000;
}

/// The label of an item in a figure: its name in `language`, else its id.
std::string item_label(const Catalog& catalog, std::string_view id, std::string_view language) {
    std::string name = item_name(catalog, id, language);
    return name.empty() ? std::string(id) : name;
}

/// The classes of an item's shapes: "critical", "deferred" or none.
std::string item_classes(const PlannedItem& item) {
    std::string classes = "item";
    if (item.critical) {
        classes += " critical";
    }
    if (item.deferred) {
        classes += " deferred";
    }
    return classes;
}

/// The tooltip of an item: id, name, days, start, finish and slack.
std::string item_tooltip(const PlannedItem& item, const Catalog& catalog,
                         std::string_view language) {
    std::string text = std::string(item.id);
    const std::string name = item_name(catalog, item.id, language);
    if (!name.empty()) {
        text += word(Word::name_separator, language) + name;
    }
    text += fmt::format("\n{} {} · {} {} · {} {} · {} {}", word(Word::column_days, language),
                        item_days_text(catalog, item, language), word(Word::column_start, language),
                        format_number(item.earliest_start), word(Word::column_finish, language),
                        format_number(item.earliest_finish), word(Word::column_slack, language),
                        format_number(item.slack));
    if (item.deferred) {
        text += "\n" + std::string(word(Word::figure_deferred, language));
    }
    return xml_escape(text);
}

/// A legend: a swatch and a word per entry, in a row at `y`.
std::string legend(double x, double y, std::string_view language, bool deferred) {
    std::string out =
        fmt::format("<g class=\"legend\" transform=\"translate({},{})\">\n", px(x), px(y));
    struct Entry {
        const char* classes;
        Word word;
    };
    std::vector<Entry> entries{{"bar item", Word::column_item},
                               {"bar item critical", Word::figure_critical},
                               {"slack", Word::figure_slack}};
    if (deferred) {
        entries.push_back({"bar item deferred", Word::figure_deferred});
    }
    double at = 0;
    for (const Entry& entry : entries) {
        const std::string text = detail::word(entry.word, language);
        out += fmt::format(
            "<rect class=\"{}\" {} x=\"{}\" y=\"0\" width=\"14\" height=\"10\" rx=\"2\"/>"
            "<text x=\"{}\" y=\"9\" fill=\"#52606d\">{}</text>\n",
            entry.classes, paint(entry.classes), px(at), px(at + 18), xml_escape(text));
        at += 18 + static_cast<double>(display_width(text)) * column_px + 18;
    }
    return out + "</g>\n";
}

}  // namespace

std::string schedule_svg(const Plan& plan, const Catalog& catalog, std::string_view language) {
    std::vector<const PlannedItem*> rows;
    for (const PlannedItem& item : plan.items) {
        rows.push_back(&item);
    }
    std::stable_sort(rows.begin(), rows.end(), [](const PlannedItem* a, const PlannedItem* b) {
        if (a->earliest_start != b->earliest_start) {
            return a->earliest_start < b->earliest_start;
        }
        return a->stage < b->stage;  // ids already sorted
    });
    constexpr std::size_t label_columns = 44;
    constexpr double row_height = 24;
    constexpr double top = 34;
    constexpr double chart_width = 560;
    std::size_t widest = 8;
    for (const PlannedItem* item : rows) {
        widest = std::max(
            widest, display_width(fit(item_label(catalog, item->id, language), label_columns)));
    }
    const double label_width = static_cast<double>(widest) * column_px + 16;
    const double left = label_width + 8;
    const double span = std::max({plan.completion_days, plan.outcome_days, 1.0});
    const double scale = chart_width / span;
    const double height = top + static_cast<double>(rows.size()) * row_height + 52;
    const double width = left + chart_width + 110;  // room for the outcome's words
    bool any_deferred = false;
    std::string out = svg_open(width, height, "schedule", word(Word::figure_schedule, language));
    // The axis: ticks and day numbers above the rows, light lines through them.
    const double step = tick_step(span);
    out += "<g class=\"axis\">\n";
    for (double day = 0; day <= span + 1e-9; day += step) {
        const double x = left + day * scale;
        out += fmt::format(
            "<line class=\"grid\" stroke=\"#e4e7eb\" x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" "
            "y2=\"{2}\"/><text x=\"{0}\" y=\"{3}\" text-anchor=\"middle\" "
            "fill=\"#52606d\">{4}</text>\n",
            px(x), px(top - 6), px(top + static_cast<double>(rows.size()) * row_height),
            px(top - 10), format_number(day));
    }
    out += fmt::format(
        "<text x=\"{}\" y=\"12\" text-anchor=\"end\" fill=\"#52606d\">{}</text>\n</g>\n",
        px(left + chart_width), xml_escape(word(Word::figure_axis_days, language)));
    for (std::size_t at = 0; at < rows.size(); ++at) {
        const PlannedItem& item = *rows[at];
        any_deferred = any_deferred || item.deferred;
        const double y = top + static_cast<double>(at) * row_height;
        const double x0 = left + item.earliest_start * scale;
        const double bar = std::max((item.earliest_finish - item.earliest_start) * scale, 2.0);
        out += fmt::format("<g class=\"{}\" data-item=\"{}\">\n<title>{}</title>\n",
                           item_classes(item), xml_escape(item.id),
                           item_tooltip(item, catalog, language));
        out += fmt::format(
            "<text class=\"label\" x=\"{}\" y=\"{}\" text-anchor=\"end\" "
            "fill=\"#1f2933\">{}</text>\n",
            px(label_width), px(y + 16),
            xml_escape(fit(item_label(catalog, item.id, language), label_columns)));
        if (item.slack > 0) {
            out += fmt::format(
                "<rect class=\"slack\" fill=\"#d9e2ec\" x=\"{}\" y=\"{}\" width=\"{}\" "
                "height=\"14\" "
                "rx=\"2\"/>\n",
                px(x0 + bar), px(y + 5), px(item.slack * scale));
        }
        out += fmt::format(
            "<rect class=\"bar {}\" {} x=\"{}\" y=\"{}\" width=\"{}\" height=\"14\" rx=\"2\"/>\n",
            item_classes(item), paint("bar " + item_classes(item)), px(x0), px(y + 5), px(bar));
        out +=
            fmt::format("<text class=\"days\" x=\"{}\" y=\"{}\" fill=\"#52606d\">{}</text>\n</g>\n",
                        px(x0 + bar + (item.slack > 0 ? item.slack * scale : 0) + 4), px(y + 16),
                        format_number(item_days(catalog, item)));
    }
    // The outcome: the finish of the last item not deferred.
    const double outcome_x = left + plan.outcome_days * scale;
    const double bottom = top + static_cast<double>(rows.size()) * row_height;
    out += fmt::format(
        "<g class=\"outcome\"><line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" "
        "stroke=\"#1f2933\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\"/><text x=\"{0}\" "
        "y=\"{3}\" text-anchor=\"middle\">{4}</text></g>\n",
        px(outcome_x), px(top - 4), px(bottom + 4), px(bottom + 18),
        xml_escape(phrase(Word::figure_outcome, language, format_number(plan.outcome_days))));
    out += legend(8, height - 16, language, any_deferred);
    return out + "</svg>\n";
}

std::string graph_svg(const Plan& plan, const Catalog& catalog, std::string_view language) {
    constexpr double node_width = 190;
    constexpr double node_height = 46;
    constexpr double gap_x = 56;
    constexpr double gap_y = 16;
    constexpr double top = 30;
    constexpr double left = 10;
    // Position of each item: its stage's column, its place in the stage.
    std::vector<double> xs(plan.items.size(), 0);
    std::vector<double> ys(plan.items.size(), 0);
    std::size_t tallest = 0;
    for (std::size_t stage = 0; stage < plan.stages.size(); ++stage) {
        tallest = std::max(tallest, plan.stages[stage].size());
        for (std::size_t row = 0; row < plan.stages[stage].size(); ++row) {
            const PlannedItem* item = plan.find(plan.stages[stage][row]);
            if (item == nullptr) {
                continue;
            }
            const auto index = static_cast<std::size_t>(item - plan.items.data());
            xs[index] = left + static_cast<double>(stage) * (node_width + gap_x);
            ys[index] = top + static_cast<double>(row) * (node_height + gap_y);
        }
    }
    const double columns = static_cast<double>(std::max<std::size_t>(plan.stages.size(), 1));
    const double width = left * 2 + columns * node_width + (columns - 1) * gap_x;
    const double height =
        top + static_cast<double>(std::max<std::size_t>(tallest, 1)) * (node_height + gap_y) + 4;
    std::string out = svg_open(width, height, "graph", word(Word::figure_graph, language));
    for (std::size_t stage = 0; stage < plan.stages.size(); ++stage) {
        out += fmt::format(
            "<text class=\"stage\" x=\"{}\" y=\"16\" text-anchor=\"middle\" fill=\"#52606d\" "
            "font-weight=\"600\">{}</text>\n",
            px(left + static_cast<double>(stage) * (node_width + gap_x) + node_width / 2),
            xml_escape(phrase(Word::drawn_stage, language, stage + 1)));
    }
    for (const DrawnEdge& edge : drawn_edges(plan)) {
        const double x1 = xs[edge.from] + node_width;
        const double y1 = ys[edge.from] + node_height / 2;
        const double x2 = xs[edge.to] - 6;
        const double y2 = ys[edge.to] + node_height / 2;
        const double bend = std::max((x2 - x1) / 2, 20.0);
        std::string classes = "edge";
        if (edge.critical) {
            classes += " critical";
        }
        if (edge.to_deferred) {
            classes += " deferred";
        }
        out += fmt::format(
            "<g class=\"{0}\"><path d=\"M{1} {2} C{3} {2} {4} {5} {6} {5}\" fill=\"none\" "
            "stroke=\"{10}\" stroke-width=\"{11}\"{12}/>"
            "<polygon points=\"{6},{7} {8},{5} {6},{9}\" fill=\"{10}\"/></g>\n",
            classes, px(x1), px(y1), px(x1 + bend), px(x2 - bend), px(y2), px(x2), px(y2 - 4),
            px(x2 + 6), px(y2 + 4), edge.critical ? "#d64545" : "#9aa5b1",
            edge.critical ? "2.5" : "1.5", edge.to_deferred ? " stroke-dasharray=\"4 3\"" : "");
    }
    for (std::size_t index = 0; index < plan.items.size(); ++index) {
        const PlannedItem& item = plan.items[index];
        out += fmt::format(
            "<g class=\"{}\" data-item=\"{}\">\n<title>{}</title>\n"
            "<rect class=\"node\" {} x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"6\"/>\n",
            item_classes(item), xml_escape(item.id), item_tooltip(item, catalog, language),
            paint("node " + item_classes(item)), px(xs[index]), px(ys[index]), px(node_width),
            px(node_height));
        out += fmt::format("<text class=\"name\" x=\"{}\" y=\"{}\" font-weight=\"600\">{}</text>\n",
                           px(xs[index] + 8), px(ys[index] + 19),
                           xml_escape(fit(item_label(catalog, item.id, language), 26)));
        std::string days =
            phrase(Word::node_days, language, item_days_text(catalog, item, language));
        if (item.deferred) {
            days += " " + std::string(word(Word::deferred_mark, language));
        }
        out +=
            fmt::format("<text class=\"days\" x=\"{}\" y=\"{}\" fill=\"#52606d\">{}</text>\n</g>\n",
                        px(xs[index] + 8), px(ys[index] + 36), xml_escape(fit(days, 26)));
    }
    return out + "</svg>\n";
}

std::string metrics_svg(const Metrics& before, const Metrics& after, std::string_view language) {
    std::size_t widest = 4;
    for (Metric metric : all_metrics) {
        widest = std::max(widest, display_width(metric_word(metric, language)));
    }
    const double label_width = static_cast<double>(widest) * column_px + 14;
    constexpr double bar_width = 300;
    constexpr double row_height = 44;
    const double width = label_width + bar_width + 150;
    const double height = static_cast<double>(all_metrics.size()) * row_height + 34;
    std::string out = svg_open(width, height, "metrics", word(Word::before_and_after, language));
    std::size_t row = 0;
    for (Metric metric : all_metrics) {
        const double b = before.get(metric);
        const double a = after.get(metric);
        const double top = static_cast<double>(row++) * row_height + 6;
        const double most = std::max({b, a, 1e-9});
        out += fmt::format(
            "<g class=\"metric\" data-metric=\"{}\">\n<text class=\"label\" x=\"{}\" y=\"{}\" "
            "text-anchor=\"end\">{}</text>\n",
            metric_name(metric), px(label_width - 8), px(top + 21),
            xml_escape(metric_word(metric, language)));
        out += fmt::format(
            "<rect class=\"before\" fill=\"#bcccdc\" x=\"{0}\" y=\"{1}\" width=\"{2}\" "
            "height=\"15\" "
            "rx=\"2\"/>"
            "<text x=\"{3}\" y=\"{4}\">{5}</text>\n",
            px(label_width), px(top), px(std::max(b / most * bar_width, 1.0)),
            px(label_width + std::max(b / most * bar_width, 1.0) + 4), px(top + 12),
            xml_escape(word(Word::column_before, language)) + " " + format_number(b));
        out += fmt::format(
            "<rect class=\"after\" fill=\"#2f8f5b\" x=\"{0}\" y=\"{1}\" width=\"{2}\" "
            "height=\"15\" "
            "rx=\"2\"/>"
            "<text x=\"{3}\" y=\"{4}\">{5}</text>\n</g>\n",
            px(label_width), px(top + 18), px(std::max(a / most * bar_width, 1.0)),
            px(label_width + std::max(a / most * bar_width, 1.0) + 4), px(top + 30),
            xml_escape(
                phrase(Word::figure_reduction, language,
                       std::string(word(Word::column_after, language)) + " " + format_number(a),
                       reduction_word(b, a, language))));
    }
    out += fmt::format(
        "<g class=\"legend\" transform=\"translate({},{})\"><rect class=\"before\" "
        "fill=\"#bcccdc\" "
        "x=\"0\" y=\"0\" width=\"14\" height=\"10\"/><text x=\"18\" y=\"9\">{}</text><rect "
        "class=\"after\" fill=\"#2f8f5b\" x=\"90\" y=\"0\" width=\"14\" height=\"10\"/><text "
        "x=\"108\" y=\"9\">{}</text></g>\n",
        px(label_width), px(height - 18), xml_escape(word(Word::column_before, language)),
        xml_escape(word(Word::column_after, language)));
    return out + "</svg>\n";
}

std::string change_bars_svg(std::string_view title, const std::vector<ChangeBar>& bars,
                            std::optional<double> average, std::string_view language) {
    constexpr std::size_t label_columns = 36;
    constexpr double row_height = 20;
    constexpr double half = 220;  // pixels for 100%
    std::size_t widest = 8;
    double most = 25;  // the right end of the axis: increases are rare, so 25% unless more
    for (const ChangeBar& bar : bars) {
        widest = std::max(widest, display_width(fit(bar.label, label_columns)));
        if (bar.percent) {
            most = std::max(most, std::min(std::ceil(*bar.percent / 25) * 25, 100.0));
        }
    }
    const double label_width = static_cast<double>(widest) * column_px + 12;
    const double zero = label_width + 8 + half;
    const double width = zero + most / 100.0 * half + 60;
    const double top = 34;
    const double height = top + static_cast<double>(bars.size()) * row_height + 24;
    std::string out = svg_open(width, height, "changes", title);
    out += fmt::format(
        "<text class=\"heading\" x=\"4\" y=\"14\" font-weight=\"600\" font-size=\"13\">{}</text>\n",
        xml_escape(title));
    out += "<g class=\"axis\">\n";
    for (int percent = -100; percent <= static_cast<int>(most); percent += 25) {
        const double x = zero + percent / 100.0 * half;
        out += fmt::format(
            "<line class=\"grid\" stroke=\"{5}\" x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\"/>"
            "<text x=\"{0}\" y=\"{3}\" text-anchor=\"middle\" fill=\"#52606d\">{4}%</text>\n",
            px(x), px(top - 4), px(top + static_cast<double>(bars.size()) * row_height),
            px(top - 8), percent, percent == 0 ? "#7b8794" : "#e4e7eb");
    }
    out += "</g>\n";
    for (std::size_t at = 0; at < bars.size(); ++at) {
        const ChangeBar& bar = bars[at];
        const double y = top + static_cast<double>(at) * row_height;
        out += fmt::format(
            "<g class=\"change\">\n<text class=\"label\" x=\"{}\" y=\"{}\" "
            "text-anchor=\"end\">{}</text>\n",
            px(label_width), px(y + 14), xml_escape(fit(bar.label, label_columns)));
        if (bar.percent) {
            const double value = std::clamp(*bar.percent, -100.0, most);
            const double x = value < 0 ? zero + value / 100.0 * half : zero;
            out += fmt::format(
                "<rect class=\"{}\" {} x=\"{}\" y=\"{}\" width=\"{}\" height=\"12\" rx=\"2\"/>"
                "<text x=\"{}\" y=\"{}\">{}</text>\n",
                value <= 0 ? "reduction" : "increase", paint(value <= 0 ? "reduction" : "increase"),
                px(x), px(y + 4), px(std::max(std::fabs(value) / 100.0 * half, 1.0)),
                px(value < 0 ? zero + 4 : zero + value / 100.0 * half + 4), px(y + 14),
                fmt::format("{:+.0f}%", *bar.percent));
        } else {
            out += fmt::format("<text x=\"{}\" y=\"{}\">{}</text>\n", px(zero + 4), px(y + 14),
                               xml_escape(word(Word::not_applicable, language)));
        }
        out += "</g>\n";
    }
    if (average) {
        const double x = zero + std::clamp(*average, -100.0, 100.0) / 100.0 * half;
        out += fmt::format(
            "<g class=\"average\"><line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" "
            "stroke=\"#1f2933\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\"/><text x=\"{0}\" "
            "y=\"{3}\" text-anchor=\"middle\">{4} "
            "{5}</text></g>\n",
            px(x), px(top - 2), px(height - 20), px(height - 6),
            xml_escape(word(Word::average_change, language)), fmt::format("{:+.0f}%", *average));
    }
    return out + "</svg>\n";
}

std::string_view figure_css() {
    return R"css(.figure { max-width: 100%; height: auto; display: block; }
.figure g.item:hover rect { opacity: 0.85; }
@media print { .figure { break-inside: avoid; } }
)css";
}

}  // namespace onething::detail
