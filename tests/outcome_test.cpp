// How each way a request can fail ends, as the contract's exit statuses say: bad input (an
// unknown bundle, a fact that does not fit, bad answers, a bad request field) is a usage error
// (2), like an unreadable file; rules that give no plan are problems (1).
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "onething/error.hpp"
#include "onething/load.hpp"
#include "onething/request.hpp"
#include "test_support.hpp"

using namespace onething;

namespace {

/// A bundle whose item asks one field, and one whose items form a cycle for local people.
const char* outcome_yaml = R"(
facts:
  person.local: {type: bool}
fields:
  person.name: {type: string, label: Name}
items:
  register:
    name: Register
    needs: {fields: [person.name]}
  first:
    name: First
    needs: {items: [{item: second, when: "person.local"}]}
  second:
    name: Second
    needs: {items: [first]}
bundles:
  move: {name: Move, goals: [register]}
  loop: {name: Loop, goals: [first]}
)";

/// The loaded catalog every case plans on.
const LoadResult& loaded() {
    static const LoadResult result = testing::load_text(outcome_yaml);
    return result;
}

/// A plan request of `bundle` with `facts` (JSON text of a mapping).
Request plan_of(const std::string& bundle, const std::string& facts) {
    return request_from_json(R"({"command": "plan", "bundle": ")" + bundle + R"(", "facts": )" +
                             facts + "}");
}

/// The first error's code and the outcome of answering `request`.
std::pair<std::string, Outcome> ending(const Request& request) {
    const Response response = respond(loaded(), request);
    REQUIRE_FALSE(response.diagnostics.empty());
    return {response.diagnostics.front().code, response.outcome};
}

}  // namespace

TEST_CASE("bad input is a usage error, as the contract's exit status 2", "[request][outcome]") {
    REQUIRE(loaded().ok());
    CHECK(ending(plan_of("mvoe", R"({"person.local": true})")) ==
          std::pair<std::string, Outcome>{"unknown-bundle", Outcome::usage});
    CHECK(ending(plan_of("move", R"({"person.local": 3})")) ==
          std::pair<std::string, Outcome>{"invalid-fact", Outcome::usage});
    CHECK(ending(plan_of("move", R"({"person.nope": true})")) ==
          std::pair<std::string, Outcome>{"unknown-fact", Outcome::usage});

    Request dispatch = request_from_json(
        R"({"command": "dispatch", "bundle": "move", "facts": {"person.local": true},)"
        R"( "answers": {"person.name": 5}})");
    CHECK(ending(dispatch).second == Outcome::usage);
}

TEST_CASE("rules that give no plan are problems, as the contract's exit status 1",
          "[request][outcome]") {
    REQUIRE(loaded().ok());
    CHECK(ending(plan_of("loop", R"({"person.local": true})")) ==
          std::pair<std::string, Outcome>{"cycle", Outcome::problems});
    CHECK(respond(loaded(), plan_of("loop", R"({"person.local": false})")).ok());
}

TEST_CASE("a load refused only for how its paths were given is a usage error",
          "[request][outcome]") {
    const Diagnostic alone{Severity::error, "snapshot-not-alone", "a snapshot must be alone", {}};
    const Diagnostic on_snapshot{Severity::error, "overlay-on-snapshot", "no overlay here", {}};
    const Diagnostic rules{Severity::error, "unknown-key", "unknown key", {}};
    const Diagnostic warning{Severity::warning, "venue-not-in-person", "no effect", {}};
    CHECK(load_failure_outcome(std::vector<Diagnostic>{alone, warning}) == Outcome::usage);
    CHECK(load_failure_outcome(std::vector<Diagnostic>{on_snapshot}) == Outcome::usage);
    CHECK(load_failure_outcome(std::vector<Diagnostic>{alone, rules}) == Outcome::problems);
    CHECK(load_failure_outcome(std::vector<Diagnostic>{warning}) == Outcome::problems);
}

TEST_CASE("an exception's outcome: bad or unreadable input a usage error, unless memory ran out",
          "[request][outcome]") {
    CHECK(error_outcome(InputError("unknown-bundle", "unknown bundle 'x'")) == Outcome::usage);
    CHECK(error_outcome(IoError("unreadable", "cannot read 'x'")) == Outcome::usage);
    CHECK(error_outcome(InputError("out-of-memory", "out of memory while parsing")) ==
          Outcome::problems);
    CHECK(error_outcome(PlanError("cycle", "dependency cycle: a -> b -> a")) == Outcome::problems);
    CHECK(load_failure_outcome(std::vector<Diagnostic>{
              {Severity::error, "unreadable", "cannot read 'x'", {}}}) == Outcome::usage);
}
