// Exact branch-and-bound over the planner's choices, with a greedy fallback past a node bound.
#include "plan/search.hpp"

#include "plan/bounds.hpp"
#include "plan/minimality.hpp"
#include "plan/provision.hpp"
#include "plan/thread_table.hpp"

#include <algorithm>
#include <limits>
#include <tuple>

namespace onething::detail {
namespace {

constexpr std::uint16_t undecided = std::numeric_limits<std::uint16_t>::max();
constexpr std::int32_t not_member = -1;
constexpr std::uint32_t no_position = std::numeric_limits<std::uint32_t>::max();
// Work is counted in selected items read by a bound or leaf check. The other steps count what
// they cost in such reads, measured on the generated catalogs (docs/planning.md): a leaf
// evaluated in full (snapshot, minimality, `evaluate`) about 8 per selected item, and the
// reach tables of the first bound about 4 per joinable item.
constexpr std::uint64_t full_leaf_weight = 8;
constexpr std::uint64_t tie_leaf_weight = 2;  // snapshot and minimality, no evaluation
constexpr std::uint64_t reach_weight = 4;

/// " but the item itself, ...": the end of a no-provider message when `item`, and no applicable
/// other item, produces one of `materials`; "" otherwise.
std::string made_only_by_itself(const PlanContext& context, std::span<const Index> materials,
                                Index item) {
    for (const Index material : materials) {
        const auto& makers = context.index.material_producers[material];
        if (std::find(makers.begin(), makers.end(), item) != makers.end()) {
            return " but the item itself, which cannot provide what it needs (it produces it "
                   "only once done)";
        }
    }
    return "";
}

/// The next open question of a partial selection.
struct Decision {
    enum class Kind { none, alternative, producer } kind = Kind::none;
    Index item = 0;        ///< the needing item
    std::size_t need = 0;  ///< its material need
    Index material = 0;    ///< producer: the material to produce
};

/// A position in the scan of material needs: a member (in insertion order) and its need.
struct Cursor {
    std::size_t member = 0;  ///< index in members
    std::size_t need = 0;    ///< index in the member's material needs
};

/// Where to undo to when leaving a branch.
struct Checkpoint {
    std::size_t members = 0;  ///< members.size()
    std::size_t choices = 0;  ///< choices.size()
    std::size_t log = 0;      ///< choice_log.size()
    Cursor alternative;       ///< every any_of before it is decided
    Cursor producer;          ///< every need before it has a producer inside or needs none
};

/// A search frame: one decision and the options still to try.
struct Frame {
    Decision decision;
    std::vector<std::uint16_t> options;  ///< alternative positions, or producer item positions
    std::size_t next = 0;
    Checkpoint checkpoint;
};

/// The mutable state of the depth-first search; undone through checkpoints.
class Searcher {
  public:
    Searcher(const PlanContext& context, const PlanOptions& options)
        : context_(context),
          max_nodes_(options.max_search_nodes),
          max_work_(options.max_search_work),
          offset_(context.catalog.items().size(), not_member),
          position_(context.catalog.items().size(), no_position),
          scratch_(context),
          minimality_(context) {}
    Searcher(const Searcher&) = delete;
    Searcher& operator=(const Searcher&) = delete;

    SearchResult run();

  private:
    void add_item(Index item);
    bool produced_inside(Index material, Index except) const;
    bool producible(Index material, Index except) const;
    Decision next_decision();
    std::vector<std::uint16_t> options_for(const Decision& decision);
    void order_alternatives(const Decision& decision, std::vector<std::uint16_t>& options) const;
    void order_producers(const std::vector<Index>& producers,
                         std::vector<std::uint16_t>& options) const;
    void apply(const Decision& decision, std::uint16_t option);
    Checkpoint checkpoint() const {
        return {members_.size(), choices_.size(), log_.size(), alternative_, producer_};
    }
    void restore(const Checkpoint& to);
    Selection snapshot() const;
    SelectionView view() const { return {members_, position_.slots(), offset_.slots(), choices_}; }
    int compare_with_best(const Metrics& after) const;
    bool better(const Selection& selection, const Evaluation& evaluation) const;
    bool wins_tie(const Selection& selection) const;
    bool worth_exploring();
    bool first_bound_unaffordable() const;
    void expand();
    void visit_leaf();
    void fail(Failure failure);
    /// The failure of an `any_of` need of `item` none of whose alternatives holds.
    Failure no_alternative_holds(Index item, std::size_t need) const;

