// libFuzzer entry point of the `overlay` target; the body is run_overlay in fuzz_targets.hpp.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_targets.hpp"

/// Runs one input; a broken invariant traps so libFuzzer keeps the input.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (!onething::fuzz::run_overlay(std::string_view(reinterpret_cast<const char*>(data), size))) {
        __builtin_trap();
    }
    return 0;
}
