// The optimizer against hand-computed cases: the choice of alternatives and producers, the
// bounds that cut the search, minimality, ties and the search bounds (rule-format.md, "Meaning:
// from bundle to plan", step 5; docs/planning.md).
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "onething/plan.hpp"
#include "test_support.hpp"

using namespace onething;
using onething::testing::catalog_of;
using onething::testing::ids;

TEST_CASE("the optimizer beats the greedy choice of alternative", "[plan][optimizer]") {
    // g needs any_of [certificate, paper]. The certificate is produced inside the bundle by
    // p (10 days), so taking it puts p before g: 11 days. Submitting the paper keeps them
    // parallel: 10 days and 1 material. Days come before materials, so the paper wins
    // although the first alternative costs the applicant nothing.
    const Catalog catalog = catalog_of(R"(
materials:
  certificate: {name: Certificate}
  paper: {name: Paper}
items:
  g.goal:
    name: Goal
    duration_days: 1
    needs: {materials: [{any_of: [certificate, paper]}]}
  p.producer:
    name: Producer
    duration_days: 10
    produces: {materials: [certificate]}
bundles:
  greedy: {name: Greedy, goals: [g.goal, p.producer]}
  materials-first: {name: Materials first, goals: [g.goal, p.producer], optimize: [materials, days]}
)");
    const Plan plan = make_plan(catalog, "greedy", {});
    REQUIRE(plan.choices.size() == 1);
    CHECK(plan.choices[0].chosen == 1);
    CHECK(plan.after.days == 10);
    CHECK(plan.after.materials == 1);
    CHECK(plan.edges.empty());
    const Plan other = make_plan(catalog, "materials-first", {});
    CHECK(other.choices[0].chosen == 0);
    CHECK(other.after.days == 11);
    CHECK(other.after.materials == 0);
}

TEST_CASE("the fewest materials is a minimum vertex cover, found exactly", "[plan][optimizer]") {
    // One paper per vertex of the graph a-b, a-c, a-d, a-e, b-c; one goal per edge needing
    // either end's paper (docs/planning.md, "How hard the optimum is"). The first alternatives
    // submit b, c, d and e; the least cover is {a, b} (or {a, c}, which loses the tie-break on
    // the choices: e1 takes paper.b, position 0).
    const Catalog catalog = catalog_of(R"(
materials:
  paper.a: {name: A}
  paper.b: {name: B}
  paper.c: {name: C}
  paper.d: {name: D}
  paper.e: {name: E}
items:
  e1: {name: ab, duration_days: 1, needs: {materials: [{any_of: [paper.b, paper.a]}]}}
  e2: {name: ac, duration_days: 1, needs: {materials: [{any_of: [paper.c, paper.a]}]}}
  e3: {name: ad, duration_days: 1, needs: {materials: [{any_of: [paper.d, paper.a]}]}}
  e4: {name: ae, duration_days: 1, needs: {materials: [{any_of: [paper.e, paper.a]}]}}
  e5: {name: bc, duration_days: 1, needs: {materials: [{any_of: [paper.b, paper.c]}]}}
bundles:
  cover: {name: Cover, goals: [e1, e2, e3, e4, e5]}
)");
    const Plan plan = make_plan(catalog, "cover", {});
    CHECK(plan.optimal);
    CHECK(plan.after.materials == 2);
    CHECK(plan.submitted_materials() == std::vector<std::string>{"paper.a", "paper.b"});
    std::vector<int> chosen;
    for (const Choice& choice : plan.choices) {
        chosen.push_back(choice.chosen);
    }
    CHECK(chosen == std::vector<int>{0, 1, 1, 1, 0});
    PlanOptions first;
    first.max_search_nodes = 1;
    const Plan greedy = make_plan(catalog, "cover", {}, first);
    CHECK_FALSE(greedy.optimal);
    CHECK(greedy.after.materials > 2);
}

TEST_CASE("the first plan takes the producer that drags in the fewest items", "[plan][optimizer]") {
    // a.heavy comes first by id but needs a record only c.maker makes; b.light needs nothing.
    // The greedy dive (one node) tries b.light first; both take one day, so the optimum is the
    // same plan, and the search proves it.
    const Catalog catalog = catalog_of(R"(
materials:
  quota: {name: Quota, submittable: false}
  record: {name: Record, submittable: false}
items:
  a.heavy: {name: Heavy, duration_days: 1, needs: {materials: [record]}, produces: {materials: [quota]}}
  b.light: {name: Light, duration_days: 1, produces: {materials: [quota]}}
  c.maker: {name: Maker, duration_days: 1, produces: {materials: [record]}}
  plate: {name: Plate, duration_days: 1, needs: {materials: [quota]}}
bundles:
  plate: {name: Plate, goals: [plate]}
)");
    PlanOptions first;
    first.max_search_nodes = 1;
    const Plan greedy = make_plan(catalog, "plate", {}, first);
    CHECK(ids(greedy) == std::vector<std::string>{"b.light", "plate"});
    const Plan plan = make_plan(catalog, "plate", {});
    CHECK(plan.optimal);
    CHECK(ids(plan) == std::vector<std::string>{"b.light", "plate"});
}

