// The what-if model: the candidate changes of a catalog, each planned across every bundle and
// test case (the report's rows), ranked by what it saves, and the greedy best set.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_set>
#include <utility>
#include <vector>

#include "model/catalog_edit.hpp"
#include "onething/error.hpp"
#include "onething/report.hpp"
#include "onething/whatif.hpp"
#include "whatif/reach.hpp"

namespace onething {

const char* to_string(ChangeKind kind) {
    switch (kind) {
        case ChangeKind::e_license:
            return "e_license";
        case ChangeKind::shared:
            return "shared";
        case ChangeKind::online:
            return "online";
        case ChangeKind::duration:
            return "duration";
    }
    return "e_license";
}

namespace {

/// The savings as the tuple they are ranked by.
auto rank_key(const Savings& saves) {
    return std::make_tuple(saves.visits, saves.materials, saves.fields, saves.days);
}

/// True when the savings save anything: the first metric that differs from 0 is above it.
bool saves_something(const Savings& saves) {
    return rank_key(saves) > std::make_tuple(0.0, 0.0, 0.0, 0.0);
}

/// Rounds away the floating-point noise of sums of means (a saving of 1e-15 is none).
double tidy(double value) {
    const double rounded = std::round(value * 1e6) / 1e6;
    return rounded == 0 ? 0 : rounded;
}

/// The bundle's weight: its `annual_cases` where given, else one application.
double weight_of(const Catalog& catalog, const std::string& id) {
    const Bundle* bundle = catalog.find_bundle(id);
    return bundle && bundle->annual_cases ? static_cast<double>(*bundle->annual_cases) : 1.0;
}

/// The rows of a report by bundle id, in the report's order.
using RowsByBundle = std::map<std::string, std::vector<const ReportRow*>>;

/// The rows of `report` by bundle.
RowsByBundle rows_by_bundle(const Report& report) {
    RowsByBundle rows;
    for (const ReportRow& row : report.rows) {
        rows[row.bundle].push_back(&row);
    }
    return rows;
}

/// What a change saves in one bundle: the mean over its rows, and that times its weight.
struct BundleSaving {
    Savings mean;      ///< per application
    Savings weighted;  ///< times `annual_cases` (or one)
};

/// Savings by bundle id.
using PerBundle = std::map<std::string, BundleSaving>;

/// What `changed` saves against `baseline` in each bundle `changed` plans (the same scenarios;
/// the bundles it does not plan are unchanged and save nothing).
PerBundle per_bundle(const Catalog& catalog, const RowsByBundle& baseline, const Report& changed) {
    PerBundle out;
    for (const auto& [id, after_rows] : rows_by_bundle(changed)) {
        const std::vector<const ReportRow*>& before_rows = baseline.at(id);
        Savings sum;
        for (std::size_t index = 0; index < before_rows.size(); ++index) {
            const ReportRow& before = *before_rows[index];
            const ReportRow& after = *after_rows.at(index);
            if (!before.error.empty() || !after.error.empty()) {
                continue;  // a row that fails to plan saves nothing
            }
            sum.visits += before.after.visits - after.after.visits;
            sum.materials += before.after.materials - after.after.materials;
            sum.fields += before.after.fields - after.after.fields;
            sum.days += before.after.days - after.after.days;
        }
        const auto rows = static_cast<double>(before_rows.size());
        const double weight = weight_of(catalog, id);
        const Savings mean{sum.visits / rows, sum.materials / rows, sum.fields / rows,
                           sum.days / rows};
        out[id] = {mean,
                   {mean.visits * weight, mean.materials * weight, mean.fields * weight,
                    mean.days * weight}};
    }
    return out;
}

/// The total of savings by bundle, and the bundles where it saves anything.
std::pair<Savings, std::vector<std::string>> summarize(const PerBundle& savings) {
    Savings total;
    std::vector<std::string> helped;
    for (const auto& [id, saving] : savings) {
        const Savings& mean = saving.mean;
        if (tidy(mean.visits) > 0 || tidy(mean.materials) > 0 || tidy(mean.fields) > 0 ||
            tidy(mean.days) > 0) {
            helped.push_back(id);
        }
        total.visits += saving.weighted.visits;
        total.materials += saving.weighted.materials;
        total.fields += saving.weighted.fields;
        total.days += saving.weighted.days;
    }
    total = {tidy(total.visits), tidy(total.materials), tidy(total.fields), tidy(total.days)};
    return {total, helped};
}

/// Throws InputError "unknown-change" unless `catalog` defines the target of `change`.
void check_target(const Catalog& catalog, const Change& change) {
    bool defined = false;
    switch (change.kind) {
        case ChangeKind::e_license:
            defined = catalog.find_material(change.target) != nullptr;
            break;
        case ChangeKind::shared:
            defined = catalog.find_field(change.target) != nullptr;
            break;
        case ChangeKind::online:
        case ChangeKind::duration:
            defined = catalog.find_item(change.target) != nullptr;
            break;
    }
    if (!defined) {
        throw InputError("unknown-change",
                         std::string("what-if change '") + to_string(change.kind) + "' names '" +
                             change.target + "', which the catalog does not define");
    }
}

/// The position of `definition` in its section `section`.
template <typename Definition>
detail::Index position_in(std::span<const Definition> section, const Definition* definition) {
    return static_cast<detail::Index>(definition - section.data());
}

/// Changes applied to the catalog of an editor, undone in reverse order when this goes: each
/// change is planned in one private copy of the catalog, changed and changed back, rather than
/// in a copy of its own.
class AppliedChanges {
  public:
    /// Applies `changes` (their targets defined: see check_target) to `editor`'s catalog.
    AppliedChanges(detail::CatalogEditor& editor, std::span<const Change> changes)
        : editor_(editor) {
        undo_.reserve(changes.size());
        try {
            for (const Change& change : changes) {
                apply(change);
            }
        } catch (...) {
            undo();  // the destructor of a constructor that throws does not run
            throw;
        }
    }
    AppliedChanges(const AppliedChanges&) = delete;
    AppliedChanges& operator=(const AppliedChanges&) = delete;
    /// Restores every definition the changes touched.
    ~AppliedChanges() { undo(); }

