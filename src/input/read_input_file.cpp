// Reading an input file (facts, answers, shared data) whole, within the size limit: the same
// bounded read of a regular file as rule files get (src/load/read_regular.cpp).
#include "onething/input.hpp"
#include "onething/load.hpp"

namespace onething {

std::string read_input_file(const std::string& path, std::uint64_t max_bytes) {
    return read_regular_file(path, max_bytes);
}

}  // namespace onething
