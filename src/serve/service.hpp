// The HTTP service's inside, private to the serve module: the server's state (Server::Impl),
// an answer before it is sent, a loaded catalog, and the helpers the service's files share.
// The routes are in routes.cpp, a connection in session.cpp, the lifecycle in server.cpp.
#pragma once

#include <atomic>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/http/status.hpp>
#include <boost/beast/http/verb.hpp>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "onething/diagnostic.hpp"
#include "onething/load.hpp"
#include "onething/request.hpp"
#include "onething/serve.hpp"
#include "serve/metrics.hpp"
#include "serve/writer_first_lock.hpp"

namespace onething {

namespace serve_detail {

namespace beast = boost::beast;
namespace http = beast::http;
namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using Json = nlohmann::json;
using OrderedJson = nlohmann::ordered_json;  ///< a log event: its keys in the order written
using Clock = std::chrono::steady_clock;

/// The time now, ISO 8601 in UTC with milliseconds.
std::string utc_now();

/// A loaded catalog and what the service says about it.
struct Snapshot {
    LoadResult loaded;
    std::string revision;   ///< the load's revision (LoadResult::revision; a snapshot's stored)
    std::string loaded_at;  ///< when it was loaded
    std::size_t files = 0;  ///< rule files read
};

/// A diagnostic of the service itself (not of a rule file).
Diagnostic service_error(std::string code, std::string message);

/// An answer before it becomes an HTTP response.
struct Answer {
    http::status status = http::status::ok;
    std::string content_type = "application/json";
    std::string body;
    std::string endpoint = "unknown";                          ///< the metrics label
    std::string bundle;                                        ///< for the log
    std::string allow;                                         ///< for a 405
    std::vector<std::pair<std::string, std::string>> headers;  ///< more header fields
    std::shared_ptr<const Snapshot> snapshot;  ///< the catalog that answered; null: none did
};

/// An answer with `status` whose body is the JSON report of `diagnostics`.
Answer error_answer(http::status status, const std::vector<Diagnostic>& diagnostics);

}  // namespace serve_detail

class Session;  ///< one connection (session.cpp)

struct Server::Impl {
    /// The options kept, one I/O context per worker thread, the acceptor on the first.
    explicit Impl(ServeOptions opts);

    ServeOptions options;
    unsigned threads;
    std::uint16_t bound_port = 0;

    /// The catalog serving now, swapped whole by a reload; a request reads it once and keeps
    /// the one it read until it is answered.
    mutable std::mutex catalog_mutex;
    std::shared_ptr<const serve_detail::Snapshot> catalog;

    serve_detail::ServiceMetrics metrics;
    std::atomic<std::uint64_t> next_request{1};
    std::atomic<std::uint64_t> next_session{1};
    std::atomic<std::size_t> connections{0};
    std::atomic<bool> stopping{false};
    bool started = false;
    bool stopped = false;

    std::mutex sessions_mutex;
    std::unordered_map<std::uint64_t, std::weak_ptr<Session>> sessions;

    /// Lines of the log: shared by short lines written at once, held alone by a long line
    /// (and by every line given to `options.log`); a long line waits for no new short one.
    serve_detail::WriterFirstLock log_mutex;

    // Last, so that sessions still queued in the contexts are destroyed (when they are) while
    // the members above, which they touch, still live. One single-threaded context per worker
    // thread: a connection lives on one of them (given in turn), so its steps never need a
    // lock or a strand, and a worker waits on its own epoll, woken by its own sockets only.
    std::vector<std::unique_ptr<boost::asio::io_context>> contexts;
    std::vector<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>>
        keep_running;
    std::size_t next_context = 0;  ///< the context the next connection goes to (acceptor's)
    boost::asio::ip::tcp::acceptor acceptor;
    std::vector<std::thread> workers;

    /// The catalog serving now.
    std::shared_ptr<const serve_detail::Snapshot> current() const {
        std::lock_guard lock(catalog_mutex);
        return catalog;
    }
    /// Makes `snapshot` the catalog serving.
    void serve_catalog(std::shared_ptr<const serve_detail::Snapshot> snapshot) {
        std::lock_guard lock(catalog_mutex);
        catalog = std::move(snapshot);
    }

    /// Writes one log line (to `options.log`, else standard error), whole (server.cpp).
    void log(std::string line);
    /// The same for an event's JSON object (`time` and `event` first), on one line
    /// (server.cpp).
    void log(const serve_detail::OrderedJson& line);
    /// Runs `context` on this thread until it stops, logging a handler's exception and going on
    /// (server.cpp).
    void run(serve_detail::asio::io_context& context);
    /// Logs an exception the service went on after (a bug, or memory run out) (server.cpp).
    void log_internal_error(const char* what);

    /// Loads the catalog; nullptr (the errors logged) when it has errors or cannot be read
    /// (server.cpp).
    std::shared_ptr<const serve_detail::Snapshot> load(std::vector<Diagnostic>& errors);

    /// Accepts the next connection, on the next context in turn (session.cpp). A connection's
    /// context's position is its shard of the metrics.
    void accept();
    /// Asks every open connection to close unless it is answering a request (session.cpp).
    void stop_idle_sessions();
    /// What `method` on `target` answers (routes.cpp).
    serve_detail::Answer handle(boost::beast::http::verb method, std::string_view target,
                                const std::string& body);
    /// The metrics label of a request for `target`: its route's path, or "unknown" (routes.cpp).
    std::string endpoint_of(std::string_view target) const;
    /// What a POST of `operation` answers (routes.cpp).
    serve_detail::Answer handle_operation(Operation operation, const std::string& body);
};

}  // namespace onething
