// A catalog with dated definitions (rule format 1.1 `valid_from` / `valid_until`): one checked
// version per period between the days definitions start or end, each holding the definitions in
// effect on all of its days.
#include <algorithm>
#include <map>
#include <optional>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "load/check_context.hpp"
#include "model/case_version.hpp"

namespace onething::detail {
namespace {

/// The days on which a version starts: every `valid_from` and the day after every
/// `valid_until`, each with the first definition (in section and id order) that gives it.
class VersionStarts {
  public:
    /// Adds the days `period` starts and ends a version on; `where` is the definition's id key,
    /// `written` where its period is written.
    void add(const Period& period, const Location& where, const Location& written,
             std::string_view kind, std::string_view id) {
        if (period.from) {
            starts_.emplace(*period.from, where);
        }
        if (period.until) {
            if (auto next = period.until->next()) {
                starts_.emplace(*next, where);
            }
        }
        std::string key = std::string(kind) + " " + std::string(id);
        if (!period.always()) {
            dated_.insert(key);
        }
        definitions_[std::move(key)].push_back({period, written});
    }
    /// The periods of the versions, in day order, covering every day.
    std::vector<Period> periods() const {
        std::vector<Period> periods;
        std::optional<Date> from;
        for (const auto& [day, where] : starts_) {
            if (from || day.previous()) {
                periods.push_back({from, day.previous()});
            }
            from = day;
        }
        periods.push_back({from, std::nullopt});
        return periods;
    }
    /// Where the day starting version `n` (0-based, in day order) is written.
    const Location& where(std::size_t n) const { return std::next(starts_.begin(), n)->second; }
    /// By "kind id", for every id with a dated definition, its definitions in file order.
    std::unordered_map<std::string, std::vector<DatedCheck::Definition>> dated() const {
        std::unordered_map<std::string, std::vector<DatedCheck::Definition>> dated;
        for (const std::string& key : dated_) {
            dated.emplace(key, definitions_.at(key));
        }
        return dated;
    }

  private:
    std::map<Date, Location> starts_;
    std::unordered_set<std::string> dated_;
    /// By "kind id", every definition added.
    std::unordered_map<std::string, std::vector<DatedCheck::Definition>> definitions_;
};

/// The definitions of `all` whose period covers `period` (sorted input stays sorted).
template <typename T, typename GetDefinition>
std::vector<T> in_effect(const std::vector<T>& all, const Period& period, GetDefinition get) {
    std::vector<T> kept;
    for (const T& definition : all) {
        if (get(definition).period.overlaps(period)) {
            kept.push_back(definition);
        }
    }
    return kept;
}

/// A diagnostic's identity across versions: an error found in several versions is reported
/// once (a missing definition once, on its first day).
std::string identity(const Diagnostic& diagnostic) {
    std::string key = std::to_string(static_cast<int>(diagnostic.severity)) + "\n" +
                      diagnostic.code + "\n" + place(diagnostic.location);
    if (diagnostic.code != "not-in-effect") {
        key += "\n" + diagnostic.message;
    }
    return key;
}

/// The definitions and test cases of a dated catalog, each with how many versions check it:
/// what a diagnostic located inside one could be found in.
class VersionOwners {
  public:
    /// Adds an owner whose id key (or case) is at `where`, checked in `versions` versions.
    void add(const Location& where, std::size_t versions) {
        owners_.push_back({where.file.str(), where.line, where.column, versions});
    }
    /// Sorts the owners by place; call once, after the last add.
    void sort() { std::sort(owners_.begin(), owners_.end()); }
    /// The versions the owner of `where` is checked in: the last owner at or before it in its
    /// file; `all` when none is (a place outside every definition).
    std::size_t versions_of(const Location& where, std::size_t all) const {
        const Owner key{where.file.str(), where.line, where.column, all};
        auto after = std::upper_bound(
            owners_.begin(), owners_.end(), key, [](const Owner& a, const Owner& b) {
                return std::tie(a.file, a.line, a.column) < std::tie(b.file, b.line, b.column);
            });
        if (after == owners_.begin() || std::prev(after)->file != key.file) {
            return all;
        }
        return std::prev(after)->versions;
    }

