// Reading a snapshot: the mapped file, the header (magic, versions, size, checksum), then the
// payload's sections (model_reader.hpp) and the checks of the catalog they make
// (snapshot_check.cpp). Every problem is one located diagnostic; nothing in the bytes crashes it.
#include <fcntl.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <functional>
#include <new>
#include <thread>

#include "model/case_version.hpp"
#include "model/catalog_index.hpp"
#include "onething/error.hpp"
#include "onething/snapshot.hpp"
#include "onething/version.hpp"
#include "snapshot/codec.hpp"
#include "snapshot/model_reader.hpp"
#include "snapshot/read_threads.hpp"
#include "snapshot/snapshot_check.hpp"

namespace onething {
namespace {

using detail::ByteReader;
using detail::case_version;
using detail::check_catalog;
using detail::check_definitions;
using detail::check_sorted;
using detail::check_test;
using detail::ModelReader;
using detail::names_all;
using detail::SnapshotCorrupt;
using detail::SnapshotRefused;

/// The advice ending every error about a snapshot's bytes.
constexpr const char* compile_again =
    "; compile it again from the rule files with `onething compile PATH... -o FILE`";

/// The threads that read a snapshot's chunked sections: the processors this process may run on,
/// at most 8.
unsigned reading_threads() {
    unsigned processors = std::thread::hardware_concurrency();
#ifdef __linux__
    cpu_set_t allowed;
    CPU_ZERO(&allowed);
    if (::sched_getaffinity(0, sizeof allowed, &allowed) == 0) {
        processors = static_cast<unsigned>(CPU_COUNT(&allowed));
    }
#endif
    return std::clamp(processors, 1u, 8u);
}

/// Reads the header, the checksum summed on up to `threads` threads; returns the payload. Throws
/// SnapshotCorrupt or SnapshotRefused.
std::string_view read_header(std::string_view bytes, unsigned threads) {
    if (bytes.size() < detail::snapshot_magic.size() && detail::snapshot_magic.starts_with(bytes) &&
        !bytes.empty()) {
        throw SnapshotCorrupt{bytes.size(), "the header is truncated"};
    }
    if (!looks_like_snapshot(bytes) || bytes.substr(0, 8) != detail::snapshot_magic) {
        throw SnapshotRefused{"snapshot-magic",
                              "not an onething snapshot: its first bytes are not the snapshot "
                              "magic; name rule files, or a file written by `onething compile`"};
    }
    ByteReader in(bytes, 0);
    in.take(8);
    if (in.left() < detail::snapshot_fixed_header - 8) {
        throw SnapshotCorrupt{in.offset(), "the header is truncated"};
    }
    const std::uint32_t format = in.u32();
    const std::uint32_t length = in.u32();
    if (length > detail::snapshot_max_version_length || length > in.left()) {
        if (format == snapshot_format_version) {
            throw SnapshotCorrupt{12, "the header is truncated or its version is corrupt"};
        }
        throw SnapshotRefused{"snapshot-version",
                              "the snapshot is of format " + std::to_string(format) +
                                  ", this is onething " + version_string + " (snapshot format " +
                                  std::to_string(snapshot_format_version) + ")"};
    }
    const std::string_view library = in.take(length);
    // A version is printable ASCII (`0.1.0`): other bytes are not one, whatever the format.
    if (!std::all_of(library.begin(), library.end(), [](char c) { return c > ' ' && c < 0x7F; })) {
        throw SnapshotCorrupt{16, "the header's library version is not a version"};
    }
    if (format != snapshot_format_version || library != version_string) {
        throw SnapshotRefused{"snapshot-version",
                              "the snapshot was compiled by onething " + std::string(library) +
                                  " (snapshot format " + std::to_string(format) +
                                  "); this is onething " + version_string + " (snapshot format " +
                                  std::to_string(snapshot_format_version) + ")"};
    }
    if (in.left() < 16) {
        throw SnapshotCorrupt{in.offset(), "the header is truncated"};
    }
    const std::uint64_t size = in.u64();
    const std::uint64_t checksum = in.u64();
    if (size != in.left()) {
        throw SnapshotCorrupt{in.offset(),
                              "the snapshot is " +
                                  std::string(size > in.left() ? "truncated" : "too long") +
                                  ": the header announces " + std::to_string(size) +
                                  " bytes of catalog, the file holds " + std::to_string(in.left())};
    }
    const std::string_view payload = in.take(size);
    if (detail::snapshot_checksum(payload, threads) != checksum) {
        throw SnapshotRefused{"snapshot-checksum",
                              "the snapshot is corrupt: its checksum does not match its bytes"};
    }
    return payload;
}

/// The definitions of one version of a snapshot, as read.
struct VersionSections {
    Period period;                       ///< its days (a dated catalog's version)
    std::vector<Fact> facts;             ///< sorted by id
    std::vector<Field> fields;           ///< sorted by id
    std::vector<Material> materials;     ///< sorted by id
    std::vector<Item> items;             ///< sorted by id
    std::vector<Bundle> bundles;         ///< sorted by id
    detail::ResolvedLinks links;         ///< every reference of the items and bundles, as positions
    std::vector<std::string> languages;  ///< the language tags of its texts, sorted
};

/// A dated catalog from its versions (one, when every date of the rules is 0000-01-01 or
/// 9999-12-31, which start no other): their periods must follow each other day after day from
/// always to forever; each version gets the cases planned on its days (their `as_of`, or today)
/// and passes the planner's checks.
Catalog dated_catalog(std::vector<VersionSections>& read_versions, std::vector<TestCase> tests) {
    for (std::size_t v = 0; v < read_versions.size(); ++v) {
        const Period& period = read_versions[v].period;
        const bool first = v == 0;
        const bool last = v + 1 == read_versions.size();
        // The first version begins since always, or on the first day there is (0000-01-01:
        // a `valid_from` of that day starts no version before it, as the loader reads it).
        const bool follows = first ? !period.from || !period.from->previous()
                                   : period.from && read_versions[v - 1].period.until &&
                                         read_versions[v - 1].period.until->next() == period.from;
        if (!follows || last != !period.until ||
            (period.from && period.until && *period.until < *period.from)) {
            throw SnapshotRefused{"snapshot-corrupt",
                                  "the dated versions do not cover every day once, in order (at "
                                  "version " +
                                      std::to_string(v + 1) + ", " + period.describe() + ")"};
        }
    }
    const Date today = Date::today();
    std::vector<CatalogVersion> versions;
    std::vector<Period> periods;
    for (VersionSections& sections : read_versions) {
        std::vector<TestCase> own_tests;
        for (const TestCase& test : tests) {
            if (sections.period.contains(test.as_of ? test.as_of->value : today)) {
                own_tests.push_back(test);
            }
        }
        auto version = std::make_shared<const Catalog>(detail::CatalogAccess::resolved(
            std::move(sections.facts), std::move(sections.fields), std::move(sections.materials),
            std::move(sections.items), std::move(sections.bundles), std::move(own_tests),
            std::move(sections.links), std::move(sections.languages)));
        check_definitions(*version);
        periods.push_back(sections.period);
        versions.push_back({sections.period, std::move(version)});
    }
    // Each case in the version the loader checks it in, chosen alike (case_version.hpp).
    for (const TestCase& test : tests) {
        const std::optional<Date> as_of =
            test.as_of ? std::optional(test.as_of->value) : std::nullopt;
        const std::size_t v = case_version(periods, as_of, today, [&](std::size_t at) {
            return names_all(*versions[at].catalog, test);
        });
        check_test(*versions[v].catalog, test);
    }
    return Catalog::dated(std::move(versions), std::move(tests), today);
}

/// Whether `a` and `b` are one place.
bool same_place(const Location& a, const Location& b) {
    return a.line == b.line && a.column == b.column && a.file.str() == b.file.str();
}

/// The definitions of `now` (sorted by id) not held, from the same place, by `before` (the
/// version of the days just before, sorted too): those whose rule file entry is new.
template <typename T>
std::uint64_t new_definitions(const std::vector<T>& before, const std::vector<T>& now) {
    std::uint64_t count = 0;
    auto earlier = before.begin();
    for (const T& definition : now) {
        while (earlier != before.end() && earlier->id < definition.id) {
            ++earlier;
        }
        const bool held = earlier != before.end() && earlier->id == definition.id &&
                          same_place(earlier->location, definition.location);
        count += held ? 0 : 1;
    }
    return count;
}

/// The definitions the rule files of a dated catalog wrote: each once, however many versions
/// hold it (the count max_definitions bounds in the files). A written definition is in effect
/// on consecutive days, so it is held by consecutive versions, from the place of its id key.
std::uint64_t written_definitions(const std::vector<VersionSections>& versions) {
    static const VersionSections none;
    std::uint64_t count = 0;
    for (std::size_t v = 0; v < versions.size(); ++v) {
        const VersionSections& before = v == 0 ? none : versions[v - 1];
        const VersionSections& now = versions[v];
        count +=
            new_definitions(before.facts, now.facts) + new_definitions(before.fields, now.fields) +
            new_definitions(before.materials, now.materials) +
            new_definitions(before.items, now.items) + new_definitions(before.bundles, now.bundles);
    }
    return count;
}

/// Reads the payload into `result`.
void read_payload(std::string_view payload, std::uint64_t base, const Limits& limits,
                  const detail::ReleaseBytes* release, unsigned threads, LoadResult& result) {
    ByteReader in(payload, base);
    ModelReader model(in, limits);
    model.on_progress(release);
    result.revision = std::string(in.str());
    if (!std::all_of(result.revision.begin(), result.revision.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); })) {
        in.fail(result.revision.size(), "a revision that is not hexadecimal");
    }
    result.files = in.u64();
    result.overlays = in.u64();
    if (result.overlays > result.files) {
        in.fail(8, "more overlays than files");
    }
    // Overlays are not counted against max_files, as when the files are read (docs/limits.md).
    if (result.files - result.overlays > limits.max_files) {
        throw SnapshotRefused{"limit-files", "the catalog was compiled from " +
                                                 std::to_string(result.files - result.overlays) +
                                                 " rule files, more than the limit of " +
                                                 std::to_string(limits.max_files) + " (max_files)"};
    }
    model.file_table();
    // 0 versions: an undated catalog's definitions follow; else each version's period and
    // definitions, in day order (snapshot_write.cpp).
    const std::uint32_t version_count = in.u32();
    if (version_count > limits.max_versions) {
        throw SnapshotRefused{"limit-versions", "the catalog has " + std::to_string(version_count) +
                                                    " dated versions, more than the limit of " +
                                                    std::to_string(limits.max_versions) +
                                                    " (max_versions)"};
    }
    std::vector<VersionSections> read_versions;
    for (std::uint32_t v = 0; v < std::max<std::uint32_t>(version_count, 1); ++v) {
        VersionSections sections;
        if (version_count > 0) {
            model.begin_version();
            sections.period = model.period();
        }
        sections.facts = model.section(&ModelReader::fact, 30, true);
        check_sorted(sections.facts, "fact");
        model.set_facts(sections.facts);
        sections.fields = model.chunked_section(&ModelReader::field, 32, "field", threads);
        sections.materials = model.chunked_section(&ModelReader::material, 22, "material", threads);
        model.set_definitions(sections.fields, sections.materials);
        sections.items = model.items(threads);
        model.set_items(sections.items);
        sections.bundles = model.section(&ModelReader::bundle, 37, true);
        check_sorted(sections.bundles, "bundle");
        sections.links = model.take_links();
        sections.languages = model.take_languages();
        read_versions.push_back(std::move(sections));
    }
    if (version_count > 0) {
        model.recount_definitions(written_definitions(read_versions), in.offset());
    }
    std::vector<TestCase> tests = model.section(&ModelReader::test, 59, true);
    std::vector<Diagnostic> diagnostics = model.section(&ModelReader::diagnostic, 21, false);
    if (in.left() != 0) {
        in.fail(0, std::to_string(in.left()) + " bytes follow the catalog");
    }
    for (const Diagnostic& diagnostic : diagnostics) {
        if (diagnostic.severity == Severity::error) {
            throw SnapshotRefused{"snapshot-corrupt",
                                  "it holds an error diagnostic; a snapshot "
                                  "holds only a checked catalog"};
        }
    }
    if (version_count == 0) {
        VersionSections& only = read_versions.front();
        Catalog catalog = detail::CatalogAccess::resolved(
            std::move(only.facts), std::move(only.fields), std::move(only.materials),
            std::move(only.items), std::move(only.bundles), std::move(tests), std::move(only.links),
            std::move(only.languages));
        check_catalog(catalog);
        result.catalog = std::move(catalog);
    } else {
        result.catalog = dated_catalog(read_versions, std::move(tests));
    }
    result.diagnostics = std::move(diagnostics);
}

