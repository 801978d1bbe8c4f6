// Running `tests:` cases: plan each one and compare with every expectation given.
#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>
#include <tuple>

#include "model/input_excerpt.hpp"
#include "onething/error.hpp"
#include "onething/form.hpp"
#include "onething/testing.hpp"
#include "rule_tests/coverage.hpp"

namespace onething {
namespace {

/// A number as written in rule files: integers without a decimal point.
std::string number_text(double value) {
    if (std::abs(value - std::round(value)) < 1e-9) {
        return std::to_string(static_cast<long long>(std::llround(value)));
    }
    std::ostringstream out;
    out << value;
    return out.str();
}

/// "a, b" or "none".
std::string join(const std::vector<std::string>& ids) {
    std::string text;
    for (const std::string& id : ids) {
        text += (text.empty() ? "" : ", ") + id;
    }
    return text.empty() ? "none" : text;
}

/// "[a, b]": an ordered list as written in rule files.
std::string bracketed(const std::vector<std::string>& ids) {
    return ids.empty() ? "[]" : "[" + join(ids) + "]";
}

/// The ids of refs, in order.
std::vector<std::string> ids_of(const std::vector<Ref>& refs) {
    std::vector<std::string> ids;
    ids.reserve(refs.size());
    for (const Ref& ref : refs) {
        ids.push_back(ref.id);
    }
    return ids;
}

/// The chosen material of each holding `any_of` need of `item` in the plan, in need order: the
/// plan's decision where it had alternatives to choose from, else the one alternative written
/// (which the plan's `choices` leave out), when it and its need hold for `facts`.
std::vector<std::string> chosen_materials(const Catalog& catalog, const Plan& plan,
                                          std::string_view item, const FactValues& facts) {
    std::vector<std::string> chosen;
    const Item* written = catalog.find_item(item);
    if (written == nullptr) {
        return chosen;
    }
    const auto holds = [&](const Condition& when) { return when.evaluate(facts) == Truth::yes; };
    for (std::size_t at = 0; at < written->needs_materials.size(); ++at) {
        const MaterialNeed& need = written->needs_materials[at];
        if (!need.any_of) {
            continue;
        }
        const auto decided =
            std::find_if(plan.choices.begin(), plan.choices.end(), [&](const Choice& choice) {
                return choice.item == item && static_cast<std::size_t>(choice.need) == at;
            });
        if (decided != plan.choices.end()) {
            chosen.emplace_back(decided->alternatives[static_cast<std::size_t>(decided->chosen)]);
        } else if (need.alternatives.size() == 1 && holds(need.when) &&
                   (need.alternative_when.empty() || holds(need.alternative_when.front()))) {
            chosen.push_back(need.alternatives.front().id);
        }
    }
    return chosen;
}

/// Collects the differences of one case.
class CaseChecker {
  public:
    explicit CaseChecker(const TestCase& test) : test_(test) {}

    /// Records a difference, located at the expectation it breaks (or at the case).
    void differ(const Location& where, std::string message) {
        failures.push_back({test_.name, where, std::move(message)});
    }

    /// Records what the case showed that no expectation of it checks, as a warning.
    void warn(const Location& where, std::string code, std::string message) {
        warnings.push_back({Severity::warning, std::move(code),
                            "test '" + detail::printable(test_.name) + "': " + std::move(message),
                            where});
    }

    /// Compares an exact set of ids.
    void exact_set(const char* what,
                   const std::optional<Expected<std::vector<std::string>>>& expected,
                   std::vector<std::string> actual) {
        if (!expected) {
            return;
        }
        std::set<std::string> want(expected->value.begin(), expected->value.end());
        std::set<std::string> have(actual.begin(), actual.end());
        std::vector<std::string> missing, extra;
        std::set_difference(want.begin(), want.end(), have.begin(), have.end(),
                            std::back_inserter(missing));
        std::set_difference(have.begin(), have.end(), want.begin(), want.end(),
                            std::back_inserter(extra));
        if (!missing.empty() || !extra.empty()) {
            differ(expected->location, std::string(what) + " differ: missing " + join(missing) +
                                           "; unexpected " + join(extra));
        }
    }

    /// Checks `includes:` or `excludes:` against the selected items.
    void subset(const char* what, const std::optional<Expected<std::vector<std::string>>>& expected,
                const Plan& plan, bool must_be_selected) {
        if (!expected) {
            return;
        }
        std::vector<std::string> wrong;
        for (const std::string& id : expected->value) {
            if ((plan.find(id) != nullptr) != must_be_selected) {
                wrong.push_back(id);
            }
        }
        if (!wrong.empty()) {
            differ(expected->location, std::string(what) + ": " + join(wrong) +
                                           (must_be_selected ? " not selected" : " selected"));
        }
    }

    /// Compares given metrics.
    void metrics(const char* what, const std::map<Metric, Expected<double>>& expected,
                 const Metrics& actual) {
        for (const auto& [metric, value] : expected) {
            const double have = actual.get(metric);
            if (std::abs(have - value.value) > 1e-9) {
                differ(value.location, std::string(what) + "." + metric_name(metric) + " is " +
                                           number_text(have) + ", expected " +
                                           number_text(value.value));
            }
        }
    }

