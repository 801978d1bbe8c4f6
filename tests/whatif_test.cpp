// Unit tests of the what-if analysis: candidates, each kind's savings worked by hand, the
// weighting by annual cases, the ranking, the greedy set and the writers.
#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "onething/error.hpp"
#include "onething/load.hpp"
#include "onething/report.hpp"
#include "onething/request.hpp"
#include "onething/whatif.hpp"
#include "test_support.hpp"

using namespace onething;
using onething::testing::load_text;

namespace {

/// Bundle "one" (100 cases a year) bundles an in-person item of 5 days with an online one of
/// 2 bundled days; bundle "two" (no volume: counts once) has the online one alone.
/// Baseline after: one = 2 materials, 2 fields, 1 visit, 5 days; two = 1, 1, 0, 2.
const char* whatif_yaml = R"(
materials:
  id_card: {name: ID card}
  photo: {name: Photo}
  licence: {name: Licence, e_license: true}
  unused: {name: Unused}
fields:
  person.name: {type: string}
  person.phone: {type: string}
  person.id: {type: string, source: shared}
items:
  a.apply:
    name: Apply
    in_person: true
    duration_days: 5
    needs: {materials: [id_card, photo, licence], fields: [person.name, person.phone, person.id]}
  b.register:
    name: Register
    channels: [online]
    duration_days: 3
    bundled_duration_days: 2
    needs: {materials: [id_card], fields: [person.name]}
bundles:
  one: {name: One, goals: [a.apply, b.register], annual_cases: 100}
  two: {name: Two, goals: [b.register]}
)";

/// Loads the test catalog, requiring no errors.
Catalog whatif_catalog() {
    LoadResult result = load_text(whatif_yaml);
    for (const auto& message : testing::messages(result)) {
        INFO(message);
    }
    REQUIRE(result.ok());
    return std::move(result.catalog);
}

/// "kind target" of a change.
std::string name_of(const Change& change) {
    return std::string(to_string(change.kind)) + " " + change.target;
}

/// The savings as a vector: visits, materials, fields, days.
std::vector<double> saved(const RankedChange& ranked) {
    return {ranked.saves.visits, ranked.saves.materials, ranked.saves.fields, ranked.saves.days};
}

}  // namespace

TEST_CASE("whatif candidates are the changes that could matter", "[whatif]") {
    const Catalog catalog = whatif_catalog();
    std::vector<std::string> names;
    for (const Change& change : candidate_changes(catalog)) {
        names.push_back(name_of(change));
    }
    // Not the e-licence, the material no item needs, the shared field or the online item.
    CHECK(names == std::vector<std::string>{"e_license id_card", "e_license photo",
                                            "shared person.name", "shared person.phone",
                                            "online a.apply", "duration a.apply",
                                            "duration b.register"});
}

TEST_CASE("whatif ranks each kind of change by its savings worked by hand", "[whatif]") {
    const Catalog catalog = whatif_catalog();
    WhatIfOptions options;
    options.top = 10;
    options.combine = 0;
    const WhatIf result = what_if(catalog, options);
    CHECK(result.candidates == 7);
    CHECK(result.scenarios == 2);
    CHECK(result.weighted);
    REQUIRE(result.changes.size() == 7);
    // Online a.apply: one trip in bundle one, times 100.
    CHECK(name_of(result.changes[0].change) == "online a.apply");
    CHECK(saved(result.changes[0]) == std::vector<double>{100, 0, 0, 0});
    CHECK(result.changes[0].bundles == std::vector<std::string>{"one"});
    // id_card: one material in both bundles: 100 + 1.
    CHECK(name_of(result.changes[1].change) == "e_license id_card");
    CHECK(saved(result.changes[1]) == std::vector<double>{0, 101, 0, 0});
    CHECK(result.changes[1].bundles == std::vector<std::string>{"one", "two"});
    CHECK(name_of(result.changes[2].change) == "e_license photo");
    CHECK(saved(result.changes[2]) == std::vector<double>{0, 100, 0, 0});
    CHECK(name_of(result.changes[3].change) == "shared person.name");
    CHECK(saved(result.changes[3]) == std::vector<double>{0, 0, 101, 0});
    CHECK(name_of(result.changes[4].change) == "shared person.phone");
    CHECK(saved(result.changes[4]) == std::vector<double>{0, 0, 100, 0});
    // a.apply at 0 days: bundle one finishes with b.register's 2 days: 3 saved, times 100.
    CHECK(name_of(result.changes[5].change) == "duration a.apply");
    CHECK(saved(result.changes[5]) == std::vector<double>{0, 0, 0, 300});
    // b.register at 0 days: nothing in one (a.apply's 5 days), 2 days in two.
    CHECK(name_of(result.changes[6].change) == "duration b.register");
    CHECK(saved(result.changes[6]) == std::vector<double>{0, 0, 0, 2});
    CHECK(result.changes[6].bundles == std::vector<std::string>{"two"});
}