TEST_CASE("the optimizer picks the faster producer, not the first", "[plan][optimizer]") {
    const Catalog catalog = catalog_of(R"(
materials:
  quota: {name: Quota, submittable: false}
items:
  a.slow: {name: Slow, duration_days: 20, produces: {materials: [quota]}}
  b.fast: {name: Fast, duration_days: 3, produces: {materials: [quota]}}
  plate: {name: Plate, duration_days: 1, needs: {materials: [quota]}}
bundles:
  plate: {name: Plate, goals: [plate]}
)");
    const Plan plan = make_plan(catalog, "plate", {});
    CHECK(ids(plan) == std::vector<std::string>{"b.fast", "plate"});
    CHECK(plan.after.days == 4);
    CHECK(plan.optimal);
}

TEST_CASE("the selection is minimal: a producer made redundant is left out", "[plan][optimizer]") {
    // g needs m1 and m2, both only producible. p.both makes both; p.one and p.two one each.
    // Every plan takes one day, so the tie goes to the smallest sorted id list:
    // [g, p.both] < [g, p.one, p.two]. No plan holds p.both together with p.one or p.two.
    const Catalog catalog = catalog_of(R"(
materials:
  m1: {name: M1, submittable: false}
  m2: {name: M2, submittable: false}
items:
  g: {name: G, needs: {materials: [m1, m2]}}
  p.both: {name: Both, duration_days: 1, produces: {materials: [m1, m2]}}
  p.one: {name: One, duration_days: 1, produces: {materials: [m1]}}
  p.two: {name: Two, duration_days: 1, produces: {materials: [m2]}}
bundles:
  b: {name: B, goals: [g]}
)");
    const Plan plan = make_plan(catalog, "b", {});
    CHECK(ids(plan) == std::vector<std::string>{"g", "p.both"});
}

TEST_CASE("the bound on materials still to come counts a shared paper once", "[plan][optimizer]") {
    // g needs the record; pa makes it and needs q1 and q2 (2 materials); pb makes it and needs
    // three any_of that all offer p (1 material: p three times). pa is tried first and gives
    // 2; when pb joins, its three open needs share p, so what they surely add is 1, not 3 —
    // a bound counting p once per need would cut the branch holding the optimum.
    const Catalog catalog = catalog_of(R"(
materials:
  rec: {name: Record, submittable: false}
  q1: {name: Q1}
  q2: {name: Q2}
  s1: {name: S1}
  s2: {name: S2}
  s3: {name: S3}
  p: {name: P}
items:
  g: {name: G, needs: {materials: [rec]}}
  pa: {name: A, produces: {materials: [rec]}, needs: {materials: [q1, q2]}}
  pb:
    name: B
    produces: {materials: [rec]}
    needs:
      materials: [{any_of: [s1, p]}, {any_of: [s2, p]}, {any_of: [s3, p]}]
bundles:
  b: {name: B, goals: [g], optimize: [materials]}
)");
    const Plan plan = make_plan(catalog, "b", {});
    CHECK(plan.optimal);
    CHECK(ids(plan) == std::vector<std::string>{"g", "pb"});
    CHECK(plan.after.materials == 1);
    CHECK(plan.submitted_materials() == std::vector<std::string>{"p"});
}

TEST_CASE("a leaf holding a redundant producer is repaired, not discarded", "[plan][optimizer]") {
    // The first dive adds p.a1 for m1, then p.b for m2; p.b also makes m1, so p.a1 is
    // redundant. The leaf is repaired to {g, p.b} at once. Every plan takes one day with no
    // visits and no materials, so the exact search prefers the smaller sorted id list
    // [g, p.a1, p.c] < [g, p.b].
    const Catalog catalog = catalog_of(R"(
materials:
  m1: {name: M1, submittable: false}
  m2: {name: M2, submittable: false}
items:
  g: {name: G, needs: {materials: [m1, m2]}}
  p.a1: {name: A1, duration_days: 1, produces: {materials: [m1]}}
  p.b: {name: B, duration_days: 1, produces: {materials: [m1, m2]}}
  p.c: {name: C, duration_days: 1, produces: {materials: [m2]}}
bundles:
  b: {name: B, goals: [g]}
)");
    PlanOptions bounded;
    bounded.max_search_nodes = 1;
    const Plan quick = make_plan(catalog, "b", {}, bounded);
    CHECK_FALSE(quick.optimal);
    CHECK(ids(quick) == std::vector<std::string>{"g", "p.b"});
    const Plan full = make_plan(catalog, "b", {});
    CHECK(full.optimal);
    CHECK(ids(full) == std::vector<std::string>{"g", "p.a1", "p.c"});
}

