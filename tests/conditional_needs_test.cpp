// Conditional needs and alternatives (rule-format.md, version 1.1, "Conditional needs"): a need
// or an alternative whose `when` is false does not exist for the plan. Every figure is worked
// by hand in a comment.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "onething/error.hpp"
#include "onething/form.hpp"
#include "onething/plan.hpp"
#include "test_support.hpp"

using namespace onething;
using onething::testing::catalog_of;
using onething::testing::ids;
using onething::testing::load_text;

namespace {

/// The error thrown by planning `bundle` with `facts`, as "code: message", or "" when none.
std::string plan_error(const Catalog& catalog, const std::string& bundle, const Facts& facts) {
    try {
        make_plan(catalog, bundle, facts);
    } catch (const Error& error) {
        return error.code() + ": " + error.what();
    }
    return "";
}

/// The birth registration of the contract's example: local parents show the household
/// register (paper) or the residence permit (an e-licence); non-local parents only the
/// residence permit, which they also show on its own.
const char* birth_yaml = R"(
format: 1
facts:
  parents.hukou_local: {type: bool, question: 'Local hukou?'}
  mother.insured: {type: bool, question: 'Insured?'}
fields:
  mother.age: {type: integer, label: Age}
  mother.name: {type: string, label: Name}
materials:
  id_card.mother: {name: ID card}
  household_register: {name: Household register}
  residence_permit: {name: Residence permit, e_license: true}
items:
  ps.birth_registration:
    name: Birth registration
    needs:
      materials:
        - id_card.mother
        - {material: residence_permit, when: "!parents.hukou_local"}
        - any_of:
            - {material: household_register, when: "parents.hukou_local"}
            - residence_permit
      fields:
        - mother.name
        - {field: mother.age, minimum: 16, when: "mother.insured"}
bundles:
  birth: {name: Birth, goals: [ps.birth_registration]}
)";

}  // namespace

TEST_CASE("a need whose when is false is not counted, provided or asked",
          "[plan][format-1.1][conditional-needs]") {
    const Catalog catalog = catalog_of(birth_yaml);
    // Local, not insured: needs id card, the any_of (both alternatives hold) and mother.name;
    // the residence permit on its own and mother.age do not exist. Before: materials 2 (id card,
    // the any_of once), fields 1, forms 1. The any_of takes the e-licence: after, 1 material
    // submitted (the id card), 1 field asked.
    const Plan local = make_plan(catalog, "birth",
                                 Facts{{"parents.hukou_local", true}, {"mother.insured", false}});
    CHECK(local.before.materials == 2);
    CHECK(local.before.fields == 1);
    CHECK(local.before.forms == 1);
    CHECK(local.after.materials == 1);
    CHECK(local.submitted_materials() == std::vector<std::string>{"id_card.mother"});
    CHECK(local.asked_fields() == std::vector<std::string>{"mother.name"});
    REQUIRE(local.choices.size() == 1);
    CHECK(local.choices[0].need == 2);  // its position in needs.materials as written
    CHECK(local.choices[0].alternatives ==
          std::vector<PlanId>{"household_register", "residence_permit"});
    CHECK(local.choices[0].chosen == 1);

    // Non-local, insured: the residence permit on its own holds, and the any_of keeps only the
    // residence permit. Before: materials 3 (id card, permit, the any_of), fields 2. After: the
    // id card submitted, the permit retrieved; fields 2 asked (age narrowed to >= 16).
    const Plan away = make_plan(catalog, "birth",
                                Facts{{"parents.hukou_local", false}, {"mother.insured", true}});
    CHECK(away.before.materials == 3);
    CHECK(away.before.fields == 2);
    CHECK(away.after.materials == 1);
    CHECK(away.asked_fields() == std::vector<std::string>{"mother.age", "mother.name"});
    REQUIRE(away.choices.size() == 1);
    CHECK(away.choices[0].alternatives == std::vector<PlanId>{"residence_permit"});
    CHECK(away.choices[0].chosen == 0);
}

