// Collecting the facts still needed: conditions that stay unknown on the reachable items.
#include "plan/questions.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

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

/// Records the unknown facts read by the conditions of `item`'s needs (and of their
/// alternatives) that can still hold, as deciding the item.
void note_unknown_needs(const PlanContext& context, const Item& item,
                        std::map<std::size_t, std::set<std::string>>& deciding) {
    auto note = [&](const Condition& when) {
        const Truth truth = when.always() ? Truth::yes : when.evaluate(context.facts);
        if (truth == Truth::unknown) {
            note_unknown(context, when, item.id, deciding);
        }
        return truth != Truth::no;
    };
    for (const ItemNeed& need : item.needs_items) {
        note(need.when);
    }
    for (const MaterialNeed& need : item.needs_materials) {
        if (note(need.when)) {
            for (const Condition& when : need.alternative_when) {
                note(when);
            }
        }
    }
    for (const FieldNeed& need : item.needs_fields) {
        note(need.when);
    }
}

}  // namespace

std::vector<Question> collect_questions(const PlanContext& context) {
    std::map<std::size_t, std::set<std::string>> deciding;
    std::set<std::size_t> gate;  // facts of the bundle's `when`, while it is undecided
    const auto items = context.catalog.items();
    if (context.bundle.when.evaluate(context.facts) == Truth::unknown) {
        for (std::size_t fact : context.bundle.when.facts_read()) {
            if (!context.facts[fact]) {
                deciding[fact];  // the bundle's `when` counts for no item
                gate.insert(fact);
            }
        }
    }
    walk_possible_items(context, context.listed_goals, [&](Index item) {
        const Truth truth = context.applies(item);
        if (truth == Truth::unknown) {
            note_unknown(context, items[item].when, items[item].id, deciding);
        }
        if (truth != Truth::no && context.index.items[item].conditional) {
            note_unknown_needs(context, items[item], deciding);
        }
        return truth != Truth::no;
    });
    std::vector<Question> questions;
    for (const auto& [fact, decided] : deciding) {
        const Fact& declaration = context.catalog.facts()[fact];
        Question question;
        question.fact = declaration.id;
        question.question = declaration.question;
        question.items.assign(decided.begin(), decided.end());
        question.type = declaration.type;
        question.values = declaration.values;
        question.labels = declaration.labels;
        question.default_value = declaration.default_value;
        question.gate = gate.count(fact) != 0;
        questions.push_back(std::move(question));
    }
    // In fact id order already (facts are sorted by id): the gate, then the most deciding.
    std::stable_sort(questions.begin(), questions.end(), [](const Question& a, const Question& b) {
        return std::make_tuple(!a.gate, -static_cast<std::ptrdiff_t>(a.items.size())) <
               std::make_tuple(!b.gate, -static_cast<std::ptrdiff_t>(b.items.size()));
    });
    return questions;
}

}  // namespace onething::detail
