// Version 1.1 of the rule format on items: automatic items, venues and bundled durations
// (rule-format.md, "Version 1.1 — additions"). Every figure is worked by hand in a comment.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "onething/error.hpp"
#include "onething/plan.hpp"
#include "test_support.hpp"

using namespace onething;
using onething::testing::catalog_of;
using onething::testing::ids;
using onething::testing::load_text;

namespace {

/// The PlanError thrown by planning `bundle`, as "code: message", or "" when none.
std::string plan_error(const Catalog& catalog, const std::string& bundle) {
    try {
        make_plan(catalog, bundle, Facts{});
    } catch (const Error& error) {
        return error.code() + ": " + error.what();
    }
    return "";
}

}  // namespace

TEST_CASE("an all-automatic bundle has 0 steps after and is counted before", "[plan][format-1.1]") {
    // Two automatic items, the second after the first; both at the window channel (one visit
    // each on their own). Before: steps 1 + 1 = 2, visits 1 + 1 = 2, days 2 + 3 = 5, no form.
    // After: no item asks anything, so no application step, no visit, no form: steps 0,
    // visits 0; the schedule still runs: days 2 + 3 = 5.
    const Catalog catalog = catalog_of(R"(
format: 1
items:
  a.cancel: {name: Cancel, automatic: true, duration_days: 2}
  b.notify: {name: Notify, automatic: true, duration_days: 3, needs: {items: [a.cancel]}}
bundles:
  proactive: {name: Proactive, goals: [b.notify]}
)");
    const Plan plan = make_plan(catalog, "proactive", Facts{});
    CHECK(ids(plan) == std::vector<std::string>{"a.cancel", "b.notify"});
    CHECK(plan.before.steps == 2);
    CHECK(plan.before.visits == 2);
    CHECK(plan.before.days == 5);
    CHECK(plan.after.steps == 0);
    CHECK(plan.after.visits == 0);
    CHECK(plan.after.forms == 0);
    CHECK(plan.after.days == 5);
}

TEST_CASE("an empty plan has 0 steps after", "[plan][format-1.1]") {
    // The only goal's `when` is false: no item is selected. Version 1 counted 1 step after
    // (the application); version 1.1 counts it only when a selected item is not automatic.
    const Catalog catalog = catalog_of(R"(
format: 1
facts:
  child.adopted: {type: bool, question: 'Adopted?'}
items:
  a.adoption: {name: Adoption, when: "child.adopted"}
bundles:
  adoption: {name: Adoption, goals: [a.adoption]}
)");
    const Plan plan = make_plan(catalog, "adoption", Facts{{"child.adopted", false}});
    CHECK(plan.items.empty());
    CHECK(plan.before.steps == 0);
    CHECK(plan.after.steps == 0);
    CHECK(plan.after.visits == 0);
    CHECK(plan.after.days == 0);
    REQUIRE(plan.excluded.size() == 1);
    CHECK(plan.excluded[0].role == "goal");
}

TEST_CASE("one item that is not automatic brings back the application step", "[plan][format-1.1]") {
    // a.apply is ordinary, b.auto automatic. After: steps 1 (an application) + 0 visits + 0
    // payees = 1.
    const Catalog catalog = catalog_of(R"(
format: 1
items:
  a.apply: {name: Apply, channels: [online]}
  b.auto: {name: Auto, automatic: true, needs: {items: [a.apply]}}
bundles:
  mixed: {name: Mixed, goals: [b.auto]}
)");
    const Plan plan = make_plan(catalog, "mixed", Facts{});
    CHECK(plan.after.steps == 1);
}

namespace {

const char* paper_yaml = R"(
format: 1
materials:
  death_certificate: {name: Death certificate}
  id_card: {name: ID card, e_license: true}
items:
  h.death:
    name: Death registration
    duration_days: 1
    produces: {materials: [death_certificate]}
  p.cancel:
    name: Cancel hukou
    automatic: true
    duration_days: 2
    needs: {materials: [death_certificate, id_card]}
  q.ordinary:
    name: Ordinary item needing the same paper
    duration_days: 2
    needs: {materials: [death_certificate]}
bundles:
  auto: {name: Auto, goals: [p.cancel]}
  ordinary: {name: Ordinary, goals: [q.ordinary]}
)";

}  // namespace

