// The checksum of a snapshot's payload: blocks summed on their own, side by side on several
// threads, then folded in order (docs/snapshots.md).
#include <bit>
#include <cstring>
#include <vector>

#include "snapshot/codec.hpp"
#include "snapshot/run_in_order.hpp"

namespace onething::detail {
namespace {

constexpr std::uint64_t multiplier = 0x9E3779B97F4A7C15ull;

/// The running value a sum over `size` bytes starts from.
std::uint64_t start_of(std::size_t size) {
    return 0x6F6E657468696E67ull ^ (size * multiplier);
}

/// One step of a running sum: a bijection of `sum` for any `word`, and of `word` for any `sum`.
std::uint64_t mix(std::uint64_t sum, std::uint64_t word) {
    sum = (sum ^ word) * multiplier;
    return sum ^ (sum >> 31);
}

/// The sum of one block, over 8-byte words: four running values take the words in turn
/// (so the multiplications overlap), then fold into one with the words left over, the tail and
/// the size. Each step is a bijection of its running value, so a change in any one word (a
/// flipped bit, a zeroed block) always changes the sum.
std::uint64_t block_checksum(std::string_view bytes) {
    auto word_at = [&](std::size_t at) {
        std::uint64_t word;
        std::memcpy(&word, bytes.data() + at, 8);
        if constexpr (std::endian::native == std::endian::big) {
            word = __builtin_bswap64(word);
        }
        return word;
    };
    const std::uint64_t start = start_of(bytes.size());
    std::uint64_t lanes[4] = {start, start + 1, start + 2, start + 3};
    std::size_t at = 0;
    for (; at + 32 <= bytes.size(); at += 32) {
        for (int lane = 0; lane < 4; ++lane) {
            lanes[lane] = mix(lanes[lane], word_at(at + 8 * static_cast<std::size_t>(lane)));
        }
    }
    std::uint64_t sum = lanes[0];
    for (int lane = 1; lane < 4; ++lane) {
        sum = mix(sum, lanes[lane]);
    }
    for (; at + 8 <= bytes.size(); at += 8) {
        sum = mix(sum, word_at(at));
    }
    std::uint64_t tail = 0;
    for (std::size_t k = 0; at + k < bytes.size(); ++k) {
        tail |= std::uint64_t{static_cast<unsigned char>(bytes[at + k])} << (8 * k);
    }
    sum = mix(sum, tail);
    return mix(sum, bytes.size());
}

}  // namespace

std::uint64_t snapshot_checksum(std::string_view bytes, unsigned threads) {
    const std::size_t blocks =
        (bytes.size() + snapshot_checksum_block - 1) / snapshot_checksum_block;
    std::vector<std::uint64_t> sums(blocks);
    run_in_order(blocks, threads, [&](std::size_t, std::size_t k) {
        sums[k] =
            block_checksum(bytes.substr(k * snapshot_checksum_block, snapshot_checksum_block));
    });
    std::uint64_t sum = start_of(bytes.size());
    for (std::uint64_t block : sums) {
        sum = mix(sum, block);
    }
    return mix(sum, bytes.size());
}

}  // namespace onething::detail