    const PlanContext& context_;
    const std::uint64_t max_nodes_;
    const std::uint64_t max_work_;
    ThreadTable<std::int32_t> offset_;     // by item position: start of its choices, or not_member
    ThreadTable<std::uint32_t> position_;  // by item position: index in members_, or no_position
    MetricsScratch scratch_;               // reused by every bound and leaf pre-check
    Minimality minimality_;                // reused by every leaf's minimality check and repair
    std::vector<Index> members_;           // in insertion order
    std::vector<std::uint16_t> choices_;
    std::vector<std::size_t> log_;  // positions in choices_ decided by a branch
    // Where next_decision resumes. Along a branch members only grow and decisions are only
    // taken, so what lies before a cursor stays settled; a checkpoint restores both.
    Cursor alternative_;
    Cursor producer_;
    std::vector<Frame> stack_;
    SearchResult result_;
};

void Searcher::add_item(Index first) {
    std::vector<Index> work{first};
    while (!work.empty()) {
        const Index item = work.back();
        work.pop_back();
        if (offset_[item] != not_member) {
            continue;
        }
        members_.push_back(item);  // first: restore() resets the tables of every member
        offset_.set(item, static_cast<std::int32_t>(choices_.size()));
        position_.set(item, static_cast<std::uint32_t>(members_.size() - 1));
        const ItemLinks& links = context_.links(item);
        for (const auto& alternatives : links.material_needs) {
            choices_.push_back(alternatives.size() == 1 ? 0 : undecided);
        }
        for (Index prerequisite : links.prerequisites) {
            if (offset_[prerequisite] == not_member &&
                context_.applies(prerequisite) == Truth::yes) {
                work.push_back(prerequisite);
            }
        }
    }
}

bool Searcher::produced_inside(Index material, Index except) const {
    for (Index producer : context_.index.material_producers[material]) {
        if (producer != except && offset_[producer] != not_member) {
            return true;
        }
    }
    return false;
}

bool Searcher::producible(Index material, Index except) const {
    for (Index producer : context_.index.material_producers[material]) {
        if (producer != except && context_.applies(producer) == Truth::yes) {
            return true;
        }
    }
    return false;
}

Decision Searcher::next_decision() {
    // The first undecided any_of in insertion order, then the first chosen material that only
    // a producer can provide and none inside produces; the scans resume at the cursors.
    for (Cursor& at = alternative_; at.member < members_.size(); ++at.member, at.need = 0) {
        const Index item = members_[at.member];
        const auto& needs = context_.links(item).material_needs;
        for (; at.need < needs.size(); ++at.need) {
            if (choices_[static_cast<std::size_t>(offset_[item]) + at.need] == undecided) {
                return {Decision::Kind::alternative, item, at.need, 0};
            }
        }
    }
    for (Cursor& at = producer_; at.member < members_.size(); ++at.member, at.need = 0) {
        const Index item = members_[at.member];
        const auto& needs = context_.links(item).material_needs;
        for (; at.need < needs.size(); ++at.need) {
            const Index material =
                needs[at.need][choices_[static_cast<std::size_t>(offset_[item]) + at.need]];
            if (context_.needs_producer(item, material) && !produced_inside(material, item)) {
                return {Decision::Kind::producer, item, at.need, material};
            }
        }
    }
    return {};
}

std::vector<std::uint16_t> Searcher::options_for(const Decision& decision) {
    std::vector<std::uint16_t> options;
    const auto items = context_.catalog.items();
    const auto materials = context_.catalog.materials();
    if (decision.kind == Decision::Kind::alternative) {
        const auto& alternatives = context_.links(decision.item).material_needs[decision.need];
        bool free_before = false;  // an earlier alternative is an e-licence nobody produces
        for (std::size_t a = 0; a < alternatives.size(); ++a) {
            const Index material = alternatives[a];
            const bool needs_producer = context_.needs_producer(decision.item, material);
            // Such an e-licence is retrieved in every selection and draws no edge. A later
            // alternative that needs no producer leaves the selection as it is: never better,
            // it loses the position tie-break. One that needs a producer is kept, even one
            // produced inside already: it may keep a producer in the selection (one making
            // other papers or fields the plan needs) that the e-licence's minimal selection
            // leaves out, and ties go to the sorted ids before the positions.
            if (free_before && !needs_producer) {
                continue;
            }
            const bool can_produce = producible(material, decision.item);
            if (!needs_producer || produced_inside(material, decision.item) || can_produce) {
                options.push_back(static_cast<std::uint16_t>(a));
            }
            free_before =
                free_before || (unproduced_provision(materials[material], items[decision.item]) ==
                                    Provision::e_license &&
                                !can_produce);
        }
        order_alternatives(decision, options);
        if (alternatives.empty()) {
            fail(no_alternative_holds(decision.item, decision.need));
        } else if (options.empty()) {
            std::string list;
            for (Index material : alternatives) {
                list += (list.empty() ? "'" : ", '") + materials[material].id + "'";
            }
            fail({"no-provider",
                  "item '" + items[decision.item].id + "' needs one of " + list +
                      (items[decision.item].automatic
                           ? ", and none can be provided: the item is automatic, none is an "
                             "e-licence, and no applicable item produces one"
                           : ", and none can be provided: none is submittable or an "
                             "e-licence, and no applicable item produces one") +
                      made_only_by_itself(context_, alternatives, decision.item) +
                      no_provider_remedy(items[decision.item].automatic, false)});
        }
        return options;
    }
    std::vector<Index> producers;
    for (Index producer : context_.index.material_producers[decision.material]) {
        if (producer != decision.item && context_.applies(producer) == Truth::yes) {
            options.push_back(static_cast<std::uint16_t>(options.size()));
            producers.push_back(producer);
        }
    }
    order_producers(producers, options);
    if (options.empty()) {
        fail({"no-provider",
              "material '" + materials[decision.material].id + "' needed by item '" +
                  items[decision.item].id +
                  (items[decision.item].automatic
                       ? "' is not an e-licence and the item is automatic, and no applicable "
                         "item produces it"
                       : "' is neither submittable nor an e-licence, and no applicable "
                         "item produces it") +
                  made_only_by_itself(context_, std::span(&decision.material, 1), decision.item) +
                  no_provider_remedy(items[decision.item].automatic, false)});
    }
    return options;
}

void Searcher::order_alternatives(const Decision& decision,
                                  std::vector<std::uint16_t>& options) const {
    // Any order finds the optimum; a good first dive makes the bound prune early. Try first
    // what costs least on whichever of materials and days the objective ranks higher.
    const auto& objective = context_.bundle.optimize;
    const auto materials_at = std::find(objective.begin(), objective.end(), Metric::materials);
    const auto days_at = std::find(objective.begin(), objective.end(), Metric::days);
    const bool materials_first = materials_at < days_at;
    const auto& alternatives = context_.links(decision.item).material_needs[decision.need];
    const auto all_materials = context_.catalog.materials();
    auto key = [&](std::uint16_t option) {
        const Index material = alternatives[option];
        const bool inside = produced_inside(material, decision.item);
        const bool adds_items = context_.needs_producer(decision.item, material) && !inside;
        const bool submits =
            !inside &&
            unproduced_provision(all_materials[material],
                                 context_.links(decision.item).automatic) == Provision::submitted;
        return materials_first ? std::tuple(submits, adds_items, option)
                               : std::tuple(adds_items, submits, option);
    };
    std::stable_sort(options.begin(), options.end(),
                     [&](std::uint16_t a, std::uint16_t b) { return key(a) < key(b); });
}

void Searcher::order_producers(const std::vector<Index>& producers,
                               std::vector<std::uint16_t>& options) const {
    // Any order finds the optimum; the first dive goes better through the producer that drags
    // in the fewest items: its applicable prerequisites not selected yet, and its needs that
    // only a producer can meet and no selected item meets. (On the generated catalogs: 706
    // materials in the first plan of the 1,000-item closure instead of 723.)
    if (options.size() < 2) {
        return;
    }
    std::vector<std::pair<std::uint32_t, std::uint16_t>> keyed;
    keyed.reserve(options.size());
    for (std::uint16_t option : options) {
        const Index producer = producers[option];
        const ItemLinks& links = context_.links(producer);
        std::uint32_t drags = 0;
        for (Index prerequisite : links.prerequisites) {
            drags +=
                offset_[prerequisite] == not_member && context_.applies(prerequisite) == Truth::yes;
        }
        for (const auto& alternatives : links.material_needs) {
            const bool met = std::any_of(alternatives.begin(), alternatives.end(), [&](Index m) {
                return !context_.needs_producer(producer, m) || produced_inside(m, producer);
            });
            drags += !met;
        }
        keyed.emplace_back(drags, option);
    }
    std::sort(keyed.begin(), keyed.end());
    for (std::size_t k = 0; k < keyed.size(); ++k) {
        options[k] = keyed[k].second;
    }
}

void Searcher::apply(const Decision& decision, std::uint16_t option) {
    if (decision.kind == Decision::Kind::alternative) {
        const std::size_t at = static_cast<std::size_t>(offset_[decision.item]) + decision.need;
        choices_[at] = option;
        log_.push_back(at);
        return;
    }
    std::uint16_t seen = 0;
    for (Index producer : context_.index.material_producers[decision.material]) {
        if (producer != decision.item && context_.applies(producer) == Truth::yes) {
            if (seen++ == option) {
                add_item(producer);
                return;
            }
        }
    }
}

void Searcher::restore(const Checkpoint& to) {
    while (log_.size() > to.log) {
        choices_[log_.back()] = undecided;
        log_.pop_back();
    }
    while (members_.size() > to.members) {
        offset_.set(members_.back(), not_member);
        position_.set(members_.back(), no_position);
        members_.pop_back();
    }
    choices_.resize(to.choices);
    alternative_ = to.alternative;
    producer_ = to.producer;
}

Selection Searcher::snapshot() const {
    Selection selection;
    selection.items = members_;
    std::sort(selection.items.begin(), selection.items.end());
    selection.choices.reserve(selection.items.size());
    for (Index item : selection.items) {
        const std::size_t start = static_cast<std::size_t>(offset_[item]);
        const std::size_t count = context_.links(item).material_needs.size();
        selection.choices.emplace_back(
            choices_.begin() + static_cast<std::ptrdiff_t>(start),
            choices_.begin() + static_cast<std::ptrdiff_t>(start + count));
    }
    return selection;
}

bool Searcher::better(const Selection& selection, const Evaluation& evaluation) const {
    if (!result_.best) {
        return true;
    }
    const int order = compare_with_best(evaluation.after);
    return order != 0 ? order < 0 : wins_tie(selection);
}

bool Searcher::wins_tie(const Selection& selection) const {
    if (selection.items != result_.best->items) {
        return selection.items < result_.best->items;
    }
    return selection.choices < result_.best->choices;
}

Failure Searcher::no_alternative_holds(Index item, std::size_t need) const {
    const Item& written = context_.catalog.items()[item];
    const MaterialNeed& any_of = written.needs_materials[context_.written_need(item, need)];
    std::string list;
    for (const Ref& alternative : any_of.alternatives) {
        list += (list.empty() ? "'" : ", '") + alternative.id + "'";
    }
    const Location& at = any_of.location;
    return {"no-provider", "item '" + written.id + "' needs one of " + list + " (" + at.file.str() +
                               ":" + std::to_string(at.line) + ":" + std::to_string(at.column) +
                               "), and the 'when' of every alternative is false for this "
                               "applicant: no alternative can be chosen"};
}

void Searcher::fail(Failure failure) {
    if (!result_.failure) {
        result_.failure = std::move(failure);
    }
}

bool Searcher::worth_exploring() {
    // Branch and bound: every completion's metrics are at least the partial lower bounds, so
    // a branch whose bounds are lexicographically worse than the best plan cannot win.
    if (!result_.best) {
        return true;
    }
    // Lower bounds of every completion, computed from the search state (plan/bounds.hpp).
    result_.work += members_.size();
    const bool first_bound = scratch_.joinable_count() == 0;
    auto bounds = scratch_.after(view(), true);
    if (first_bound) {
        result_.work += reach_weight * scratch_.joinable_count();
    }
    if (!bounds) {
        return false;  // a cycle already: every completion has it too
    }
    return compare_with_best(*bounds) <= 0;
}

bool Searcher::first_bound_unaffordable() const {
    // The first bound check makes the reach tables, at about reach_weight per joinable item,
    // at least one per item of the plan found. A search that could not pay for them within
    // its work bound stops at its first plan rather than spend the time for nothing.
    if (!result_.best || scratch_.joinable_count() != 0) {
        return false;
    }
    const std::uint64_t size = result_.best->items.size();
    return result_.work + (reach_weight + 1) * size >= max_work_;
}

int Searcher::compare_with_best(const Metrics& after) const {
    // The `optimize` tuple, lexicographically: negative when `after` is better, 0 on a tie.
    // Days are compared as published: durations summed in binary floating point must tie
    // where their decimal sums do.
    for (Metric metric : context_.bundle.optimize) {
        double mine = after.get(metric);
        double best = result_.evaluation.after.get(metric);
        if (metric == Metric::days) {
            mine = published_days(mine);
            best = published_days(best);
        }
        if (mine != best) {
            return mine < best ? -1 : 1;
        }
    }
    return 0;
}

void Searcher::visit_leaf() {
    std::optional<Metrics> after;
    if (result_.best) {
        // Once a plan exists, a leaf that is worse on the objective, or fails, can neither
        // replace it nor be reported: skip its snapshot, minimality check and full evaluation.
        result_.work += members_.size();
        after = scratch_.after(view(), false);
        if (!after || compare_with_best(*after) > 0) {
            return;
        }
    }
    Selection selection = snapshot();
    // A selection holding redundant producers keeps its choices with those dropped: a valid
    // candidate, so even the first dive of the search yields a plan (the search still reaches
    // every minimal selection as a leaf of its own).
    const std::size_t unrepaired = selection.items.size();
    minimality_.make_minimal(selection);
    if (after && selection.items.size() == unrepaired && compare_with_best(*after) == 0 &&
        !wins_tie(selection)) {
        // Minimal as it stands, its metrics are exactly `after` (plan/bounds.hpp): it ties the
        // best plan and loses the tie-break, so its full evaluation cannot change anything.
        result_.work += tie_leaf_weight * selection.items.size();
        return;
    }
    Evaluation evaluation;
    result_.work += full_leaf_weight * selection.items.size();
    if (auto failure = evaluate(context_, selection, evaluation)) {
        fail(std::move(*failure));
        return;
    }
    if (better(selection, evaluation)) {
        result_.best = std::move(selection);
        result_.evaluation = std::move(evaluation);
    }
}

void Searcher::expand() {
    // Decisions with a single option are applied at once, without a search node or a frame;
    // the bound is checked where the search branches and at the leaf.
    for (;;) {
        const Decision decision = next_decision();
        if (decision.kind == Decision::Kind::none) {
            visit_leaf();  // checks the exact after-metrics against the best plan
            return;
        }
        std::vector<std::uint16_t> options = options_for(decision);
        if (options.empty()) {
            return;
        }
        if (options.size() == 1) {
            apply(decision, options.front());
            continue;
        }
        if (!worth_exploring()) {
            return;
        }
        Frame frame;
        frame.decision = decision;
        frame.options = std::move(options);
        frame.checkpoint = checkpoint();
        stack_.push_back(std::move(frame));
        return;
    }
}

SearchResult Searcher::run() {
    for (Index goal : context_.goals) {
        add_item(goal);
    }
    expand();
    // Past a bound with no plan yet, the search goes on: a descent (the first option of a
    // new decision) always, so the greedy dive reaches its leaf at any bound; a retreat to a
    // later option only while within ten times both bounds.
    auto times_ten = [](std::uint64_t bound) {
        return bound > std::numeric_limits<std::uint64_t>::max() / 10 ? bound : bound * 10;
    };
    const std::uint64_t retreat_limit = times_ten(max_nodes_);
    const std::uint64_t work_limit = times_ten(max_work_);
    std::uint64_t retreats = 0;
    while (!stack_.empty()) {
        Frame& frame = stack_.back();
        restore(frame.checkpoint);
        if (frame.next == frame.options.size()) {
            stack_.pop_back();
            continue;
        }
        const bool past_bound =
            result_.nodes >= max_nodes_ || result_.work >= max_work_ || first_bound_unaffordable();
        const bool give_up =
            result_.best ||
            (frame.next > 0 && (++retreats > retreat_limit || result_.work >= work_limit));
        if (past_bound && give_up) {
            result_.optimal = false;
            break;
        }
        ++result_.nodes;
        const std::uint16_t option = frame.options[frame.next++];
        apply(frame.decision, option);
        expand();
    }
    restore({});
    if (result_.best) {
        result_.failure.reset();
    }
    return std::move(result_);
}

}  // namespace

SearchResult search(const PlanContext& context, const PlanOptions& options) {
    Searcher searcher(context, options);
    return searcher.run();
}

}  // namespace onething::detail
