// The chunked body's framing and the head's line ends, read from the unparsed bytes.
#include "serve/framing.hpp"

#include <algorithm>
#include <limits>

#include "text/hex_digit.hpp"

namespace onething::serve_detail {

ChunkFraming chunk_framing(std::string_view pending, std::uint64_t data_left) {
    ChunkFraming found;
    std::size_t at = 0;
    std::uint64_t data = data_left;
    for (;;) {
        if (data >= pending.size() - at) {
            return found;  // chunk data to the end of what arrived
        }
        at += static_cast<std::size_t>(data);
        // The CRLF that ends the previous chunk's data (a chunk-size line never starts with CR).
        if (pending[at] == '\r') {
            if (at + 1 == pending.size() || pending[at + 1] != '\n') {
                return found;  // its LF still to come, or no CRLF (the parser refuses it)
            }
            at += 2;
        }
        const std::size_t end = pending.find("\r\n", at);
        found.longest_line = std::max(
            found.longest_line, (end == std::string_view::npos ? pending.size() : end + 2) - at);
        if (end == std::string_view::npos) {
            return found;
        }
        std::uint64_t size = 0;
        std::size_t digit = at;
        for (; digit < end && detail::hex_digit_value(pending[digit]) >= 0; ++digit) {
            if (size > (std::numeric_limits<std::uint64_t>::max() >> 4)) {
                return found;  // no such size: the parser refuses it
            }
            size = size * 16 + static_cast<std::uint64_t>(detail::hex_digit_value(pending[digit]));
        }
        if (digit == at) {
            return found;  // no size: the parser refuses it
        }
        if (size == 0) {  // the last chunk: the trailer follows, up to an empty line
            const std::size_t start = end + 2;
            const std::size_t blank = pending.find("\r\n\r\n", end);
            if (blank != std::string_view::npos) {
                found.trailer_bytes = blank + 2 - start;
                return found;
            }
            found.trailer_bytes = pending.size() - start;
            // A CR at the start of a line may begin the empty line: not counted yet.
            if (found.trailer_bytes > 0 && pending.back() == '\r' &&
                pending.substr(pending.size() - 3, 2) == "\r\n") {
                --found.trailer_bytes;
            }
            return found;
        }
        at = end + 2;
        data = size;
    }
}

bool has_bare_line_feed(std::string_view head) {
    head = head.substr(0, head.find("\r\n\r\n"));
    for (std::size_t at = head.find('\n'); at != std::string_view::npos;
         at = head.find('\n', at + 1)) {
        if (at == 0 || head[at - 1] != '\r') {
            return true;
        }
    }
    return false;
}

}  // namespace onething::serve_detail