  private:
    /// Restores the changed definitions, the last changed first.
    void undo() noexcept {
        for (auto before = undo_.rbegin(); before != undo_.rend(); ++before) {
            set(*before, false);
        }
        undo_.clear();
    }

    /// What a change sets, as it was before the change: only the members of its kind matter.
    struct Before {
        ChangeKind kind = ChangeKind::e_license;
        detail::Index position = 0;      ///< of the changed definition in its section
        bool e_license = false;          ///< e_license: the material's
        FieldSource source{};            ///< shared: the field's
        bool in_person = false;          ///< online: the item's
        int visits = 0;                  ///< online: the item's
        std::vector<Channel> channels;   ///< online: the item's
        std::optional<double> duration;  ///< duration: the item's bundled duration
    };

    /// Records what `change` will set, then sets it.
    void apply(const Change& change) {
        const Catalog& catalog = editor_.catalog();
        Before before;
        before.kind = change.kind;
        if (change.kind == ChangeKind::e_license) {
            const Material& material = *catalog.find_material(change.target);
            before.position = position_in(catalog.materials(), &material);
            before.e_license = material.e_license;
        } else if (change.kind == ChangeKind::shared) {
            const Field& field = *catalog.find_field(change.target);
            before.position = position_in(catalog.fields(), &field);
            before.source = field.source;
        } else {
            const Item& item = *catalog.find_item(change.target);
            before.position = position_in(catalog.items(), &item);
            before.in_person = item.in_person;
            before.visits = item.visits;
            before.channels = item.channels;
            before.duration = item.bundled_duration_days;
        }
        undo_.push_back(std::move(before));  // reserved: no throw between the record and the set
        set(undo_.back(), true);
    }

