// Coverage of the rules by the `tests:` cases: which possible items, condition outcomes, `any_of`
// alternatives and deferrals the cases exercise (docs/testing.md).
#include "rule_tests/coverage.hpp"

#include <algorithm>

#include "model/provision_rule.hpp"
#include "onething/error.hpp"

namespace onething {

const char* to_string(CoverageKind kind) {
    switch (kind) {
        case CoverageKind::item:
            return "item";
        case CoverageKind::condition:
            return "condition";
        case CoverageKind::alternative:
            return "alternative";
        case CoverageKind::deferral:
            return "deferral";
    }
    return "item";
}

const char* to_string(ConditionSite site) {
    switch (site) {
        case ConditionSite::none:
            return "none";
        case ConditionSite::bundle:
            return "bundle";
        case ConditionSite::item:
            return "item";
        case ConditionSite::item_need:
            return "item_need";
        case ConditionSite::material_need:
            return "material_need";
        case ConditionSite::alternative:
            return "alternative";
        case ConditionSite::field_need:
            return "field_need";
    }
    return "none";
}

namespace {

/// "[a, b]".
std::string bracketed(const std::vector<std::string>& ids) {
    std::string text;
    for (const std::string& id : ids) {
        text += (text.empty() ? "" : ", ") + id;
    }
    return "[" + text + "]";
}

/// What a point is written on: "bundle b", "item x, needs field f", ...
std::string subject(const CoveragePoint& point) {
    const std::string item = "item " + point.item;
    const bool any_of = !point.alternatives.empty();
    switch (point.site) {
        case ConditionSite::bundle:
            return "bundle " + point.bundle;
        case ConditionSite::item:
            return item;
        case ConditionSite::item_need:
            return item + ", needs item " + point.target;
        case ConditionSite::material_need:
            return any_of ? item + ", needs any_of " + bracketed(point.alternatives)
                          : item + ", needs material " + point.target;
        case ConditionSite::alternative:
            return item + ", any_of " + bracketed(point.alternatives) + ", alternative " +
                   point.target;
        case ConditionSite::field_need:
            return item + ", needs field " + point.target;
        case ConditionSite::none:
            break;
    }
    return item;
}

}  // namespace

std::string describe(const CoveragePoint& point) {
    switch (point.kind) {
        case CoverageKind::item:
            return "item " + point.item + " never selected";
        case CoverageKind::condition:
            return subject(point) + ": when \"" + point.condition + "\" never " +
                   (point.outcome ? "true" : "false");
        case CoverageKind::alternative:
            return "item " + point.item + ", any_of " + bracketed(point.alternatives) +
                   ": alternative " + point.target + " never chosen";
        case CoverageKind::deferral:
            return "bundle " + point.bundle + ": deferral of " + point.item + " never exercised";
    }
    return {};
}

CoverageCount BundleCoverage::all() const {
    CoverageCount count;
    for (const CoverageCount* part : {&items, &conditions, &alternatives, &deferrals}) {
        count.covered += part->covered;
        count.total += part->total;
    }
    return count;
}

CoverageCount CoverageReport::all() const {
    CoverageCount count;
    for (const BundleCoverage& bundle : bundles) {
        const CoverageCount part = bundle.all();
        count.covered += part.covered;
        count.total += part.total;
    }
    return count;
}

namespace {

/// The percentage in tenths, rounded down; 1000 when there is no point.
std::size_t percent_tenths(const CoverageCount& count) {
    return count.total == 0 ? 1000 : count.covered * 1000 / count.total;
}

}  // namespace

std::string coverage_percent(const CoverageCount& count) {
    const std::size_t tenths = percent_tenths(count);
    return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10);
}

double coverage_percent_value(const CoverageCount& count) {
    return static_cast<double>(percent_tenths(count)) / 10.0;
}

bool meets_minimum(const CoverageCount& count, double minimum) {
    // covered / total >= minimum / 100, with room for the minimum's binary rounding (85.4).
    return static_cast<double>(count.covered) * 100.0 >=
           minimum * static_cast<double>(count.total) - 1e-9 * static_cast<double>(count.total);
}

}  // namespace onething