  private:
    struct Owner {
        std::string file;
        int line = 0;
        int column = 0;
        std::size_t versions = 0;
        bool operator<(const Owner& other) const {
            return std::tie(file, line, column) < std::tie(other.file, other.line, other.column);
        }
    };
    std::vector<Owner> owners_;
};

/// The diagnostics of the versions, each once, with the versions it was found in.
class DiagnosticsOfVersions {
  public:
    /// Records `diagnostic`, found in version `version` (versions are added in day order).
    void add(Diagnostic diagnostic, std::size_t version) {
        const auto [at, added] = position_.emplace(identity(diagnostic), found_.size());
        if (added) {
            found_.push_back({std::move(diagnostic), {}});
        }
        found_[at->second].versions.push_back(version);
    }

    /// Appends each diagnostic to `out`. One found in fewer versions than its owner (the
    /// definition or test case it is in, `owners`) is checked in says on which days (`periods`,
    /// by version), so that an error that depends on the day is not read as holding always; a
    /// missing definition already names its first day.
    void report(const std::vector<Period>& periods, const VersionOwners& owners,
                std::vector<Diagnostic>& out) {
        for (auto& [diagnostic, versions] : found_) {
            if (versions.size() < owners.versions_of(diagnostic.location, periods.size()) &&
                diagnostic.code != "not-in-effect") {
                std::vector<Period> days;
                for (const std::size_t v : versions) {
                    days.push_back(periods[v]);
                }
                diagnostic.message +=
                    " (with the definitions in effect " + merged_days_phrase(days) + ")";
            }
            out.push_back(std::move(diagnostic));
        }
    }