/// The one diagnostic of a refused snapshot.
LoadResult refused(const std::string& name, std::string code, std::string message) {
    LoadResult result;
    result.diagnostics.push_back(
        {Severity::error, std::move(code), std::move(message), {name, 0, 0}});
    return result;
}

}  // namespace

bool looks_like_snapshot(std::string_view bytes) {
    return !bytes.empty() && bytes.front() == detail::snapshot_magic.front();
}

namespace {

/// read_snapshot, telling `release` (when set) how far the bytes have been read.
LoadResult read_bytes(const std::string& name, std::string_view bytes, const Limits& limits,
                      const detail::ReleaseBytes* release, unsigned threads) {
    if (bytes.size() > limits.max_snapshot_bytes) {
        return refused(name, "limit-snapshot-size",
                       "the snapshot is " + std::to_string(bytes.size()) +
                           " bytes, more than the limit of " +
                           std::to_string(limits.max_snapshot_bytes) +
                           " (max_snapshot_bytes); raise the limit (docs/limits.md)");
    }
    try {
        const std::string_view payload = read_header(bytes, threads);
        LoadResult result;
        if (release != nullptr && *release) {
            (*release)(0, bytes.size());  // the checksum read every byte: give the pages back
        }
        read_payload(payload, bytes.size() - payload.size(), limits, release, threads, result);
        return result;
    } catch (const SnapshotCorrupt& corrupt) {
        return refused(name, "snapshot-corrupt",
                       "the snapshot is corrupt at byte " + std::to_string(corrupt.offset) + ": " +
                           corrupt.what + compile_again);
    } catch (const SnapshotRefused& refusal) {
        const bool limit = refusal.code.rfind("limit-", 0) == 0;
        return refused(
            name, refusal.code,
            refusal.message + (limit ? "; raise the limit (docs/limits.md)" : compile_again));
    } catch (const std::bad_alloc&) {
        return refused(name, "out-of-memory",
                       "out of memory while reading the snapshot (see docs/limits.md)");
    }
}

}  // namespace

