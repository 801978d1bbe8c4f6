// The request layer: every operation every front end offers (the command line, the C API, the
// HTTP service, the Python module), one function each: a typed request in, the document the
// front end prints out. Front ends parse their own arguments and print; they decide nothing.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "onething/catalog.hpp"
#include "onething/diagnostic.hpp"
#include "onething/error.hpp"
#include "onething/form.hpp"
#include "onething/limits.hpp"
#include "onething/load.hpp"
#include "onething/plan.hpp"

namespace onething {

/// An operation of the engine, named as every front end names it.
enum class Operation {
    plan,
    guide,
    form,
    dispatch,
    list,
    lint,
    test,
    report,
    schema,
    whatif,
    export_catalog
};

/// Every operation, in the order above.
inline constexpr Operation all_operations[] = {
    Operation::plan,   Operation::guide,  Operation::form,          Operation::dispatch,
    Operation::list,   Operation::lint,   Operation::test,          Operation::report,
    Operation::schema, Operation::whatif, Operation::export_catalog};

/// The operation's name: "plan", "guide", ...
const char* to_string(Operation operation);

/// The operation named `name`, or nullopt.
std::optional<Operation> parse_operation(std::string_view name);

/// The output formats of an operation, its default first ("text" where there is one).
std::span<const std::string_view> output_formats(Operation operation);

/// The media type of a format ("application/json", "text/plain; charset=utf-8", ...).
std::string_view media_type(std::string_view format);

/// What a front end asks for. Facts come typed (`facts`), as a YAML or JSON document
/// (`facts_file`), or as `id=value` text (`fact_assignments`), applied in that order; the
/// request layer checks them all against the catalog.
struct Request {
    Operation operation = Operation::plan;         ///< what to do
    std::string bundle;                            ///< plan, guide, form, dispatch: the bundle id
    std::string bundle_field = "bundle";           ///< what named it ("--bundle"), for errors
    Facts facts;                                   ///< typed facts (the library's callers)
    std::optional<SourceFile> facts_file;          ///< a YAML or JSON mapping fact id -> value
    std::vector<std::string> fact_assignments;     ///< `id=value`, in order (the command line)
    std::optional<SourceFile> answers;             ///< dispatch: the filled form (YAML or JSON)
    std::optional<SourceFile> shared;              ///< dispatch: data for `source: shared` fields
    DispatchGrouping by = DispatchGrouping::item;  ///< dispatch: payloads by item or department
    std::string lang = "zh";                       ///< language of names, labels and headings
    /// The day planned on (rule format 1.1, dated definitions); nullopt: today. For `test`,
    /// the day of every case without its own `as_of`.
    std::optional<Date> as_of;
    std::string format;                  ///< one of output_formats(); "": the default
    PlanOptions search;                  ///< the optimizer's bounds
    bool all_cases = false;              ///< report: one row per test case
    bool coverage = false;               ///< test: report what the cases exercise
    std::optional<double> min_coverage;  ///< test: fail below this coverage percent (0 to 100)
    Limits limits;                       ///< limits on the documents above (facts, answers, shared)
    std::size_t top = 10;  ///< whatif: the best N single changes and the greedy set of N (>= 1)
    /// lint: fail (a problem, exit status 1) when the load has more warnings than this.
    std::optional<std::size_t> max_warnings;
    /// whatif: called after each candidate change is planned with (done, total); may be empty.
    std::function<void(std::size_t, std::size_t)> progress;
};

/// How a request ended, as the command line's exit statuses say it.
enum class Outcome {
    ok = 0,        ///< the document is the answer
    problems = 1,  ///< rules with errors, a failed test, no plan
    usage = 2,     ///< a usage error or bad input: facts, answers, a bundle, a request field
};

/// The answer to a request.
struct Response {
    std::string document;                 ///< what the front end prints (may be empty on failure)
    std::string format;                   ///< the format of `document`
    std::vector<Diagnostic> diagnostics;  ///< errors and warnings, for standard error or JSON
    std::vector<std::string> notes;       ///< advice for a person (standard error), not data
    Outcome outcome = Outcome::ok;        ///< ok, problems or usage
    /// True when the request succeeded.
    bool ok() const { return outcome == Outcome::ok; }
};

/// The request's facts, typed and checked against the catalog: the typed ones, then the
/// document's, then the `id=value` assignments, each replacing earlier values. Throws
/// InputError carrying every problem.
Facts request_facts(const Catalog& catalog, const Request& request);

/// The day a request plans on: its `as_of`, or today.
Date request_day(const Request& request);

/// Answers any request over a loaded catalog. `lint` reports the load's diagnostics; every other
/// operation answers the rules' errors when the load has any. Never throws for bad input: every
/// problem is a diagnostic of the response (out of memory included). A dated catalog answers as
/// of `request_day` (the functions below take the catalog as given: pass `catalog.as_of(day)`).
/// Thread-safe.
Response respond(const LoadResult& loaded, const Request& request);

/// `plan`: the optimal, scheduled plan in the requested format; a note when the default search
/// bounds left it unproven.
Response plan_request(const Catalog& catalog, const Request& request);
/// What a bulk run keeps of a plan: its figures, no document.
struct PlanFigures {
    Metrics before;         ///< every item on its own
    Metrics after;          ///< bundled
    std::size_t items = 0;  ///< the number of planned items
    bool optimal = true;    ///< false when the search bound was reached
};

/// `plan` for bulk runs (the Python module's metrics over many applicants): the figures of the
/// plan `plan_request` would write, without writing it. Throws InputError for an unknown bundle
/// or bad facts and PlanError when the rules give no plan, as make_plan does. Thread-safe.
PlanFigures plan_figures(const Catalog& catalog, const Request& request);
/// `guide`: the facts still needed to decide the plan, in asking order.
Response guide_request(const Catalog& catalog, const Request& request);
/// `form`: the merged form as a JSON Schema (draft 2020-12).
Response form_request(const Catalog& catalog, const Request& request);
/// `dispatch`: the answers checked against the form, one payload per planned item, grouped by
/// item or by department (`Request::by`).
Response dispatch_request(const Catalog& catalog, const Request& request);
/// `list`: the bundles and items of the catalog.
Response list_request(const Catalog& catalog, const Request& request);
/// `lint`: every diagnostic of the load; "ok: ..." as text when there is no error; with
/// `max_warnings` a problem when the load has more warnings than that.
Response lint_request(const LoadResult& loaded, const Request& request);
/// `test`: every `tests:` case run; one line per failure and the tally as text; with
/// `coverage` what the cases exercise, with `min_coverage` a problem when they exercise less.
Response test_request(const Catalog& catalog, const Request& request);
/// `report`: every bundle's before/after beside the published averages.
Response report_request(const Catalog& catalog, const Request& request);
/// `whatif`: every single change that could shorten a bundle, ranked by what it saves across
/// every bundle and test case, and the greedy best set of `top` changes (docs/whatif.md).
Response whatif_request(const Catalog& catalog, const Request& request);
/// `compile`: the catalog's snapshot (onething/snapshot.hpp) as the document, the load's warnings
/// as diagnostics; the load's errors and no document when it has any. Binary, so not an
/// `Operation` of the JSON front ends.
Response compile_request(const LoadResult& loaded);

/// How a request that threw `error` ends, as the command line's exit status says: unreadable
/// input (IoError) and bad input (InputError) are usage errors, unless memory ran out; the rest
/// (rules that give no plan) are problems.
Outcome error_outcome(const Error& error);

/// How a load whose `diagnostics` hold errors ends: a usage error when every error is about how
/// the paths were given (a path that cannot be read, a snapshot beside other paths, an overlay on
/// a snapshot, a snapshot given as an overlay), else problems: the rules have errors.
Outcome load_failure_outcome(std::span<const Diagnostic> diagnostics);
/// `export`: the catalog in an exchange format (`cpsv-ap`: CPSV-AP 3 JSON-LD, docs/cpsv-ap.md).
Response export_request(const Catalog& catalog, const Request& request);
/// `schema`: the JSON Schema (draft 2020-12) of the rule file format; needs no catalog.
Response schema_request(const Request& request);

/// The JSON Schema (draft 2020-12) of a rule file, every section and key of the format
/// (docs/rule-format.md), for editors and checks outside the engine.
std::string_view rule_format_schema();

/// Reads a request written as JSON (the C API's and the HTTP service's body):
/// `{"command", "bundle", "facts", "answers", "shared", "by", "lang", "format",
/// "max_search_nodes", "max_search_work", "all_cases", "coverage", "min_coverage", "top",
/// "max_warnings"}`;
/// `format` defaults to "json", `by` to "item". Throws InputError naming the field for malformed
/// JSON, an unknown key or a value of the wrong type.
Request request_from_json(std::string_view json, const Limits& limits = {});

/// Where a catalog comes from: rule files and folders on disk, or files in memory (not both),
/// the overlays read on top of it (docs/overlays.md: on disk with paths, in memory with
/// sources), and the input limits.
struct LoadRequest {
    std::vector<std::string> paths;           ///< rule files and folders, searched recursively
    std::vector<SourceFile> sources;          ///< in-memory rule files, in the order given
    std::vector<std::string> overlays;        ///< overlay files on disk, in the order they apply
    std::vector<SourceFile> overlay_sources;  ///< in-memory overlays, in the order they apply
    Limits limits;                            ///< limits on every input file
};

/// Reads a load request written as JSON (the C API's onething_catalog_load_json):
/// `{"paths": [...], "sources": [{"name", "content"}], "overlays": [...], "overlay_sources":
/// [{"name", "content"}], "limits": {"max_file_bytes", ...}}`, the limits named as in
/// docs/limits.md. Throws InputError naming the field.
LoadRequest load_request_from_json(std::string_view json);

/// Loads the catalog a load request names, with its overlays. Throws IoError when a path cannot
/// be read, InputError when the request names both paths and sources, or neither, or overlays
/// of the other kind (overlay files with sources, in-memory overlays with paths).
LoadResult load(const LoadRequest& request);

/// `{"errors": [{"file", "line", "column", "severity", "code", "message"}, ...]}` with every
/// diagnostic; invalid UTF-8 is replaced. The error document of the C API and the service.
std::string errors_to_json(const std::vector<Diagnostic>& diagnostics);

}  // namespace onething
