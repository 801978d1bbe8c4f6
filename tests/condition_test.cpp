// Unit tests of the condition language: lexing, parsing, typing, limits and evaluation.
#include <catch2/catch.hpp>

#include <algorithm>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "onething/catalog.hpp"
#include "onething/condition.hpp"
#include "onething/limits.hpp"

using namespace onething;

namespace {

/// A fact of `type` (enum values optional).
Fact make_fact(std::string id, FactType type, std::vector<std::string> values = {}) {
    Fact fact;
    fact.id = std::move(id);
    fact.type = type;
    fact.values = std::move(values);
    return fact;
}

/// The facts every test compiles against, sorted by id.
const std::vector<Fact>& test_facts() {
    static const std::vector<Fact> facts = [] {
        std::vector<Fact> list{
            make_fact("applicant.age", FactType::integer),
            make_fact("applicant.income", FactType::number),
            make_fact("applicant.name", FactType::string),
            make_fact("child.birth_date", FactType::date),
            make_fact("child.born_in_city", FactType::boolean),
            make_fact("child.name", FactType::string),
            make_fact("pet.kind", FactType::enumeration, {"cat", "dog"}),
            make_fact("pet.other_kind", FactType::enumeration, {"dog", "cat"}),
            make_fact("size", FactType::enumeration, {"small", "large"}),
            make_fact("a", FactType::boolean),
            make_fact("b", FactType::boolean),
            make_fact("c", FactType::boolean),
            make_fact("x", FactType::integer),
        };
        std::sort(list.begin(), list.end(),
                  [](const Fact& l, const Fact& r) { return l.id < r.id; });
        return list;
    }();
    return facts;
}

/// Compiles against the test facts.
CompiledCondition compile(std::string_view text, const Limits& limits = Limits{}) {
    return compile_condition(text, test_facts(), limits);
}

/// The single error `text` gives; fails the test unless there is exactly one.
ConditionError only_error(std::string_view text, const Limits& limits = Limits{}) {
    const CompiledCondition compiled = compile(text, limits);
    INFO(text);
    REQUIRE_FALSE(compiled.condition);
    REQUIRE(compiled.errors.size() == 1);
    return compiled.errors[0];
}

/// Checks that `text` fails with exactly one error of `code` at `offset`.
void require_error(std::string_view text, const std::string& code, std::size_t offset) {
    const ConditionError error = only_error(text);
    INFO(text << " -> " << error.message);
    CHECK(error.code == code);
    CHECK(error.offset == offset);
}

/// Fact values by index from an id -> value map (unlisted facts unknown).
FactValues values_of(const std::map<std::string, Value>& given) {
    FactValues values(test_facts().size());
    for (const auto& [id, value] : given) {
        const auto& facts = test_facts();
        const auto found = std::find_if(facts.begin(), facts.end(),
                                        [&](const Fact& fact) { return fact.id == id; });
        REQUIRE(found != facts.end());
        values[static_cast<std::size_t>(found - facts.begin())] = value;
    }
    return values;
}

/// Compiles `text` (which must be valid) and evaluates it.
Truth eval(std::string_view text, const std::map<std::string, Value>& given = {}) {
    const CompiledCondition compiled = compile(text);
    INFO(text << (compiled.errors.empty() ? "" : " -> " + compiled.errors[0].message));
    REQUIRE(compiled.condition);
    return compiled.condition->evaluate(values_of(given));
}

/// A text of `count` copies of `piece`.
std::string repeat(std::string_view piece, std::size_t count) {
    std::string text;
    for (std::size_t i = 0; i < count; ++i) {
        text += piece;
    }
    return text;
}

constexpr Truth yes = Truth::yes;
constexpr Truth no = Truth::no;
constexpr Truth unknown = Truth::unknown;

}  // namespace

