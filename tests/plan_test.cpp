// The planner against hand-computed cases for every rule of "Meaning" and "Metrics".
#include <catch2/catch.hpp>
#include <memory>
#include <optional>
#include <thread>

#include "onething/error.hpp"
#include "onething/plan.hpp"
#include "onething/write.hpp"
#include "test_support.hpp"

using namespace onething;
using onething::testing::catalog_of;
using onething::testing::ids;
using onething::testing::load_text;

namespace {

/// The code of the PlanError/InputError thrown by planning, or "" when none.
std::string error_code(const Catalog& catalog, const std::string& bundle, const Facts& facts = {}) {
    try {
        make_plan(catalog, bundle, facts);
    } catch (const Error& error) {
        return error.code();
    }
    return "";
}

const char* chain_yaml = R"(
items:
  b.first: {name: First, duration_days: 5, steps: 3, visits: 2, in_person: true}
  a.second:
    name: Second
    duration_days: 3
    steps: 2
    in_person: true
    payee: tax
    needs: {items: [b.first]}
  c.parallel: {name: Parallel, duration_days: 2, channels: [online], payee: tax}
bundles:
  chain: {name: Chain, goals: [a.second, c.parallel]}
)";

}  // namespace

TEST_CASE("prerequisites are selected, scheduled by the critical path, and counted", "[plan]") {
    const Catalog catalog = catalog_of(chain_yaml);
    const Plan plan = make_plan(catalog, "chain", {});
    CHECK(ids(plan) == std::vector<std::string>{"a.second", "b.first", "c.parallel"});
    REQUIRE(plan.stages.size() == 2);
    CHECK(plan.stages[0] == std::vector<PlanId>{"b.first", "c.parallel"});
    CHECK(plan.stages[1] == std::vector<PlanId>{"a.second"});
    CHECK(plan.critical_path == std::vector<PlanId>{"b.first", "a.second"});
    CHECK(plan.outcome_days == 8);
    const PlannedItem* parallel = plan.find("c.parallel");
    REQUIRE(parallel);
    CHECK(parallel->slack == 6);
    CHECK_FALSE(parallel->critical);
    CHECK(plan.find("b.first")->critical);
    CHECK(plan.find("a.second")->earliest_start == 5);
    // before: steps 3+2+1, forms 0, fields 0, materials 0, visits 2+1+0, days 5+3+2
    CHECK(plan.before.steps == 6);
    CHECK(plan.before.visits == 3);
    CHECK(plan.before.days == 10);
    // after: visits = in-person items on one path (b then a) = 2; steps = 1 + 2 + 1 payee
    CHECK(plan.after.visits == 2);
    CHECK(plan.after.steps == 4);
    CHECK(plan.after.days == 8);
    CHECK(plan.after.forms == 0);
    REQUIRE(plan.find("b.first")->reasons.size() == 1);
    CHECK(plan.find("b.first")->reasons[0].kind == Reason::Kind::prerequisite);
}

TEST_CASE("a non-submittable material brings in its producer, with an edge", "[plan]") {
    const Catalog catalog = catalog_of(R"(
materials:
  hukou_record: {name: Hukou record, submittable: false}
  id_card: {name: ID card, e_license: true}
  photo: {name: Photo}
fields:
  child.name: {type: string}
  child.id_number: {type: string}
  mother.name: {type: string, source: shared}
items:
  card.apply:
    name: Card
    duration_days: 4
    needs:
      materials: [hukou_record, id_card, photo]
      fields: [child.name, child.id_number, mother.name]
  hukou.register:
    name: Hukou
    duration_days: 5
    needs: {fields: [child.name]}
    produces: {materials: [hukou_record], fields: [child.id_number]}
bundles:
  card: {name: Card, goals: [card.apply]}
)");
    const Plan plan = make_plan(catalog, "card", {});
    CHECK(ids(plan) == std::vector<std::string>{"card.apply", "hukou.register"});
    REQUIRE(plan.find("hukou.register")->reasons.size() == 1);
    CHECK(plan.find("hukou.register")->reasons[0].kind == Reason::Kind::producer);
    CHECK(plan.find("hukou.register")->reasons[0].material == "hukou_record");
    CHECK(plan.asked_fields() == std::vector<std::string>{"child.name"});
    CHECK(plan.submitted_materials() == std::vector<std::string>{"photo"});
    CHECK(plan.outcome_days == 9);
    // before: forms 2, fields 3+1, materials 3+0; after: 1 form, 1 field, 1 material
    CHECK(plan.before.forms == 2);
    CHECK(plan.before.fields == 4);
    CHECK(plan.before.materials == 3);
    CHECK(plan.after.forms == 1);
    CHECK(plan.after.fields == 1);
    CHECK(plan.after.materials == 1);
    REQUIRE(plan.edges.size() == 2);
    CHECK(plan.edges[0].kind == EdgeKind::material);
    CHECK(plan.edges[1].kind == EdgeKind::field);
}

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

