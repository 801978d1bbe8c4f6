// The registry of output formats, and the names and media types front ends read from it.
#include "request/formats.hpp"

#include <array>
#include <set>

#include "model/input_excerpt.hpp"
#include "onething/cpsv_ap.hpp"
#include "onething/error.hpp"
#include "onething/write.hpp"
#include "request/overlay_schema.hpp"

namespace onething::detail {
namespace {

/// "1 bundle", "2 bundles": `count` and the English `noun`, in the plural unless it is 1.
std::string tally_of(std::size_t count, std::string_view noun) {
    return std::to_string(count) + " " + std::string(noun) + (count == 1 ? "" : "s");
}

/// `onething lint`'s text document: the tally when there is no error (the diagnostics go to
/// standard error), nothing otherwise.
std::string lint_to_text(const LoadResult& result) {
    if (!result.ok()) {
        return {};
    }
    const Catalog& catalog = result.catalog;
    if (catalog.versions().empty()) {
        return "ok: " + tally_of(catalog.bundles().size(), "bundle") + ", " +
               tally_of(catalog.items().size(), "item") + ", " +
               tally_of(catalog.tests().size(), "test") + "\n";
    }
    // A dated catalog: the ids of every version, whatever today is (deterministic).
    std::set<std::string_view> bundles, items;
    for (const CatalogVersion& version : catalog.versions()) {
        for (const Bundle& bundle : version.catalog->bundles()) {
            bundles.insert(bundle.id);
        }
        for (const Item& item : version.catalog->items()) {
            items.insert(item.id);
        }
    }
    return "ok: " + tally_of(bundles.size(), "bundle") + ", " + tally_of(items.size(), "item") +
           ", " + tally_of(catalog.tests().size(), "test") + " in " +
           tally_of(catalog.versions().size(), "dated version") + "\n";
}

const PlanWriter plan_table[] = {
    {"text", plan_to_text}, {"json", plan_to_json},       {"markdown", plan_to_markdown},
    {"dot", plan_to_dot},   {"mermaid", plan_to_mermaid}, {"html", plan_to_html},
    {"svg", plan_to_svg}};
const QuestionsWriter guide_table[] = {{"text", questions_to_text}, {"json", questions_to_json}};
const FormWriter form_table[] = {{"json", form_to_json_schema}};
const DispatchWriter dispatch_table[] = {{"json", dispatch_to_json}};
const ListWriter list_table[] = {
    {"text", catalog_to_text},
    {"json", [](const Catalog& catalog, std::string_view) { return catalog_to_json(catalog); }}};
const LintWriter lint_table[] = {{"text", lint_to_text}, {"json", lint_to_json}};
const TestWriter test_table[] = {
    {"text", test_report_to_text}, {"json", test_report_to_json}, {"junit", test_report_to_junit}};
const ReportWriter report_table[] = {{"text", report_to_text},
                                     {"markdown", report_to_markdown},
                                     {"json", report_to_json},
                                     {"html", report_to_html}};
const WhatIfWriter whatif_table[] = {
    {"text", whatif_to_text}, {"json", whatif_to_json}, {"markdown", whatif_to_markdown}};
const ExportWriter export_table[] = {{"cpsv-ap", catalog_to_cpsv_ap}};
const SchemaWriter schema_table[] = {{"json", [] { return std::string(rule_format_schema()); }},
                                     {"overlay", overlay_schema}};

/// The names of a table's formats, in order.
template <typename WriterType>
std::vector<std::string_view> names_of(std::span<const WriterType> writers) {
    std::vector<std::string_view> names;
    for (const WriterType& writer : writers) {
        names.push_back(writer.name);
    }
    return names;
}

}  // namespace

std::span<const PlanWriter> plan_writers() {
    return plan_table;
}
std::span<const QuestionsWriter> guide_writers() {
    return guide_table;
}
std::span<const FormWriter> form_writers() {
    return form_table;
}
std::span<const DispatchWriter> dispatch_writers() {
    return dispatch_table;
}
std::span<const ListWriter> list_writers() {
    return list_table;
}
std::span<const LintWriter> lint_writers() {
    return lint_table;
}
std::span<const TestWriter> test_writers() {
    return test_table;
}
std::span<const ReportWriter> report_writers() {
    return report_table;
}
std::span<const WhatIfWriter> whatif_writers() {
    return whatif_table;
}
std::span<const ExportWriter> export_writers() {
    return export_table;
}
std::span<const SchemaWriter> schema_writers() {
    return schema_table;
}

void throw_unknown_format(Operation operation, std::string_view format, std::string_view field) {
    std::string known;
    for (std::string_view name : output_formats(operation)) {
        known += (known.empty() ? "" : ", ") + std::string(name);
    }
    const std::string message = "unknown format " + quoted_input(format) + " for " +
                                to_string(operation) + " (formats: " + known + ")";
    if (field.empty()) {
        throw InputError("unknown-format", message);
    }
    throw InputError("unknown-format", "request field '" + std::string(field) + "': " + message,
                     Location{"request", 0, 0});
}

}  // namespace onething::detail

namespace onething {

const char* to_string(Operation operation) {
    switch (operation) {
        case Operation::plan:
            return "plan";
        case Operation::guide:
            return "guide";
        case Operation::form:
            return "form";
        case Operation::dispatch:
            return "dispatch";
        case Operation::list:
            return "list";
        case Operation::lint:
            return "lint";
        case Operation::test:
            return "test";
        case Operation::report:
            return "report";
        case Operation::schema:
            return "schema";
        case Operation::whatif:
            return "whatif";
        case Operation::export_catalog:
            return "export";
    }
    return "plan";
}

std::optional<Operation> parse_operation(std::string_view name) {
    for (Operation operation : all_operations) {
        if (name == to_string(operation)) {
            return operation;
        }
    }
    return std::nullopt;
}

std::span<const std::string_view> output_formats(Operation operation) {
    using namespace detail;
    static const std::array<std::vector<std::string_view>, std::size(all_operations)> names{
        names_of(plan_writers()),     names_of(guide_writers()),  names_of(form_writers()),
        names_of(dispatch_writers()), names_of(list_writers()),   names_of(lint_writers()),
        names_of(test_writers()),     names_of(report_writers()), names_of(schema_writers()),
        names_of(whatif_writers()),   names_of(export_writers())};
    return names[static_cast<std::size_t>(operation)];
}

std::string_view media_type(std::string_view format) {
    if (format == "json") {
        return "application/json";
    }
    if (format == "markdown") {
        return "text/markdown; charset=utf-8";
    }
    if (format == "dot") {
        return "text/vnd.graphviz; charset=utf-8";
    }
    if (format == "junit") {
        return "application/xml";
    }
    if (format == "html") {
        return "text/html; charset=utf-8";
    }
    if (format == "cpsv-ap") {
        return "application/ld+json";
    }
    if (format == "svg") {
        return "image/svg+xml";
    }
    return "text/plain; charset=utf-8";
}

}  // namespace onething
