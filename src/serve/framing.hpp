// The bytes of a request's framing that Beast's parser neither bounds nor explains, read
// straight from the bytes it has not consumed: the chunk-size lines and the trailer of a
// chunked body (held to --max-header-bytes), and line ends that are not CRLF.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace onething::serve_detail {

/// What the unparsed bytes of a chunked body hold beyond chunk data.
struct ChunkFraming {
    /// The longest chunk-size line begun (its extensions and CRLF included once read).
    std::size_t longest_line = 0;
    /// After the last chunk (`0`): the trailer's field lines so far, their CRLFs included, not
    /// the empty line that ends the trailer. Never more than the trailer will have once whole.
    std::size_t trailer_bytes = 0;
};

/// Reads `pending`, the bytes of a chunked body that the parser holds unconsumed, starting
/// with `data_left` bytes of chunk data still due (0: at a chunk-size line, after the CRLF that
/// ends the previous chunk's data, when there was one). The parser consumes chunk data as it
/// arrives but waits for each whole chunk-size line, and for the whole trailer after the last
/// chunk, before it looks at them: these are the bytes that would otherwise pile up without a
/// bound. Bytes that are not valid framing end the reading (the parser refuses them).
ChunkFraming chunk_framing(std::string_view pending, std::uint64_t data_left);

/// True when a line of `head` (a request's unparsed head) ends in a bare LF, not CRLF: only
/// the bytes before the first empty line (`\r\n\r\n`) are read.
bool has_bare_line_feed(std::string_view head);

}  // namespace onething::serve_detail