TEST_CASE("Date::parse accepts real days only", "[condition]") {
    CHECK(Date::parse("2024-01-31") == Date{2024, 1, 31});
    CHECK(Date::parse("2024-02-29") == Date{2024, 2, 29});
    CHECK(Date::parse("2000-02-29"));
    CHECK_FALSE(Date::parse("1900-02-29"));
    CHECK_FALSE(Date::parse("2023-02-29"));
    CHECK_FALSE(Date::parse("2024-13-01"));
    CHECK_FALSE(Date::parse("2024-00-10"));
    CHECK_FALSE(Date::parse("2024-04-31"));
    CHECK_FALSE(Date::parse("2024-01-00"));
    CHECK_FALSE(Date::parse("2024-1-31"));
    CHECK_FALSE(Date::parse("2024-01-31 "));
    CHECK_FALSE(Date::parse("2024/01/31"));
    CHECK_FALSE(Date::parse(""));
    CHECK(Date{2024, 3, 5}.to_string() == "2024-03-05");
    CHECK(Date{2024, 1, 31} < Date{2024, 2, 1});
}

TEST_CASE("to_literal writes values as condition literals", "[condition]") {
    CHECK(to_literal(Value{true}) == "true");
    CHECK(to_literal(Value{false}) == "false");
    CHECK(to_literal(Value{std::int64_t{-42}}) == "-42");
    CHECK(to_literal(Value{1.5}) == "1.5");
    CHECK(to_literal(Value{0.1}) == "0.1");
    CHECK(to_literal(Value{std::string("it's a\\b")}) == "'it\\'s a\\\\b'");
    CHECK(to_literal(Value{Date{2024, 1, 31}}) == "date('2024-01-31')");
}

TEST_CASE("Truth operators follow Kleene logic", "[condition]") {
    CHECK((!yes) == no);
    CHECK((!no) == yes);
    CHECK((!unknown) == unknown);
    CHECK((yes && yes) == yes);
    CHECK((yes && no) == no);
    CHECK((no && unknown) == no);
    CHECK((unknown && no) == no);
    CHECK((yes && unknown) == unknown);
    CHECK((unknown && unknown) == unknown);
    CHECK((no || no) == no);
    CHECK((no || yes) == yes);
    CHECK((unknown || yes) == yes);
    CHECK((yes || unknown) == yes);
    CHECK((no || unknown) == unknown);
    CHECK((unknown || unknown) == unknown);
}

TEST_CASE("the default condition always holds", "[condition]") {
    const Condition condition;
    CHECK(condition.always());
    CHECK(condition.source().empty());
    CHECK(condition.facts_read().empty());
    CHECK(condition.evaluate({}) == yes);
}