TEST_CASE("whatif keeps the top N and combines greedily", "[whatif]") {
    const Catalog catalog = whatif_catalog();
    WhatIfOptions options;
    options.top = 2;
    options.combine = 3;
    const WhatIf result = what_if(catalog, options);
    REQUIRE(result.changes.size() == 2);
    REQUIRE(result.combined.size() == 3);
    // Cumulative: the trip, then id_card's materials, then photo's.
    CHECK(name_of(result.combined[0].change) == "online a.apply");
    CHECK(saved(result.combined[0]) == std::vector<double>{100, 0, 0, 0});
    CHECK(name_of(result.combined[1].change) == "e_license id_card");
    CHECK(saved(result.combined[1]) == std::vector<double>{100, 101, 0, 0});
    CHECK(name_of(result.combined[2].change) == "e_license photo");
    CHECK(saved(result.combined[2]) == std::vector<double>{100, 201, 0, 0});
    CHECK(result.combined[2].bundles == std::vector<std::string>{"one", "two"});
}

TEST_CASE("whatif greedy set stops when there are no more changes", "[whatif]") {
    const Catalog catalog = whatif_catalog();
    WhatIfOptions options;
    options.top = 100;
    options.combine = 100;
    const WhatIf result = what_if(catalog, options);
    CHECK(result.changes.size() == 7);
    REQUIRE(result.combined.size() == 7);
    // Everything together: the trip, both submitted materials, both asked fields, every day.
    CHECK(saved(result.combined.back()) == std::vector<double>{100, 201, 201, 502});
}

TEST_CASE("whatif changed catalog applies each kind and refuses unknown targets", "[whatif]") {
    const Catalog catalog = whatif_catalog();
    const Catalog changed = changed_catalog(catalog, {{ChangeKind::e_license, "photo"},
                                                      {ChangeKind::shared, "person.phone"},
                                                      {ChangeKind::online, "a.apply"},
                                                      {ChangeKind::duration, "b.register"}});
    CHECK(changed.find_material("photo")->e_license);
    CHECK(changed.find_field("person.phone")->source == FieldSource::shared);
    const Item* apply = changed.find_item("a.apply");
    CHECK_FALSE(apply->in_person);
    CHECK(apply->visits == 0);
    CHECK(apply->channels.front() == Channel::online);
    CHECK(changed.find_item("b.register")->bundled_duration_days == 0.0);
    CHECK_FALSE(catalog.find_material("photo")->e_license);  // the original is unchanged
    CHECK_THROWS_AS(changed_catalog(catalog, {{ChangeKind::online, "no.such"}}), InputError);
}

