// Collecting the facts still needed: conditions that stay unknown on the reachable items.
#include "plan/questions.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace onething::detail {
namespace {

/// Records the unknown facts read by `condition` as deciding `decided`.
void note_unknown(const PlanContext& context, const Condition& condition,
                  const std::string& decided,
                  std::map<std::size_t, std::set<std::string>>& deciding) {
    for (std::size_t fact : condition.facts_read()) {
        if (!context.facts[fact]) {
            deciding[fact].insert(decided);
        }
    }
}

}  // namespace

std::vector<Question> collect_questions(const PlanContext& context) {
    std::map<std::size_t, std::set<std::string>> deciding;
    const auto items = context.catalog.items();
    if (context.bundle.when.evaluate(context.facts) == Truth::unknown) {
        note_unknown(context, context.bundle.when, "bundle " + context.bundle.id, deciding);
    }
    walk_possible_items(context, context.listed_goals, [&](Index item) {
        const Truth truth = context.applies(item);
        if (truth == Truth::unknown) {
            note_unknown(context, items[item].when, items[item].id, deciding);
        }
        return truth != Truth::no;
    });
    std::vector<Question> questions;
    for (const auto& [fact, decided] : deciding) {
        const Fact& declaration = context.catalog.facts()[fact];
        questions.push_back(
            {declaration.id, declaration.question, {decided.begin(), decided.end()}});
    }
    std::stable_sort(questions.begin(), questions.end(), [](const Question& a, const Question& b) {
        return a.items.size() > b.items.size();
    });
    return questions;
}

}  // namespace onething::detail