TEST_CASE("a need whose when is unknown makes the plan undecided and the guide asks it",
          "[plan][format-1.1][conditional-needs]") {
    const Catalog catalog = catalog_of(birth_yaml);
    CHECK(plan_error(catalog, "birth", Facts{{"mother.insured", false}}) ==
          "undecided: test.yaml:27:3: error: the plan of bundle 'birth' depends on facts not "
          "answered yet: parents.hukou_local; answer them in the facts (--fact, a facts file, or "
          "the 'facts' of a request or test case), or let the guide ask them [undecided]");
    const auto questions = open_questions(catalog, "birth", Facts{});
    REQUIRE(questions.size() == 2);
    for (const Question& question : questions) {
        // A need's condition counts for the item that has the need.
        CHECK(question.items == std::vector<std::string>{"ps.birth_registration"});
    }
    CHECK(open_questions(catalog, "birth",
                         Facts{{"parents.hukou_local", true}, {"mother.insured", true}})
              .empty());
}

TEST_CASE("a conditional prerequisite is selected only when its need holds",
          "[plan][format-1.1][conditional-needs]") {
    // a.transfer needs b.property_check only when the deceased had property. With it:
    // 2 items, before steps 2; without: 1 item, and the plan says why the check is left out.
    const Catalog catalog = catalog_of(R"(
format: 1
facts:
  deceased.had_property: {type: bool, question: 'Property?'}
items:
  b.property_check: {name: Check, duration_days: 5}
  a.transfer:
    name: Transfer
    duration_days: 2
    needs: {items: [{item: b.property_check, when: "deceased.had_property"}]}
bundles:
  death: {name: Death, goals: [a.transfer]}
)");
    const Plan with = make_plan(catalog, "death", Facts{{"deceased.had_property", true}});
    CHECK(ids(with) == std::vector<std::string>{"a.transfer", "b.property_check"});
    CHECK(with.before.steps == 2);
    CHECK(with.after.days == 7);  // 5 then 2
    CHECK(with.excluded.empty());
    const Plan without = make_plan(catalog, "death", Facts{{"deceased.had_property", false}});
    CHECK(ids(without) == std::vector<std::string>{"a.transfer"});
    CHECK(without.after.days == 2);
    REQUIRE(without.excluded.size() == 1);
    CHECK(without.excluded[0].item == "b.property_check");
    CHECK(without.excluded[0].role == "prerequisite of a.transfer");
    CHECK(without.excluded[0].condition == "deceased.had_property");
}

TEST_CASE("a material need whose when is false pulls in no producer",
          "[plan][format-1.1][conditional-needs]") {
    // certificate only c.issue produces. When the need holds, c.issue joins (2 items, an edge);
    // when it does not, a.apply stands alone and nothing is counted for the certificate.
    const Catalog catalog = catalog_of(R"(
format: 1
facts:
  shop.rented: {type: bool, question: 'Rented?'}
materials:
  certificate: {name: Certificate, submittable: false}
items:
  c.issue: {name: Issue, produces: {materials: [certificate]}}
  a.apply:
    name: Apply
    needs: {materials: [{material: certificate, when: "shop.rented"}]}
bundles:
  open: {name: Open, goals: [a.apply]}
)");
    const Plan rented = make_plan(catalog, "open", Facts{{"shop.rented", true}});
    CHECK(ids(rented) == std::vector<std::string>{"a.apply", "c.issue"});
    CHECK(rented.before.materials == 1);
    CHECK(rented.edges.size() == 1);
    const Plan owned = make_plan(catalog, "open", Facts{{"shop.rented", false}});
    CHECK(ids(owned) == std::vector<std::string>{"a.apply"});
    CHECK(owned.before.materials == 0);
    CHECK(owned.materials.empty());
    CHECK(owned.edges.empty());
}

