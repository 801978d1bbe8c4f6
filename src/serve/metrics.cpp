// The service's counters, rendered in the Prometheus text exposition format (version 0.0.4).
#include "serve/metrics.hpp"

#include <sstream>
#include <string>

namespace onething::serve_detail {

void ServiceMetrics::record(const std::string& endpoint, int status, double seconds) {
    std::lock_guard lock(mutex_);
    ++requests_[{endpoint, status}];
    for (std::size_t i = 0; i < bounds.size(); ++i) {
        if (seconds <= bounds[i]) {
            ++buckets_[i];
            break;
        }
    }
    ++count_;
    sum_ += seconds;
}

std::string ServiceMetrics::render(const std::string& revision) const {
    std::ostringstream out;
    std::lock_guard lock(mutex_);
    out << "# HELP onething_requests_total Requests answered, by endpoint and status.\n"
        << "# TYPE onething_requests_total counter\n";
    for (const auto& [key, count] : requests_) {
        out << "onething_requests_total{endpoint=\"" << key.first << "\",status=\"" << key.second
            << "\"} " << count << '\n';
    }
    out << "# HELP onething_request_duration_seconds Time from a request's first byte to its "
           "answer.\n"
        << "# TYPE onething_request_duration_seconds histogram\n";
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < bounds.size(); ++i) {
        cumulative += buckets_[i];
        out << "onething_request_duration_seconds_bucket{le=\"" << bounds[i] << "\"} " << cumulative
            << '\n';
    }
    out << "onething_request_duration_seconds_bucket{le=\"+Inf\"} " << count_ << '\n'
        << "onething_request_duration_seconds_sum " << std::to_string(sum_) << '\n'
        << "onething_request_duration_seconds_count " << count_ << '\n'
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
