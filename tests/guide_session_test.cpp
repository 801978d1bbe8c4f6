// The guide one question at a time (GuideSession): answers typed and checked, defaults taken
// with an empty answer, labels and numbers for enums, going back, the facts file at the end.
#include <catch2/catch.hpp>
#include <string>

#include "onething/guide_session.hpp"
#include "test_support.hpp"

using namespace onething;

namespace {

/// The guide's test catalog.
Catalog guide_catalog() {
    return testing::data_catalog("guide/interactive.yaml");
}

}  // namespace

TEST_CASE("a guide session checks answers, re-plans and goes back", "[guide]") {
    const Catalog catalog = guide_catalog();
    GuideSession session(catalog, "birth", Facts{}, "en");
    REQUIRE(session.questions().front().fact == "applicant.resident");
    CHECK(session.answer("perhaps") == std::optional<std::string>("please answer yes or no"));
    CHECK_FALSE(session.answer("y"));
    CHECK(session.questions().front().fact == "mother.insured");
    CHECK_FALSE(session.answer(""));  // the default
    CHECK(session.facts().at("mother.insured") == Value(true));
    CHECK(session.answer("aunt")->find("1) father, 2) mother") != std::string::npos);
    CHECK_FALSE(session.answer("随母"));  // a label in another language is still the value
    CHECK(session.facts().at("child.hukou_parent") == Value(std::string("mother")));
    REQUIRE(session.questions().front().fact == "mother.age");
    CHECK(session.answer("")->find("no default") != std::string::npos);
    CHECK(session.answer("1.5")->find("mother.age") != std::string::npos);
    CHECK(session.back());
    CHECK(session.questions().front().fact == "child.hukou_parent");
    CHECK(session.facts().count("child.hukou_parent") == 0);
    CHECK_FALSE(session.answer("2"));
    CHECK_FALSE(session.answer("41"));
    CHECK(session.questions().empty());
    CHECK(session.answered() == 4);
    CHECK(session.facts_file() ==
          "applicant.resident: true\nchild.hukou_parent: \"mother\"\nmother.age: 41\n"
          "mother.insured: true\n");
    CHECK(session.plan_summary().rfind(
              "items in the plan (2): hr.maternity_benefit, ps.birth_registration\n", 0) == 0);
}

TEST_CASE("an enum value written as a number is that value, not the one at its place", "[guide]") {
    // Values first, then labels, then numbers in the list: typing `1` of ['0', '1', '2'] once
    // chose '0', the first value, without a word.
    const Catalog catalog = testing::catalog_of(R"(
facts:
  children: {type: enum, values: ['0', '1', '2'], question: 'How many children?'}
  order: {type: enum, values: ['2', '1', '3'], question: 'Which?'}
  kind: {type: enum, values: [a, b], question: 'Which kind?'}
items:
  i: {name: I, when: "children != '0' && order != '3' && kind == 'a'"}
bundles:
  b: {name: B, goals: [i]}
)");
    GuideSession session(catalog, "b", Facts{}, "en");
    REQUIRE(session.questions().front().fact == "children");
    CHECK_FALSE(session.answer("1"));
    CHECK(session.facts().at("children") == Value(std::string("1")));
    REQUIRE(session.questions().front().fact == "kind");
    CHECK_FALSE(session.answer("1"));  // no value or label '1': the first value
    CHECK(session.facts().at("kind") == Value(std::string("a")));
    REQUIRE(session.questions().front().fact == "order");
    // Values written as numbers are listed without their places, which typing would not give.
    CHECK(session.answer("4") ==
          std::optional<std::string>("please answer one of (value or label): 2, 1, 3"));
    CHECK_FALSE(session.answer("1"));
    CHECK(session.facts().at("order") == Value(std::string("1")));
}

TEST_CASE("a typed answer no facts file could hold is asked again", "[guide]") {
    const Catalog catalog = testing::catalog_of(R"(
facts:
  name: {type: string, question: 'Name?'}
items:
  i: {name: I, when: "name == 'x'"}
bundles:
  b: {name: B, goals: [i]}
)");
    GuideSession session(catalog, "b", Facts{}, "en");
    for (const char* typed : {"a\x01"
                              "b",
                              "ab\xff"
                              "cd"}) {
        INFO(typed);
        const auto refused = session.answer(typed);
        REQUIRE(refused);
        CHECK(refused->starts_with("fact 'name'"));
        CHECK((refused->ends_with("which no facts file can hold; remove it") ||
               refused->ends_with("is not UTF-8; write the value as UTF-8 text")));
        CHECK(session.facts().empty());
    }
    CHECK_FALSE(session.answer("x"));
    CHECK(session.questions().empty());
}

TEST_CASE("a guide session takes its language's tag in any case", "[guide]") {
    const Catalog catalog = guide_catalog();
    const GuideSession english(catalog, "birth", Facts{}, "en");
    const GuideSession capitals(catalog, "birth", Facts{}, "EN");
    CHECK(capitals.language() == "en");
    CHECK(capitals.prompt() == english.prompt());
    CHECK(capitals.plan_summary() == english.plan_summary());
    CHECK(GuideSession(catalog, "birth", Facts{}, "Zh").language() == "zh");
    CHECK(GuideSession(catalog, "birth", Facts{}, "fr").language() == "fr");  // no such texts
}
