// A progress line on standard error, drawn only on a terminal and only once a run has taken
// longer than a second.
#pragma once

#include <cstddef>
#include <functional>

namespace onething::cli {

/// A progress callback (done, total) that redraws "what: done/total" on standard error when it
/// is a terminal and the run has taken over a second, and clears the line when done == total;
/// an empty function when standard error is not a terminal.
std::function<void(std::size_t, std::size_t)> terminal_progress(const char* what);

}  // namespace onething::cli