    /// Compares an ordered list of ids exactly (same ids, same order).
    void exact_sequence(const char* what, const char* verb,
                        const std::optional<Expected<std::vector<Ref>>>& expected,
                        const std::vector<std::string>& actual) {
        if (!expected) {
            return;
        }
        const std::vector<std::string> want = ids_of(expected->value);
        if (want != actual) {
            differ(expected->location, std::string(what) + " " + verb + " " + bracketed(actual) +
                                           ", expected " + bracketed(want));
        }
    }

    /// Compares `choices:` item by item with the plan's `any_of` decisions (`facts`: the case's,
    /// resolved against `catalog`).
    void choices(const std::optional<Expected<std::vector<ExpectedChoices>>>& expected,
                 const Catalog& catalog, const Plan& plan, const FactValues& facts) {
        if (!expected) {
            return;
        }
        for (const ExpectedChoices& item : expected->value) {
            const std::vector<std::string> want = ids_of(item.materials.value);
            if (plan.find(item.item.id) == nullptr) {
                differ(item.materials.location, "choices of '" + item.item.id +
                                                    "': the item is not in the plan, expected " +
                                                    bracketed(want));
                continue;
            }
            const std::vector<std::string> have =
                chosen_materials(catalog, plan, item.item.id, facts);
            if (have != want) {
                differ(item.materials.location, "choices of '" + item.item.id + "' are " +
                                                    bracketed(have) + ", expected " +
                                                    bracketed(want));
            }
        }
    }

    std::vector<TestFailure> failures;  ///< the differences found
    std::vector<Diagnostic> warnings;   ///< what the case showed beyond its expectations