TEST_CASE("cycles through producers are refused with the cycle printed", "[plan]") {
    // agency.gamma could break the cycle, so lint does not refuse the catalog (a cycle every
    // plan must hit is a lint error); for these facts it does not apply.
    const Catalog catalog = catalog_of(R"(
facts:
  f: {type: bool, default: false}
materials:
  x: {name: X, submittable: false}
  y: {name: Y, submittable: false}
items:
  agency.alpha: {name: A, needs: {materials: [y]}, produces: {materials: [x]}}
  agency.beta: {name: B, needs: {materials: [x]}, produces: {materials: [y]}}
  agency.gamma: {name: G, when: f, produces: {materials: [y]}}
bundles:
  loop: {name: Loop, goals: [agency.alpha]}
)");
    try {
        make_plan(catalog, "loop", {});
        FAIL("expected a cycle");
    } catch (const PlanError& error) {
        CHECK(error.code() == "cycle");
        CHECK(error.diagnostics().front().message ==
              "dependency cycle: agency.alpha -> agency.beta -> agency.alpha");
        CHECK(error.location().line > 0);
    }
}

TEST_CASE("deferred items leave the outcome time, depending on them is an error", "[plan]") {
    const Catalog catalog = catalog_of(R"(
items:
  nev.apply: {name: Apply, duration_days: 2}
  nev.review: {name: Review, duration_days: 20, needs: {items: [nev.apply]}}
  nev.plate: {name: Plate, duration_days: 5, needs: {items: [nev.apply]}}
  nev.bad: {name: Bad, duration_days: 1, needs: {items: [nev.review]}}
bundles:
  nev: {name: NEV, goals: [nev.plate, nev.review], defer: [nev.review]}
  bad: {name: Bad, goals: [nev.bad, nev.review], defer: [nev.review]}
)");
    const Plan plan = make_plan(catalog, "nev", {});
    CHECK(plan.outcome_days == 7);
    CHECK(plan.completion_days == 22);
    CHECK(plan.after.days == 7);
    CHECK(plan.before.days == 27);
    CHECK(plan.find("nev.review")->deferred);
    CHECK_FALSE(plan.find("nev.review")->critical);
    CHECK(plan.critical_path == std::vector<PlanId>{"nev.apply", "nev.plate"});
    CHECK(error_code(catalog, "bad") == "deferred-dependency");
}