TEST_CASE("an automatic item's submittable paper is produced, not submitted",
          "[plan][format-1.1]") {
    const Catalog catalog = catalog_of(paper_yaml);
    // The ordinary item simply has the paper submitted: no producer joins.
    const Plan ordinary = make_plan(catalog, "ordinary", Facts{});
    CHECK(ids(ordinary) == std::vector<std::string>{"q.ordinary"});
    CHECK(ordinary.after.materials == 1);
    // The automatic item cannot take a submitted paper: h.death joins as its producer, the
    // ID card is an e-licence. Before: steps 2, materials 2 (p.cancel's two needs), visits 2,
    // days 1 + 2 = 3. After: steps 1 (h.death asks for an application), materials 0, visits 0,
    // days 1 + 2 = 3 (the edge h.death -> p.cancel).
    const Plan plan = make_plan(catalog, "auto", Facts{});
    CHECK(ids(plan) == std::vector<std::string>{"h.death", "p.cancel"});
    CHECK(plan.before.steps == 2);
    CHECK(plan.before.materials == 2);
    CHECK(plan.before.days == 3);
    CHECK(plan.after.steps == 1);
    CHECK(plan.after.materials == 0);
    CHECK(plan.after.visits == 0);
    CHECK(plan.after.days == 3);
    CHECK(plan.submitted_materials().empty());
    REQUIRE(plan.find("p.cancel") != nullptr);
    CHECK(plan.find("p.cancel")->earliest_start == 1);
}

TEST_CASE("an automatic item's paper nobody produces fails no-provider", "[plan][format-1.1]") {
    const Catalog catalog = catalog_of(R"(
format: 1
materials:
  death_certificate: {name: Death certificate}
items:
  p.cancel:
    name: Cancel hukou
    automatic: true
    needs: {materials: [death_certificate]}
bundles:
  auto: {name: Auto, goals: [p.cancel]}
)");
    const std::string error = plan_error(catalog, "auto");
    CHECK(error.rfind("no-provider: ", 0) == 0);
    CHECK(error.find("death_certificate") != std::string::npos);
    CHECK(error.find("p.cancel") != std::string::npos);
    // The error says how to fix it.
    CHECK(error.find("; make the material an e-licence, add an item that produces it, or make the "
                     "item not automatic") != std::string::npos);
}

TEST_CASE("an automatic item's asked field fails no-provider naming item and field",
          "[plan][format-1.1]") {
    const Catalog catalog = catalog_of(R"(
format: 1
fields:
  person.name: {type: string, label: Name}
  person.id: {type: string, label: ID, source: shared}
  death.date: {type: date, label: Date of death}
items:
  h.death:
    name: Death registration
    produces: {fields: [death.date]}
  p.asks:
    name: Automatic, needs an asked field
    automatic: true
    needs: {fields: [person.name]}
  p.fine:
    name: Automatic, shared and produced fields
    automatic: true
    needs: {items: [h.death], fields: [person.id, death.date]}
bundles:
  asks: {name: Asks, goals: [p.asks]}
  fine: {name: Fine, goals: [p.fine]}
)");
    const std::string error = plan_error(catalog, "asks");
    CHECK(error.rfind("no-provider: ", 0) == 0);
    CHECK(error.find("'person.name'") != std::string::npos);
    CHECK(error.find("'p.asks'") != std::string::npos);
    // A shared field is prefilled, a produced one arrives by an edge: nothing is asked.
    // After: steps 1 (h.death is ordinary), fields 0, forms 0.
    const Plan plan = make_plan(catalog, "fine", Facts{});
    CHECK(plan.after.fields == 0);
    CHECK(plan.after.forms == 0);
    CHECK(plan.after.steps == 1);
}

