// Planning: from a bundle and an applicant's facts to an optimal, scheduled DAG of items.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "onething/catalog.hpp"
#include "onething/value.hpp"

namespace onething {

/// The applicant's answers: fact id → value (typed as the fact declares).
using Facts = std::map<std::string, Value>;

/// Settings of the planner. The defaults keep a plan within milliseconds (a service plans on
/// every request); `thorough()` lets the optimizer prove more plans optimal (docs/planning.md).
struct PlanOptions {
    /// Search nodes the exact optimizer may visit; past it the best plan found so far (or a
    /// greedy completion) is returned with `optimal == false` (docs/planning.md).
    std::uint64_t max_search_nodes = 20'000;
    /// Work the optimizer may do, counted as the selected items each bound and leaf check
    /// reads (a node of a 1,000-item selection costs 1,000; a leaf evaluated in full, 8 per
    /// item); past it, as past the node bound. Deterministic, unlike a time limit. The
    /// default is about a millisecond of search: small bundles are proven optimal, a
    /// 1,000-item closure gets its first plan.
    std::uint64_t max_search_work = 10'000;

    /// Bounds for analysts and rule authors: up to about a second of search, which proves
    /// the optimum of bundles of a hundred items and more.
    static constexpr PlanOptions thorough() { return {20'000, 2'000'000}; }
};

/// The six metrics of the contract; counts are whole numbers, days may be fractional.
struct Metrics {
    double steps = 0;      ///< applicant-facing steps
    double forms = 0;      ///< application forms
    double fields = 0;     ///< form fields
    double materials = 0;  ///< materials handed in
    double visits = 0;     ///< trips to an office
    double days = 0;       ///< working days to the outcome
    /// The value of one metric.
    double get(Metric metric) const;
};

/// An id of an item, material or field in a plan: a view of text the plan owns (`Plan::text`)
/// or, in a plan built by hand, of text that outlives it. Copying a plan copies no strings.
using PlanId = std::string_view;

/// How a material or field reaches the items that need it.
enum class Provision {
    produced,   ///< an item of the plan produces it (an edge)
    e_license,  ///< retrieved from the electronic licence library (materials)
    submitted,  ///< handed in by the applicant (materials)
    shared,     ///< prefilled from shared data (fields)
    asked,      ///< asked on the merged form (fields)
};

/// The word for a provision in outputs: "produced", "e_license", ...
const char* to_string(Provision provision);

/// Why an item is in the plan.
struct Reason {
    /// The rule that selected the item.
    enum class Kind { goal, prerequisite, producer } kind = Kind::goal;
    PlanId item;      ///< prerequisite/producer: the item that needs it
    PlanId material;  ///< producer: the material produced for `item`
};

/// One selected item with its schedule.
struct PlannedItem {
    PlanId id;                    ///< the item
    bool deferred = false;        ///< finished after the outcome (bundle `defer`)
    int stage = 0;                ///< 0-based longest-path level
    double earliest_start = 0;    ///< working days from the start
    double earliest_finish = 0;   ///< earliest_start + duration
    double latest_start = 0;      ///< without delaying the outcome (or completion if deferred)
    double latest_finish = 0;     ///< latest_start + duration
    double slack = 0;             ///< latest_start - earliest_start
    bool critical = false;        ///< on the critical path of the outcome
    std::vector<PlanId> after;    ///< direct predecessors, sorted
    std::vector<Reason> reasons;  ///< why it is selected, sorted
    /// Positions in the item's `needs.fields` of the needs whose `when` is false (1.1): they do
    /// not exist for this plan, and the merged form leaves their narrowing out. Ascending.
    std::vector<std::uint32_t> absent_field_needs;
};

/// Why a dependency edge exists.
enum class EdgeKind { prerequisite, material, field };

/// A dependency edge: `from` must finish before `to` starts.
struct PlanEdge {
    PlanId from;                             ///< the producer or prerequisite
    PlanId to;                               ///< the consumer
    EdgeKind kind = EdgeKind::prerequisite;  ///< why
    PlanId via;                              ///< the material or field (empty for prerequisites)
};

/// How one material of the plan is provided, and who needs it.
struct MaterialUse {
    PlanId material;                             ///< the material
    Provision provision = Provision::submitted;  ///< produced, e_license or submitted
    std::vector<PlanId> producers;               ///< items producing it (produced only)
    std::vector<PlanId> needed_by;               ///< items needing it, sorted
};

/// How one field of the plan is provided, and who needs it.
struct FieldUse {
    PlanId field;                            ///< the field
    Provision provision = Provision::asked;  ///< produced, shared or asked
    std::vector<PlanId> producers;           ///< items producing it (produced only)
    std::vector<PlanId> needed_by;           ///< items needing it, sorted
};

/// The alternative chosen for one `any_of` need.
struct Choice {
    PlanId item;                       ///< the needing item
    int need = 0;                      ///< position of the need in needs.materials
    std::vector<PlanId> alternatives;  ///< the alternatives in order
    int chosen = 0;                    ///< position of the chosen one
};

/// An item the bundle mentions that is not in the plan, and why.
struct Exclusion {
    std::string item;       ///< the goal or prerequisite left out
    std::string role;       ///< "goal" or "prerequisite of <id>"
    std::string condition;  ///< its `when`, which is false
};

/// A plan: a value, independent of the catalog once made. Its ids (`PlanId`) view `text`,
/// which every copy of the plan shares.
struct Plan {
    std::shared_ptr<const void> text;         ///< owns the characters the ids view
    std::string bundle;                       ///< the bundle planned
    std::vector<Metric> optimize;             ///< the objective used
    bool optimal = true;                      ///< false when the search bound was reached
    std::uint64_t search_nodes = 0;           ///< nodes the optimizer visited
    std::uint64_t search_work = 0;            ///< work the optimizer did (PlanOptions)
    std::vector<PlannedItem> items;           ///< selected items, sorted by id
    std::vector<PlanEdge> edges;              ///< dependency edges, sorted
    std::vector<std::vector<PlanId>> stages;  ///< items per stage, sorted
    std::vector<PlanId> critical_path;        ///< from the first item to the outcome
    double outcome_days = 0;                  ///< finish of the last item not deferred
    double completion_days = 0;               ///< finish of the last item, deferred included
    Metrics before;                           ///< every item on its own
    Metrics after;                            ///< bundled
    std::vector<MaterialUse> materials;       ///< every needed material, sorted
    std::vector<FieldUse> fields;             ///< every needed field, sorted
    std::vector<Choice> choices;              ///< `any_of` decisions, by item and need
    std::vector<Exclusion> excluded;          ///< goals and prerequisites left out

    /// The planned item with this id, or nullptr.
    const PlannedItem* find(std::string_view id) const;
    /// Ids of the fields asked on the merged form, sorted.
    std::vector<std::string> asked_fields() const;
    /// Ids of the materials the applicant submits, sorted.
    std::vector<std::string> submitted_materials() const;
};

/// Makes the optimal plan for `bundle` given `facts`. Throws InputError for an unknown
/// bundle or a bad fact, PlanError ("cycle", "no-provider", "deferred-dependency",
/// "not-applicable", "undecided") when the rules give no plan. Thread-safe: many threads may
/// plan on one catalog at once.
Plan make_plan(const Catalog& catalog, std::string_view bundle, const Facts& facts,
               const PlanOptions& options = {});

/// A fact the planner still needs, and how much it decides.
struct Question {
    std::string fact;                    ///< the fact id
    Text question;                       ///< what to ask
    std::vector<std::string> items;      ///< items whose condition reads it and is unknown, sorted
    FactType type = FactType::boolean;   ///< the fact's type
    std::vector<std::string> values;     ///< allowed values (enum)
    std::map<std::string, Text> labels;  ///< value → display text (enum; where declared)
    std::optional<Value> default_value;  ///< the declared default: taken until answered
    bool gate = false;                   ///< read by the bundle's `when`, still undecided
};

/// The guide (rule-format.md, "Guidance"): every fact the applicant has not answered (a
/// default is not an answer) read by a condition that can still change the plan and is not
/// decided by the answers alone: the bundle's `when` and the `when` of every possible item,
/// need and alternative. Facts of the bundle's `when` first while it is undecided, then the
/// fact that decides the most items, then by fact id. Empty when the answers decide
/// everything or the bundle is not for the applicant. Throws InputError like make_plan.
std::vector<Question> open_questions(const Catalog& catalog, std::string_view bundle,
                                     const Facts& facts);

/// Checks facts like `resolve_facts` without applying defaults: the answers only, indexed
/// like `Catalog::facts()`.
FactValues answered_facts(const Catalog& catalog, const Facts& facts);

/// Checks and completes facts: unknown ids and values not of the fact's type are InputErrors
/// worded as for a facts file (an int is also a number; a string is read as quoted text, so a
/// YYYY-MM-DD string is also a date); defaults are applied; the result is indexed like
/// `Catalog::facts()`.
FactValues resolve_facts(const Catalog& catalog, const Facts& facts);

}  // namespace onething
