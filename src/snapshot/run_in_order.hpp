// Running numbered pieces of work on several threads with the outcome of running them in order:
// the snapshot reader's chunks and checksum blocks.
#pragma once

#include <cstddef>
#include <functional>

namespace onething::detail {

/// Runs `run(worker, k)` for every k below `count`, on up to `threads` threads (worker 0 is the
/// calling thread; each worker runs one k at a time), taking the k in increasing order. After a
/// failure only the k below it are still run, and the error of the smallest failing k is thrown:
/// the one running them in order gives, whatever the threads' timing.
void run_in_order(std::size_t count, std::size_t threads,
                  const std::function<void(std::size_t, std::size_t)>& run);

}  // namespace onething::detail
