// SHA-256 (FIPS 180-4), incremental: the catalog's revision is the digest of its rule files.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace onething::detail {

/// An incremental SHA-256: `update` any number of times, then `hex` once.
class Sha256 {
  public:
    /// Adds `bytes` to the message.
    void update(std::string_view bytes);
    /// The digest as 64 lowercase hex digits; the object is spent afterwards.
    std::string hex();

  private:
    void block(const unsigned char* data);
    std::array<std::uint32_t, 8> state_{0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                        0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    std::array<unsigned char, 64> buffer_{};
    std::size_t buffered_ = 0;
    std::uint64_t length_ = 0;  ///< bytes so far
};

}  // namespace onething::detail