TEST_CASE("an e-licence first does not cut a later record whose producer makes more",
          "[plan][optimizer]") {
    // x.goal needs paper_b and one of [elic_a, record_c]. The e-licence costs nothing, but
    // choosing record_c brings in x.maker, which also makes paper_b: no material at all to
    // submit, within the 15 days of x.long. The search must not stop at the e-licence.
    const Catalog catalog = catalog_of(R"(
materials:
  elic_a: {name: Licence A, e_license: true}
  paper_b: {name: Paper B}
  record_c: {name: Record C, submittable: false}
items:
  x.long: {name: Long, department: d, duration_days: 15}
  x.goal: {name: Goal, department: d, duration_days: 1,
           needs: {materials: [paper_b, {any_of: [elic_a, record_c]}]}}
  x.maker: {name: Maker, department: d, duration_days: 6, produces: {materials: [paper_b, record_c]}}
bundles:
  b: {name: B, goals: [x.goal, x.long]}
)");
    const Plan plan = make_plan(catalog, "b", {});
    CHECK(plan.optimal);
    CHECK(ids(plan) == std::vector<std::string>{"x.goal", "x.long", "x.maker"});
    REQUIRE(plan.choices.size() == 1);
    CHECK(plan.choices[0].chosen == 1);
    CHECK(plan.choices[0].alternatives[1] == "record_c");
    CHECK(plan.after.materials == 0);
    CHECK(plan.after.days == 15);
    CHECK(plan.after.visits == 0);
}

TEST_CASE("an e-licence first does not cut a record whose maker is otherwise redundant",
          "[plan][optimizer]") {
    // q.maker, the only maker of rec_k, also makes rec_m, so p.maker is not needed for g.one.
    // With elic_e for q.maker's need, p.maker is left out and paper_b is submitted. With
    // rec_a, which only p.maker makes, p.maker stays and makes paper_b too: nothing to submit.
    const Catalog catalog = catalog_of(R"(
materials:
  elic_e: {name: Licence E, e_license: true}
  paper_b: {name: Paper B}
  rec_a: {name: Record A, submittable: false}
  rec_k: {name: Record K, submittable: false}
  rec_m: {name: Record M, submittable: false}
items:
  g.one: {name: One, duration_days: 1, needs: {materials: [paper_b, rec_m]}}
  g.two: {name: Two, duration_days: 1, needs: {materials: [rec_k]}}
  g.long: {name: Long, duration_days: 15}
  p.maker: {name: Maker, duration_days: 1, produces: {materials: [rec_m, rec_a, paper_b]}}
  q.maker: {name: Other maker, duration_days: 1, produces: {materials: [rec_m, rec_k]},
            needs: {materials: [{any_of: [elic_e, rec_a]}]}}
bundles:
  b: {name: B, goals: [g.one, g.two, g.long]}
)");
    const Plan plan = make_plan(catalog, "b", {});
    CHECK(plan.optimal);
    CHECK(ids(plan) == std::vector<std::string>{"g.long", "g.one", "g.two", "p.maker", "q.maker"});
    REQUIRE(plan.choices.size() == 1);
    CHECK(plan.choices[0].chosen == 1);
    CHECK(plan.after.materials == 0);
}

TEST_CASE("a later paper after a free e-licence is still never chosen", "[plan][optimizer]") {
    // The cut that stays: a paper after an e-licence nobody produces can only cost more or tie
    // and lose the position tie-break, whatever produces it.
    const Catalog catalog = catalog_of(R"(
materials:
  elic_a: {name: Licence A, e_license: true}
  paper_b: {name: Paper B}
items:
  g: {name: G, duration_days: 1, needs: {materials: [{any_of: [elic_a, paper_b]}]}}
  p: {name: P, duration_days: 1, produces: {materials: [paper_b]}}
bundles:
  b: {name: B, goals: [g, p]}
)");
    const Plan plan = make_plan(catalog, "b", {});
    CHECK(plan.optimal);
    CHECK(plan.search_nodes == 0);
    REQUIRE(plan.choices.size() == 1);
    CHECK(plan.choices[0].chosen == 0);
    CHECK(plan.after.days == 1);
}

