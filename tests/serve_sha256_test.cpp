// The catalog revision's SHA-256 against the FIPS 180-4 test vectors.
#include <catch2/catch.hpp>
#include <string>

#include "onething/serve.hpp"
#include "model/sha256.hpp"

TEST_CASE("sha256: the FIPS 180-4 examples", "[serve]") {
    CHECK(onething::sha256_hex("") ==
          "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(onething::sha256_hex("abc") ==
          "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(onething::sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    CHECK(onething::sha256_hex(std::string(1'000'000, 'a')) ==
          "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("sha256: fed in pieces, the same digest", "[serve]") {
    const std::string message(1000, 'x');
    onething::detail::Sha256 hash;
    for (std::size_t at = 0; at < message.size(); at += 7) {
        hash.update(std::string_view(message).substr(at, 7));
    }
    CHECK(hash.hex() == onething::sha256_hex(message));
}
