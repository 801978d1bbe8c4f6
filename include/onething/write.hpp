// Writers: a plan as text, JSON, Graphviz DOT or Mermaid. Output is byte-for-byte deterministic.
#pragma once

#include <string>
#include <string_view>

#include <vector>

#include "onething/catalog.hpp"
#include "onething/load.hpp"
#include "onething/plan.hpp"

namespace onething {

/// A readable report: a table per stage (days, slack, critical marks), reasons, materials,
/// fields and the before/after table. Names, headings and reasons in `language` ("zh" or "en";
/// headings are English for any other language).
std::string plan_to_text(const Plan& plan, const Catalog& catalog, std::string_view language);

/// The plan as JSON in the stable schema of docs/plan-json.md (2-space indent, sorted keys order
/// fixed by the schema, trailing newline).
std::string plan_to_json(const Plan& plan, const Catalog& catalog, std::string_view language);

/// Graphviz DOT: stages as ranks, the critical path highlighted, deferred items dashed;
/// edges transitively reduced for the drawing only.
std::string plan_to_dot(const Plan& plan, const Catalog& catalog, std::string_view language);

/// A Mermaid flowchart with the same conventions as the DOT output, for Markdown docs.
std::string plan_to_mermaid(const Plan& plan, const Catalog& catalog, std::string_view language);

/// One self-contained HTML page (inline CSS and SVG, no script, printable): the before/after
/// table and bars, the schedule as a Gantt chart with the critical path, the dependency graph,
/// the materials and fields by how they are provided; names and words in `language`.
std::string plan_to_html(const Plan& plan, const Catalog& catalog, std::string_view language);
/// The plan's figures as one SVG document: the schedule, the dependency graph and the
/// before/after bars stacked, each a nested `<svg>` of class `figure schedule|graph|metrics`.
std::string plan_to_svg(const Plan& plan, const Catalog& catalog, std::string_view language);
/// A Markdown report: the schedule per stage, the critical path, the materials to submit and
/// the before/after table; names and headings in `language`.
std::string plan_to_markdown(const Plan& plan, const Catalog& catalog, std::string_view language);

/// The before/after metrics as a Markdown table with reductions in percent; headings and metric
/// names in `language`.
std::string metrics_to_markdown(const Plan& plan, std::string_view language = "en");

/// The before/after metrics as an aligned text table with reductions in percent; headings and
/// metric names in `language`.
std::string metrics_to_text(const Plan& plan, std::string_view language = "en");

/// A reduction `1 - after/before` in percent, rounded to a whole number ("-69%"); "n/a" when
/// before is 0.
std::string reduction_percent(double before, double after);

/// The guide's questions, numbered in asking order, with what each decides; questions in
/// `language`.
std::string questions_to_text(const std::vector<Question>& questions, std::string_view language);

/// The guide's questions as `{"questions": [{"fact", "question", "decides"}, ...]}`.
std::string questions_to_json(const std::vector<Question>& questions, std::string_view language);

/// The catalog's bundles and items, one per line, names in `language` (`onething list`).
std::string catalog_to_text(const Catalog& catalog, std::string_view language);

/// The catalog as `{"bundles": [{"id", "name", "goals"}], "items": [{"id", "name",
/// "department", "type"}]}`, names in every language given.
std::string catalog_to_json(const Catalog& catalog);

/// The lint report: `{"diagnostics": [...], "errors", "warnings", "bundles", "items", "tests"}`.
std::string lint_to_json(const LoadResult& result);

}  // namespace onething