TEST_CASE("an any_of whose need holds but no alternative does fails no-provider",
          "[plan][format-1.1][conditional-needs]") {
    const Catalog catalog = catalog_of(R"(
format: 1
facts:
  local: {type: bool, question: 'Local?'}
materials:
  register: {name: Register}
  permit: {name: Permit}
items:
  a.apply:
    name: Apply
    needs:
      materials:
        - any_of: [{material: register, when: "local"}, {material: permit, when: "local"}]
bundles:
  b: {name: B, goals: [a.apply]}
)");
    CHECK(make_plan(catalog, "b", Facts{{"local", true}}).after.materials == 1);
    CHECK(plan_error(catalog, "b", Facts{{"local", false}}) ==
          "no-provider: test.yaml:15:3: error: item 'a.apply' needs one of 'register', 'permit' "
          "(test.yaml:13:11), and the 'when' of every alternative is false for this applicant: "
          "no alternative can be chosen [no-provider]");
}

TEST_CASE("an any_of with its own when is a need only when that holds",
          "[plan][format-1.1][conditional-needs]") {
    // {any_of: [lease, deed], when: shop.rented}: before materials 1 when rented, 0 otherwise.
    const Catalog catalog = catalog_of(R"(
format: 1
facts:
  shop.rented: {type: bool, question: 'Rented?'}
materials:
  lease: {name: Lease}
  deed: {name: Deed, e_license: true}
items:
  a.apply:
    name: Apply
    needs: {materials: [{any_of: [lease, deed], when: "shop.rented"}]}
bundles:
  b: {name: B, goals: [a.apply]}
)");
    const Plan rented = make_plan(catalog, "b", Facts{{"shop.rented", true}});
    CHECK(rented.before.materials == 1);
    CHECK(rented.after.materials == 0);  // the deed is an e-licence
    REQUIRE(rented.choices.size() == 1);
    CHECK(make_plan(catalog, "b", Facts{{"shop.rented", false}}).before.materials == 0);
    CHECK(make_plan(catalog, "b", Facts{{"shop.rented", false}}).choices.empty());
}

TEST_CASE("conditional needs are checked by lint", "[load][format-1.1][conditional-needs]") {
    auto load = [](const std::string& needs) {
        return testing::messages(load_text(R"(format: 1
facts:
  local: {type: bool, question: 'Local?'}
materials:
  permit: {name: Permit}
items:
  b.other: {name: Other}
  a.item:
    name: A
    needs: )" + needs + "\n"));
    };
    CHECK(load("{materials: [{material: permt, when: local}]}") ==
          std::vector<std::string>{
              "test.yaml:10:36: error: item 'a.item' needs.materials refers to unknown "
              "material 'permt'; did you mean 'permit'? [unknown-material]"});
    CHECK(load("{items: [{item: b.othr, when: local}]}") ==
          std::vector<std::string>{
              "test.yaml:10:28: error: item 'a.item' needs.items refers to unknown item "
              "'b.othr'; did you mean 'b.other'? [unknown-item]"});
    CHECK(load("{materials: [{any_of: [{material: permit, when: locl}]}]}") ==
          std::vector<std::string>{
              "test.yaml:10:60: error: unknown fact 'locl'; did you mean 'local'? "
              "[unknown-fact]"});
    CHECK(load("{materials: [{material: permit, when: local, any: 1}]}").size() == 1);
    CHECK(load("{materials: [{any_of: [{material: permit, if: local}]}]}").size() == 1);
    CHECK(load("{items: [{item: b.other, when: [local]}]}").size() == 1);
    CHECK(load("{fields: [{field: x, when: local}]}").size() == 1);  // unknown field
    CHECK(load("{materials: [{when: local}]}").size() == 1);         // no material
    CHECK(load("{items: [{item: b.other, when: local}], materials: [{material: permit, when: "
               "'!local'}, {any_of: [permit, {material: permit, when: local}], when: local}]}")
              .empty());
}

TEST_CASE("a material cycle through a conditional need is not every plan's",
          "[load][format-1.1][conditional-needs]") {
    // a needs x (only b makes it), b needs y (only a makes it): every plan with a or b has a
    // cycle, unless one of the needs is conditional (a plan where it is false has none).
    const std::string items = R"(format: 1
facts:
  f: {type: bool, question: 'F?'}
materials:
  x: {name: X, submittable: false}
  y: {name: Y, submittable: false}
items:
  a: {name: A, produces: {materials: [y]}, needs: {materials: [NEED]}}
  b: {name: B, produces: {materials: [x]}, needs: {materials: [y]}}
)";
    auto with = [&](const std::string& need) {
        std::string text = items;
        text.replace(text.find("NEED"), 4, need);
        return testing::messages(load_text(text));
    };
    REQUIRE(with("x").size() == 1);
    CHECK(with("x")[0].find("[cycle]") != std::string::npos);
    CHECK(with("{material: x, when: f}").empty());
}

