// The service's metrics: requests counted in shards (one per worker thread) and added up in
// the Prometheus text.
#include <catch2/catch.hpp>

#include <string>
#include <thread>
#include <vector>

#include "serve/metrics.hpp"

using onething::serve_detail::ServiceMetrics;

namespace {

/// True when `text` has `line` (ending with its new line) as one of its lines.
bool has_line(const std::string& text, const std::string& line) {
    return text.find("\n" + line + "\n") != std::string::npos;
}

}  // namespace

TEST_CASE("metrics: the shards' counts added up, whichever shard counted", "[serve]") {
    ServiceMetrics metrics(3);
    metrics.record(0, "/v1/plan", 200, 0.0004);
    metrics.record(1, "/v1/plan", 200, 0.002);
    metrics.record(2, "/v1/plan", 400, 0.2);
    metrics.record(7, "/v1/plan", 200, 20.0);  // a shard past the last: taken modulo
    metrics.record(1, "/healthz", 200, 0.0001);
    metrics.reloaded();
    metrics.reload_failed();
    metrics.reload_failed();
    const std::string text = metrics.render("abc");
    CHECK(has_line(text, "onething_requests_total{endpoint=\"/v1/plan\",status=\"200\"} 3"));
    CHECK(has_line(text, "onething_requests_total{endpoint=\"/v1/plan\",status=\"400\"} 1"));
    CHECK(has_line(text, "onething_requests_total{endpoint=\"/healthz\",status=\"200\"} 1"));
    CHECK(has_line(text, "onething_request_duration_seconds_bucket{le=\"0.001\"} 2"));
    CHECK(has_line(text, "onething_request_duration_seconds_bucket{le=\"0.0025\"} 3"));
    CHECK(has_line(text, "onething_request_duration_seconds_bucket{le=\"0.25\"} 4"));
    CHECK(has_line(text, "onething_request_duration_seconds_bucket{le=\"10\"} 4"));
    CHECK(has_line(text, "onething_request_duration_seconds_bucket{le=\"+Inf\"} 5"));
    CHECK(has_line(text, "onething_request_duration_seconds_count 5"));
    CHECK(has_line(text, "onething_request_duration_seconds_sum 20.202500"));
    CHECK(has_line(text, "onething_reloads_total 1"));
    CHECK(has_line(text, "onething_reload_failures_total 2"));
    CHECK(has_line(text, "onething_catalog_info{revision=\"abc\"} 1"));
}

TEST_CASE("metrics: threads counting at once lose no request", "[serve]") {
    ServiceMetrics metrics(2);
    std::vector<std::thread> threads;
    for (std::size_t thread = 0; thread < 4; ++thread) {
        threads.emplace_back([&metrics, thread] {
            for (int k = 0; k < 5000; ++k) {
                metrics.record(thread, "/v1/plan", 200, 0.0001);
            }
        });
    }
    for (std::thread& thread : threads) {
        thread.join();
    }
    const std::string text = metrics.render("r");
    CHECK(has_line(text, "onething_requests_total{endpoint=\"/v1/plan\",status=\"200\"} 20000"));
    CHECK(has_line(text, "onething_request_duration_seconds_count 20000"));
}
