// The bytes of a snapshot file: its header, its checksum, and bounded little-endian reading and
// writing of numbers and strings (docs/snapshots.md describes the layout).
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace onething::detail {

/// The first eight bytes of every snapshot. 0x89 never starts a UTF-8 (so YAML) file.
inline constexpr std::string_view snapshot_magic{"\x89OTSNAP\n", 8};

/// Bytes of the header before the library version: magic, format version, version length.
inline constexpr std::size_t snapshot_fixed_header = 16;

/// Elements in each chunk of a chunked section (a snapshot's items), which readers may read on
/// several threads.
inline constexpr std::uint32_t snapshot_chunk_elements = 1024;

/// Longest library version string a header may hold.
inline constexpr std::uint32_t snapshot_max_version_length = 64;

/// Bytes per block of a snapshot's checksum: each block is summed on its own (the blocks side by
/// side on several threads), then the blocks' sums are folded in order.
inline constexpr std::size_t snapshot_checksum_block = std::size_t{8} << 20;

/// A 64-bit checksum of `bytes` (checksum.cpp): a sum of each block of snapshot_checksum_block
/// bytes, the blocks' sums folded in order with the size, the blocks summed on up to `threads`
/// threads. A change in any one 8-byte word (a flipped bit, a zeroed block) always changes it.
/// Detects corruption; not a digest.
std::uint64_t snapshot_checksum(std::string_view bytes, unsigned threads = 1);

/// Appends little-endian numbers and length-prefixed strings to a byte string.
class ByteWriter {
  public:
    /// One byte.
    void u8(std::uint8_t value) { bytes_.push_back(static_cast<char>(value)); }
    /// Four bytes.
    void u32(std::uint32_t value) { little(value, 4); }
    /// Eight bytes.
    void u64(std::uint64_t value) { little(value, 8); }
    /// Eight bytes, two's complement.
    void i64(std::int64_t value) { little(static_cast<std::uint64_t>(value), 8); }
    /// Four bytes, two's complement.
    void i32(std::int32_t value) { little(static_cast<std::uint32_t>(value), 4); }
    /// The eight bytes of the IEEE 754 double.
    void f64(double value) { little(std::bit_cast<std::uint64_t>(value), 8); }
    /// 0 or 1.
    void boolean(bool value) { u8(value ? 1 : 0); }
    /// Length (four bytes), then the bytes.
    void str(std::string_view text) {
        u32(static_cast<std::uint32_t>(text.size()));
        bytes_.append(text);
    }
    /// Raw bytes.
    void raw(std::string_view bytes) { bytes_.append(bytes); }
    /// What has been written.
    std::string& bytes() { return bytes_; }
    /// Overwrites the eight bytes at `at` (already written) with `value`.
    void patch_u64(std::size_t at, std::uint64_t value) {
        for (int k = 0; k < 8; ++k) {
            bytes_[at + static_cast<std::size_t>(k)] = static_cast<char>((value >> (8 * k)) & 0xFF);
        }
    }

  private:
    void little(std::uint64_t value, int count) {
        for (int k = 0; k < count; ++k) {
            bytes_.push_back(static_cast<char>((value >> (8 * k)) & 0xFF));
        }
    }
    std::string bytes_;
};

/// A structural problem in a snapshot's bytes, at a byte offset of the file.
struct SnapshotCorrupt {
    std::uint64_t offset = 0;  ///< where in the file
    std::string what;          ///< what is wrong there
};

/// Reads what ByteWriter writes, never past the end: a read past it throws SnapshotCorrupt.
class ByteReader {
  public:
    /// Reads `bytes`, which start at `base` bytes into the file (for error offsets).
    ByteReader(std::string_view bytes, std::uint64_t base) : bytes_(bytes), base_(base) {}
    /// One byte.
    std::uint8_t u8() { return static_cast<std::uint8_t>(little(1)); }
    /// Four bytes.
    std::uint32_t u32() { return static_cast<std::uint32_t>(little(4)); }
    /// Eight bytes.
    std::uint64_t u64() { return little(8); }
    /// Eight bytes, two's complement.
    std::int64_t i64() { return static_cast<std::int64_t>(little(8)); }
    /// Four bytes, two's complement.
    std::int32_t i32() { return static_cast<std::int32_t>(static_cast<std::uint32_t>(little(4))); }
    /// An IEEE 754 double.
    double f64() { return std::bit_cast<double>(little(8)); }
    /// 0 or 1; anything else is corrupt.
    bool boolean() {
        const std::uint8_t value = u8();
        if (value > 1) {
            fail(1, "a flag is " + std::to_string(value) + ", not 0 or 1");
        }
        return value == 1;
    }
    /// A length-prefixed string.
    std::string_view str() {
        const std::uint32_t length = u32();
        return take(length);
    }
    /// The next `count` bytes.
    std::string_view take(std::uint64_t count) {
        if (count > bytes_.size() - at_) {
            fail(0, "a length of " + std::to_string(count) + " bytes runs past the end");
        }
        const std::string_view taken = bytes_.substr(at_, count);
        at_ += count;
        return taken;
    }
    /// A count of elements each at least `min_bytes` long: more than the bytes left can hold
    /// is corrupt (so no count makes the reader allocate more than the file justifies).
    std::uint32_t count(std::size_t min_bytes) {
        const std::uint32_t value = u32();
        if (static_cast<std::uint64_t>(value) * min_bytes > bytes_.size() - at_) {
            fail(4, "a count of " + std::to_string(value) + " runs past the end");
        }
        return value;
    }
    /// Bytes not read yet.
    std::uint64_t left() const { return bytes_.size() - at_; }
    /// The file offset of the next byte.
    std::uint64_t offset() const { return base_ + at_; }
    /// The file offset of the first byte.
    std::uint64_t start() const { return base_; }
    /// Throws SnapshotCorrupt at `back` bytes before the next byte.
    [[noreturn]] void fail(std::uint64_t back, std::string what) const {
        throw SnapshotCorrupt{offset() - back, std::move(what)};
    }

  private:
    std::uint64_t little(int count) {
        const std::string_view taken = take(static_cast<std::uint64_t>(count));
        std::uint64_t value = 0;
        for (int k = 0; k < count; ++k) {
            value |= std::uint64_t{static_cast<unsigned char>(taken[k])} << (8 * k);
        }
        return value;
    }
    std::string_view bytes_;
    std::uint64_t base_ = 0;
    std::size_t at_ = 0;
};

}  // namespace onething::detail
