// The HTTP service (`onething serve`): JSON in and out over the request layer, one catalog
// shared by a fixed pool of threads, reloaded atomically. Only standard types here: the
// networking (Boost.Beast and Asio) stays inside the library.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "onething/limits.hpp"
#include "onething/plan.hpp"
#include "onething/value.hpp"

namespace onething {

/// The most `ServeOptions::max_header_bytes` can be: the HTTP library keeps the length of one
/// header field in 16 bits, so a larger limit is read as this one.
inline constexpr std::uint32_t max_serve_header_bytes = 65535;

/// How the service runs: where it listens, its threads and the bounds it puts on every client.
struct ServeOptions {
    std::vector<std::string> paths;     ///< rule files and folders, read again on every reload
    std::vector<std::string> overlays;  ///< overlays (docs/overlays.md), read again on reload
    Limits limits;                      ///< input limits on the rules and on request documents
    std::string host = "127.0.0.1";     ///< address to listen on
    std::uint16_t port = 8080;          ///< port to listen on; 0 picks a free one
    unsigned threads = 0;               ///< worker threads; 0: the hardware's concurrency
    std::uint64_t max_body_bytes = 1u << 20;  ///< request body; larger is a 413
    std::uint32_t max_header_bytes = 16u
                                     << 10;  ///< request line and headers; a 431 (at most 65535)
    std::chrono::milliseconds read_timeout{10'000};    ///< one whole request, first byte on
    std::chrono::milliseconds idle_timeout{60'000};    ///< a kept-alive connection, unused
    std::chrono::milliseconds drain_timeout{30'000};   ///< in-flight requests on shutdown
    std::size_t max_connections = 1024;                ///< beyond it: a 503, then closed
    PlanOptions max_search = PlanOptions::thorough();  ///< caps on a request's search bounds
    /// The day a request without its own `as_of` plans on (and `GET /v1/bundles` without
    /// `?as_of=` lists); none: the day the request arrives.
    std::optional<Date> as_of;
    /// Where log lines go (one JSON object per line, no newline); empty: standard error (file
    /// descriptor 2, one write per line).
    std::function<void(std::string_view)> log;
};

/// A running service. Construct it, `start` it, read its `port`; `reload` swaps in a new catalog
/// for new requests (requests in flight finish on the old one); `stop` drains and returns.
class Server {
  public:
    /// Loads the catalog from `options.paths` and `options.overlays`. Throws Error (with the load's
    /// diagnostics) when the rules have errors, IoError when a path cannot be read.
    explicit Server(ServeOptions options);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    /// Binds and starts the worker threads. Throws IoError when the address cannot be bound.
    void start();
    /// The port bound (after `start`).
    std::uint16_t port() const;
    /// Loads the catalog again from the same paths and overlays; swaps it in when it has no error,
    /// else logs its diagnostics and keeps the old one. Returns true when swapped.
    bool reload();
    /// Stops accepting, closes idle connections, lets requests in flight finish (up to the
    /// drain timeout) and joins the threads. Idempotent.
    void stop();
    /// The revision of the catalog serving now (SHA-256 hex of the rule files' bytes, then the
    /// overlays').
    std::string revision() const;

    struct Impl;  ///< the networking and the catalog, private to the library

  private:
    std::unique_ptr<Impl> impl_;
};

/// Runs the service until SIGTERM or SIGINT (then drains and returns 0); SIGHUP reloads.
/// Writes "listening on http://HOST:PORT" to standard error once bound.
int serve(ServeOptions options);

/// SHA-256 of `bytes`, as 64 lowercase hex digits.
std::string sha256_hex(std::string_view bytes);

}  // namespace onething