TEST_CASE("whatif without volumes counts every bundle once", "[whatif]") {
    LoadResult loaded = load_text(R"(
materials:
  paper: {name: Paper}
items:
  x.one: {name: One, needs: {materials: [paper]}}
bundles:
  b: {name: B, goals: [x.one]}
tests:
  - {name: first, bundle: b, facts: {}}
  - {name: second, bundle: b, facts: {}}
)");
    REQUIRE(loaded.ok());
    const WhatIf result = what_if(loaded.catalog);
    CHECK_FALSE(result.weighted);
    CHECK(result.scenarios == 2);
    REQUIRE(result.changes.size() == 1);
    // The mean of the two cases' one material each, counted once.
    CHECK(saved(result.changes[0]) == std::vector<double>{0, 1, 0, 0});
}

TEST_CASE("whatif request writes the contract's JSON and refuses top 0", "[whatif]") {
    LoadResult loaded = load_text(whatif_yaml);
    REQUIRE(loaded.ok());
    Request request = request_from_json(R"({"command": "whatif", "top": 3})");
    CHECK(request.operation == Operation::whatif);
    const Response response = respond(loaded, request);
    REQUIRE(response.ok());
    const auto json = nlohmann::json::parse(response.document);
    REQUIRE(json.at("changes").size() == 3);
    const auto& first = json.at("changes").at(0);
    CHECK(first.at("kind") == "online");
    CHECK(first.at("target") == "a.apply");
    CHECK(first.at("saves").at("visits") == 100);
    CHECK(first.at("saves").at("materials") == 0);
    CHECK(first.at("bundles") == nlohmann::json::array({"one"}));
    CHECK(json.at("combined").at("greedy") == true);
    CHECK(json.at("combined").at("steps").size() == 3);

    CHECK_THROWS_AS(request_from_json(R"({"command": "whatif", "top": 0})"), InputError);
    request.top = 0;
    const Response refused = respond(loaded, request);
    CHECK(refused.outcome == Outcome::usage);
    REQUIRE_FALSE(refused.diagnostics.empty());
    CHECK(refused.diagnostics.front().message.find("top") != std::string::npos);
}

TEST_CASE("whatif text names the changes in Chinese and English", "[whatif]") {
    const Catalog catalog = whatif_catalog();
    const WhatIf result = what_if(catalog);
    const std::string english = whatif_to_text(result, catalog, "en");
    CHECK(english.find("make item a.apply online") != std::string::npos);
    CHECK(english.find("greedy") != std::string::npos);
    const std::string chinese = whatif_to_text(result, catalog, "zh");
    CHECK(chinese.find("材料 id_card 改为电子证照") != std::string::npos);
    const std::string markdown = whatif_to_markdown(result, catalog, "en");
    CHECK(markdown.find("| 1 | make item a.apply online | 100 | 0 | 0 | 0 | one |") !=
          std::string::npos);
}