TEST_CASE("past the search bound the plan says it is not proven optimal", "[plan][optimizer]") {
    std::string yaml = "materials:\n";
    for (int i = 0; i < 12; ++i) {
        yaml +=
            "  m" + std::to_string(i) + "a: {name: A}\n  m" + std::to_string(i) + "b: {name: B}\n";
    }
    yaml += "items:\n  g:\n    name: G\n    needs:\n      materials:\n";
    for (int i = 0; i < 12; ++i) {
        yaml += "        - any_of: [m" + std::to_string(i) + "a, m" + std::to_string(i) + "b]\n";
    }
    yaml += "bundles:\n  b: {name: B, goals: [g]}\n";
    const Catalog catalog = catalog_of(yaml);
    PlanOptions bounded;
    bounded.max_search_nodes = 5;
    const Plan quick = make_plan(catalog, "b", {}, bounded);
    CHECK_FALSE(quick.optimal);
    CHECK(quick.after.materials == 12);
    // The first leaf lies twelve decisions deep: past a bound of one node the dive still
    // reaches it (descents are never cut; only retreats to later options are).
    bounded.max_search_nodes = 1;
    const Plan greedy = make_plan(catalog, "b", {}, bounded);
    CHECK_FALSE(greedy.optimal);
    CHECK(greedy.search_nodes == 12);
    CHECK(greedy.after.materials == 12);
    // The work bound stops the search the same way. A check here reads one item; the first
    // plan's full evaluation counts 8, a leaf that ties and loses the tie-break 2 more than its
    // check (snapshot and minimality), the reach tables of the first bound 4: the first plan
    // (8), three tying leaves (3 each) and one bound (1 + 4) reach 22, past the bound of 20.
    PlanOptions little_work;
    little_work.max_search_work = 20;
    const Plan short_of_work = make_plan(catalog, "b", {}, little_work);
    CHECK_FALSE(short_of_work.optimal);
    CHECK(short_of_work.search_work == 22);
    CHECK(short_of_work.search_nodes == 16);
    // Every leaf ties on the metrics, so a proof visits all 4,096 of them for the tie-break:
    // more than the default bounds allow, within the thorough ones.
    const Plan by_default = make_plan(catalog, "b", {});
    CHECK_FALSE(by_default.optimal);
    CHECK(by_default.search_work >= PlanOptions{}.max_search_work);
    CHECK(by_default.after.materials == 12);
    const Plan full = make_plan(catalog, "b", {}, PlanOptions::thorough());
    CHECK(full.optimal);
    CHECK(full.after.materials == 12);
    CHECK(full.search_work < PlanOptions::thorough().max_search_work);
    CHECK(ids(full) == ids(by_default));
}

TEST_CASE("days that tie as written tie in the optimizer, and the tie-break decides",
          "[plan][optimizer]") {
    // `g` takes r1 (from `a`, 0.8 days) or r2 (from `b2` after `b1`: 0.7 + 0.1 days). The two
    // plans tie on visits and days as written, so the smaller sorted list of ids wins: [a, g].
    // In doubles 0.7 + 0.1 is 0.7999999999999999 and won; 0.1 + 0.2 (0.30000000000000004)
    // lost to 0.3 the other way.
    const Catalog up = catalog_of(R"(
materials:
  r1: {name: R1, submittable: false}
  r2: {name: R2, submittable: false}
items:
  g: {name: G, needs: {materials: [{any_of: [r1, r2]}]}}
  a: {name: A, duration_days: 0.8, produces: {materials: [r1]}}
  b1: {name: B1, duration_days: 0.7}
  b2: {name: B2, duration_days: 0.1, needs: {items: [b1]}, produces: {materials: [r2]}}
bundles:
  t: {name: T, goals: [g]}
)");
    const Plan tie = make_plan(up, "t", {});
    CHECK(ids(tie) == std::vector<std::string>{"a", "g"});
    CHECK(tie.after.days == 0.8);
    const Catalog down = catalog_of(R"(
materials:
  r1: {name: R1, submittable: false}
  r2: {name: R2, submittable: false}
items:
  g: {name: G, needs: {materials: [{any_of: [r2, r1]}]}}
  a1: {name: A1, duration_days: 0.1}
  a2: {name: A2, duration_days: 0.2, needs: {items: [a1]}, produces: {materials: [r1]}}
  b: {name: B, duration_days: 0.3, produces: {materials: [r2]}}
bundles:
  t: {name: T, goals: [g]}
)");
    const Plan other = make_plan(down, "t", {});
    CHECK(ids(other) == std::vector<std::string>{"a1", "a2", "g"});
    CHECK(other.after.days == 0.3);
}