    /// Sets what `before` records: the change's value when `changed`, else the one it had.
    void set(Before& before, bool changed) {
        switch (before.kind) {
            case ChangeKind::e_license:
                editor_.set_e_license(before.position, changed || before.e_license);
                break;
            case ChangeKind::shared:
                editor_.set_source(before.position, changed ? FieldSource::shared : before.source);
                break;
            case ChangeKind::online:
                if (changed) {
                    std::vector<Channel> channels = before.channels;
                    if (std::find(channels.begin(), channels.end(), Channel::online) ==
                        channels.end()) {
                        channels.insert(channels.begin(), Channel::online);
                    }
                    editor_.set_attendance(before.position, false, 0, std::move(channels));
                } else {
                    editor_.set_attendance(before.position, before.in_person, before.visits,
                                           std::move(before.channels));
                }
                break;
            case ChangeKind::duration:
                editor_.set_bundled_duration(before.position,
                                             changed ? std::optional(0.0) : before.duration);
                break;
        }
    }

    detail::CatalogEditor& editor_;
    std::vector<Before> undo_;
};

/// The report rows of the catalog with `changes` applied, for the bundles in `bundles` only
/// (the report's own scenarios: every test case of those bundles, else their defaults), planned
/// in `editor`'s copy of the catalog, which is as it was again afterwards.
Report changed_rows(detail::CatalogEditor& editor, std::span<const Change> changes,
                    const std::set<std::string>& bundles, const PlanOptions& search) {
    if (bundles.empty()) {
        return {};
    }
    const AppliedChanges applied(editor, changes);
    const std::vector<std::string> ids(bundles.begin(), bundles.end());
    return bundles_report(editor.catalog(), ids, true, search);
}

/// The ids of the materials (any alternative) and of the fields some item needs.
std::pair<std::unordered_set<std::string_view>, std::unordered_set<std::string_view>> needed(
    const Catalog& catalog) {
    std::unordered_set<std::string_view> materials;
    std::unordered_set<std::string_view> fields;
    for (const Item& item : catalog.items()) {
        for (const MaterialNeed& need : item.needs_materials) {
            for (const Ref& alternative : need.alternatives) {
                materials.insert(alternative.id);
            }
        }
        for (const FieldNeed& need : item.needs_fields) {
            fields.insert(need.field.id);
        }
    }
    return {std::move(materials), std::move(fields)};
}

}  // namespace

bool ranks_before(const RankedChange& a, const RankedChange& b) {
    const auto key_a = rank_key(a.saves);
    const auto key_b = rank_key(b.saves);
    if (key_a != key_b) {
        return key_a > key_b;
    }
    if (a.change.kind != b.change.kind) {
        return a.change.kind < b.change.kind;
    }
    return a.change.target < b.change.target;
}

std::vector<Change> candidate_changes(const Catalog& catalog) {
    std::vector<Change> changes;
    const auto [needed_materials, needed_fields] = needed(catalog);
    for (const Material& material : catalog.materials()) {
        // A material only an item can produce is never handed in: no e-licence to make.
        if (!material.e_license && material.submittable &&
            needed_materials.count(material.id) != 0) {
            changes.push_back({ChangeKind::e_license, material.id});
        }
    }
    for (const Field& field : catalog.fields()) {
        if (field.source == FieldSource::applicant && needed_fields.count(field.id) != 0) {
            changes.push_back({ChangeKind::shared, field.id});
        }
    }
    for (const Item& item : catalog.items()) {
        // Bundled visits come from in-person items (an automatic one needs no one present).
        if (item.makes_visits()) {
            changes.push_back({ChangeKind::online, item.id});
        }
    }
    for (const Item& item : catalog.items()) {
        if (item.bundled_duration_days.value_or(item.duration_days) > 0) {
            changes.push_back({ChangeKind::duration, item.id});
        }
    }
    return changes;
}

Catalog changed_catalog(const Catalog& catalog, const std::vector<Change>& changes) {
    for (const Change& change : changes) {
        check_target(catalog, change);
    }
    detail::CatalogEditor editor(catalog);
    const AppliedChanges applied(editor, changes);
    // The changed catalog, built again from its definitions: its own, not the editor's.
    return detail::copy_of(editor.catalog());
}

WhatIf what_if(const Catalog& catalog, const WhatIfOptions& options) {
    WhatIf result;
    for (const Bundle& bundle : catalog.bundles()) {
        result.weighted = result.weighted || bundle.annual_cases.has_value();
    }
    const Report baseline_report = catalog_report(catalog, true, options.search);
    result.scenarios = baseline_report.rows.size();
    for (const ReportRow& row : baseline_report.rows) {
        if (!row.error.empty()) {
            result.unplanned.push_back(row);
        }
    }
    const RowsByBundle baseline = rows_by_bundle(baseline_report);
    const detail::Reach reach(catalog);
    // Every change is planned in this one private copy, changed and changed back.
    detail::CatalogEditor editor(catalog);
    const std::vector<Change> candidates = candidate_changes(catalog);
    result.candidates = candidates.size();

    // Progress counts the candidates, then the greedy steps (at most `combine`).
    const std::size_t work = candidates.size() + options.combine;
    // Every single change against the unchanged catalog, with its savings by bundle and the
    // bundles it touches (for the greedy set).
    struct Single {
        RankedChange ranked;
        PerBundle by_bundle;
        std::set<std::string> touched;
    };
    std::vector<Single> singles;
    for (std::size_t index = 0; index < candidates.size(); ++index) {
        const Change& change = candidates[index];
        std::set<std::string> touched = reach.touched_bundles(change);
        PerBundle by_bundle =
            per_bundle(catalog, baseline,
                       changed_rows(editor, std::span(&change, 1), touched, options.search));
        auto [saves, bundles] = summarize(by_bundle);
        if (saves_something(saves)) {
            singles.push_back(
                {{change, saves, std::move(bundles)}, std::move(by_bundle), std::move(touched)});
        }
        if (options.progress) {
            options.progress(index + 1, work);
        }
    }
    std::sort(singles.begin(), singles.end(),
              [](const Single& a, const Single& b) { return ranks_before(a.ranked, b.ranked); });

    // The greedy set: at each step, the helpful change that saves most together with the
    // changes already chosen; it stops early when no further change adds anything. Savings add
    // up by bundle, so a change touching none of the chosen changes' bundles keeps its single
    // savings there, and only the bundles a change touches are planned again.
    std::vector<Change> chosen;
    std::set<std::string> chosen_touched;
    PerBundle so_far_by_bundle;
    Savings so_far;
    std::vector<bool> used(singles.size(), false);
    for (std::size_t step = 0; step < options.combine && step < singles.size(); ++step) {
        std::optional<RankedChange> best;
        PerBundle best_by_bundle;
        std::size_t best_index = 0;
        for (std::size_t index = 0; index < singles.size(); ++index) {
            if (used[index]) {
                continue;
            }
            const Single& single = singles[index];
            const bool overlaps = std::any_of(
                single.touched.begin(), single.touched.end(),
                [&chosen_touched](const std::string& id) { return chosen_touched.count(id); });
            PerBundle trial = so_far_by_bundle;
            if (overlaps) {
                std::vector<Change> changes = chosen;
                changes.push_back(single.ranked.change);
                for (auto& [id, saving] :
                     per_bundle(catalog, baseline,
                                changed_rows(editor, changes, single.touched, options.search))) {
                    trial[id] = saving;
                }
            } else {
                for (const auto& [id, saving] : single.by_bundle) {
                    trial[id] = saving;
                }
            }
            auto [saves, bundles] = summarize(trial);
            RankedChange candidate{single.ranked.change, saves, std::move(bundles)};
            if (!best || ranks_before(candidate, *best)) {
                best = std::move(candidate);
                best_by_bundle = std::move(trial);
                best_index = index;
            }
        }
        if (!best || rank_key(best->saves) <= rank_key(so_far)) {
            break;
        }
        used[best_index] = true;
        chosen.push_back(best->change);
        chosen_touched.insert(singles[best_index].touched.begin(),
                              singles[best_index].touched.end());
        so_far = best->saves;
        so_far_by_bundle = std::move(best_by_bundle);
        result.combined.push_back(std::move(*best));
        if (options.progress) {
            options.progress(candidates.size() + step + 1, work);
        }
    }
    if (options.progress) {
        options.progress(work, work);  // done, also when the greedy set stopped early
    }

    std::vector<RankedChange> helpful;
    for (Single& single : singles) {
        helpful.push_back(std::move(single.ranked));
    }
    if (helpful.size() > options.top) {
        helpful.resize(options.top);
    }
    result.changes = std::move(helpful);
    return result;
}

}  // namespace onething
