// The planner against hand-computed cases for every rule of "Meaning" and "Metrics" but the
// optimizer's (plan_optimizer_test.cpp).
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

/// The first diagnostic of the PlanError/InputError thrown by planning, or nullopt when none.
std::optional<Diagnostic> planning_error(const Catalog& catalog, const std::string& bundle,
                                         const Facts& facts = {}) {
    try {
        make_plan(catalog, bundle, facts);
    } catch (const Error& error) {
        return error.diagnostics().front();
    }
    return std::nullopt;
}

/// The code of the PlanError/InputError thrown by planning, or "" when none.
std::string error_code(const Catalog& catalog, const std::string& bundle, const Facts& facts = {}) {
    const auto error = planning_error(catalog, bundle, facts);
    return error ? error->code : "";
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
    const auto cycle = planning_error(catalog, "loop");
    REQUIRE(cycle);
    CHECK(cycle->code == "cycle");
    CHECK(cycle->message ==
          "dependency cycle: agency.alpha -> agency.beta -> agency.alpha; agency.alpha waits for "
          "agency.beta, which produces material 'y' that agency.alpha needs; agency.beta waits "
          "for agency.alpha, which produces material 'x' that agency.beta needs (what a "
          "selected item produces is never taken from the applicant, so such a link holds "
          "whenever both items are planned: a cycle of them needs one link changed in the rule "
          "files)");
    CHECK(cycle->location.line > 0);
}

TEST_CASE("a cycle's message explains the links a producer makes, not the prerequisites",
          "[plan]") {
    // d is a goal and produces m1, so b takes m1 from d (never from the applicant), while d
    // needs a, which needs b.
    const Catalog catalog = catalog_of(R"(
materials: {m1: {name: M1}}
items:
  a: {name: A, needs: {items: [b]}}
  b: {name: B, needs: {materials: [m1]}}
  d: {name: D, produces: {materials: [m1]}, needs: {items: [a]}}
bundles: {x: {name: X, goals: [a, d]}}
)");
    const auto cycle = planning_error(catalog, "x");
    REQUIRE(cycle);
    CHECK(cycle->message ==
          "dependency cycle: a -> b -> d -> a; b waits for d, which produces material 'm1' that "
          "b needs (what a selected item produces is never taken from the applicant, so such a "
          "link holds whenever both items are planned: a cycle of them needs one link changed in "
          "the rule files)");
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
    const auto unprovided = planning_error(catalog, "conditional", {{"p", true}});
    REQUIRE(unprovided);
    CHECK(unprovided->code == "no-provider");
    CHECK(unprovided->message.find("'rec'") != std::string::npos);
    CHECK(unprovided->message.find("'conditional'") != std::string::npos);
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
    const auto closed = planning_error(catalog, "file", {{"office.open", false}});
    REQUIRE(closed);
    CHECK(closed->code == "no-provider");
    CHECK(closed->message.find("'stamp'") != std::string::npos);
    CHECK(closed->message.find("'filing'") != std::string::npos);
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
    const auto itself = planning_error(catalog, "t");
    REQUIRE(itself);
    CHECK(itself->code == "no-provider");
    CHECK(itself->message.find("no applicable item produces it but the item itself, which "
                               "cannot provide what it needs") != std::string::npos);
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
    const auto through_any_of = planning_error(any_of, "t");
    REQUIRE(through_any_of);
    CHECK(through_any_of->message.find("no applicable item produces one but the item itself") !=
          std::string::npos);
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
