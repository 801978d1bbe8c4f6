// The request target: its origin form, its path as the routes compare it, its query's values and
// the query a redirect carries.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace onething::serve_detail {

/// A request target in origin form (`/v1/plan?x=1`): an absolute-form target
/// (`http://host:port/v1/plan?x=1`, which RFC 9112 3.2.2 says a server must accept) without
/// its scheme and authority (`http://host?x=1` gives `/?x=1`); any other target as it is.
std::string origin_form(std::string_view target);

/// The path as the routes compare it (RFC 3986, 6.2.2): every percent-encoded unreserved
/// character decoded (`/v1/%70lan` is `/v1/plan`), every other escape kept, its hexadecimal
/// digits upper case; nullopt when a `%` is not followed by two hexadecimal digits.
std::optional<std::string> normalized_path(std::string_view path);

/// `query` as a Location field may carry it: RFC 3986's query characters kept (unreserved,
/// sub-delimiters, `:`, `@`, `/`, `?`, and well-formed `%XX`), every other byte percent-encoded
/// (a `%` without two hexadecimal digits as `%25`), so that the meaning of each parameter stays.
std::string location_query(std::string_view query);

/// One query parameter as read from the query.
struct QueryValue {
    bool found = false;      ///< the key is in the query (with a `=`)
    bool malformed = false;  ///< its value has a `%` not followed by two hexadecimal digits
    bool repeated = false;   ///< the key is in the query more than once
    std::string value;       ///< the value decoded: `+` is a space, `%XX` the byte XX
};

/// The first value of `key` in `query` (`a=1&b=2`), keys compared after decoding, and whether
/// the key comes again.
QueryValue query_value(std::string_view query, std::string_view key);

}  // namespace onething::serve_detail