  private:
    struct Found {
        Diagnostic diagnostic;              ///< as first found
        std::vector<std::size_t> versions;  ///< the versions it was found in, in day order
    };
    std::vector<Found> found_;
    std::unordered_map<std::string, std::size_t> position_;  ///< identity → index in found_
};

}  // namespace

Catalog finish_dated_catalog(LoadState& state) {
    auto self = [](auto& definition) -> auto& {
        return definition;
    };
    auto item_of = [](auto& pending) -> auto& {
        return pending.item;
    };
    auto bundle_of = [](auto& pending) -> auto& {
        return pending.bundle;
    };
    VersionStarts starts;
    auto add_all = [&](const auto& definitions, std::string_view kind, auto get) {
        for (const auto& definition : definitions) {
            const auto& held = get(definition);
            const auto written = state.period_places.find(place(held.location));
            starts.add(held.period, held.location,
                       written != state.period_places.end() ? written->second : held.location, kind,
                       held.id);
        }
    };
    add_all(state.facts, "fact", self);
    add_all(state.fields, "field", self);
    add_all(state.materials, "material", self);
    add_all(state.items, "item", item_of);
    add_all(state.bundles, "bundle", bundle_of);
    const std::vector<Period> periods = starts.periods();
    if (periods.size() > state.limits.max_versions) {
        state.diagnostics.push_back(
            {Severity::error, "limit-versions",
             "the dated definitions divide time into " + std::to_string(periods.size()) +
                 " periods, more than the limit of " + std::to_string(state.limits.max_versions) +
                 (state.limits.max_versions == 1 ? " version" : " versions") +
                 " of the catalog (max_versions); the day this definition starts or ends "
                 "a period is the first past it",
             starts.where(state.limits.max_versions == 0 ? 0 : state.limits.max_versions - 1)});
        return Catalog();
    }

    const Date today = Date::today();
    const auto dated_ids = starts.dated();
    // Whether the definition `kind id` is in effect in version `v`: an id without a dated
    // definition is in every version (or in none, which the checks report on any day).
    const auto in_version = [&](std::string_view kind, std::string_view id, std::size_t v) {
        const auto found = dated_ids.find(std::string(kind) + " " + std::string(id));
        return found == dated_ids.end() ||
               std::any_of(found->second.begin(), found->second.end(),
                           [&](const DatedCheck::Definition& definition) {
                               return definition.period.overlaps(periods[v]);
                           });
    };
    // The version each case is checked in (case_version.hpp): a case with `as_of`, that day's;
    // one without, the day's `test` runs on, so today's, unless something it names has no
    // definition in effect today: then the nearest version that has all of it, so that an end
    // does not stop the whole catalog from loading. Run on a day without it, such a case fails
    // (docs/dates.md); `test --as-of` runs it inside the period.
    std::vector<std::size_t> checked_in(state.tests.size());
    for (std::size_t i = 0; i < state.tests.size(); ++i) {
        const PendingTest& pending = state.tests[i];
        std::vector<CaseReference> names = expectation_references(pending.test.expect);
        names.push_back({"bundle", pending.test.bundle.id});
        for (const auto& [fact, value] : pending.raw_facts) {
            names.push_back({"fact", fact.id});
        }
        const std::optional<Date> as_of =
            pending.test.as_of ? std::optional(pending.test.as_of->value) : std::nullopt;
        checked_in[i] = case_version(periods, as_of, today, [&](std::size_t v) {
            return std::all_of(names.begin(), names.end(), [&](const CaseReference& name) {
                return in_version(name.kind, name.id, v);
            });
        });
    }
    std::vector<CheckedDefinitions> checked;
    std::vector<std::optional<TestCase>> tests(state.tests.size());
    DiagnosticsOfVersions found;
    for (std::size_t v = 0; v < periods.size(); ++v) {
        const Period& period = periods[v];
        LoadState version;
        version.limits = state.limits;
        version.refused_duplicates = state.refused_duplicates;
        version.unreadable_definitions = state.unreadable_definitions;
        version.facts = in_effect(state.facts, period, self);
        version.fields = in_effect(state.fields, period, self);
        version.materials = in_effect(state.materials, period, self);
        version.items = in_effect(state.items, period, item_of);
        version.bundles = in_effect(state.bundles, period, bundle_of);
        std::vector<std::size_t> test_positions;  // each case is checked on its own day
        for (std::size_t i = 0; i < state.tests.size(); ++i) {
            if (checked_in[i] == v) {
                version.tests.push_back(state.tests[i]);
                test_positions.push_back(i);
            }
        }
        const DatedCheck dated{period, &dated_ids, today};
        checked.push_back(check_definitions(version, &dated));
        for (Diagnostic& diagnostic : version.diagnostics) {
            found.add(std::move(diagnostic), v);
        }
        for (std::size_t k = 0; k < test_positions.size(); ++k) {
            tests[test_positions[k]] = std::move(checked.back().tests[k]);
        }
    }
    VersionOwners owners;
    auto add_owners = [&](const auto& definitions, auto get) {
        for (const auto& definition : definitions) {
            const auto& held = get(definition);
            owners.add(held.location,
                       static_cast<std::size_t>(std::count_if(
                           periods.begin(), periods.end(),
                           [&](const Period& period) { return held.period.overlaps(period); })));
        }
    };
    add_owners(state.facts, self);
    add_owners(state.fields, self);
    add_owners(state.materials, self);
    add_owners(state.items, item_of);
    add_owners(state.bundles, bundle_of);
    for (const PendingTest& pending : state.tests) {
        owners.add(pending.test.location, 1);  // each case is checked in one version
    }
    owners.sort();
    found.report(periods, owners, state.diagnostics);
    std::vector<TestCase> all_tests;
    all_tests.reserve(tests.size());
    for (std::optional<TestCase>& test : tests) {
        all_tests.push_back(std::move(*test));
    }
    std::vector<CatalogVersion> versions;
    versions.reserve(periods.size());
    for (std::size_t v = 0; v < periods.size(); ++v) {
        CheckedDefinitions& sections = checked[v];
        std::vector<TestCase> own_tests;  // the cases planned on this version's days
        for (const TestCase& test : all_tests) {
            if (periods[v].contains(test.as_of ? test.as_of->value : today)) {
                own_tests.push_back(test);
            }
        }
        versions.push_back(
            {periods[v], std::make_shared<const Catalog>(
                             std::move(sections.facts), std::move(sections.fields),
                             std::move(sections.materials), std::move(sections.items),
                             std::move(sections.bundles), std::move(own_tests))});
    }
    return Catalog::dated(std::move(versions), std::move(all_tests), today);
}

}  // namespace onething::detail
