// The service's access log line and response head, written without a JSON tree or Beast's
// message: checked against what those write.
#include <catch2/catch.hpp>

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <cmath>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "serve/wire.hpp"

namespace {

using onething::serve_detail::access_log_line;
using onething::serve_detail::AccessRecord;
using onething::serve_detail::response_head;
using onething::serve_detail::ResponseHead;
namespace http = boost::beast::http;

/// The line as a JSON tree dumps it, its keys in the order of docs/serving.md (before this
/// writer the service dumped a sorted tree: the same values, its keys in alphabetical order),
/// the latency as the double of milliseconds rounded to the microsecond.
std::string tree_line(const AccessRecord& record) {
    nlohmann::ordered_json line{
        {"time", record.time},
        {"request_id", record.request_id},
        {"method", record.method},
        {"path", record.path},
        {"status", record.status},
        {"bundle", record.bundle.empty() ? nlohmann::ordered_json(nullptr)
                                         : nlohmann::ordered_json(record.bundle)},
        {"latency_ms", std::round(static_cast<double>(record.latency_us)) / 1e3},
        {"revision", record.revision}};
    return line.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

/// The head Beast writes for the same response (its serializer, header part only).
std::string beast_head(const ResponseHead& head) {
    http::response<http::string_body> response;
    response.version(11);
    response.result(head.status);
    response.set(http::field::server, std::string(head.server));
    response.set(http::field::content_type, std::string(head.content_type));
    response.set("X-Request-Id", std::to_string(head.request_id));
    if (!head.allow.empty()) {
        response.set(http::field::allow, std::string(head.allow));
    }
    if (head.headers != nullptr) {
        for (const auto& [name, value] : *head.headers) {
            response.set(name, value);
        }
    }
    response.keep_alive(head.keep_alive);
    response.body() = std::string(head.content_length, 'x');
    response.prepare_payload();
    std::ostringstream out;
    out << response;
    const std::string whole = out.str();
    return whole.substr(0, whole.find("\r\n\r\n") + 4);
}

}  // namespace

TEST_CASE("access log line: the tree's bytes for plain, escaped and broken texts", "[serve]") {
    const std::vector<std::string> texts{"",
                                         "POST",
                                         "/v1/plan",
                                         "child-birth",
                                         "a \"quoted\" \\ path",
                                         "tab\tand\nnew line\x01\x1f\x7f",
                                         "出生一件事",
                                         "bad \xff\xfe utf-8",
                                         "cut \xe4\xb8"};
    const std::vector<std::uint64_t> latencies{0,    1,     9,     10,        99,          100,
                                               120,  323,   999,   1000,      1500,        1230,
                                               1234, 60000, 60001, 123456789, 987654321012};
    std::size_t lines = 0;
    for (const std::string& text : texts) {
        for (const std::uint64_t latency : latencies) {
            const AccessRecord record{"2026-12-03T09:14:44.423Z",
                                      42 + latency,
                                      text,
                                      text,
                                      static_cast<int>(200 + latency % 400),
                                      text,
                                      latency,
                                      text};
            INFO(text << " " << latency);
            CHECK(access_log_line(record) == tree_line(record));
            ++lines;
        }
    }
    CHECK(lines == texts.size() * latencies.size());
}

TEST_CASE("response head: Beast's bytes for every kind of answer the service sends", "[serve]") {
    const std::vector<std::pair<std::string, std::string>> studio{
        {"Content-Security-Policy", "default-src 'none'"}, {"Cache-Control", "no-cache"}};
    const std::vector<std::pair<std::string, std::string>> moved{{"Location", "/studio?a=b"}};
    for (const http::status status :
         {http::status::ok, http::status::found, http::status::bad_request, http::status::not_found,
          http::status::method_not_allowed, http::status::payload_too_large,
          http::status::request_header_fields_too_large, http::status::internal_server_error,
          http::status::service_unavailable}) {
        for (const bool keep_alive : {true, false}) {
            for (const auto* headers : {static_cast<decltype(&studio)>(nullptr), &studio, &moved}) {
                for (const char* allow : {"", "POST", "GET, HEAD"}) {
                    for (const std::size_t length : {0, 16, 20812}) {
                        const ResponseHead head{
                            status, "onething/0.1.0", "application/json", 7,
                            allow,  headers,          keep_alive,         length};
                        INFO(static_cast<int>(status) << " " << keep_alive << " " << allow);
                        CHECK(response_head(head) == beast_head(head));
                        // To an HTTP/1.0 client keeping its connection, the same head with
                        // `Connection: keep-alive` before the length (when kept alive).
                        ResponseHead announced = head;
                        announced.announce_keep_alive = true;
                        std::string expected = beast_head(head);
                        if (keep_alive) {
                            expected.insert(expected.find("Content-Length: "),
                                            "Connection: keep-alive\r\n");
                        }
                        CHECK(response_head(announced) == expected);
                    }
                }
            }
        }
    }
}

TEST_CASE("field_value_text keeps a header field's value on its line", "[serve]") {
    using onething::serve_detail::field_value_text;
    CHECK(field_value_text("no text in language 'fr'", 100) == "no text in language 'fr'");
    CHECK(field_value_text("fr\r\nX: 1", 100) == "fr\\x0D\\x0AX: 1");
    CHECK(field_value_text("\x7F\xE4\xB8\xAD", 100) == "\\x7F\\xE4\\xB8\\xAD");
    CHECK(field_value_text("abcdef", 6) == "abcdef");
    CHECK(field_value_text("abcdefg", 6) == "abc...");  // at most `limit` bytes, "..." included
    CHECK(field_value_text("ab\ncdef", 7) == "ab...");  // an escape is not cut in two
    CHECK(field_value_text(std::string(5000, 'x'), 1024).size() == 1024);
}
