// Loads one catalog (rule files, or a snapshot) and prints its peak memory (getrusage
// ru_maxrss) and the time it took; optionally writes the catalog's snapshot.
//
//   peak_memory [--compile FILE] PATH...
//
// Prints one line: `items=<n> files=<n> bytes=<n> load_ms=<ms> maxrss_kib=<KiB> ok=<0|1>`, and
// with --compile ` compile_ms=<ms> snapshot_bytes=<n>` before the newline. Run it as a separate
// process per catalog: the peak of a process never goes down.
#include <sys/resource.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "onething/load.hpp"
#include "onething/snapshot.hpp"

/// Loads the catalog given on the command line and reports its peak memory.
int main(int argc, char** argv) {
    std::string compile;
    int first = 1;
    if (argc > 2 && std::string_view(argv[1]) == "--compile") {
        compile = argv[2];
        first = 3;
    }
    if (argc <= first) {
        std::cerr << "usage: peak_memory [--compile FILE] PATH...\n";
        return 2;
    }
    const std::vector<std::string> paths(argv + first, argv + argc);
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
              << " maxrss_kib=" << usage.ru_maxrss << " ok=" << (result.ok() ? 1 : 0);
    if (!compile.empty() && result.ok()) {
        const auto begin = std::chrono::steady_clock::now();
        const std::string snapshot = onething::write_snapshot(result);
        std::ofstream(compile, std::ios::binary) << snapshot;
        const auto end = std::chrono::steady_clock::now();
        std::cout << " compile_ms="
                  << std::chrono::duration<double, std::milli>(end - begin).count()
                  << " snapshot_bytes=" << snapshot.size();
    }
    std::cout << '\n';
    return result.ok() ? 0 : 1;
}
