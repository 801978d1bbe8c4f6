// Overlays (docs/overlays.md): rule files read on top of the catalog, merged key by key.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "model/sha256.hpp"
#include "onething/error.hpp"
#include "onething/load.hpp"
#include "onething/snapshot.hpp"
#include "onething/testing.hpp"
#include "test_support.hpp"

using namespace onething;
using onething::testing::messages;

namespace {

/// A small catalog: two materials, an item needing one of them, a bundle.
const std::string base_rules = R"(materials:
  paper: {name: Paper}
  other: {name: Other}
items:
  a:
    name: A
    steps: 3
    channels: [window]
    needs: {materials: [paper]}
bundles:
  one: {name: One, goals: [a]}
)";

/// Loads `base_rules` as base.yaml with the overlays o1.yaml, o2.yaml, ... on top.
LoadResult load_overlaid(const std::vector<std::string>& overlays,
                         const std::string& base = base_rules) {
    const std::vector<SourceFile> files{{"base.yaml", base}};
    std::vector<SourceFile> overlay_files;
    for (std::size_t i = 0; i < overlays.size(); ++i) {
        overlay_files.push_back({"o" + std::to_string(i + 1) + ".yaml", overlays[i]});
    }
    return load_catalog_from_sources(files, overlay_files, Limits{});
}

/// The ids of an item's needed materials (first alternative of each need).
std::vector<std::string> needed_materials(const Item& item) {
    std::vector<std::string> ids;
    for (const MaterialNeed& need : item.needs_materials) {
        ids.push_back(need.alternatives.front().id);
    }
    return ids;
}

}  // namespace

TEST_CASE("an overlay replaces the keys it gives and keeps the others", "[overlay]") {
    const LoadResult result = load_overlaid({"items:\n  a:\n    needs: {materials: [other]}\n"});
    INFO(messages(result).size());
    REQUIRE(result.ok());
    const Item* a = result.catalog.find_item("a");
    REQUIRE(a != nullptr);
    CHECK(needed_materials(*a) == std::vector<std::string>{"other"});  // replaced as a whole
    CHECK(a->steps == 3);                                              // kept
    CHECK(a->name.in("") == "A");                                      // kept
    CHECK(a->visits == 1);                                             // kept: window only
    CHECK(a->location.file.str() == "base.yaml");  // the definition stays the base's
}

TEST_CASE("a default the catalog leaves out comes from the merged keys; a written value stays",
          "[overlay]") {
    // `a` leaves visits out (a window: 1); `w` writes visits: 1.
    const std::vector<SourceFile> files{{"base.yaml",
                                         "items:\n  a: {name: A, channels: [window]}\n"
                                         "  w: {name: W, channels: [window], visits: 1}\n"}};
    const std::vector<SourceFile> overlay{
        {"o.yaml", "items:\n  a: {channels: [online]}\n  w: {channels: [online]}\n"}};
    const LoadResult result = load_catalog_from_sources(files, overlay, Limits{});
    REQUIRE(result.ok());
    CHECK(result.catalog.find_item("a")->visits == 0);  // derived from the merged channels
    CHECK(result.catalog.find_item("w")->visits == 1);  // written in the catalog: kept
}

