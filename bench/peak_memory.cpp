// Loads one catalog and prints its peak memory (getrusage ru_maxrss) and the time it took.
//
//   peak_memory PATH...
//
// Prints one line: `items=<n> files=<n> bytes=<n> load_ms=<ms> maxrss_kib=<KiB> ok=<0|1>`.
// Run it as a separate process per catalog: the peak of a process never goes down.
#include <sys/resource.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "onething/load.hpp"

/// Loads the catalog given on the command line and reports its peak memory.
int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: peak_memory PATH...\n";
        return 2;
    }
    const std::vector<std::string> paths(argv + 1, argv + argc);
    std::uint64_t bytes = 0;
    const auto files = onething::find_rule_files(paths);
    for (const std::string& file : files) {
        bytes += std::filesystem::file_size(file);
    }
    const auto start = std::chrono::steady_clock::now();
    const onething::LoadResult result = onething::load_catalog(paths);
    const auto stop = std::chrono::steady_clock::now();
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    std::cout << "items=" << result.catalog.items().size() << " files=" << files.size()
              << " bytes=" << bytes
              << " load_ms=" << std::chrono::duration<double, std::milli>(stop - start).count()
              << " maxrss_kib=" << usage.ru_maxrss << " ok=" << (result.ok() ? 1 : 0) << '\n';
    return result.ok() ? 0 : 1;
}