namespace {

/// A read-only private mapping of a whole file, unmapped when destroyed.
class Mapping {
  public:
    Mapping(void* address, std::size_t size) : address_(address), size_(size) {}
    Mapping(const Mapping&) = delete;
    Mapping& operator=(const Mapping&) = delete;
    ~Mapping() { ::munmap(address_, size_); }
    /// The file's bytes.
    std::string_view bytes() const { return {static_cast<const char*>(address_), size_}; }
    /// Drops the whole pages between offsets `from` and `to` from memory (they are read again
    /// if touched again); a page that holds bytes outside the range is kept. Safe from any
    /// thread.
    void release(std::uint64_t from, std::uint64_t to) const {
        const std::uint64_t page = static_cast<std::uint64_t>(::sysconf(_SC_PAGESIZE));
        const std::uint64_t begin = (from + page - 1) / page * page;
        const std::uint64_t end = to >= size_ ? size_ : to / page * page;
        if (end > begin) {
            ::madvise(static_cast<char*>(address_) + begin, end - begin, MADV_DONTNEED);
        }
    }

  private:
    void* address_;
    std::size_t size_;
};

}  // namespace

LoadResult detail::read_snapshot_on_threads(const std::string& name, std::string_view bytes,
                                            const Limits& limits, unsigned threads) {
    return read_bytes(name, bytes, limits, nullptr, std::max(threads, 1u));
}

