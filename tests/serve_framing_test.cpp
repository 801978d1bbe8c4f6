// The framing the service reads beside Beast's parser: a chunked body's chunk-size lines and
// trailer (held to --max-header-bytes), and heads whose lines end in a bare LF.
#include <catch2/catch.hpp>

#include <string>

#include "serve/framing.hpp"

namespace {

using onething::serve_detail::chunk_framing;
using onething::serve_detail::has_bare_line_feed;

}  // namespace

TEST_CASE("chunk_framing measures chunk-size lines", "[serve]") {
    CHECK(chunk_framing("", 0).longest_line == 0);
    CHECK(chunk_framing("1", 0).longest_line == 1);  // a line begun
    CHECK(chunk_framing("1a;x=y\r\n", 0).longest_line == 8);
    // Chunk data is skipped, the CRLF after it is no part of the next line.
    CHECK(chunk_framing("2\r\n{}\r\n10;ext\r\n", 0).longest_line == 8);
    CHECK(chunk_framing("{}\r\n10;ext\r\n", 2).longest_line == 8);
    CHECK(chunk_framing("{}\r\n10;ext", 2).longest_line == 6);
    CHECK(chunk_framing("{}\r", 2).longest_line == 0);
    // Data still due to the end: nothing to measure, however it looks.
    CHECK(chunk_framing(std::string(100, 'x'), 1000).longest_line == 0);
    CHECK(chunk_framing("1;" + std::string(100, 'e'), 0).longest_line == 102);
    // No size, or one past 64 bits: the parser refuses them, nothing is read past them.
    CHECK(chunk_framing("zz\r\n0\r\nX: y\r\n", 0).trailer_bytes == 0);
    CHECK(chunk_framing("10000000000000000\r\n", 0).trailer_bytes == 0);
    CHECK(chunk_framing("ffffffffffffffff\r\nab", 0).trailer_bytes == 0);
}

TEST_CASE("chunk_framing counts the trailer's field lines, never more than it will have",
          "[serve]") {
    CHECK(chunk_framing("0\r\n\r\n", 0).trailer_bytes == 0);
    CHECK(chunk_framing("2\r\n{}\r\n0\r\n\r\n", 0).trailer_bytes == 0);
    CHECK(chunk_framing("000;ext\r\nX: y\r\n\r\n", 0).trailer_bytes == 6);
    CHECK(chunk_framing("0\r\nX: y\r\nZ: w\r\n\r\nGET / HTTP/1.1\r\n\r\n", 0).trailer_bytes == 12);
    // Part of a trailer: what has come, but not a CR that may begin the empty line.
    CHECK(chunk_framing("0\r\n", 0).trailer_bytes == 0);
    CHECK(chunk_framing("0\r\n\r", 0).trailer_bytes == 0);
    CHECK(chunk_framing("0\r\nX: y", 0).trailer_bytes == 4);
    CHECK(chunk_framing("0\r\nX: y\r", 0).trailer_bytes == 5);
    CHECK(chunk_framing("0\r\nX: y\r\n", 0).trailer_bytes == 6);
    CHECK(chunk_framing("0\r\nX: y\r\n\r", 0).trailer_bytes == 6);
    CHECK(chunk_framing("ab\r\n0\r\nX: " + std::string(70000, 'a'), 2).trailer_bytes == 70003);
    CHECK(chunk_framing("0\r\nX: " + std::string(70000, 'a'), 0).longest_line == 3);
}

TEST_CASE("has_bare_line_feed finds a line ended by LF alone in the head", "[serve]") {
    CHECK(has_bare_line_feed("GET / HTTP/1.1\nHost: x\n\n"));
    CHECK(has_bare_line_feed("GET / HTTP/1.1\r\nHost: x\n\n"));
    CHECK(has_bare_line_feed("\nHost: x\r\n\r\n"));
    CHECK_FALSE(has_bare_line_feed("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
    CHECK_FALSE(has_bare_line_feed("GET / HTTP/2.0\r\n"));
    // Only the head: a body or the next request after the empty line is not read.
    CHECK_FALSE(has_bare_line_feed("GET / HTTP/1.1\r\nHost: x\r\n\r\n{\n}\n"));
}