TEST_CASE("a deferred item need not be a goal: it is deferred where the plan selects it",
          "[plan]") {
    // The rule format's own example defers an item that is not among the goals.
    const Catalog catalog = catalog_of(R"(
items:
  nev.plate: {name: Plate, duration_days: 5}
  nev.review: {name: Review, duration_days: 10, needs: {items: [nev.quota]}}
  nev.quota: {name: Quota, duration_days: 3}
  nev.unrelated: {name: Unrelated, duration_days: 7}
bundles:
  nev: {name: NEV, goals: [nev.plate, nev.review], defer: [nev.review, nev.quota, nev.unrelated]}
  bad: {name: Bad, goals: [nev.review], defer: [nev.quota]}
)");
    const Plan plan = make_plan(catalog, "nev", {});
    CHECK(ids(plan) == std::vector<std::string>{"nev.plate", "nev.quota", "nev.review"});
    CHECK(plan.find("nev.quota")->deferred);  // a prerequisite, deferred with its consumer
    CHECK(plan.find("nev.review")->deferred);
    CHECK(plan.outcome_days == 5);
    CHECK(plan.completion_days == 13);
    // An item not deferred that needs the deferred prerequisite.
    CHECK(error_code(catalog, "bad") == "deferred-dependency");
}

TEST_CASE("a material nobody can provide refuses the catalog only under a need without a when",
          "[plan][lint]") {
    const std::string yaml = R"(
facts:
  p: {type: bool}
materials:
  rec: {name: Record, submittable: false}
  paper: {name: Paper}
items:
  unconditional: {name: U, needs: {materials: [rec]}}
  conditional: {name: C, needs: {materials: [{material: rec, when: p}]}}
  alternative: {name: A, needs: {materials: [{any_of: [rec, paper]}]}}
bundles:
  conditional: {name: C, goals: [conditional]}
  alternative: {name: A, goals: [alternative]}
)";
    const LoadResult refused = load_text(yaml);
    REQUIRE(testing::messages(refused) ==
            std::vector<std::string>{
                "test.yaml:8:48: error: item 'unconditional' needs material 'rec', which is "
                "neither submittable nor an e-licence, and no item produces it; set "
                "'submittable: true' or 'e_license: true', or add an item that produces it "
                "[unprovidable-material]"});
    // Without the need that has no `when`, the catalog loads with a warning at the material.
    std::string loadable = yaml;
    loadable.replace(loadable.find("  unconditional:"),
                     loadable.find("  conditional:") - loadable.find("  unconditional:"), "");
    const LoadResult loaded = load_text(loadable);
    REQUIRE(loaded.ok());
    CHECK(testing::messages(loaded) ==
          std::vector<std::string>{
              "test.yaml:5:3: warning: material 'rec' is neither submittable nor an e-licence "
              "and no item produces it: a plan that needs it fails (no-provider), and as an "
              "alternative it is never chosen [material-never-provided]"});
    const Catalog& catalog = loaded.catalog;
    // A need whose `when` is false does not exist for the plan; one that holds fails.
    CHECK(ids(make_plan(catalog, "conditional", {{"p", false}})) ==
          std::vector<std::string>{"conditional"});
    try {
        make_plan(catalog, "conditional", {{"p", true}});
        FAIL("expected no-provider");
    } catch (const PlanError& error) {
        CHECK(error.code() == "no-provider");
        CHECK(error.diagnostics().front().message.find("'rec'") != std::string::npos);
        CHECK(error.diagnostics().front().message.find("'conditional'") != std::string::npos);
    }
    // The alternative nobody can provide is never chosen: the paper is submitted.
    const Plan alternative = make_plan(catalog, "alternative", {});
    REQUIRE(alternative.choices.size() == 1);
    CHECK(alternative.choices[0].chosen == 1);  // paper
    CHECK(alternative.after.materials == 1);
}

