// Reading one input file: a regular file only, and never more than the size limit.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "onething/error.hpp"
#include "onething/load.hpp"

namespace onething {
namespace {

/// "a folder", "a FIFO", ... for a file type that is not a regular file.
const char* describe_type(mode_t mode) {
    if (S_ISDIR(mode)) {
        return "a folder";
    }
    if (S_ISFIFO(mode)) {
        return "a FIFO";
    }
    if (S_ISCHR(mode)) {
        return "a character device";
    }
    if (S_ISBLK(mode)) {
        return "a block device";
    }
    if (S_ISSOCK(mode)) {
        return "a socket";
    }
    return "not a regular file";
}

[[noreturn]] void not_regular(const std::string& path, mode_t mode) {
    throw IoError("unreadable",
                  "cannot read '" + path + "': it is " + describe_type(mode) +
                      ", not a regular file; give a regular file",
                  Location{path, 0, 0});
}

[[noreturn]] void read_failed(const std::string& path, int error) {
    throw IoError("unreadable", "error while reading '" + path + "': " + std::strerror(error),
                  Location{path, 0, 0});
}

/// The error for a file of more than `max_bytes`; `size` is its size when known (else 0).
[[noreturn]] void too_large(const std::string& path, std::uint64_t size, std::uint64_t max_bytes) {
    const std::string limit = std::to_string(max_bytes) + " (max_file_bytes)";
    throw InputError("limit-file-size",
                     size > max_bytes ? "file is " + std::to_string(size) +
                                            " bytes, more than the limit of " + limit
                                      : "file is larger than the limit of " +
                                            std::to_string(max_bytes) + " bytes (max_file_bytes)",
                     Location{path, 1, 1});
}

/// Closes a descriptor on every way out.
struct Descriptor {
    int fd;
    ~Descriptor() {
        if (fd >= 0) {
            ::close(fd);
        }
    }
};

}  // namespace

std::string read_regular_file(const std::string& path, std::uint64_t max_bytes) {
    // Refuse what is not a regular file before opening it: opening a FIFO waits for a writer,
    // and opening a device may act on it.
    struct stat status {};
    if (::stat(path.c_str(), &status) != 0) {
        const int error = errno;
        throw IoError("unreadable", "cannot read '" + path + "': " + std::strerror(error),
                      Location{path, 0, 0});
    }
    if (!S_ISREG(status.st_mode)) {
        not_regular(path, status.st_mode);
    }
    if (static_cast<std::uint64_t>(status.st_size) > max_bytes) {
        too_large(path, static_cast<std::uint64_t>(status.st_size), max_bytes);
    }
    // The path may have changed since: O_NONBLOCK keeps a FIFO from blocking the open, and the
    // descriptor is checked again.
    const Descriptor file{::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)};
    if (file.fd < 0) {
        const int error = errno;
        throw IoError("unreadable", "cannot read '" + path + "': " + std::strerror(error),
                      Location{path, 0, 0});
    }
    if (::fstat(file.fd, &status) != 0) {
        read_failed(path, errno);
    }
    if (!S_ISREG(status.st_mode)) {
        not_regular(path, status.st_mode);
    }
    // Read at most max_bytes + 1 bytes whatever the size said (a file may grow, /proc files
    // say 0): one byte more than the limit is enough to refuse the file.
    std::string content;
    char buffer[65536];
    for (;;) {
        const ::ssize_t got = ::read(file.fd, buffer, sizeof buffer);
        if (got < 0) {
            if (errno == EINTR) {
                continue;
            }
            read_failed(path, errno);
        }
        if (got == 0) {
            break;
        }
        const auto count = static_cast<std::uint64_t>(got);
        if (count > max_bytes - content.size()) {
            too_large(path, 0, max_bytes);
        }
        content.append(buffer, static_cast<std::size_t>(got));
    }
    return content;
}

}  // namespace onething
