// What-if analysis: every single change of the catalog that could shorten a bundle (a submitted
// material made an e-licence, an asked field made shared, an in-person item made online, an
// item given a bundled duration of 0), planned across every bundle and test case and ranked by
// what it saves; then the best set of changes together, chosen greedily.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "onething/catalog.hpp"
#include "onething/plan.hpp"
#include "onething/report.hpp"

namespace onething {

/// The kind of a single change.
enum class ChangeKind {
    e_license,  ///< a material some item needs made an e-licence (`e_license: true`)
    shared,     ///< a field some item asks made shared (`source: shared`)
    online,     ///< an in-person item made online (`in_person: false`, `online` added, 0 visits)
    duration,   ///< an item given a bundled duration of 0 (`bundled_duration_days: 0`)
};

/// The kind's name in outputs: "e_license", "shared", "online", "duration".
const char* to_string(ChangeKind kind);

/// One change of one definition.
struct Change {
    ChangeKind kind = ChangeKind::e_license;  ///< what is changed
    std::string target;                       ///< the material, field or item id
};

/// What a change (or a set of changes) saves, summed over the bundles' weighted rows.
struct Savings {
    double visits = 0;     ///< trips to an office
    double materials = 0;  ///< materials handed in
    double fields = 0;     ///< form fields asked
    double days = 0;       ///< working days to the outcome
};

/// A change with what it saves and the bundles it helps (saves anything in), sorted by id.
struct RankedChange {
    Change change;                     ///< the change
    Savings saves;                     ///< weighted savings across every bundle
    std::vector<std::string> bundles;  ///< the bundles it helps
};

/// The what-if analysis of a catalog.
struct WhatIf {
    std::vector<RankedChange> changes;   ///< every candidate that saves something, best first
    std::size_t candidates = 0;          ///< candidate changes planned
    std::size_t scenarios = 0;           ///< rows planned per catalog (bundles and test cases)
    std::vector<RankedChange> combined;  ///< the greedy set: each step's change and the total
                                         ///< saved by the steps so far (cumulative)
    bool weighted = false;               ///< true when some bundle gives `annual_cases`
    std::vector<ReportRow> unplanned;    ///< rows the unchanged catalog cannot plan: they save
                                         ///< nothing, whatever the change
};

/// What to analyse: how many changes to list, how many to combine, and progress.
struct WhatIfOptions {
    std::size_t top = 10;     ///< list the best `top` changes (all when 0 is never passed)
    std::size_t combine = 5;  ///< greedy set of up to this many changes (0: none)
    PlanOptions search;       ///< the optimizer's bounds for every plan
    /// Called with (done, total) after each candidate is planned and each greedy step (total:
    /// the candidates plus `combine`), and once with done == total at the end; may be empty.
    std::function<void(std::size_t, std::size_t)> progress;
};

/// True when `a` ranks before `b`: more visits saved, then materials, fields, days, then kind
/// and target id.
bool ranks_before(const RankedChange& a, const RankedChange& b);

/// The single changes that could matter in `catalog`, by kind and then target id.
std::vector<Change> candidate_changes(const Catalog& catalog);

/// A copy of `catalog` with `changes` applied. Throws InputError "unknown-change" naming a
/// target that is not in the catalog.
Catalog changed_catalog(const Catalog& catalog, const std::vector<Change>& changes);

/// Plans every bundle and test case (the report's rows, every case) with each candidate change
/// and ranks the changes by what they save against the unchanged catalog. A bundle's saving is
/// the mean over its rows times its `annual_cases` where given (a bundle without one counts as
/// one application a year); rows that fail to plan, before or after, save nothing. Keeps the
/// best `options.top` changes and the greedy set of `options.combine`.
WhatIf what_if(const Catalog& catalog, const WhatIfOptions& options = {});

/// The analysis as aligned text; bundle names in `language`.
std::string whatif_to_text(const WhatIf& whatif, const Catalog& catalog, std::string_view language);
/// The analysis as Markdown tables; bundle names in `language`.
std::string whatif_to_markdown(const WhatIf& whatif, const Catalog& catalog,
                               std::string_view language);
/// The analysis as JSON: `{"changes": [{"kind", "target", "name", "saves": {"visits",
/// "materials", "fields", "days"}, "bundles": [...]}], "combined": {"greedy": true, "steps":
/// [...]}, "weighted", "candidates", "scenarios"}`, best first.
std::string whatif_to_json(const WhatIf& whatif, const Catalog& catalog, std::string_view language);

}  // namespace onething
