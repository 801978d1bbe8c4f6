// The planner's entry points: make_plan and open_questions.
#include <algorithm>

#include "model/input_excerpt.hpp"
#include "model/suggest.hpp"
#include "onething/error.hpp"
#include "onething/plan.hpp"
#include "plan/assemble.hpp"
#include "plan/questions.hpp"
#include "plan/search.hpp"

namespace onething {
namespace {

/// The bundle with this id; InputError "unknown-bundle" with a suggestion otherwise.
const Bundle& find_bundle(const Catalog& catalog, std::string_view id) {
    if (const Bundle* bundle = catalog.find_bundle(id)) {
        return *bundle;
    }
    std::vector<std::string_view> ids;
    for (const Bundle& bundle : catalog.bundles()) {
        ids.push_back(bundle.id);
    }
    std::string hint = detail::did_you_mean(id, ids);
    if (hint.empty()) {
        // No near id (an empty one, a guess): where the ids are, or that there are none.
        hint = ids.empty()
                   ? "; the catalog defines no bundle"
                   : "; none is near it: 'onething list' names the catalog's " +
                         std::to_string(ids.size()) + (ids.size() == 1 ? " bundle" : " bundles");
    }
    throw InputError("unknown-bundle", "unknown bundle " + detail::quoted_input(id) + hint);
}

/// "a, b and c" for fact ids.
std::string list_facts(const std::vector<Question>& questions) {
    std::string text;
    for (std::size_t i = 0; i < questions.size(); ++i) {
        text += (i == 0 ? "" : i + 1 == questions.size() ? " and " : ", ") + questions[i].fact;
    }
    return text;
}

}  // namespace

std::vector<Question> open_questions(const Catalog& catalog, std::string_view bundle_id,
                                     const Facts& facts) {
    const Bundle& bundle = find_bundle(catalog, bundle_id);
    // The answers alone: a default is taken by the plan, but it is not the applicant's answer.
    detail::PlanContext context(catalog, bundle, answered_facts(catalog, facts));
    if (bundle.when.evaluate(context.facts) == Truth::no) {
        return {};
    }
    return detail::collect_questions(context);
}

Plan make_plan(const Catalog& catalog, std::string_view bundle_id, const Facts& facts,
               const PlanOptions& options) {
    const Bundle& bundle = find_bundle(catalog, bundle_id);
    detail::PlanContext context(catalog, bundle, resolve_facts(catalog, facts));
    if (bundle.when.evaluate(context.facts) == Truth::no) {
        throw PlanError("not-applicable",
                        "bundle '" + bundle.id + "' is not for this applicant: '" +
                            bundle.when.source() + "' is false",
                        bundle.location);
    }
    const auto questions = detail::collect_questions(context);
    if (!questions.empty()) {
        throw PlanError("undecided",
                        "the plan of bundle '" + bundle.id +
                            "' depends on facts not answered yet: " + list_facts(questions) +
                            "; answer them in the facts (--fact, a facts file, or the 'facts' of a "
                            "request or test case), or let the guide ask them",
                        bundle.location);
    }
    detail::SearchResult result = detail::search(context, options);
    if (!result.best) {
        const detail::Failure failure =
            result.failure.value_or(detail::Failure{"no-provider", "no plan satisfies the rules"});
        throw PlanError(failure.code, failure.message, bundle.location);
    }
    Plan plan = detail::assemble_plan(context, *result.best, result.evaluation);
    plan.optimal = result.optimal;
    plan.search_nodes = result.nodes;
    plan.search_work = result.work;
    return plan;
}

}  // namespace onething