TEST_CASE("every literal parses", "[condition]") {
    CHECK(eval("true") == yes);
    CHECK(eval("false") == no);
    CHECK(eval("2024 == 2024") == yes);
    CHECK(eval("-1 < 0") == yes);
    CHECK(eval("1.5 > -0.25") == yes);
    CHECK(eval("-0.25 == -0.25") == yes);
    CHECK(eval("'a' == \"a\"") == yes);
    CHECK(eval(R"('it\'s' == "it's")") == yes);
    CHECK(eval(R"("say \"hi\"" == 'say "hi"')") == yes);
    CHECK(eval(R"('a\\b' == "a\\b")") == yes);
    CHECK(eval("'孩子' == '孩子'") == yes);
    CHECK(eval("date('2024-01-31') < date( '2024-02-01' )") == yes);
    CHECK(eval("'b' in ['a', 'b']") == yes);
    const CompiledCondition compiled = compile("  child.born_in_city\n\t&& true ");
    REQUIRE(compiled.condition);
    CHECK(compiled.condition->source() == "  child.born_in_city\n\t&& true ");
    CHECK_FALSE(compiled.condition->always());
}

TEST_CASE("digits make numbers, anything else an id", "[condition]") {
    const ConditionError error = only_error("1st.child");
    CHECK(error.code == "unknown-fact");
    CHECK(error.offset == 0);
    CHECK(error.message == "unknown fact '1st.child'");
    require_error("x == 1.5.2", "unknown-fact", 5);
    require_error("child.born_in_city && 2024-01-31", "unknown-fact", 22);
    CHECK(only_error("2024-01-31 == x").message ==
          "unknown fact '2024-01-31'; write a date as date('2024-01-31')");
}

TEST_CASE("every operator evaluates", "[condition]") {
    const std::map<std::string, Value> age{{"applicant.age", std::int64_t{30}}};
    CHECK(eval("applicant.age == 30", age) == yes);
    CHECK(eval("applicant.age != 30", age) == no);
    CHECK(eval("applicant.age < 30", age) == no);
    CHECK(eval("applicant.age <= 30", age) == yes);
    CHECK(eval("applicant.age > 29", age) == yes);
    CHECK(eval("applicant.age >= 31", age) == no);
    CHECK(eval("applicant.age in [1, 30]", age) == yes);
    CHECK(eval("applicant.age in [1, 2]", age) == no);
    CHECK(eval("!(applicant.age == 30)", age) == no);
    CHECK(eval("applicant.age > 1 && applicant.age < 100", age) == yes);
    CHECK(eval("applicant.age < 1 || applicant.age > 100", age) == no);
}

TEST_CASE("precedence: || below && below ! below comparison", "[condition]") {
    CHECK(eval("true || false && false") == yes);
    CHECK(eval("false && false || true") == yes);
    CHECK(eval("!false && false") == no);
    CHECK(eval("!true || true") == yes);
    CHECK(eval("!x == 1", {{"x", std::int64_t{1}}}) == no);
    CHECK(eval("!!x == 1", {{"x", std::int64_t{1}}}) == yes);
    CHECK(eval("(true || false) && false") == no);
    CHECK(eval("true == (false || true)") == yes);
}

TEST_CASE("syntax errors carry the offending offset", "[condition]") {
    require_error("", "condition-syntax", 0);
    require_error("   ", "condition-syntax", 0);
    CHECK(only_error("a &&").message == "expected an operand after '&&'");
    require_error("a &&", "condition-syntax", 4);
    require_error("a && || b", "condition-syntax", 5);
    require_error("a == == b", "condition-syntax", 5);
    require_error("x == 1 == 1", "condition-syntax", 7);
    require_error("x == 1 in [1]", "condition-syntax", 7);
    require_error("child.name == 'abc", "condition-syntax", 14);
    CHECK(only_error("child.name == 'abc").message == "unterminated string");
    require_error("child.name == 'a\\nb'", "condition-syntax", 16);
    require_error("child.birth_date < date('2024-02-30')", "condition-syntax", 24);
    require_error("child.birth_date < date(2024)", "condition-syntax", 24);
    require_error("child.birth_date < date '2024-02-01'", "condition-syntax", 24);
    require_error("child.birth_date < date('2024-02-01'", "condition-syntax", 36);
    require_error("x in []", "condition-syntax", 5);
    require_error("x in [1,]", "condition-syntax", 8);
    require_error("x in [1 2]", "condition-syntax", 8);
    require_error("x in [x]", "condition-syntax", 6);
    require_error("a b", "condition-syntax", 2);
    require_error("true false", "condition-syntax", 5);
    require_error("(a", "condition-syntax", 2);
    require_error("a)", "condition-syntax", 1);
    require_error("()", "condition-syntax", 1);
    require_error("x = 1", "condition-syntax", 2);
    require_error("a & b", "condition-syntax", 2);
    require_error("a | b", "condition-syntax", 2);
    require_error("x == -a", "condition-syntax", 5);
    require_error("x == 99999999999999999999", "condition-syntax", 5);
    require_error("Child.name == 'a'", "condition-syntax", 0);
    require_error("a # b", "condition-syntax", 2);
    CHECK(only_error("child.name == \u2018a\u2019").message ==
          "unexpected character '\u2018'; quote strings with ' or \"");
    require_error("a == !b", "condition-syntax", 5);
    require_error(repeat("a", 129), "condition-syntax", 0);
    CHECK(only_error("x == 1 == 1").code == "condition-syntax");
}

TEST_CASE("a syntax error stops at the first one", "[condition]") {
    const CompiledCondition compiled = compile("nope && && 'open");
    REQUIRE(compiled.errors.size() == 1);
    CHECK(compiled.errors[0].code == "condition-syntax");
    CHECK(compiled.errors[0].offset == 8);
}

TEST_CASE("the expression must be true/false", "[condition]") {
    CHECK(eval("child.born_in_city", {{"child.born_in_city", true}}) == yes);
    const ConditionError error = only_error("x");
    CHECK(error.code == "condition-type");
    CHECK(error.offset == 0);
    CHECK(error.message == "condition must be true/false, but 'x' is an int");
    require_error("'abc'", "condition-type", 0);
    require_error("(x)", "condition-type", 0);
}

TEST_CASE("logic operators need true/false", "[condition]") {
    require_error("!x", "condition-type", 1);
    require_error("a && x", "condition-type", 5);
    require_error("x || a", "condition-type", 0);
    CHECK(only_error("a && child.name").message ==
          "'&&' needs true/false on both sides, but 'child.name' is a string");
    CHECK(compile("a && b || !c").condition);
}

TEST_CASE("equality needs operands of one type", "[condition]") {
    CHECK(compile("applicant.age == applicant.income").condition);
    CHECK(compile("applicant.income == 3").condition);
    CHECK(compile("child.name == applicant.name").condition);
    CHECK(compile("child.born_in_city == true").condition);
    CHECK(compile("(a && b) != c").condition);
    CHECK(compile("child.birth_date == date('2024-01-01')").condition);
    CHECK(compile("'a' == 'b'").condition);
    require_error("x == 'abc'", "condition-type", 5);
    require_error("'abc' == x", "condition-type", 0);
    require_error("child.name != x", "condition-type", 14);
    require_error("a == 1", "condition-type", 5);
    require_error("child.birth_date == '2024-01-01'", "condition-type", 20);
    require_error("x == [1]", "condition-type", 5);
    CHECK(only_error("x == 'abc'").message ==
          "'==' cannot compare 'x' (an int) with 'abc' (a string)");
}

TEST_CASE("enums compare with their values or like enums", "[condition]") {
    CHECK(compile("pet.kind == 'cat'").condition);
    CHECK(compile("'dog' != pet.kind").condition);
    CHECK(compile("pet.kind == pet.other_kind").condition);
    CHECK(compile("pet.kind in ['cat', \"dog\"]").condition);
    const ConditionError error = only_error("pet.kind == 'catt'");
    CHECK(error.code == "condition-type");
    CHECK(error.offset == 12);
    CHECK(error.message ==
          "'catt' is not a value of 'pet.kind'; its values are 'cat', 'dog'; did you mean 'cat'?");
    require_error("pet.kind == size", "condition-type", 12);
    require_error("pet.kind == child.name", "condition-type", 12);
    require_error("pet.kind == 1", "condition-type", 12);
    require_error("pet.kind in ['cat', 'cow']", "condition-type", 20);
    require_error("pet.kind < 'cat'", "condition-type", 0);
}

TEST_CASE("ordering needs numbers or dates", "[condition]") {
    CHECK(compile("applicant.age < 18").condition);
    CHECK(compile("applicant.income >= 1.5").condition);
    CHECK(compile("applicant.age < applicant.income").condition);
    CHECK(compile("child.birth_date > date('2020-01-01')").condition);
    CHECK(compile("1 < 2").condition);
    const ConditionError error = only_error("child.name < 'b'");
    CHECK(error.offset == 0);
    CHECK(error.message == "'<' needs numbers or dates, but 'child.name' is a string");
    require_error("x >= a", "condition-type", 5);
    require_error("x <= date('2024-01-01')", "condition-type", 5);
    require_error("'a' > 'b'", "condition-type", 0);
    require_error("1 > 'b'", "condition-type", 4);
}

TEST_CASE("in needs a list of the left's type", "[condition]") {
    CHECK(compile("x in [1, 2.5]").condition);
    CHECK(compile("child.name in ['a']").condition);
    CHECK(compile("a in [true]").condition);
    CHECK(compile("child.birth_date in [date('2024-01-01')]").condition);
    CHECK(compile("3 in [1, 2]").condition);
    require_error("x in ['a', 2]", "condition-type", 6);
    require_error("x in 1", "condition-type", 5);
    require_error("x in child.name", "condition-type", 5);
    require_error("[1] in [1]", "condition-type", 0);
    require_error("a in [true, 1]", "condition-type", 12);
}

TEST_CASE("unknown facts are named with a suggestion", "[condition]") {
    const ConditionError error = only_error("child.born_in_cty");
    CHECK(error.code == "unknown-fact");
    CHECK(error.offset == 0);
    CHECK(error.message == "unknown fact 'child.born_in_cty'; did you mean 'child.born_in_city'?");
}

TEST_CASE("every independent error is reported", "[condition]") {
    const CompiledCondition compiled =
        compile("child.born_in_cty && aplicant.age > 3 || x == 'a' || !child.name");
    REQUIRE(compiled.errors.size() == 4);
    CHECK(compiled.errors[0].code == "unknown-fact");
    CHECK(compiled.errors[0].offset == 0);
    CHECK(compiled.errors[1].code == "unknown-fact");
    CHECK(compiled.errors[1].offset == 21);
    CHECK(compiled.errors[2].code == "condition-type");
    CHECK(compiled.errors[2].offset == 46);
    CHECK(compiled.errors[3].code == "condition-type");
    CHECK(compiled.errors[3].offset == 54);
}

TEST_CASE("expression length limit", "[condition]") {
    Limits limits;
    limits.max_expression_length = 10;
    CHECK(compile("a && b && c", limits).errors.size() == 1);
    CHECK(compile("a && b && ", limits).errors[0].code == "condition-syntax");
    const ConditionError error = only_error("a && b && c", limits);
    CHECK(error.code == "limit-expression-length");
    CHECK(error.offset == 10);
    CHECK(error.message ==
          "expression is 11 bytes long, more than the limit of 10 (max_expression_length)");
    CHECK(compile("a && b||c ", limits).condition);
    // Bytes are counted; the error is at the character holding the first byte over the limit.
    limits.max_expression_length = 7;
    const ConditionError inside = only_error("s == '\u51fa\u51fa'", limits);  // 出: three bytes
    CHECK(inside.offset == 6);
    CHECK(inside.message ==
          "expression is 13 bytes long, more than the limit of 7 (max_expression_length)");
}

TEST_CASE("expression depth limit", "[condition]") {
    Limits limits;
    limits.max_expression_depth = 5;
    const auto parens = [](std::size_t n) { return repeat("(", n) + "a" + repeat(")", n); };
    CHECK(compile(parens(5), limits).condition);
    ConditionError error = only_error(parens(6), limits);
    CHECK(error.code == "limit-expression-depth");
    CHECK(error.offset == 5);
    CHECK(compile(repeat("!", 5) + "a", limits).condition);
    error = only_error(repeat("!", 6) + "a", limits);
    CHECK(error.code == "limit-expression-depth");
    CHECK(error.offset == 5);
    CHECK(compile("x in [1]", limits).condition);
    limits.max_expression_depth = 7;
    CHECK(compile("a && (b || (c && (a || b)))", limits).condition);
    error = only_error("a && (b || (c && (a || (b))))", limits);
    CHECK(error.code == "limit-expression-depth");
    CHECK(error.offset == 2);
    limits.max_expression_depth = 5;
    CHECK(compile("!(!(x == 1))", limits).condition);
    CHECK(only_error("!(!(!x == 1))", limits).code == "limit-expression-depth");
    limits.max_expression_depth = Limits{}.max_expression_depth;
    CHECK(compile(parens(64)).condition);
    CHECK(only_error(parens(65)).code == "limit-expression-depth");
}

TEST_CASE("deep nesting is refused without overflowing the stack", "[condition]") {
    Limits limits;
    limits.max_expression_length = 1'000'000;
    for (const char* piece : {"(", "!", "[", "!("}) {
        const std::string text = repeat(piece, 100'000) + "a";
        CHECK(only_error(text).code == "limit-expression-length");
        const ConditionError error = only_error(text, limits);
        CHECK((error.code == "limit-expression-depth" || error.code == "condition-syntax"));
    }
    CHECK(only_error(repeat("(", 100'000), limits).code == "limit-expression-depth");
    CHECK(only_error(repeat("!", 100'000), limits).code == "limit-expression-depth");
    limits.max_expression_depth = 1'000'000;
    CHECK(only_error(repeat("(", 100'000) + "a" + repeat(")", 100'000), limits).code ==
          "limit-expression-depth");
}

TEST_CASE("long chains of && and || stay flat", "[condition]") {
    Limits limits;
    limits.max_expression_length = 1'000'000;
    limits.max_expression_depth = 2;
    std::string text = "a";
    for (int i = 0; i < 20'000; ++i) {
        text += i % 2 ? " && b" : " || c";
    }
    const CompiledCondition compiled = compile(text, limits);
    REQUIRE(compiled.condition);
    CHECK(compiled.condition->evaluate(values_of({{"a", true}})) == yes);
}

TEST_CASE("negation, and, or with unknowns", "[condition]") {
    const std::map<std::string, Value> t{{"a", true}};
    const std::map<std::string, Value> f{{"a", false}};
    CHECK(eval("!a", t) == no);
    CHECK(eval("!a", f) == yes);
    CHECK(eval("!a") == unknown);
    for (const auto& [ab, expected] : std::vector<std::pair<std::map<std::string, Value>, Truth>>{
             {{{"a", true}, {"b", true}}, yes},
             {{{"a", true}, {"b", false}}, no},
             {{{"a", false}, {"b", true}}, no},
             {{{"a", false}}, no},
             {{{"b", false}}, no},
             {{{"a", true}}, unknown},
             {{{"b", true}}, unknown},
             {{}, unknown}}) {
        CHECK(eval("a && b", ab) == expected);
    }
    for (const auto& [ab, expected] : std::vector<std::pair<std::map<std::string, Value>, Truth>>{
             {{{"a", false}, {"b", false}}, no},
             {{{"a", true}, {"b", false}}, yes},
             {{{"a", false}, {"b", true}}, yes},
             {{{"a", true}}, yes},
             {{{"b", true}}, yes},
             {{{"a", false}}, unknown},
             {{{"b", false}}, unknown},
             {{}, unknown}}) {
        CHECK(eval("a || b", ab) == expected);
    }
    CHECK(eval("false && a") == no);
    CHECK(eval("a && false") == no);
    CHECK(eval("true || a") == yes);
    CHECK(eval("a || true") == yes);
    CHECK(eval("a && b && false") == no);
    CHECK(eval("a || b || c", {{"c", true}}) == yes);
}

TEST_CASE("comparisons with unknown operands are unknown", "[condition]") {
    CHECK(eval("x == 1") == unknown);
    CHECK(eval("x in [1, 2]") == unknown);
    CHECK(eval("a == true") == unknown);
    CHECK(eval("a in [true]") == unknown);
    CHECK(eval("pet.kind == pet.other_kind", {{"pet.kind", std::string("cat")}}) == unknown);
    CHECK(eval("!(x > 1)") == unknown);
    CHECK(eval("x > 1 || a", {{"a", true}}) == yes);
}

TEST_CASE("values compare by type", "[condition]") {
    const Date born{2024, 1, 31};
    CHECK(eval("child.birth_date >= date('2024-01-31')", {{"child.birth_date", born}}) == yes);
    CHECK(eval("child.birth_date < date('2024-01-31')", {{"child.birth_date", born}}) == no);
    CHECK(eval("child.birth_date in [date('2023-01-01'), date('2024-01-31')]",
               {{"child.birth_date", born}}) == yes);
    CHECK(eval("applicant.income > x", {{"applicant.income", 2.5}, {"x", std::int64_t{2}}}) == yes);
    CHECK(eval("applicant.income == 3", {{"applicant.income", 3.0}}) == yes);
    CHECK(eval("applicant.income == 3", {{"applicant.income", std::int64_t{3}}}) == yes);
    CHECK(eval("applicant.income < 3.5", {{"applicant.income", std::int64_t{3}}}) == yes);
    CHECK(eval("x == 2.0", {{"x", std::int64_t{2}}}) == yes);
    CHECK(eval("pet.kind == 'dog'", {{"pet.kind", std::string("dog")}}) == yes);
    CHECK(eval("pet.kind in ['cat']", {{"pet.kind", std::string("dog")}}) == no);
    CHECK(eval("pet.kind == pet.other_kind",
               {{"pet.kind", std::string("dog")}, {"pet.other_kind", std::string("dog")}}) == yes);
    CHECK(eval("a == b", {{"a", false}, {"b", false}}) == yes);
    CHECK(eval("a != b", {{"a", false}, {"b", true}}) == yes);
    CHECK(eval("a in [false]", {{"a", true}}) == no);
    CHECK(eval("(a && b) in [false]", {{"a", true}, {"b", false}}) == yes);
    CHECK(eval("x == 1", {{"x", std::string("1")}}) == unknown);
    CHECK(eval("3 in [1, 2]") == no);
}

TEST_CASE("integers and decimals compare exactly past 2^53", "[condition]") {
    // 2^53 + 1 is no double: through a double it would equal 2^53.
    const std::int64_t odd = 9007199254740993;
    CHECK(eval("applicant.income == x", {{"applicant.income", 9007199254740992.0}, {"x", odd}}) ==
          no);
    CHECK(eval("x > applicant.income", {{"applicant.income", 9007199254740992.0}, {"x", odd}}) ==
          yes);
    CHECK(eval("applicant.income < x", {{"applicant.income", 9007199254740992.0}, {"x", odd}}) ==
          yes);
    CHECK(eval("x == 9007199254740992.0", {{"x", std::int64_t{9007199254740992}}}) == yes);
    const std::int64_t largest = std::numeric_limits<std::int64_t>::max();
    CHECK(eval("x < 9223372036854775808.0", {{"x", largest}}) == yes);
    CHECK(eval("x > -9223372036854775808.0", {{"x", std::int64_t{-largest}}}) == yes);
    CHECK(eval("x > -2.5", {{"x", std::int64_t{-2}}}) == yes);
    CHECK(eval("x < -1.5", {{"x", std::int64_t{-2}}}) == yes);
    CHECK(eval("x == applicant.income", {{"applicant.income", -0.0}, {"x", std::int64_t{0}}}) ==
          yes);
}

TEST_CASE("facts_read lists each fact once, sorted", "[condition]") {
    const CompiledCondition compiled = compile("x > 1 && a || x < 0 && applicant.age in [1] || a");
    REQUIRE(compiled.condition);
    const auto& facts = test_facts();
    std::vector<std::size_t> expected;
    for (std::size_t i = 0; i < facts.size(); ++i) {
        if (facts[i].id == "x" || facts[i].id == "a" || facts[i].id == "applicant.age") {
            expected.push_back(i);
        }
    }
    CHECK(compiled.condition->facts_read() == expected);
    CHECK(compiled.condition->evaluate(FactValues{}) == unknown);
}
