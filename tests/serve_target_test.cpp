// The request target: absolute forms, percent-encoded paths and query values.
#include <catch2/catch.hpp>

#include <optional>
#include <string>

#include "serve/target.hpp"

namespace {

using onething::serve_detail::normalized_path;
using onething::serve_detail::origin_form;
using onething::serve_detail::query_value;

}  // namespace

TEST_CASE("origin_form drops an absolute form's scheme and authority", "[serve]") {
    CHECK(origin_form("/v1/plan?x=1") == "/v1/plan?x=1");
    CHECK(origin_form("http://host:8080/v1/plan?x=1") == "/v1/plan?x=1");
    CHECK(origin_form("HTTPS://host/v1/plan") == "/v1/plan");
    CHECK(origin_form("http://host?x=1") == "/?x=1");
    CHECK(origin_form("http://host") == "/");
    CHECK(origin_form("http://") == "http://");  // no authority: not an absolute form
}

TEST_CASE("normalized_path decodes unreserved characters and keeps other escapes", "[serve]") {
    CHECK(normalized_path("/v1/plan") == "/v1/plan");
    CHECK(normalized_path("/v1/%70lan") == "/v1/plan");
    CHECK(normalized_path("/v1/%70%6C%61%6e") == "/v1/plan");
    CHECK(normalized_path("/%2D%2E%5F%7E%41%5a%30%39") == "/-._~AZ09");
    // Reserved and other bytes stay escaped, their digits upper case: `%2f` is not a `/`.
    CHECK(normalized_path("/v1%2fplan") == "/v1%2Fplan");
    CHECK(normalized_path("/a%20b%e4%b8%80") == "/a%20b%E4%B8%80");
    CHECK(normalized_path("/%25") == "/%25");
    CHECK(normalized_path("") == "");
    // A `%` without two hexadecimal digits after it.
    CHECK(normalized_path("/%") == std::nullopt);
    CHECK(normalized_path("/%7") == std::nullopt);
    CHECK(normalized_path("/%7g") == std::nullopt);
    CHECK(normalized_path("/%g7") == std::nullopt);
    CHECK(normalized_path("/v1/plan%") == std::nullopt);
}

TEST_CASE("query_value decodes keys and values as a form does", "[serve]") {
    const auto value = [](std::string_view query, std::string_view key) {
        const auto found = query_value(query, key);
        REQUIRE_FALSE(found.malformed);
        return found.found ? std::optional<std::string>(found.value) : std::nullopt;
    };
    CHECK(value("lang=en", "lang") == "en");
    CHECK(value("as_of=2025-01-01&lang=en", "lang") == "en");
    CHECK(value("la%6Eg=%65n", "lang") == "en");
    CHECK(value("q=a+b%2Bc", "q") == "a b+c");
    CHECK(value("lang=", "lang") == "");
    CHECK(value("lang", "lang") == std::nullopt);  // no `=`: not a parameter
    CHECK(value("", "lang") == std::nullopt);
    CHECK(value("language=en", "lang") == std::nullopt);
    CHECK(value("a=1&&lang=en&", "lang") == "en");
    const auto bad = query_value("lang=e%n", "lang");
    CHECK(bad.found);
    CHECK(bad.malformed);
    CHECK(query_value("x=%&lang=en", "lang").value == "en");  // another parameter's escape
    // A key given twice (after decoding) is marked, whatever the values; other keys are not.
    const auto twice = query_value("lang=en&x=1&la%6Eg=zh", "lang");
    CHECK(twice.repeated);
    CHECK(twice.value == "en");
    CHECK(query_value("lang=%zz&lang=en", "lang").repeated);
    CHECK_FALSE(query_value("lang=en&x=1&x=2", "lang").repeated);
    CHECK_FALSE(query_value("lang=en&lang", "lang").repeated);  // no `=`: not a parameter
}

TEST_CASE("location_query keeps a query's characters and encodes every other byte", "[serve]") {
    using onething::serve_detail::location_query;
    CHECK(location_query("bundle=child-birth&lang=en") == "bundle=child-birth&lang=en");
    CHECK(location_query("a=b+c:d/e?f@g!$'()*,;~") == "a=b+c:d/e?f@g!$'()*,;~");
    CHECK(location_query("q=%e4%B8%80") == "q=%e4%B8%80");  // escapes as written
    CHECK(location_query("q=\r\n<>\"") == "q=%0D%0A%3C%3E%22");
    CHECK(location_query("q=100%&r=%z1&s=%4") == "q=100%25&r=%25z1&s=%254");
    CHECK(location_query(std::string("q=\xE4\xB8\x80\0", 6)) == "q=%E4%B8%80%00");
    CHECK(location_query("") == "");
}