TEST_CASE("conditions select goals and prerequisites, unknown facts are asked", "[plan][guide]") {
    const Catalog catalog = catalog_of(R"(
facts:
  child.born_in_city: {type: bool, question: {en: 'Born in the city?'}}
  family.has_insurance: {type: bool, default: true}
  mother.age: {type: int}
items:
  birth.register: {name: Register, when: child.born_in_city}
  birth.transfer: {name: Transfer, when: "!child.born_in_city"}
  insurance.enrol: {name: Enrol, when: "family.has_insurance && mother.age >= 18"}
  allowance: {name: Allowance, needs: {items: [insurance.enrol]}}
bundles:
  birth: {name: Birth, goals: [birth.register, birth.transfer, allowance]}
  adults: {name: Adults, goals: [allowance], when: "mother.age >= 18"}
)");
    CHECK(error_code(catalog, "birth") == "undecided");
    const auto questions = open_questions(catalog, "birth", {});
    // A default is not an answer: family.has_insurance is asked (the plan takes its default).
    REQUIRE(questions.size() == 3);
    CHECK(questions[0].fact == "child.born_in_city");  // decides two items
    CHECK(questions[0].items == std::vector<std::string>{"birth.register", "birth.transfer"});
    CHECK(questions[1].fact == "family.has_insurance");  // one item each: by id
    CHECK(questions[2].fact == "mother.age");

    const Plan plan = make_plan(catalog, "birth",
                                {{"child.born_in_city", true}, {"mother.age", std::int64_t{30}}});
    CHECK(ids(plan) == std::vector<std::string>{"allowance", "birth.register", "insurance.enrol"});
    REQUIRE(plan.excluded.size() == 1);
    CHECK(plan.excluded[0].item == "birth.transfer");
    CHECK(plan.excluded[0].condition == "!child.born_in_city");

    const Plan young = make_plan(catalog, "birth",
                                 {{"child.born_in_city", false}, {"mother.age", std::int64_t{16}}});
    CHECK(ids(young) == std::vector<std::string>{"allowance", "birth.transfer"});
    CHECK(young.excluded.size() == 2);
    CHECK(open_questions(catalog, "birth",
                         {{"child.born_in_city", false}, {"mother.age", std::int64_t{16}}})
              .empty());
    CHECK(error_code(catalog, "adults", {{"mother.age", std::int64_t{16}}}) == "not-applicable");
    CHECK(error_code(catalog, "nope") == "unknown-bundle");
    CHECK(error_code(catalog, "birth", {{"child.born_in_cty", true}}) == "unknown-fact");
    CHECK(error_code(catalog, "birth", {{"mother.age", std::string("old")}}) == "invalid-fact");
}

TEST_CASE("a material nobody can provide names the material and the item", "[plan]") {
    const Catalog catalog = catalog_of(R"(
facts:
  office.open: {type: bool}
materials:
  stamp: {name: Stamp, submittable: false}
items:
  stamper: {name: Stamper, when: office.open, produces: {materials: [stamp]}}
  filing: {name: Filing, needs: {materials: [stamp]}}
bundles:
  file: {name: File, goals: [filing]}
)");
    try {
        make_plan(catalog, "file", {{"office.open", false}});
        FAIL("expected no-provider");
    } catch (const PlanError& error) {
        CHECK(error.code() == "no-provider");
        CHECK(error.diagnostics().front().message.find("'stamp'") != std::string::npos);
        CHECK(error.diagnostics().front().message.find("'filing'") != std::string::npos);
    }
    CHECK(ids(make_plan(catalog, "file", {{"office.open", true}})) ==
          std::vector<std::string>{"filing", "stamper"});
}

