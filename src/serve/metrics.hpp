// The service's counters in the Prometheus text format: requests by endpoint and status, a
// latency histogram, reloads and refused reloads, the catalog's revision.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>

namespace onething::serve_detail {

/// Every counter of the service; thread-safe.
class ServiceMetrics {
  public:
    /// Counts one answered request.
    void record(const std::string& endpoint, int status, double seconds);
    /// Counts a reload that swapped the catalog.
    void reloaded() { ++reloads_; }
    /// Counts a reload refused (rules with errors, unreadable paths).
    void reload_failed() { ++reload_failures_; }
    /// The text of GET /metrics.
    std::string render(const std::string& revision) const;

    /// The upper bounds of the latency histogram's buckets, in seconds.
    static constexpr std::array<double, 12> bounds{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                   0.1,   0.25,   0.5,   1,    2.5,   10};

  private:
    mutable std::mutex mutex_;
    std::map<std::pair<std::string, int>, std::uint64_t> requests_;
    std::array<std::uint64_t, bounds.size()> buckets_{};  ///< not cumulative; summed on render
    std::uint64_t count_ = 0;
    double sum_ = 0;
    std::atomic<std::uint64_t> reloads_{0};
    std::atomic<std::uint64_t> reload_failures_{0};
};

}  // namespace onething::serve_detail
