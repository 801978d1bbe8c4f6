// Reading an input file (facts, answers, shared data) whole, within the size limit.
#include <filesystem>
#include <fstream>

#include "onething/error.hpp"
#include "onething/input.hpp"

namespace onething {

std::string read_input_file(const std::string& path, std::uint64_t max_bytes) {
    std::error_code error;
    const auto size = std::filesystem::file_size(path, error);
    if (error) {
        throw IoError("unreadable", "cannot read '" + path + "': " + error.message(),
                      Location{path, 0, 0});
    }
    if (size > max_bytes) {
        throw InputError("limit-file-size",
                         "file is " + std::to_string(size) + " bytes, more than the limit of " +
                             std::to_string(max_bytes) + " (max_file_bytes)",
                         Location{path, 1, 1});
    }
    std::ifstream stream(path, std::ios::binary);
    std::string content;
    try {
        content.assign(std::istreambuf_iterator<char>(stream), std::istreambuf_iterator<char>());
    } catch (const std::ios_base::failure& failure) {  // libstdc++ throws on a read error (EIO)
        throw IoError("unreadable", "cannot read '" + path + "': " + failure.what(),
                      Location{path, 0, 0});
    }
    if (!stream && !stream.eof()) {
        throw IoError("unreadable", "cannot read '" + path + "'", Location{path, 0, 0});
    }
    return content;
}

}  // namespace onething
