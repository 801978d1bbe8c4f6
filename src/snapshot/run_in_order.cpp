// Running numbered pieces of work on several threads with the outcome of running them in order.
#include "snapshot/run_in_order.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <limits>
#include <system_error>
#include <thread>
#include <vector>

namespace onething::detail {

void run_in_order(std::size_t count, std::size_t threads,
                  const std::function<void(std::size_t, std::size_t)>& run) {
    const std::size_t workers = std::min(threads, count);
    if (workers <= 1) {
        for (std::size_t k = 0; k < count; ++k) {
            run(0, k);
        }
        return;
    }
    constexpr std::size_t none = std::numeric_limits<std::size_t>::max();
    std::atomic<std::size_t> next{0};
    std::atomic<std::size_t> first_failed{none};
    std::vector<std::exception_ptr> errors(count);
    auto work = [&](std::size_t worker) {
        for (std::size_t k = next++; k < count; k = next++) {
            if (k > first_failed.load()) {
                continue;
            }
            try {
                run(worker, k);
            } catch (...) {
                errors[k] = std::current_exception();
                std::size_t seen = first_failed.load();
                while (k < seen && !first_failed.compare_exchange_weak(seen, k)) {
                }
            }
        }
    };
    {
        std::vector<std::jthread> helpers;
        helpers.reserve(workers - 1);
        for (std::size_t worker = 1; worker < workers; ++worker) {
            try {
                helpers.emplace_back(work, worker);
            } catch (const std::system_error&) {
                break;  // no thread to be had: the threads started run every k
            }
        }
        work(0);
    }
    if (first_failed.load() != none) {
        std::rethrow_exception(errors[first_failed.load()]);
    }
}

}  // namespace onething::detail
