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
#include <vector>

namespace onething::serve_detail {

/// Every counter of the service; thread-safe. Requests are counted in shards, one per worker
/// thread, each behind its own lock: workers never wait for each other to count; a render
/// adds the shards up.
class ServiceMetrics {
  public:
    /// Counters in `shards` shards (at least one).
    explicit ServiceMetrics(std::size_t shards = 1);

    /// Counts one answered request in shard `shard` (taken modulo the shards).
    void record(std::size_t shard, const std::string& endpoint, int status, double seconds);
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
    /// One worker's counts, aligned to a cache line: two workers' counts never share one.
    struct alignas(64) Shard {
        mutable std::mutex mutex;
        std::map<std::pair<std::string, int>, std::uint64_t> requests;
        std::array<std::uint64_t, bounds.size()> buckets{};  ///< not cumulative
        std::uint64_t count = 0;
        double sum = 0;
    };

    std::vector<Shard> shards_;
    std::atomic<std::uint64_t> reloads_{0};
    std::atomic<std::uint64_t> reload_failures_{0};
};

}  // namespace onething::serve_detail
