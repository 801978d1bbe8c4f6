// The bytes the service writes for every request besides its answer's body, written by hand
// into strings (no JSON tree, no Beast message): the response's status line and header
// fields, and the access log line.
#pragma once

// Before Beast: Boost 1.74's string_view header uses std::ostream without declaring it.
#include <ostream>

#include <boost/beast/http/status.hpp>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace onething::serve_detail {

/// What the access log says of one request (never its facts or its answer: personal data).
struct AccessRecord {
    std::string_view time;         ///< when it was answered, ISO 8601 UTC with milliseconds
    std::uint64_t request_id = 0;  ///< the request's number, as in X-Request-Id
    std::string_view method;       ///< as the client sent it ("" when the request line was bad)
    std::string_view path;         ///< the target without its query
    int status = 0;                ///< the answer's HTTP status
    std::string_view bundle;       ///< the bundle asked for, "" for none (logged as null)
    std::uint64_t latency_us = 0;  ///< from the request's first byte to its answer
    std::string_view revision;     ///< the catalog that answered
};

/// The access log line, one JSON object without its new line: the keys in the order of
/// docs/serving.md, strings escaped as JSON (invalid UTF-8 replaced by U+FFFD), the latency
/// in milliseconds with up to three decimals.
std::string access_log_line(const AccessRecord& record);

/// The fields of a response's head beside its status and body.
struct ResponseHead {
    boost::beast::http::status status = boost::beast::http::status::ok;  ///< the status line's
    std::string_view server;                                             ///< the Server field
    std::string_view content_type;                                       ///< the Content-Type field
    std::uint64_t request_id = 0;                                        ///< the X-Request-Id field
    std::string_view allow;  ///< the Allow field of a 405, "" for none
    const std::vector<std::pair<std::string, std::string>>* headers = nullptr;  ///< more fields
    bool keep_alive = true;          ///< false: `Connection: close`
    std::size_t content_length = 0;  ///< the Content-Length field: the body's bytes
    /// With `keep_alive`: `Connection: keep-alive`, which an HTTP/1.0 client needs to keep its
    /// connection (for HTTP/1.1 persistence is the default, and nothing is said).
    bool announce_keep_alive = false;
};

/// `text` as a header field's value: visible ASCII and spaces kept, every other byte (a control
/// character, a byte of a UTF-8 character) written `\xHH`, so that no byte a client sent can end
/// the field or start another; when longer than `limit` bytes, cut (never inside an escape) and
/// ended with "...", at most `limit` bytes in all (`limit` of 3 or more).
std::string field_value_text(std::string_view text, std::size_t limit);

/// An HTTP/1.1 response's status line and header fields, ending with the empty line: the
/// fields in the order Server, Content-Type, X-Request-Id, Allow, the others, Connection (close,
/// or keep-alive when announced), Content-Length. The values are the program's own (no CR or LF).
std::string response_head(const ResponseHead& head);

}  // namespace onething::serve_detail