TEST_CASE("an item that makes the material it needs is told it cannot provide it to itself",
          "[plan]") {
    const Catalog catalog = catalog_of(R"(
materials:
  record: {name: Record, submittable: false}
items:
  c: {name: C, needs: {materials: [record]}, produces: {materials: [record]}}
bundles:
  t: {name: T, goals: [c]}
)");
    try {
        make_plan(catalog, "t", {});
        FAIL("expected no-provider");
    } catch (const PlanError& error) {
        CHECK(error.code() == "no-provider");
        CHECK(error.diagnostics().front().message.find(
                  "no applicable item produces it but the item itself, which cannot provide what "
                  "it needs") != std::string::npos);
    }
    // The same through an any_of whose every alternative only the item makes.
    const Catalog any_of = catalog_of(R"(
materials:
  record: {name: Record, submittable: false}
  note: {name: Note, submittable: false}
items:
  c: {name: C, needs: {materials: [{any_of: [record, note]}]}, produces: {materials: [record]}}
bundles:
  t: {name: T, goals: [c]}
)");
    try {
        make_plan(any_of, "t", {});
        FAIL("expected no-provider");
    } catch (const PlanError& error) {
        CHECK(error.diagnostics().front().message.find(
                  "no applicable item produces one but the item itself") != std::string::npos);
    }
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

TEST_CASE("one catalog, many threads planning at once, identical plans", "[plan][threads]") {
    const Catalog catalog = catalog_of(chain_yaml);
    const std::string expected = plan_to_json(make_plan(catalog, "chain", {}), catalog, "en");
    std::vector<std::thread> threads;
    std::vector<int> mismatches(4, 0);
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 200; ++i) {
                if (plan_to_json(make_plan(catalog, "chain", {}), catalog, "en") != expected) {
                    ++mismatches[static_cast<std::size_t>(t)];
                }
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    CHECK(mismatches == std::vector<int>(4, 0));
    // Copies of one plan share its id text: threads copy, read and drop them at once.
    auto shared = std::make_unique<Plan>(make_plan(catalog, "chain", {}));
    threads.clear();
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 200; ++i) {
                const Plan copy = *shared;
                if (plan_to_json(copy, catalog, "en") != expected) {
                    ++mismatches[static_cast<std::size_t>(t)];
                }
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    shared.reset();
    CHECK(mismatches == std::vector<int>(4, 0));
}

TEST_CASE("a plan's ids stay valid in its copies after the plan and the catalog are gone",
          "[plan]") {
    std::optional<Catalog> catalog = catalog_of(chain_yaml);
    std::optional<Plan> original = make_plan(*catalog, "chain", {});
    const std::string expected = plan_to_json(*original, *catalog, "en");
    const Plan copy = *original;
    Plan assigned;
    assigned = *original;
    const Plan moved = std::move(*original);
    original.reset();
    const Catalog again = catalog_of(chain_yaml);  // the writers take a catalog for names
    catalog.reset();
    for (const Plan* plan : std::vector<const Plan*>{&copy, &assigned, &moved}) {
        CHECK(plan_to_json(*plan, again, "en") == expected);  // ASan: no read of freed text
        CHECK(plan->critical_path == std::vector<PlanId>{"b.first", "a.second"});
    }
    // Each distinct id is stored once: the edge and the stage view the item's own text.
    REQUIRE(!copy.edges.empty());
    CHECK(copy.edges[0].from.data() == copy.find(copy.edges[0].from)->id.data());
}

TEST_CASE("provider preference: produced inside beats e-licence, every producer gives an edge",
          "[plan]") {
    // The certificate is an e-licence, but a selected item produces it: the consumer waits for
    // that item (an edge) instead of retrieving it. Both registers produce the same field, so
    // the consumer gets an edge from each. Payees: tax twice and bank once = 2 distinct.
    const Catalog catalog = catalog_of(R"(
materials:
  certificate: {name: Certificate, e_license: true}
fields:
  person.address: {type: string}
items:
  issue: {name: Issue, duration_days: 2, payee: tax, produces: {materials: [certificate]}}
  register.a: {name: A, duration_days: 1, payee: tax, produces: {fields: [person.address]}}
  register.b: {name: B, duration_days: 4, payee: bank, produces: {fields: [person.address]}}
  use:
    name: Use
    duration_days: 1
    needs: {materials: [certificate], fields: [person.address]}
bundles:
  both: {name: Both, goals: [issue, register.a, register.b, use]}
)");
    const Plan plan = make_plan(catalog, "both", {});
    REQUIRE(plan.edges.size() == 3);
    CHECK(plan.edges[0].from == "issue");
    CHECK(plan.edges[0].kind == EdgeKind::material);
    CHECK(plan.edges[1].from == "register.a");
    CHECK(plan.edges[2].from == "register.b");
    REQUIRE(plan.materials.size() == 1);
    CHECK(plan.materials[0].provision == Provision::produced);
    CHECK(plan.materials[0].producers == std::vector<PlanId>{"issue"});
    REQUIRE(plan.fields.size() == 1);
    CHECK(plan.fields[0].provision == Provision::produced);
    CHECK(plan.fields[0].producers == std::vector<PlanId>{"register.a", "register.b"});
    CHECK(plan.after.fields == 0);
    CHECK(plan.after.forms == 0);
    CHECK(plan.after.materials == 0);
    CHECK(plan.after.steps == 3);  // 1 application + 0 visits + 2 payees
    CHECK(plan.after.days == 5);   // register.b (4) then use (1)
    CHECK(plan.before.forms == 1);
    CHECK(plan.before.fields == 1);
    CHECK(plan.before.materials == 1);
    CHECK(plan.stages.size() == 2);
    CHECK(plan.find("issue")->slack == 2);
    CHECK(plan.find("register.a")->slack == 3);
    CHECK(plan.critical_path == std::vector<PlanId>{"register.b", "use"});
}

TEST_CASE("visits after are the most in-person items on one path", "[plan]") {
    // a -> b -> c with a and c in person, d in person in parallel: the longest in-person chain
    // holds 2 (a, c), not 3; visits before are the sum of each item's own visits.
    const Catalog catalog = catalog_of(R"(
items:
  a: {name: A, in_person: true, visits: 2}
  b: {name: B, channels: [online], needs: {items: [a]}}
  c: {name: C, in_person: true, needs: {items: [b]}}
  d: {name: D, in_person: true}
bundles:
  trips: {name: Trips, goals: [c, d]}
)");
    const Plan plan = make_plan(catalog, "trips", {});
    CHECK(plan.before.visits == 4);  // 2 + 0 + 1 + 1
    CHECK(plan.after.visits == 2);
    CHECK(plan.after.steps == 3);
    CHECK(plan.stages.size() == 3);
}

TEST_CASE("the critical path runs through zero-day items to the last one", "[plan][schedule]") {
    // `z1` and `z2` take no day and finish with `a` at the outcome: the path is not cut at `a`,
    // whose id comes first; `b` is off the path (slack 1).
    const Catalog catalog = catalog_of(R"(
items:
  a: {name: A, duration_days: 3}
  b: {name: B, duration_days: 2}
  z1: {name: Z1, needs: {items: [a, b]}}
  z2: {name: Z2, needs: {items: [z1]}}
bundles:
  x: {name: X, goals: [z2]}
)");
    const Plan plan = make_plan(catalog, "x", {});
    CHECK(plan.critical_path == std::vector<PlanId>{"a", "z1", "z2"});
    CHECK(plan.outcome_days == 3);
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

TEST_CASE("fractional days are published as written, without the noise of their sums",
          "[plan][schedule]") {
    // 0.1 + 0.2 is 0.30000000000000004 in doubles, and the backward pass leaves 2.8e-17 as a
    // latest start; the plan publishes its figures to a billionth of a day.
    const Catalog catalog = catalog_of(R"(
items:
  a: {name: A, duration_days: 0.1}
  b: {name: B, duration_days: 0.2, needs: {items: [a]}}
  c: {name: C, duration_days: 0.7, needs: {items: [b]}}
  d: {name: D, duration_days: 0.15}
bundles:
  x: {name: X, goals: [c, d]}
)");
    const Plan plan = make_plan(catalog, "x", {});
    REQUIRE(plan.items.size() == 4);
    CHECK(plan.items[0].latest_start == 0);
    CHECK(plan.items[1].earliest_finish == 0.3);
    CHECK(plan.items[2].earliest_start == 0.3);
    CHECK(plan.items[3].slack == 0.85);
    CHECK(plan.outcome_days == 1);
    CHECK(plan.after.days == 1);
    CHECK(plan.before.days == 1.15);
    const std::string json = plan_to_json(plan, catalog, "en");
    CHECK(json.find("0000000") == std::string::npos);
    CHECK(json.find("e-17") == std::string::npos);
}
