// The warnings among a response's notes: what the service sends as X-Onething-Warning and the
// C API as warnings_json, picked out once for both.
#include <catch2/catch.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "onething/load.hpp"
#include "onething/request.hpp"
#include "request/response_warnings.hpp"

using namespace onething;
using onething::detail::warning_in;
using onething::detail::warnings_among;

TEST_CASE("one note is a warning only with the command line's prefix", "[warnings]") {
    CHECK(warning_in("warning: the text") == std::optional<std::string_view>("the text"));
    CHECK(warning_in("warning: ") == std::optional<std::string_view>(""));
    CHECK_FALSE(warning_in("warning:").has_value());
    CHECK_FALSE(warning_in(" warning: indented").has_value());
    CHECK_FALSE(warning_in("report: no plan for x").has_value());
}

TEST_CASE("the warnings among notes lose their prefix; advice is left out", "[warnings]") {
    const std::vector<std::string> notes{"warning: first", "report: no plan for x",
                                         "warning: second, with warning: inside",
                                         "warning:", " warning: indented"};
    const std::vector<std::string_view> warnings = warnings_among(notes);
    REQUIRE(warnings.size() == 2);
    CHECK(warnings[0] == "first");
    CHECK(warnings[1] == "second, with warning: inside");
    const std::vector<std::string> none;
    CHECK(warnings_among(none).empty());
}

TEST_CASE("a response's language warning is found among its notes", "[warnings]") {
    const std::vector<std::string> paths{ONETHING_RULES_DIR};
    const LoadResult loaded = load_catalog(paths);
    REQUIRE(loaded.ok());
    Request request;
    request.operation = Operation::list;
    request.lang = "fr";
    const Response french = respond(loaded, request);
    REQUIRE(french.ok());
    const std::vector<std::string_view> warnings = warnings_among(french.notes);
    REQUIRE(warnings.size() == 1);
    CHECK(warnings[0].starts_with("the catalog has no text in language 'fr'"));
    request.lang = "ZH";  // the catalog's zh, case ignored
    const Response chinese = respond(loaded, request);
    CHECK(warnings_among(chinese.notes).empty());
}
