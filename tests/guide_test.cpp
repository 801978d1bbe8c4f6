// The guide as the contract orders it (rule-format.md, "Guidance"): defaults are not answers,
// the bundle's `when` first, then the fact deciding the most items, then by id; needs'
// conditions count for the item that has them.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "onething/plan.hpp"
#include "onething/write.hpp"
#include "test_support.hpp"

using namespace onething;

namespace {

/// The guide's test catalog.
Catalog guide_catalog() {
    return testing::data_catalog("guide/interactive.yaml");
}

/// The fact ids of `questions`, in order.
std::vector<std::string> facts_of(const std::vector<Question>& questions) {
    std::vector<std::string> ids;
    for (const Question& question : questions) {
        ids.push_back(question.fact);
    }
    return ids;
}

}  // namespace

TEST_CASE("the guide asks the gate first, then the most deciding, defaults included", "[guide]") {
    const Catalog catalog = guide_catalog();
    // applicant.resident: the bundle's `when` (decides no item). mother.insured has a default,
    // which is not an answer: it decides hr.maternity_benefit and hr.young_mother_support (2).
    // child.hukou_parent (an alternative's condition of ps.birth_registration) and mother.age
    // decide one item each: by id.
    const auto questions = open_questions(catalog, "birth", Facts{});
    CHECK(facts_of(questions) == std::vector<std::string>{"applicant.resident", "mother.insured",
                                                          "child.hukou_parent", "mother.age"});
    CHECK(questions[0].gate);
    CHECK(questions[0].items.empty());
    CHECK_FALSE(questions[1].gate);
    CHECK(questions[1].items ==
          std::vector<std::string>{"hr.maternity_benefit", "hr.young_mother_support"});
    REQUIRE(questions[1].default_value);
    CHECK(std::get<bool>(*questions[1].default_value));
    CHECK(questions[2].items == std::vector<std::string>{"ps.birth_registration"});
    CHECK(questions[2].type == FactType::enumeration);
    CHECK(questions[2].values == std::vector<std::string>{"father", "mother"});
    CHECK(questions[2].labels.at("mother").in("en") == "Mother");
}

TEST_CASE("answers decide conditions three-valued, short-circuit", "[guide]") {
    const Catalog catalog = guide_catalog();
    // The gate answered no: the bundle is not for the applicant, nothing more to ask.
    CHECK(open_questions(catalog, "birth", Facts{{"applicant.resident", false}}).empty());
    // mother.insured = false decides `mother.insured && mother.age < 20`: age is not asked.
    CHECK(facts_of(open_questions(
              catalog, "birth", Facts{{"applicant.resident", true}, {"mother.insured", false}})) ==
          std::vector<std::string>{"child.hukou_parent"});
}

TEST_CASE("a plan uses a default the guide still asks", "[guide]") {
    const Catalog catalog = guide_catalog();
    const Facts facts{{"applicant.resident", true},
                      {"child.hukou_parent", std::string("mother")},
                      {"mother.age", std::int64_t{30}}};
    // mother.insured is unanswered: asked (decides 2 items) while the plan takes its default.
    CHECK(facts_of(open_questions(catalog, "birth", facts)) ==
          std::vector<std::string>{"mother.insured"});
    const Plan plan = make_plan(catalog, "birth", facts);
    CHECK(plan.items.size() == 2);  // birth registration and the maternity benefit
}

TEST_CASE("the guide's text and JSON carry type, values, labels and default", "[guide][write]") {
    const Catalog catalog = guide_catalog();
    const auto questions = open_questions(catalog, "birth", Facts{{"applicant.resident", true}});
    CHECK(questions_to_text(questions, "en") ==
          "1. mother.insured: Is the mother insured?\n"
          "   yes or no, default: yes — confirm\n"
          "   decides 2: hr.maternity_benefit, hr.young_mother_support\n"
          "2. child.hukou_parent: Whose household register does the child join?\n"
          "   one of: father (Father), mother (Mother)\n"
          "   decides 1: ps.birth_registration\n"
          "3. mother.age: How old is the mother?\n"
          "   a whole number\n"
          "   decides 1: hr.young_mother_support\n");
    const std::string json = questions_to_json(questions, "zh");
    CHECK(json.find(R"("fact": "child.hukou_parent",
      "type": "enum",
      "values": [
        "father",
        "mother"
      ],
      "labels": {
        "father": "随父",
        "mother": "随母"
      },
      "question": "孩子随谁落户？",
      "gate": false,
      "decides": [
        "ps.birth_registration"
      ])") != std::string::npos);
    CHECK(json.find(R"("type": "bool",
      "default": true,)") != std::string::npos);
}

TEST_CASE("the text guide shows a default as the applicant types it", "[guide][write]") {
    // A date default is shown as --fact and the prompt read it (YYYY-MM-DD), not as the
    // condition language writes it (date('...')).
    Question question;
    question.fact = "person.born";
    question.type = FactType::date;
    question.default_value = Value(Date{2020, 1, 1});
    question.items = {"register"};
    CHECK(questions_to_text({question}, "en") ==
          "1. person.born\n"
          "   a date (YYYY-MM-DD), default: 2020-01-01 — confirm\n"
          "   decides 1: register\n");
}