TEST_CASE("a field need whose when is false is not on the form and not dispatched",
          "[form][format-1.1][conditional-needs]") {
    // Not insured: mother.age is not needed, so the merged form asks only mother.name and the
    // registration's payload carries only it; answering mother.name alone is enough.
    const Catalog catalog = catalog_of(birth_yaml);
    const Plan plan = make_plan(catalog, "birth",
                                Facts{{"parents.hukou_local", true}, {"mother.insured", false}});
    const Form form = merge_form(catalog, plan);
    REQUIRE(form.asked.size() == 1);
    CHECK(form.asked[0].id == "mother.name");
    const auto payloads =
        dispatch(catalog, plan, Answers{{"mother.name", Value(std::string("Wang"))}}, {});
    REQUIRE(payloads.size() == 1);
    CHECK(payloads[0].fields.size() == 1);
    CHECK(payloads[0].fields.count("mother.name") == 1);
    // Insured: the age is needed, narrowed to at least 16 by the item.
    const Plan insured =
        make_plan(catalog, "birth", Facts{{"parents.hukou_local", true}, {"mother.insured", true}});
    const Form insured_form = merge_form(catalog, insured);
    REQUIRE(insured_form.asked.size() == 2);
    CHECK(insured_form.asked[0].id == "mother.age");
    CHECK(insured_form.asked[0].constraints.minimum == 16);
}

TEST_CASE("the form applies only the narrowings whose need holds",
          "[form][format-1.1][conditional-needs]") {
    // Two narrowings of one field under opposite conditions, and a plain need of it: only the
    // holding one narrows, so neither the stricter minimum nor a conflict comes from the other.
    const Catalog catalog = catalog_of(R"(
facts:
  ins: {type: bool, question: 'Insured?'}
fields:
  age: {type: integer, label: Age, minimum: 0, maximum: 150}
items:
  it:
    name: It
    needs:
      fields:
        - age
        - {field: age, minimum: 16, when: "ins"}
        - {field: age, maximum: 10, when: "!ins"}
  other:
    name: Other
    needs:
      fields:
        - {field: age, maximum: 60, when: "ins"}
bundles:
  b: {name: B, goals: [it, other]}
)");
    const Plan insured = make_plan(catalog, "b", Facts{{"ins", true}});
    const Form insured_form = merge_form(catalog, insured);
    REQUIRE(insured_form.asked.size() == 1);
    CHECK(insured_form.asked[0].constraints.minimum == 16);
    CHECK(insured_form.asked[0].constraints.maximum == 60);
    // Answers are read against the form: 17 fits it, 15 is below the holding minimum.
    const auto read_age = [&](const Form& form, const char* age) {
        return read_answers(form, {"answers.yaml", std::string("age: ") + age});
    };
    CHECK_NOTHROW(read_age(insured_form, "17"));
    CHECK_THROWS_AS(read_age(insured_form, "15"), InputError);
    // Not insured: the maximum of 10 holds, and the minimum of 16 that would conflict with it
    // does not exist for this plan, nor does `other`'s need.
    const Plan uninsured = make_plan(catalog, "b", Facts{{"ins", false}});
    const Form uninsured_form = merge_form(catalog, uninsured);
    REQUIRE(uninsured_form.asked.size() == 1);
    CHECK(uninsured_form.asked[0].constraints.minimum == 0);
    CHECK(uninsured_form.asked[0].constraints.maximum == 10);
    CHECK(uninsured_form.asked[0].items == std::vector<std::string>{"it"});
    CHECK_NOTHROW(read_age(uninsured_form, "9"));
    CHECK_THROWS_AS(read_age(uninsured_form, "11"), InputError);
}