TEST_CASE("visits after are summed over venues", "[plan][format-1.1]") {
    // Two in-person items in parallel. Both at the window: the most in-person items on one
    // path is 1, so 1 visit, steps 1 + 1 = 2. At two venues: 1 at the funeral home + 1 at the
    // window = 2 visits, steps 1 + 2 = 3. A chain of the two at different venues: 1 + 1 = 2, the
    // same as a chain of two at the window (2 on one path).
    const Catalog catalog = catalog_of(R"(
format: 1
items:
  a.window: {name: A, in_person: true}
  b.window: {name: B, in_person: true}
  c.funeral: {name: C, in_person: true, venue: funeral_home}
  d.after_funeral: {name: D, in_person: true, needs: {items: [c.funeral]}}
  e.after_window: {name: E, in_person: true, needs: {items: [a.window]}}
bundles:
  window: {name: Window, goals: [a.window, b.window]}
  two_venues: {name: Two venues, goals: [b.window, c.funeral]}
  chain_venues: {name: Chain at two venues, goals: [d.after_funeral]}
  chain_window: {name: Chain at the window, goals: [e.after_window]}
)");
    const Plan window = make_plan(catalog, "window", Facts{});
    CHECK(window.after.visits == 1);
    CHECK(window.after.steps == 2);
    const Plan two = make_plan(catalog, "two_venues", Facts{});
    CHECK(two.after.visits == 2);
    CHECK(two.after.steps == 3);
    CHECK(make_plan(catalog, "chain_venues", Facts{}).after.visits == 2);
    CHECK(make_plan(catalog, "chain_window", Facts{}).after.visits == 2);
}

TEST_CASE("a bundled duration shortens the schedule, not the days before", "[plan][format-1.1]") {
    // a (10 days, 4 bundled) -> b (3 days); c (8 days) in parallel. Before: 10 + 3 + 8 = 21.
    // Schedule: a 0-4, b 4-7, c 0-8: after days 8, the critical path is c alone (without the
    // bundled duration it would be a, b with 13 days). Slack of a and b: 8 - 7 = 1.
    const Catalog catalog = catalog_of(R"(
format: 1
items:
  a.review: {name: Review, duration_days: 10, bundled_duration_days: 4}
  b.grant: {name: Grant, duration_days: 3, needs: {items: [a.review]}}
  c.other: {name: Other, duration_days: 8}
bundles:
  housing: {name: Housing, goals: [b.grant, c.other]}
)");
    const Plan plan = make_plan(catalog, "housing", Facts{});
    CHECK(plan.before.days == 21);
    CHECK(plan.after.days == 8);
    CHECK(plan.critical_path == std::vector<PlanId>{"c.other"});
    REQUIRE(plan.find("a.review") != nullptr);
    CHECK(plan.find("a.review")->earliest_finish == 4);
    CHECK(plan.find("a.review")->slack == 1);
    CHECK(plan.find("b.grant")->earliest_start == 4);
    CHECK(plan.find("b.grant")->slack == 1);
}

TEST_CASE("the new item keys are checked by lint", "[load][format-1.1]") {
    auto load = [](const std::string& item) {
        return testing::messages(load_text("format: 1\nitems:\n  a.item: " + item + "\n"));
    };
    CHECK(load("{name: A, automatic: true, in_person: true}") ==
          std::vector<std::string>{
              "test.yaml:3:32: error: item 'a.item' is automatic and in_person; an automatic "
              "item asks the applicant for nothing, so it cannot need them present "
              "[automatic-in-person]"});
    CHECK(load("{name: A, automatic: true, payee: tax}") ==
          std::vector<std::string>{
              "test.yaml:3:32: error: item 'a.item' is automatic and has a payee 'tax'; an "
              "automatic item asks the applicant for nothing, not even a payment "
              "[automatic-payee]"});
    CHECK(load("{name: A, venue: funeral_home}") ==
          std::vector<std::string>{
              "test.yaml:3:28: warning: item 'a.item' has a venue 'funeral_home' but is not "
              "in_person; the venue has no effect [venue-not-in-person]"});
    CHECK(load("{name: A, duration_days: 2, bundled_duration_days: 3}") ==
          std::vector<std::string>{
              "test.yaml:3:62: warning: item 'a.item' has bundled_duration_days 3 above its "
              "duration_days; bundling is not expected to take longer "
              "[bundled-duration-longer]"});
    CHECK(load("{name: A, automatic: 'true'}").size() == 1);
    CHECK(load("{name: A, in_person: true, venue: [x]}").size() == 1);
    CHECK(load("{name: A, bundled_duration_days: -1}").size() == 1);
    CHECK(load("{name: A, bundled_duration_days: soon}").size() == 1);
    CHECK(load("{name: A, in_person: true, venue: funeral_home, duration_days: 3, "
               "bundled_duration_days: 1}")
              .empty());
}
