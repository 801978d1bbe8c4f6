// One function per operation: each reads as the pipeline it runs, from the typed request to the
// document every front end prints. Errors are mapped to the response once, in `answer`.
#include <algorithm>
#include <new>
#include <optional>
#include <string>

#include "model/input_excerpt.hpp"
#include "model/period_phrase.hpp"
#include "onething/error.hpp"
#include "onething/form.hpp"
#include "onething/input.hpp"
#include "onething/report.hpp"
#include "onething/request.hpp"
#include "onething/snapshot.hpp"
#include "onething/testing.hpp"
#include "onething/whatif.hpp"
#include "request/formats.hpp"
#include "request/language_note.hpp"
#include "request/response_warnings.hpp"

namespace onething {
namespace {

/// Runs `body` (which fills the response's document and outcome) and turns every exception
/// into diagnostics: plans the rules cannot give are problems; bad input (facts, answers, an
/// unknown bundle, a bad request field) and unreadable input are usage errors, as the contract's
/// exit statuses say; running out of memory is a located error like any other. Throws only
/// std::bad_alloc, when even the report cannot be allocated: each front end has a last report
/// that needs no memory (the command line's fixed message, the C API's malloc'ed one).
template <typename Body>
Response answer(const Request& request, Body&& body) {
    Response response;
    try {
        response.format = request.format;
        body(response);
        return response;
    } catch (const Error& error) {
        response.diagnostics = error.diagnostics();
        response.outcome = error_outcome(error);
        for (Diagnostic& diagnostic : response.diagnostics) {
            if (diagnostic.code == "unknown-bundle" && diagnostic.location.file.empty()) {
                diagnostic.location = Location{request.bundle_field, 0, 0};  // the planner's
            }
        }
    } catch (const std::bad_alloc&) {
        response.diagnostics = {
            {Severity::error, "out-of-memory", "out of memory (see docs/limits.md)", {}}};
        response.outcome = Outcome::problems;
    } catch (const std::exception& error) {
        response.diagnostics = {{Severity::error, "internal", error.what(), {}}};
        response.outcome = Outcome::problems;
    }
    response.document.clear();
    return response;
}

/// Chooses the writer of `format` (the first when empty) and records its name.
template <typename WriterType>
const WriterType& writer_for(std::span<const WriterType> writers, const Request& request,
                             Response& response) {
    const WriterType& writer = detail::find_writer(writers, request.operation, request.format);
    response.format = std::string(writer.name);
    return writer;
}

}  // namespace

Facts request_facts(const Catalog& catalog, const Request& request) {
    Facts facts = request.facts;
    if (request.facts_file) {
        for (auto& [id, value] : read_facts(catalog, *request.facts_file, request.limits)) {
            facts.insert_or_assign(id, std::move(value));
        }
    }
    apply_fact_assignments(catalog, request.fact_assignments, facts);
    return facts;
}

namespace {

/// The plan of the request's bundle and facts; typed facts alone are planned without a copy
/// (bulk runs plan millions of requests).
Plan plan_of(const Catalog& catalog, const Request& request) {
    if (!request.facts_file && request.fact_assignments.empty()) {
        return make_plan(catalog, request.bundle, request.facts, request.search);
    }
    return make_plan(catalog, request.bundle, request_facts(catalog, request), request.search);
}

/// True when `options` are the default search bounds (then an unproven plan gets a note).
bool default_bounds(const PlanOptions& options) {
    const PlanOptions defaults;
    return options.max_search_nodes == defaults.max_search_nodes &&
           options.max_search_work == defaults.max_search_work;
}

}  // namespace

Response plan_request(const Catalog& catalog, const Request& request) {
    return answer(request, [&](Response& response) {
        const auto& writer = writer_for(detail::plan_writers(), request, response);
        const Plan plan = plan_of(catalog, request);
        if (!plan.optimal && default_bounds(request.search)) {
            response.notes.push_back(
                "note: the plan is not proven optimal within the default search bounds; "
                "--thorough searches up to about a second");
        }
        response.document = writer.write(plan, catalog, request.lang);
    });
}

PlanFigures plan_figures(const Catalog& catalog, const Request& request) {
    const Plan plan = plan_of(catalog, request);
    return PlanFigures{plan.before, plan.after, plan.items.size(), plan.optimal};
}

Response guide_request(const Catalog& catalog, const Request& request) {
    return answer(request, [&](Response& response) {
        const auto& writer = writer_for(detail::guide_writers(), request, response);
        const auto questions =
            open_questions(catalog, request.bundle, request_facts(catalog, request));
        response.document = writer.write(questions, request.lang);
    });
}

Response form_request(const Catalog& catalog, const Request& request) {
    return answer(request, [&](Response& response) {
        const auto& writer = writer_for(detail::form_writers(), request, response);
        const Form form = merge_form(catalog, plan_of(catalog, request));
        response.document = writer.write(form, request.lang);
    });
}

Response dispatch_request(const Catalog& catalog, const Request& request) {
    return answer(request, [&](Response& response) {
        const auto& writer = writer_for(detail::dispatch_writers(), request, response);
        if (!request.answers) {
            throw InputError("missing-answers", "dispatch needs the answers to the merged form");
        }
        const Plan plan = plan_of(catalog, request);
        const Form form = merge_form(catalog, plan);
        const Answers answers = read_answers(form, *request.answers, request.limits);
        Answers shared;
        if (request.shared) {
            shared = read_shared(catalog, *request.shared, request.limits);
        }
        response.document = writer.write(dispatch(catalog, plan, answers, shared), request.by);
    });
}

Response list_request(const Catalog& catalog, const Request& request) {
    return answer(request, [&](Response& response) {
        const auto& writer = writer_for(detail::list_writers(), request, response);
        response.document = writer.write(catalog, request.lang);
    });
}

Response lint_request(const LoadResult& loaded, const Request& request) {
    return answer(request, [&](Response& response) {
        const auto& writer = writer_for(detail::lint_writers(), request, response);
        response.document = writer.write(loaded);
        // As text, every diagnostic is for standard error; the JSON document carries them.
        if (response.format != "json") {
            response.diagnostics = loaded.diagnostics;
        }
        response.outcome = loaded.ok() ? Outcome::ok : load_failure_outcome(loaded.diagnostics);
        const auto warnings = static_cast<std::size_t>(std::count_if(
            loaded.diagnostics.begin(), loaded.diagnostics.end(),
            [](const Diagnostic& seen) { return seen.severity == Severity::warning; }));
        if (request.max_warnings && warnings > *request.max_warnings) {
            response.diagnostics.push_back(
                {Severity::error,
                 "too-many-warnings",
                 std::to_string(warnings) + (warnings == 1 ? " warning" : " warnings") +
                     ", more than the " + std::to_string(*request.max_warnings) +
                     " allowed (--max-warnings, max_warnings in a request); fix them or allow "
                     "more",
                 {}});
            response.outcome = Outcome::problems;
            if (response.format != "json") {
                response.document.clear();  // no "ok:" for a lint that fails; JSON keeps counts
            }
        }
    });
}

namespace {

/// A percentage as people write it: "90", "85.5".
std::string percent_text(double value) {
    std::string text = std::to_string(value);  // fixed, six decimals
    text.erase(text.find_last_not_of('0') + 1);
    if (text.back() == '.') {
        text.pop_back();
    }
    return text;
}

/// Refuses a test request that cannot be answered as asked (a usage error).
void refuse(Response& response, const std::string& code, const std::string& message) {
    response.diagnostics = {{Severity::error, code, message, {}}};
    response.outcome = Outcome::usage;
}

}  // namespace

Response test_request(const Catalog& catalog, const Request& request) {
    return answer(request, [&](Response& response) {
        const auto& writer = writer_for(detail::test_writers(), request, response);
        const std::optional<double> minimum = request.min_coverage;
        if (minimum && !(*minimum >= 0 && *minimum <= 100)) {  // NaN too
            refuse(
                response, "bad-request",
                "min_coverage must be a percentage from 0 to 100, not " + percent_text(*minimum));
            return;
        }
        if (request.coverage && response.format == "junit") {
            refuse(response, "coverage-format",
                   "the coverage report is written as text or json, not junit; a JUnit run can "
                   "still fail below a minimum coverage (min_coverage)");
            return;
        }
        TestReport report =
            run_tests(catalog, request.search, request.coverage || minimum, request_day(request));
        const std::optional<CoverageReport> coverage = report.coverage;
        if (!request.coverage) {
            report.coverage.reset();  // measured for the minimum only: not in the document
        }
        response.document = writer.write(report);
        response.outcome = report.failed == 0 ? Outcome::ok : Outcome::problems;
        response.diagnostics.insert(response.diagnostics.end(), report.warnings.begin(),
                                    report.warnings.end());
        if (minimum) {
            const CoverageCount all = coverage->all();
            const std::string figure = coverage_percent(all) + "% (" + std::to_string(all.covered) +
                                       " of " + std::to_string(all.total) + " points)";
            if (meets_minimum(all, *minimum)) {
                response.notes.push_back("coverage " + figure + " meets the minimum of " +
                                         percent_text(*minimum) + "%");
            } else {
                response.diagnostics.push_back(
                    {Severity::error,
                     "coverage-below-minimum",
                     "coverage " + figure + " is below the minimum of " + percent_text(*minimum) +
                         "%; 'onething test --coverage' lists what no case exercises",
                     {}});
                response.outcome = Outcome::problems;
            }
        }
    });
}

namespace {

/// What a report row that could not be planned says on standard error: the bundle, the facts
/// it was planned with and the planning error.
std::string unplanned_row(const ReportRow& row) {
    const std::string facts =
        row.test.empty() ? "without facts" : "with the facts of case '" + row.test + "'";
    return "bundle '" + row.bundle + "' could not be planned " + facts + ": " + row.error;
}

}  // namespace

Response report_request(const Catalog& catalog, const Request& request) {
    return answer(request, [&](Response& response) {
        const auto& writer = writer_for(detail::report_writers(), request, response);
        const Report report = catalog_report(catalog, request.all_cases, request.search);
        response.document = writer.write(report, catalog, request.lang);
        // The report is still the answer when a bundle could not be planned; the row says why,
        // and so does standard error, which a report written to a file leaves for the reader.
        for (const ReportRow& row : report.rows) {
            if (!row.error.empty()) {
                response.outcome = Outcome::problems;
                response.notes.push_back("report: " + unplanned_row(row));
            }
        }
    });
}

Response whatif_request(const Catalog& catalog, const Request& request) {
    return answer(request, [&](Response& response) {
        const auto& writer = writer_for(detail::whatif_writers(), request, response);
        if (request.top < 1) {
            throw InputError("bad-request",
                             "top must be at least 1 (the number of changes to list and to "
                             "combine); omit it for the default of 10");
        }
        WhatIfOptions options;
        options.top = request.top;
        options.combine = request.top;
        options.search = request.search;
        options.progress = request.progress;
        const WhatIf analysis = what_if(catalog, options);
        response.document = writer.write(analysis, catalog, request.lang);
        for (const ReportRow& row : analysis.unplanned) {
            response.notes.push_back(std::string(detail::warning_prefix) + "whatif: " +
                                     unplanned_row(row) + "; no change saves anything there");
        }
    });
}

Outcome error_outcome(const Error& error) {
    const bool input = dynamic_cast<const IoError*>(&error) != nullptr ||
                       dynamic_cast<const InputError*>(&error) != nullptr;
    // Memory running out while a facts or answers file is read is the machine's, not the
    // input's: a problem, as everywhere else.
    const bool out_of_memory =
        std::any_of(error.diagnostics().begin(), error.diagnostics().end(),
                    [](const Diagnostic& seen) { return seen.code == "out-of-memory"; });
    return input && !out_of_memory ? Outcome::usage : Outcome::problems;
}

Outcome load_failure_outcome(std::span<const Diagnostic> diagnostics) {
    constexpr std::string_view invocation_codes[] = {"unreadable", "snapshot-not-alone",
                                                     "overlay-on-snapshot", "overlay-snapshot"};
    bool any_error = false;
    for (const Diagnostic& diagnostic : diagnostics) {
        if (diagnostic.severity != Severity::error) {
            continue;
        }
        any_error = true;
        if (std::find(std::begin(invocation_codes), std::end(invocation_codes), diagnostic.code) ==
            std::end(invocation_codes)) {
            return Outcome::problems;  // an error in the rules themselves
        }
    }
    return any_error ? Outcome::usage : Outcome::problems;
}

Response compile_request(const LoadResult& loaded) {
    Response response;
    response.format = "snapshot";
    response.diagnostics = loaded.diagnostics;
    if (!loaded.ok()) {
        response.outcome = load_failure_outcome(loaded.diagnostics);
        return response;
    }
    try {
        response.document = write_snapshot(loaded);
    } catch (const Error& error) {  // a checked catalog the writer cannot resolve: its rules
        response.diagnostics.insert(response.diagnostics.end(), error.diagnostics().begin(),
                                    error.diagnostics().end());
        response.outcome = Outcome::problems;
    } catch (const std::bad_alloc&) {
        response.diagnostics.push_back(
            {Severity::error, "out-of-memory", "out of memory while writing the snapshot", {}});
        response.outcome = Outcome::problems;
    }
    return response;
}

Response export_request(const Catalog& catalog, const Request& request) {
    return answer(request, [&](Response& response) {
        const auto& writer = writer_for(detail::export_writers(), request, response);
        response.document = writer.write(catalog);
    });
}

Response schema_request(const Request& request) {
    return answer(request, [&](Response& response) {
        const auto& writer = writer_for(detail::schema_writers(), request, response);
        response.document = writer.write();
    });
}

Date request_day(const Request& request) {
    return request.as_of ? *request.as_of : Date::today();
}

namespace {

/// An `unknown-bundle` of a dated catalog whose bundle is defined on other days says so: the
/// days it is in effect, and that the request's day is outside them.
void explain_bundle_off_period(const Catalog& dated, const Request& request, Response& response) {
    if (std::none_of(response.diagnostics.begin(), response.diagnostics.end(),
                     [](const Diagnostic& found) { return found.code == "unknown-bundle"; })) {
        return;
    }
    std::vector<Period> periods;  // those of the versions that have the bundle
    for (const CatalogVersion& version : dated.versions()) {
        if (version.catalog->find_bundle(request.bundle) != nullptr) {
            periods.push_back(version.period);
        }
    }
    const std::string days = detail::merged_days_phrase(periods);
    if (days.empty()) {
        return;
    }
    for (Diagnostic& diagnostic : response.diagnostics) {
        if (diagnostic.code == "unknown-bundle") {
            diagnostic.message = "bundle '" + request.bundle + "' has no definition in effect on " +
                                 request_day(request).to_string() + "; it is in effect " + days +
                                 "; ask as of a day in its period (--as-of, or \"as_of\" in a "
                                 "request)";
        }
    }
}

}  // namespace

Response respond(const LoadResult& loaded, const Request& request) {
    if (request.operation == Operation::lint) {
        return lint_request(loaded, request);
    }
    if (request.operation == Operation::schema) {
        return schema_request(request);  // about the format, whatever the catalog holds
    }
    if (!loaded.ok()) {
        Response response;
        for (const Diagnostic& diagnostic : loaded.diagnostics) {
            if (diagnostic.severity == Severity::error) {
                response.diagnostics.push_back(diagnostic);
            }
        }
        response.outcome = load_failure_outcome(loaded.diagnostics);
        if (request.operation == Operation::test && response.outcome == Outcome::problems) {
            response.notes.push_back("the rules have errors; no test was run");
        }
        return response;
    }
    // Test cases each plan on their own day; every other operation on the request's.
    const Catalog& catalog = request.operation == Operation::test
                                 ? loaded.catalog
                                 : loaded.catalog.as_of(request_day(request));
    // `ZH` or `zh-hant` is answered as the catalog's `zh` or `zh-Hant` (tags ignore case).
    if (const std::string language = detail::catalog_language(catalog, request.lang);
        language != request.lang) {
        Request as_written = request;
        as_written.lang = language;
        return respond(loaded, as_written);  // the same again: the tag is the catalog's now
    }
    Response response = [&] {
        switch (request.operation) {
            case Operation::plan:
                return plan_request(catalog, request);
            case Operation::guide:
                return guide_request(catalog, request);
            case Operation::form:
                return form_request(catalog, request);
            case Operation::dispatch:
                return dispatch_request(catalog, request);
            case Operation::list:
                return list_request(catalog, request);
            case Operation::test:
                return test_request(catalog, request);
            case Operation::report:
                return report_request(catalog, request);
            case Operation::whatif:
                return whatif_request(catalog, request);
            case Operation::export_catalog:
                return export_request(catalog, request);
            case Operation::lint:
            case Operation::schema:
                break;
        }
        return lint_request(loaded, request);
    }();
    explain_bundle_off_period(loaded.catalog, request, response);
    // Test results name ids, and the export writes every language: no language to warn about.
    const bool names_in_language =
        request.operation != Operation::test && request.operation != Operation::export_catalog;
    if (names_in_language) {
        if (auto note = detail::language_note(catalog, request.lang)) {
            response.notes.push_back(std::move(*note));
        }
    }
    return response;
}

}  // namespace onething