  private:
    const TestCase& test_;
};

/// Plans one case and checks every expectation but `questions`. Returns the plan when one
/// could be made (even if its merged form could not). The merged form is made too, so that
/// `expect: {error: conflicting-constraints}` is checked; a case that expects no error is not
/// failed by it (each key given is checked, and none checks the form), only warned of.
std::optional<Plan> check_plan(CaseChecker& check, const Catalog& catalog, const TestCase& test,
                               const PlanOptions& options) {
    const Expectation& expect = test.expect;
    const auto failed = [&](const Error& error) {
        if (!expect.error) {
            check.differ(test.location,
                         "planning failed: " + std::string(error.diagnostics().front().message) +
                             " [" + error.code() + "]");
        } else if (expect.error->value != error.code()) {
            check.differ(expect.error->location, "error is '" + error.code() + "', expected '" +
                                                     expect.error->value + "' (" +
                                                     error.diagnostics().front().message + ")");
        }
    };
    std::optional<Plan> plan;
    try {
        plan = make_plan(catalog, test.bundle.id, test.facts, options);
    } catch (const Error& error) {
        failed(error);
        return plan;
    }
    try {
        merge_form(catalog, *plan);
    } catch (const Error& error) {
        if (expect.error) {
            failed(error);
            return plan;
        }
        check.warn(test.location, error.code(),
                   "the plan is made, but its merged form cannot be: " +
                       std::string(error.diagnostics().front().message) +
                       "; no key of the case's expect checks the form, so it passes (expect: "
                       "{error: " +
                       error.code() + "} would check it)");
    }
    if (expect.error) {
        check.differ(expect.error->location,
                     "planning succeeded, expected error '" + expect.error->value + "'");
        return plan;
    }
    const std::size_t failures_before = check.failures.size();
    std::vector<std::string> selected;
    for (const PlannedItem& item : plan->items) {
        selected.emplace_back(item.id);
    }
    check.exact_set("items", expect.items, selected);
    check.subset("includes", expect.includes, *plan, true);
    check.subset("excludes", expect.excludes, *plan, false);
    if (expect.stages && static_cast<std::int64_t>(plan->stages.size()) != expect.stages->value) {
        check.differ(expect.stages->location, "stages is " + std::to_string(plan->stages.size()) +
                                                  ", expected " +
                                                  std::to_string(expect.stages->value));
    }
    check.metrics("before", expect.before, plan->before);
    check.metrics("after", expect.after, plan->after);
    check.exact_set("asked_fields", expect.asked_fields, plan->asked_fields());
    check.exact_set("submitted_materials", expect.submitted_materials, plan->submitted_materials());
    if (expect.choices) {
        check.choices(expect.choices, catalog, *plan, resolve_facts(catalog, test.facts));
    }
    std::vector<std::string> critical_path(plan->critical_path.begin(), plan->critical_path.end());
    check.exact_sequence("critical_path", "is", expect.critical_path, critical_path);
    if (!plan->optimal && failures_before < check.failures.size()) {
        // A plan the search could not prove optimal may differ from what a longer search finds.
        const PlanOptions thorough = PlanOptions::thorough();
        const bool below_thorough = options.max_search_nodes < thorough.max_search_nodes ||
                                    options.max_search_work < thorough.max_search_work;
        const std::string note =
            " (the plan is not proven optimal within this run's search bounds, "
            "--max-search-nodes " +
            std::to_string(options.max_search_nodes) + " and --max-search-work " +
            std::to_string(options.max_search_work) + "; raise them" +
            (below_thorough ? ", or run test --thorough)" : ")");
        for (std::size_t k = failures_before; k < check.failures.size(); ++k) {
            check.failures[k].message += note;
        }
    }
    if (expect.optimal && plan->optimal != expect.optimal->value) {
        check.differ(expect.optimal->location,
                     plan->optimal ? std::string("optimal is true, expected false")
                                   : std::string("optimal is false, expected true (the search "
                                                 "bounds were reached before a proof)"));
    }
    return plan;
}

/// Checks `questions:` against what the guide asks for the case's facts.
void check_questions(CaseChecker& check, const Catalog& catalog, const TestCase& test) {
    const auto& expected = test.expect.questions;
    if (!expected) {
        return;
    }
    std::vector<std::string> asked;
    try {
        for (const Question& question : open_questions(catalog, test.bundle.id, test.facts)) {
            asked.push_back(question.fact);
        }
    } catch (const Error& error) {
        check.differ(expected->location,
                     "guide failed: " + std::string(error.diagnostics().front().message) + " [" +
                         error.code() + "]");
        return;
    }
    check.exact_sequence("questions", "are", expected, asked);
}

/// Runs one case: the plan unless only `questions` is expected, then the guide if asked. A
/// planned case is recorded for coverage when `coverage` is given. Its warnings are added to
/// `warnings`.
std::vector<TestFailure> run_case(const Catalog& catalog, const TestCase& test,
                                  const PlanOptions& options, detail::CoverageRecorder* coverage,
                                  std::vector<Diagnostic>& warnings) {
    CaseChecker check(test);
    if (!test.expect.guide_only()) {
        const std::optional<Plan> plan = check_plan(check, catalog, test, options);
        if (coverage != nullptr) {
            coverage->record(test, plan ? &*plan : nullptr);
        }
    }
    check_questions(check, catalog, test);
    warnings.insert(warnings.end(), check.warnings.begin(), check.warnings.end());
    return check.failures;
}

}  // namespace

TestReport run_tests(const Catalog& catalog, const PlanOptions& options, bool coverage,
                     std::optional<Date> default_day) {
    const Date today = default_day ? *default_day : Date::today();
    TestReport report;
    std::optional<detail::CoverageRecorder> recorder;
    if (coverage) {
        recorder.emplace(catalog);
    }
    for (const TestCase& test : catalog.tests()) {
        const Date day = test.as_of ? test.as_of->value : today;
        const Catalog& on_day = catalog.as_of(day);
        std::vector<TestFailure> failures;
        if (on_day.find_bundle(test.bundle.id) == nullptr) {
            // A case without as_of whose bundle is not in effect on the day test runs (a case
            // with as_of is checked on its day when the catalog is loaded).
            failures.push_back(
                {test.name, test.bundle.location,
                 "bundle '" + test.bundle.id + "' has no definition in effect on " +
                     day.to_string() +
                     ", the day the case is planned on; give the case an as_of inside the "
                     "bundle's period, or run test --as-of such a day"});
        } else {
            // A fact of a case without as_of that is not in effect on the day test runs: the
            // case was checked in the nearest version that has it (docs/dates.md).
            for (const auto& [id, value] : test.facts) {
                if (on_day.find_fact(id) == nullptr) {
                    const auto written = test.fact_locations.find(id);
                    failures.push_back(
                        {test.name,
                         written != test.fact_locations.end() ? written->second : test.location,
                         "fact '" + id + "' has no definition in effect on " + day.to_string() +
                             ", the day the case is planned on; give the case an as_of inside "
                             "the fact's period, run test --as-of such a day, or leave '" +
                             id + "' out of the case"});
                }
            }
            if (failures.empty()) {
                failures = run_case(on_day, test, options, recorder ? &*recorder : nullptr,
                                    report.warnings);
            }
        }
        // A case's differences in the order they are written, as the cases are.
        std::stable_sort(failures.begin(), failures.end(),
                         [](const TestFailure& a, const TestFailure& b) {
                             return std::tie(a.location.line, a.location.column) <
                                    std::tie(b.location.line, b.location.column);
                         });
        (failures.empty() ? report.passed : report.failed) += 1;
        report.cases.push_back(
            {test.name, test.bundle.id, test.location, report.failures.size(), failures.size()});
        report.failures.insert(report.failures.end(), failures.begin(), failures.end());
    }
    if (recorder) {
        report.coverage = recorder->report();
    }
    return report;
}

std::string format_test_failure(const TestFailure& failure) {
    const Location& where = failure.location;
    // One line per failure whatever the name or the message quotes (a name with a line break).
    return detail::printable(where.file.str()) + ":" + std::to_string(where.line) + ":" +
           std::to_string(where.column) + ": test '" + detail::printable(failure.test) +
           "': " + detail::printable(failure.message);
}

}  // namespace onething