namespace {

/// What `changes` together save against `baseline` when every bundle of the whole changed
/// catalog is planned (within `search`): visits, materials, fields, days; means times volumes.
std::vector<double> whole_catalog_savings(const Catalog& catalog, const Report& baseline,
                                          const std::vector<Change>& changes,
                                          const PlanOptions& search) {
    const Catalog changed = changed_catalog(catalog, changes);
    const Report after = catalog_report(changed, true, search);
    REQUIRE(after.rows.size() == baseline.rows.size());
    std::map<std::string, std::pair<std::vector<double>, int>> sums;
    for (std::size_t index = 0; index < baseline.rows.size(); ++index) {
        auto& [sum, rows] = sums[baseline.rows[index].bundle];
        sum.resize(4);
        ++rows;
        if (!baseline.rows[index].error.empty() || !after.rows[index].error.empty()) {
            continue;
        }
        const Metrics& a = baseline.rows[index].after;
        const Metrics& b = after.rows[index].after;
        sum[0] += a.visits - b.visits;
        sum[1] += a.materials - b.materials;
        sum[2] += a.fields - b.fields;
        sum[3] += a.days - b.days;
    }
    std::vector<double> total(4);
    for (const auto& [id, sum_rows] : sums) {
        const Bundle* bundle = catalog.find_bundle(id);
        const double weight = bundle->annual_cases ? double(*bundle->annual_cases) : 1.0;
        for (std::size_t metric = 0; metric < 4; ++metric) {
            total[metric] += sum_rows.first[metric] / sum_rows.second * weight;
        }
    }
    return total;
}

/// Checks what_if on `catalog` against the brute force: every bundle of the whole catalog
/// planned with each candidate change (within `search`). A listed change saves what it says;
/// any other saves nothing (what_if plans only the bundles a change reaches, in one copy of the
/// catalog changed and changed back). Each step of the greedy set saves what its changes save
/// together.
void check_against_whole_catalog(const Catalog& catalog, const PlanOptions& search) {
    WhatIfOptions options;
    options.top = 1'000'000;
    options.combine = 0;
    options.search = search;
    const WhatIf result = what_if(catalog, options);
    REQUIRE_FALSE(result.changes.empty());
    std::map<std::string, std::vector<double>> listed;
    for (const RankedChange& ranked : result.changes) {
        listed[name_of(ranked.change)] = saved(ranked);
    }
    const Report baseline = catalog_report(catalog, true, search);
    const std::vector<Change> candidates = candidate_changes(catalog);
    REQUIRE(candidates.size() == result.candidates);
    for (const Change& change : candidates) {
        INFO(name_of(change));
        const std::vector<double> total =
            whole_catalog_savings(catalog, baseline, {change}, search);
        const auto found = listed.find(name_of(change));
        // The first metric that differs from 0 is above it, rounded to millionths as what_if
        // rounds its sums.
        bool helps = false;
        for (const double saving : total) {
            const double rounded = std::round(saving * 1e6) / 1e6;
            if (rounded != 0) {
                helps = rounded > 0;
                break;
            }
        }
        CHECK(helps == (found != listed.end()));
        for (std::size_t metric = 0; helps && metric < 4; ++metric) {
            CHECK(found->second[metric] == Approx(total[metric]).margin(1e-6));
        }
    }
    // The greedy set's steps, each planned with all the changes chosen so far.
    options.combine = 6;
    const WhatIf combined = what_if(catalog, options);
    REQUIRE_FALSE(combined.combined.empty());
    std::vector<Change> chosen;
    for (const RankedChange& step : combined.combined) {
        chosen.push_back(step.change);
        INFO("after " << name_of(step.change));
        const std::vector<double> total = whole_catalog_savings(catalog, baseline, chosen, search);
        for (std::size_t metric = 0; metric < 4; ++metric) {
            CHECK(saved(step)[metric] == Approx(total[metric]).margin(1e-6));
        }
    }
}

}  // namespace

TEST_CASE("whatif on the shipped catalog equals planning every bundle for every change",
          "[whatif]") {
    const std::vector<std::string> paths{ONETHING_RULES_DIR};
    LoadResult loaded = load_catalog(paths);
    REQUIRE(loaded.ok());
    check_against_whole_catalog(loaded.catalog, {});
}

TEST_CASE("whatif reaches producers, prerequisites and deferred items as planning does",
          "[whatif]") {
    // Conditional producers, a producer of an any_of alternative, a conditional prerequisite,
    // a deferred item, payees and venues outside one bundle's reach, fractional means.
    const std::vector<std::string> paths{std::string(ONETHING_TEST_DATA_DIR) +
                                         "/whatif/reach.yaml"};
    LoadResult loaded = load_catalog(paths);
    for (const auto& message : testing::messages(loaded)) {
        INFO(message);
    }
    REQUIRE(loaded.ok());
    SECTION("default bounds") {
        check_against_whole_catalog(loaded.catalog, {});
    }
    SECTION("a search cut short") {
        PlanOptions search;
        search.max_search_nodes = 2;
        search.max_search_work = 5;
        check_against_whole_catalog(loaded.catalog, search);
    }
}
