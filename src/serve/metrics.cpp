// The service's counters, rendered in the Prometheus text exposition format (version 0.0.4).
#include "serve/metrics.hpp"

#include <algorithm>
#include <sstream>
#include <string>

namespace onething::serve_detail {

ServiceMetrics::ServiceMetrics(std::size_t shards) : shards_(std::max<std::size_t>(1, shards)) {}

void ServiceMetrics::record(std::size_t shard, const std::string& endpoint, int status,
                            double seconds) {
    Shard& counts = shards_[shard % shards_.size()];
    std::lock_guard lock(counts.mutex);
    ++counts.requests[{endpoint, status}];
    for (std::size_t i = 0; i < bounds.size(); ++i) {
        if (seconds <= bounds[i]) {
            ++counts.buckets[i];
            break;
        }
    }
    ++counts.count;
    counts.sum += seconds;
}

std::string ServiceMetrics::render(const std::string& revision) const {
    // The shards added up, each read under its own lock.
    std::map<std::pair<std::string, int>, std::uint64_t> requests;
    std::array<std::uint64_t, bounds.size()> buckets{};
    std::uint64_t count = 0;
    double sum = 0;
    for (const Shard& counts : shards_) {
        std::lock_guard lock(counts.mutex);
        for (const auto& [key, requests_of_key] : counts.requests) {
            requests[key] += requests_of_key;
        }
        for (std::size_t i = 0; i < bounds.size(); ++i) {
            buckets[i] += counts.buckets[i];
        }
        count += counts.count;
        sum += counts.sum;
    }
    std::ostringstream out;
    out << "# HELP onething_requests_total Requests answered, by endpoint and status.\n"
        << "# TYPE onething_requests_total counter\n";
    for (const auto& [key, requests_of_key] : requests) {
        out << "onething_requests_total{endpoint=\"" << key.first << "\",status=\"" << key.second
            << "\"} " << requests_of_key << '\n';
    }
    out << "# HELP onething_request_duration_seconds Time from a request's first byte to its "
           "answer.\n"
        << "# TYPE onething_request_duration_seconds histogram\n";
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < bounds.size(); ++i) {
        cumulative += buckets[i];
        out << "onething_request_duration_seconds_bucket{le=\"" << bounds[i] << "\"} " << cumulative
            << '\n';
    }
    out << "onething_request_duration_seconds_bucket{le=\"+Inf\"} " << count << '\n'
        << "onething_request_duration_seconds_sum " << std::to_string(sum) << '\n'
        << "onething_request_duration_seconds_count " << count << '\n'
        << "# HELP onething_reloads_total Reloads that swapped in a new catalog.\n"
        << "# TYPE onething_reloads_total counter\n"
        << "onething_reloads_total " << reloads_.load() << '\n'
        << "# HELP onething_reload_failures_total Reloads refused (rules with errors).\n"
        << "# TYPE onething_reload_failures_total counter\n"
        << "onething_reload_failures_total " << reload_failures_.load() << '\n'
        << "# HELP onething_catalog_info The catalog serving now.\n"
        << "# TYPE onething_catalog_info gauge\n"
        << "onething_catalog_info{revision=\"" << revision << "\"} 1\n";
    return out.str();
}

}  // namespace onething::serve_detail
