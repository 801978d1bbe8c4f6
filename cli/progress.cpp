// The terminal progress line of long runs.
#include "progress.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <memory>

namespace onething::cli {

std::function<void(std::size_t, std::size_t)> terminal_progress(const char* what) {
    if (isatty(STDERR_FILENO) == 0) {
        return {};
    }
    const auto start =
        std::make_shared<std::chrono::steady_clock::time_point>(std::chrono::steady_clock::now());
    const auto drawn = std::make_shared<bool>(false);
    return [what, start, drawn](std::size_t done, std::size_t total) {
        if (done >= total) {
            if (*drawn) {
                std::fputs("\r\033[K", stderr);  // clear the line before the answer
            }
            return;
        }
        if (std::chrono::steady_clock::now() - *start < std::chrono::seconds(1)) {
            return;
        }
        std::fprintf(stderr, "\r%s: %zu/%zu", what, done, total);
        std::fflush(stderr);
        *drawn = true;
    };
}

}  // namespace onething::cli