namespace onething::detail {

namespace {

constexpr std::size_t npos = static_cast<std::size_t>(-1);

/// True when `material`, needed by `consumer`, can only come from a producing item: then its
/// producers are possible items (rule-format.md, "Guidance").
bool only_produced(const Material& material, const Item& consumer) {
    return needs_producer(material, consumer.automatic);
}

}  // namespace

CoverageRecorder::Marks::Marks(std::vector<char>& table) : table_(table) {}

CoverageRecorder::Marks::~Marks() {
    for (std::size_t slot : marked_) {
        table_[slot] = 0;
    }
}

bool CoverageRecorder::Marks::mark(std::size_t slot) {
    if (table_[slot]) {
        return false;
    }
    table_[slot] = 1;
    marked_.push_back(slot);
    return true;
}

CoverageRecorder::CoverageRecorder(const Catalog& catalog)
    : catalog_(catalog), seen_(catalog.items().size(), 0) {
    const auto materials = catalog.materials();
    producers_.resize(materials.size());
    const auto items = catalog.items();
    for (std::size_t item = 0; item < items.size(); ++item) {
        for (const Ref& produced : items[item].produces_materials) {
            if (const Material* material = catalog.find_material(produced.id)) {
                producers_[static_cast<std::size_t>(material - materials.data())].push_back(item);
            }
        }
    }
    for (const Bundle& bundle : catalog.bundles()) {
        bundles_.push_back(model_of(bundle));
    }
}

std::size_t CoverageRecorder::position_of(std::string_view item) const {
    const Item* found = catalog_.find_item(item);
    return found == nullptr ? npos : static_cast<std::size_t>(found - catalog_.items().data());
}

std::vector<std::size_t> CoverageRecorder::possible_items(const Bundle& bundle) const {
    const auto items = catalog_.items();
    const auto materials = catalog_.materials();
    Marks seen(seen_);
    std::vector<std::size_t> work;
    auto reach = [&](std::size_t item) {
        if (item != npos && seen.mark(item)) {
            work.push_back(item);
        }
    };
    for (const Ref& goal : bundle.goals) {
        reach(position_of(goal.id));
    }
    while (!work.empty()) {
        const Item& item = items[work.back()];
        work.pop_back();
        for (const ItemNeed& need : item.needs_items) {
            reach(position_of(need.item.id));
        }
        for (const MaterialNeed& need : item.needs_materials) {
            for (const Ref& alternative : need.alternatives) {
                const Material* material = catalog_.find_material(alternative.id);
                if (material != nullptr && only_produced(*material, item)) {
                    for (std::size_t producer :
                         producers_[static_cast<std::size_t>(material - materials.data())]) {
                        reach(producer);
                    }
                }
            }
        }
    }
    std::vector<std::size_t> possible = seen.marked();
    std::sort(possible.begin(), possible.end());  // by id, as the catalog sorts items
    return possible;
}

CoverageRecorder::BundleModel CoverageRecorder::model_of(const Bundle& bundle) const {
    const auto items = catalog_.items();
    BundleModel model;
    model.bundle = &bundle;
    const std::vector<std::size_t> possible = possible_items(bundle);
    auto add = [&](CoveragePoint point) {
        point.bundle = bundle.id;
        model.entries.push_back({std::move(point), false});
        return model.entries.size() - 1;
    };
    // Items.
    for (std::size_t item : possible) {
        CoveragePoint point;
        point.kind = CoverageKind::item;
        point.item = items[item].id;
        point.location = items[item].location;
        model.items[item] = add(std::move(point));
    }
    // Condition outcomes, true then false: the bundle's, then each item's in the order written.
    auto add_condition = [&](const Condition& when, CoveragePoint point) {
        if (when.always()) {
            return;
        }
        point.kind = CoverageKind::condition;
        point.condition = when.source();
        point.outcome = true;
        model.whens[&when] = add(point);
        point.outcome = false;
        add(std::move(point));
    };
    {
        CoveragePoint point;
        point.site = ConditionSite::bundle;
        point.location = bundle.location;
        add_condition(bundle.when, std::move(point));
    }
    for (std::size_t position : possible) {
        const Item& item = items[position];
        CoveragePoint base;
        base.item = item.id;
        CoveragePoint point = base;
        point.site = ConditionSite::item;
        point.location = item.location;
        add_condition(item.when, point);
        for (std::size_t n = 0; n < item.needs_items.size(); ++n) {
            const ItemNeed& need = item.needs_items[n];
            point = base;
            point.site = ConditionSite::item_need;
            point.need = static_cast<int>(n);
            point.target = need.item.id;
            point.location = need.item.location;
            add_condition(need.when, point);
        }
        for (std::size_t n = 0; n < item.needs_materials.size(); ++n) {
            const MaterialNeed& need = item.needs_materials[n];
            point = base;
            point.site = ConditionSite::material_need;
            point.need = static_cast<int>(n);
            if (!need.any_of && !need.alternatives.empty()) {
                point.target = need.alternatives[0].id;
            } else {
                for (const Ref& alternative : need.alternatives) {
                    point.alternatives.push_back(alternative.id);
                }
            }
            point.location = need.location;
            add_condition(need.when, point);
            for (std::size_t a = 0; a < need.alternative_when.size(); ++a) {
                CoveragePoint alternative = point;
                alternative.site = ConditionSite::alternative;
                alternative.alternative = static_cast<int>(a);
                alternative.target = need.alternatives[a].id;
                alternative.location = need.alternatives[a].location;
                add_condition(need.alternative_when[a], alternative);
            }
        }
        for (std::size_t n = 0; n < item.needs_fields.size(); ++n) {
            const FieldNeed& need = item.needs_fields[n];
            point = base;
            point.site = ConditionSite::field_need;
            point.need = static_cast<int>(n);
            point.target = need.field.id;
            point.location = need.field.location;
            add_condition(need.when, point);
        }
    }
    // Alternatives of every `any_of` with something to choose.
    for (std::size_t position : possible) {
        const Item& item = items[position];
        for (std::size_t n = 0; n < item.needs_materials.size(); ++n) {
            const MaterialNeed& need = item.needs_materials[n];
            if (need.alternatives.size() < 2) {
                continue;
            }
            CoveragePoint point;
            point.kind = CoverageKind::alternative;
            point.item = item.id;
            point.need = static_cast<int>(n);
            for (const Ref& alternative : need.alternatives) {
                point.alternatives.push_back(alternative.id);
            }
            for (std::size_t a = 0; a < need.alternatives.size(); ++a) {
                point.alternative = static_cast<int>(a);
                point.target = need.alternatives[a].id;
                point.location = need.alternatives[a].location;
                model.alternatives[{position, static_cast<int>(n), static_cast<int>(a)}] =
                    add(point);
            }
        }
    }
    // Deferrals of the possible items, each once, in the order listed.
    for (const Ref& deferred : bundle.defer) {
        const std::size_t position = position_of(deferred.id);
        if (model.items.count(position) == 0 || model.deferrals.count(position) != 0) {
            continue;
        }
        CoveragePoint point;
        point.kind = CoverageKind::deferral;
        point.item = deferred.id;
        point.location = deferred.location;
        model.deferrals[position] = add(std::move(point));
    }
    return model;
}

void CoverageRecorder::walk_decided(BundleModel& model, const FactValues& facts) const {
    const auto items = catalog_.items();
    const auto materials = catalog_.materials();
    // Evaluates a `when` and records its outcome when the facts decide it.
    auto decide = [&](const Condition& when) {
        if (when.always()) {
            return Truth::yes;
        }
        const Truth truth = when.evaluate(facts);
        const auto found = model.whens.find(&when);
        if (truth != Truth::unknown && found != model.whens.end()) {
            model.entries[found->second + (truth == Truth::yes ? 0 : 1)].covered = true;
        }
        return truth;
    };
    if (decide(model.bundle->when) == Truth::no) {
        return;  // not for this applicant: nothing else is decided
    }
    Marks seen(seen_);
    std::vector<std::size_t> work;
    auto reach = [&](std::size_t item) {
        if (item != npos && seen.mark(item)) {
            if (decide(items[item].when) != Truth::no) {
                work.push_back(item);
            }
        }
    };
    for (const Ref& goal : model.bundle->goals) {
        reach(position_of(goal.id));
    }
    while (!work.empty()) {
        const Item& item = items[work.back()];
        work.pop_back();
        for (const ItemNeed& need : item.needs_items) {
            if (decide(need.when) != Truth::no) {
                reach(position_of(need.item.id));
            }
        }
        for (const MaterialNeed& need : item.needs_materials) {
            if (decide(need.when) == Truth::no) {
                continue;
            }
            for (std::size_t a = 0; a < need.alternatives.size(); ++a) {
                if (!need.alternative_when.empty() &&
                    decide(need.alternative_when[a]) == Truth::no) {
                    continue;
                }
                const Material* material = catalog_.find_material(need.alternatives[a].id);
                if (material != nullptr && only_produced(*material, item)) {
                    for (std::size_t producer :
                         producers_[static_cast<std::size_t>(material - materials.data())]) {
                        reach(producer);
                    }
                }
            }
        }
        for (const FieldNeed& need : item.needs_fields) {
            decide(need.when);
        }
    }
}

void CoverageRecorder::record(const TestCase& test, const Plan* plan) {
    const Bundle* bundle = catalog_.find_bundle(test.bundle.id);
    if (bundle == nullptr) {
        return;
    }
    BundleModel& model = bundles_[static_cast<std::size_t>(bundle - catalog_.bundles().data())];
    ++model.cases;
    try {
        walk_decided(model, resolve_facts(catalog_, test.facts));
    } catch (const Error&) {
        // Facts the catalog refuses: the case decides nothing (its plan failed the same way).
    }
    if (plan == nullptr) {
        return;
    }
    const auto items = catalog_.items();
    for (const PlannedItem& planned : plan->items) {
        const std::size_t position = position_of(planned.id);
        if (auto found = model.items.find(position); found != model.items.end()) {
            model.entries[found->second].covered = true;
        }
        if (auto found = model.deferrals.find(position);
            planned.deferred && found != model.deferrals.end()) {
            model.entries[found->second].covered = true;
        }
    }
    for (const Choice& choice : plan->choices) {
        const std::size_t position = position_of(choice.item);
        if (position == npos || choice.chosen < 0 ||
            static_cast<std::size_t>(choice.chosen) >= choice.alternatives.size()) {
            continue;
        }
        const auto& needs = items[position].needs_materials;
        if (choice.need < 0 || static_cast<std::size_t>(choice.need) >= needs.size()) {
            continue;
        }
        const auto& written = needs[static_cast<std::size_t>(choice.need)].alternatives;
        const PlanId chosen = choice.alternatives[static_cast<std::size_t>(choice.chosen)];
        for (std::size_t a = 0; a < written.size(); ++a) {
            if (written[a].id == chosen) {
                const auto found =
                    model.alternatives.find({position, choice.need, static_cast<int>(a)});
                if (found != model.alternatives.end()) {
                    model.entries[found->second].covered = true;
                }
                break;
            }
        }
    }
}

CoverageReport CoverageRecorder::report() const {
    CoverageReport report;
    for (const BundleModel& model : bundles_) {
        BundleCoverage bundle;
        bundle.bundle = model.bundle->id;
        bundle.location = model.bundle->location;
        bundle.cases = model.cases;
        for (const Entry& entry : model.entries) {
            CoverageCount& count = entry.point.kind == CoverageKind::item        ? bundle.items
                                   : entry.point.kind == CoverageKind::condition ? bundle.conditions
                                   : entry.point.kind == CoverageKind::alternative
                                       ? bundle.alternatives
                                       : bundle.deferrals;
            ++count.total;
            if (entry.covered) {
                ++count.covered;
            } else {
                bundle.uncovered.push_back(entry.point);
            }
        }
        report.bundles.push_back(std::move(bundle));
    }
    return report;
}

}  // namespace onething::detail
