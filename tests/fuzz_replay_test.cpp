// Replays every kept fuzz input (tests/data/fuzz/<target>/: seeds and past crashes) through
// the same code the fuzz targets run (fuzz/fuzz_targets.hpp): none may crash or break an
// invariant.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "../fuzz/fuzz_targets.hpp"

namespace {

namespace fs = std::filesystem;

/// Every regular file in tests/data/fuzz/<target>/, sorted.
std::vector<fs::path> kept_inputs(const char* target) {
    std::vector<fs::path> files;
    for (const auto& entry :
         fs::directory_iterator(fs::path(ONETHING_TEST_DATA_DIR) / "fuzz" / target)) {
        if (entry.is_regular_file()) {
            files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

/// The bytes of a file.
std::string read_bytes(const fs::path& path) {
    std::ifstream stream(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(stream), std::istreambuf_iterator<char>());
}

/// Runs `run` on every kept input of `target`, naming the file on failure.
template <typename Run>
void replay(const char* target, Run run) {
    const std::vector<fs::path> files = kept_inputs(target);
    REQUIRE_FALSE(files.empty());  // at least a seed, so the replay is never vacuous
    for (const fs::path& file : files) {
        INFO("replaying " << file.string());
        CHECK(run(read_bytes(file)));
    }
}

}  // namespace

TEST_CASE("kept fuzz inputs: load", "[fuzz]") {
    replay("load", onething::fuzz::run_load);
}

TEST_CASE("kept fuzz inputs: condition", "[fuzz]") {
    replay("condition", onething::fuzz::run_condition);
}

TEST_CASE("kept fuzz inputs: facts", "[fuzz]") {
    replay("facts", onething::fuzz::run_facts);
}

TEST_CASE("kept fuzz inputs: plan", "[fuzz]") {
    replay("plan", onething::fuzz::run_plan);
}

TEST_CASE("kept fuzz inputs: request", "[fuzz]") {
    replay("request", onething::fuzz::run_request);
}

TEST_CASE("kept fuzz inputs: snapshot", "[fuzz]") {
    replay("snapshot", onething::fuzz::run_snapshot);
}

TEST_CASE("kept fuzz inputs: overlay", "[fuzz]") {
    replay("overlay", onething::fuzz::run_overlay);
}