TEST_CASE("an overlay adds new ids and its tests run on the overlaid catalog", "[overlay]") {
    const LoadResult result = load_overlaid({R"(materials:
  paper: {e_license: true}
  third: {name: Third}
items:
  b: {name: B, needs: {materials: [third]}}
bundles:
  one: {goals: [a, b]}
tests:
  - name: paper is an e-licence
    bundle: one
    expect: {items: [a, b], submitted_materials: [third]}
)"});
    for (const auto& message : messages(result)) {
        INFO(message);
    }
    REQUIRE(result.ok());
    CHECK(result.catalog.find_material("paper")->e_license);
    CHECK(result.catalog.find_material("paper")->name.in("") == "Paper");
    CHECK(result.catalog.find_material("third") != nullptr);
    REQUIRE(result.catalog.find_item("b") != nullptr);
    CHECK(result.catalog.find_item("b")->location.file.str() == "o1.yaml");
    CHECK(result.catalog.find_bundle("one")->name.in("") == "One");
    REQUIRE(result.catalog.tests().size() == 1);
    CHECK(result.catalog.tests()[0].location.file.str() == "o1.yaml");
    const TestReport report = run_tests(result.catalog);
    CHECK(report.failed == 0);
    CHECK(report.passed == 1);
}

TEST_CASE("diagnostics are located in the overlay for its keys, in the base for the rest",
          "[overlay]") {
    const LoadResult result = load_overlaid(
        {"items:\n  a:\n    steps: 0\n    stesp: 2\n    needs: {materials: [papr]}\n"},
        base_rules + "  two: {name: Two, goals: [nothing]}\n");
    CHECK(messages(result) ==
          std::vector<std::string>{
              "base.yaml:12:28: error: bundle 'two' goals refers to unknown item 'nothing' "
              "[unknown-item]",
              "o1.yaml:3:12: error: item 'a' steps must be between 1 and 1000000 [out-of-range]",
              "o1.yaml:4:5: error: unknown key 'stesp' in item 'a'; did you mean 'steps'? "
              "[unknown-key]",
              "o1.yaml:5:25: error: item 'a' needs.materials refers to unknown material 'papr'; "
              "did you mean 'paper'? [unknown-material]"});
}

TEST_CASE("a condition in an overlay is located inside the overlay's text", "[overlay]") {
    const LoadResult result = load_overlaid({"items:\n  a: {when: 'true && nope'}\n"});
    REQUIRE(result.diagnostics.size() == 1);
    CHECK(result.diagnostics[0].location.file.str() == "o1.yaml");
    CHECK(result.diagnostics[0].location.line == 2);
    CHECK(result.diagnostics[0].location.column == 22);  // 'nope'
}

TEST_CASE("two overlays apply in order, also to an id the first one adds", "[overlay]") {
    const std::string first = "items:\n  a: {steps: 2}\n  c: {name: C1, steps: 4}\n";
    const std::string second = "items:\n  a: {steps: 5}\n  c: {name: C2}\n";
    const LoadResult in_order = load_overlaid({first, second});
    REQUIRE(in_order.ok());
    CHECK(in_order.catalog.find_item("a")->steps == 5);
    CHECK(in_order.catalog.find_item("c")->name.in("") == "C2");
    CHECK(in_order.catalog.find_item("c")->steps == 4);
    CHECK(in_order.catalog.find_item("c")->location.file.str() == "o1.yaml");
    const LoadResult reversed = load_overlaid({second, first});
    REQUIRE(reversed.ok());
    CHECK(reversed.catalog.find_item("a")->steps == 2);
    CHECK(reversed.catalog.find_item("c")->name.in("") == "C1");
    CHECK(reversed.catalog.find_item("c")->location.file.str() == "o1.yaml");
}

TEST_CASE("an overlay applies to every definition of an id", "[overlay]") {
    // Two definitions of one id (the second an error today, dated versions later): the overlay's
    // steps replace the wrong value in both, so only the duplicate remains.
    const std::vector<SourceFile> files{{"a.yaml", "items:\n  x: {name: X, steps: 0}\n"},
                                        {"b.yaml", "items:\n  x: {name: Y, steps: 0}\n"}};
    const std::vector<SourceFile> overlays{{"o.yaml", "items:\n  x: {steps: 2}\n"}};
    CHECK(messages(load_catalog_from_sources(files, overlays, Limits{})) ==
          std::vector<std::string>{"b.yaml:2:3: error: duplicate item id 'x'; first defined at "
                                   "a.yaml:2:3 [duplicate-id]"});
}

TEST_CASE("overlay errors name the file, line and column and how to fix them", "[overlay]") {
    // Each overlay with its one error, as printed.
    const std::vector<std::pair<std::string, std::string>> cases{
        {"items:\n  a: {steps: 2, steps: 4}\n",  // a duplicate key in a definition
         "o1.yaml:2:17: error: duplicate key 'steps' in item 'a' (first defined at line 2, "
         "column 7) [duplicate-key]"},
        {"items:\n  a: {steps: 2}\n  a: {steps: 4}\n",  // a duplicate id, reported once
         "o1.yaml:3:3: error: duplicate key 'a' in items (first defined at line 2, column 3) "
         "[duplicate-key]"},
        {"materials:\n  paper: true\n",  // a definition that is not a mapping
         "o1.yaml:2:10: error: material 'paper' must be a mapping, not 'true' [type]"},
        {"item:\n  a: {steps: 2}\n",  // a section the format does not have
         "o1.yaml:1:1: error: unknown key 'item' in the rule file; did you mean 'items'? "
         "[unknown-key]"}};
    for (const auto& [overlay, message] : cases) {
        CHECK(messages(load_overlaid({overlay})) == std::vector<std::string>{message});
    }
    SECTION("an overlay over a snapshot") {
        const std::string snapshot = write_snapshot(load_overlaid({}));
        const std::vector<SourceFile> files{{"rules.snapshot", snapshot}};
        const std::vector<SourceFile> overlays{{"o.yaml", "items:\n  a: {steps: 2}\n"}};
        CHECK(messages(load_catalog_from_sources(files, overlays, Limits{})) ==
              std::vector<std::string>{
                  "o.yaml:1:1: error: an overlay is merged into rule files while they are read, "
                  "and 'rules.snapshot' is a compiled snapshot; give the rule files it was "
                  "compiled from instead [overlay-on-snapshot]"});
    }
    SECTION("a snapshot as an overlay") {
        const std::string snapshot = write_snapshot(load_overlaid({}));
        CHECK(messages(load_overlaid({snapshot})) ==
              std::vector<std::string>{"o1.yaml:1:1: error: an overlay must be a rule file "
                                       "(YAML), not a compiled snapshot; give the rule file with "
                                       "the changes [overlay-snapshot]"});
    }
}

TEST_CASE("the revision covers the overlays' bytes, after the rule files'", "[overlay]") {
    const std::string overlay = "items:\n  a: {steps: 2}\n";
    const LoadResult result = load_overlaid({overlay});
    REQUIRE(result.ok());
    detail::Sha256 expected;
    expected.update(base_rules);
    expected.update(overlay);
    CHECK(result.revision == expected.hex());
    CHECK(result.files == 2);
    CHECK(load_overlaid({}).revision != result.revision);
}

TEST_CASE("overlays are read from disk in order, a missing one is an IoError", "[overlay]") {
    const std::vector<std::string> paths{ONETHING_RULES_DIR};
    const std::vector<std::string> missing{"no-such-overlay.yaml"};
    CHECK_THROWS_AS(load_catalog(paths, missing, Limits{}), IoError);
    const LoadResult plain = load_catalog(paths, std::vector<std::string>{}, Limits{});
    REQUIRE(plain.ok());
    CHECK(plain.revision == load_catalog(paths).revision);
}

TEST_CASE("at most 255 overlays, the next one refused where it is", "[overlay][limits]") {
    std::vector<std::string> overlays(256, "materials:\n  paper: {e_license: true}\n");
    CHECK(messages(load_overlaid(overlays)) ==
          std::vector<std::string>{"o256.yaml:1:1: error: more than 255 overlays; put several "
                                   "changes in one overlay file [limit-overlays]"});
    overlays.pop_back();
    const LoadResult loaded = load_overlaid(overlays);
    REQUIRE(loaded.ok());
    CHECK(loaded.catalog.find_material("paper")->e_license);
}

TEST_CASE("an overlay applies to every dated version of an id", "[overlay]") {
    const std::vector<SourceFile> files{
        {"old.yaml",
         "items:\n  x: {name: Old, steps: 2, valid_until: 2019-06-30}\n"
         "bundles:\n  b: {name: B, goals: [x]}\n"},
        {"new.yaml", "items:\n  x: {name: New, steps: 3, valid_from: 2019-07-01}\n"}};
    const std::vector<SourceFile> overlays{{"o.yaml", "items:\n  x: {steps: 1}\n"}};
    const LoadResult result = load_catalog_from_sources(files, overlays, Limits{});
    for (const auto& message : messages(result)) {
        INFO(message);
    }
    REQUIRE(result.ok());
    const Item* before = result.catalog.as_of(*Date::parse("2019-06-30")).find_item("x");
    const Item* after = result.catalog.as_of(*Date::parse("2019-07-01")).find_item("x");
    REQUIRE(before != nullptr);
    REQUIRE(after != nullptr);
    CHECK(before->name.in("") == "Old");
    CHECK(after->name.in("") == "New");
    CHECK(before->steps == 1);
    CHECK(after->steps == 1);

    // Giving both versions the same period makes them overlap: the duplicate names both places.
    const std::vector<SourceFile> same_period{
        {"o.yaml", "items:\n  x: {valid_from: 2019-01-01}\n"}};
    const LoadResult overlapping = load_catalog_from_sources(files, same_period, Limits{});
    CHECK_FALSE(overlapping.ok());
}

TEST_CASE("a period an overlay gives is named where the overlay writes it", "[overlay]") {
    // The overlay ends material `paper`; item `a` (undated) still needs it after the end.
    const LoadResult result = load_overlaid({"materials:\n  paper: {valid_until: 2020-12-31}\n"});
    CHECK(messages(result) ==
          std::vector<std::string>{
              "base.yaml:9:25: error: item 'a' needs.materials refers to material 'paper', which "
              "has no definition in effect on 2021-01-01 (the first such day of the referrer's "
              "period); 'paper' is in effect until 2020-12-31 (o1.yaml:2:24); give 'paper' a "
              "definition for that day, or end the referrer's period before it [not-in-effect]"});
}

TEST_CASE("a duplicate id whose period an overlay gives names where the overlay writes it",
          "[overlay]") {
    // Two dated definitions of `b`; the overlay's valid_from makes their periods overlap.
    const std::vector<SourceFile> files{
        {"base.yaml",
         "items:\n  i: {name: I}\nbundles:\n"
         "  b: {name: B, goals: [i], valid_until: 2019-06-30}\n"},
        {"later.yaml", "bundles:\n  b: {name: B, goals: [i], valid_from: 2019-07-01}\n"}};
    const std::vector<SourceFile> overlay{{"o.yaml", "bundles:\n  b: {valid_from: 2019-01-01}\n"}};
    CHECK(messages(load_catalog_from_sources(files, overlay, Limits{})) ==
          std::vector<std::string>{
              "later.yaml:2:3: error: duplicate bundle id 'b': its period from 2019-01-01 (written "
              "at o.yaml:2:19) shares days with the period 2019-01-01..2019-06-30 (written at "
              "o.yaml:2:19) of the definition at base.yaml:4:3; one id may be defined several "
              "times only for periods with no day in common (valid_from / valid_until, both "
              "inclusive) [duplicate-id]"});
}