LoadResult read_snapshot(const std::string& name, std::string_view bytes, const Limits& limits) {
    return read_bytes(name, bytes, limits, nullptr, reading_threads());
}

LoadResult load_snapshot(const std::string& path, const Limits& limits) {
    // Mapped, not copied: the pages read are given back as the reading moves on, so loading
    // holds little more than the catalog itself.
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        throw IoError("unreadable", "cannot read '" + path + "': " + std::strerror(errno),
                      Location{path, 0, 0});
    }
    struct stat status {};
    const bool regular = ::fstat(fd, &status) == 0 && S_ISREG(status.st_mode);
    const std::uint64_t size = regular ? static_cast<std::uint64_t>(status.st_size) : 0;
    if (!regular || size == 0 || size > limits.max_snapshot_bytes) {
        ::close(fd);
        if (!regular) {
            throw IoError("unreadable", "cannot read '" + path + "': not a regular file",
                          Location{path, 0, 0});
        }
        if (size == 0) {
            return read_snapshot(path, {}, limits);
        }
        return refused(path, "limit-snapshot-size",
                       "the snapshot is larger than " + std::to_string(limits.max_snapshot_bytes) +
                           " bytes (max_snapshot_bytes); raise the limit with "
                           "--max-snapshot-bytes");
    }
    void* address = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
    const int error = errno;
    ::close(fd);
    if (address == MAP_FAILED) {
        throw IoError("unreadable", "cannot read '" + path + "': " + std::strerror(error),
                      Location{path, 0, 0});
    }
    Mapping mapping(address, size);
    ::madvise(address, size, MADV_SEQUENTIAL);
    const detail::ReleaseBytes release = [&mapping](std::uint64_t from, std::uint64_t to) {
        mapping.release(from, to);
    };
    return read_bytes(path, mapping.bytes(), limits, &release, reading_threads());
}

}  // namespace onething