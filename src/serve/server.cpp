// The HTTP service: asynchronous Beast sessions on a fixed pool of threads, every answer from
// the request layer over one immutable catalog, swapped atomically on reload.
#include <pthread.h>
#include <signal.h>

#include <algorithm>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/version.hpp>
#include <cctype>
#include <cmath>
#include <ctime>
#include <fstream>
#include <iostream>
#include <mutex>
#include <new>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <thread>
#include <unordered_map>

#include "onething/error.hpp"
#include "onething/load.hpp"
#include "onething/request.hpp"
#include "onething/serve.hpp"
#include "onething/version.hpp"
#include "request/request_json.hpp"
#include "serve/metrics.hpp"

namespace onething {

namespace serve_detail {
extern const char* const openapi_json;
extern const char* const studio_html;
extern const char* const studio_js;
extern const char* const studio_css;
}  // namespace serve_detail

namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using Json = nlohmann::json;
using Clock = std::chrono::steady_clock;

/// The time now, ISO 8601 in UTC with milliseconds.
std::string utc_now() {
    const auto now = std::chrono::system_clock::now();
    const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
    const auto millis =
        std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() %
        1000;
    std::tm parts{};
    gmtime_r(&seconds, &parts);
    char text[96];
    std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", parts.tm_year + 1900,
                  parts.tm_mon + 1, parts.tm_mday, parts.tm_hour, parts.tm_min, parts.tm_sec,
                  static_cast<int>(millis));
    return text;
}

/// A loaded catalog and what the service says about it.
struct Snapshot {
    LoadResult loaded;
    std::string revision;   ///< the load's revision (LoadResult::revision; a snapshot's stored)
    std::string loaded_at;  ///< when it was loaded
    std::size_t files = 0;  ///< rule files read
};

/// A diagnostic of the service itself (not of a rule file).
Diagnostic service_error(std::string code, std::string message) {
    return Diagnostic{Severity::error, std::move(code), std::move(message), {}};
}

/// An answer before it becomes an HTTP response.
struct Answer {
    http::status status = http::status::ok;
    std::string content_type = "application/json";
    std::string body;
    std::string endpoint = "unknown";                          ///< the metrics label
    std::string bundle;                                        ///< for the log
    std::string allow;                                         ///< for a 405
    std::vector<std::pair<std::string, std::string>> headers;  ///< more header fields
};

/// The studio's Content-Security-Policy: its own scripts, styles and requests only, nothing
/// from another origin, no inline script or style, no framing.
constexpr const char* studio_policy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'none'";

/// An asset of the studio, compiled in, with its media type and the headers that lock it down.
Answer studio_asset(const char* body, const char* content_type) {
    Answer answer;
    answer.body = body;
    answer.content_type = content_type;
    answer.headers = {{"Content-Security-Policy", studio_policy},
                      {"X-Content-Type-Options", "nosniff"},
                      {"Referrer-Policy", "no-referrer"},
                      {"Cache-Control", "no-cache"}};
    return answer;
}

Answer error_answer(http::status status, const std::vector<Diagnostic>& diagnostics) {
    Answer answer;
    answer.status = status;
    answer.body = errors_to_json(diagnostics);
    return answer;
}

/// The value of `key` in a query string ("a=1&b=2"), without percent-decoding (tags are ASCII).
std::string query_value(std::string_view query, std::string_view key) {
    while (!query.empty()) {
        const auto amp = query.find('&');
        const std::string_view pair = query.substr(0, amp);
        const auto eq = pair.find('=');
        if (pair.substr(0, eq) == key && eq != std::string_view::npos) {
            return std::string(pair.substr(eq + 1));
        }
        if (amp == std::string_view::npos) {
            break;
        }
        query.remove_prefix(amp + 1);
    }
    return {};
}

/// `count` single-threaded I/O contexts, one per worker thread.
std::vector<std::unique_ptr<asio::io_context>> make_contexts(unsigned count) {
    std::vector<std::unique_ptr<asio::io_context>> contexts;
    for (unsigned i = 0; i < count; ++i) {
        contexts.push_back(std::make_unique<asio::io_context>(1));
    }
    return contexts;
}

}  // namespace

struct Server::Impl {
    explicit Impl(ServeOptions opts)
        : options(std::move(opts)),
          threads(options.threads != 0 ? options.threads
                                       : std::max(1u, std::thread::hardware_concurrency())),
          contexts(make_contexts(threads)),
          acceptor(*contexts.front()) {}

    ServeOptions options;
    unsigned threads;
    std::uint16_t bound_port = 0;

    mutable std::mutex catalog_mutex;
    std::shared_ptr<const Snapshot> catalog;

    serve_detail::ServiceMetrics metrics;
    std::atomic<std::uint64_t> next_request{1};
    std::atomic<std::uint64_t> next_session{1};
    std::atomic<std::size_t> connections{0};
    std::atomic<bool> stopping{false};
    bool started = false;
    bool stopped = false;

    std::mutex sessions_mutex;
    std::unordered_map<std::uint64_t, std::weak_ptr<class Session>> sessions;

    std::mutex log_mutex;

    // Last, so that sessions still queued in the contexts are destroyed (when they are) while
    // the members above, which they touch, still live. One single-threaded context per worker
    // thread: a connection lives on one of them (given in turn), so its steps never need a
    // lock or a strand, and a worker waits on its own epoll, woken by its own sockets only.
    std::vector<std::unique_ptr<asio::io_context>> contexts;
    std::vector<asio::executor_work_guard<asio::io_context::executor_type>> keep_running;
    std::size_t next_context = 0;  ///< the context the next connection goes to (acceptor's)
    tcp::acceptor acceptor;
    std::vector<std::thread> workers;

    std::shared_ptr<const Snapshot> current() const {
        std::lock_guard lock(catalog_mutex);
        return catalog;
    }

    void log(const Json& line) {
        std::string text = line.dump(-1, ' ', false, Json::error_handler_t::replace);
        std::lock_guard lock(log_mutex);
        if (options.log) {
            options.log(text);
        } else {
            text += '\n';  // the line and its end in one write: lines never interleave
            std::cerr.write(text.data(), static_cast<std::streamsize>(text.size()));
            std::cerr.flush();
        }
    }

    /// Loads the catalog; nullptr (the errors logged) when it has errors or cannot be read.
    std::shared_ptr<const Snapshot> load(std::vector<Diagnostic>& errors) {
        auto snapshot = std::make_shared<Snapshot>();
        try {
            LoadRequest request;
            request.paths = options.paths;
            request.overlays = options.overlays;
            request.limits = options.limits;
            snapshot->loaded = onething::load(request);
            if (!snapshot->loaded.ok()) {
                errors = snapshot->loaded.diagnostics;
                return nullptr;
            }
            // Taken from the bytes the load read: no window for the files to change between.
            snapshot->revision = snapshot->loaded.revision;
            snapshot->files = snapshot->loaded.files;
        } catch (const Error& error) {
            errors = error.diagnostics();
            return nullptr;
        }
        snapshot->loaded_at = utc_now();
        return snapshot;
    }

    void accept();
    Answer handle(http::verb method, std::string_view target, const std::string& body);
    Answer handle_operation(Operation operation, const std::string& body);
};

namespace {

struct Route {
    std::string_view path;
    http::verb method;
};

constexpr Route routes[] = {
    {"/v1/bundles", http::verb::get},
    {"/v1/plan", http::verb::post},
    {"/v1/guide", http::verb::post},
    {"/v1/form", http::verb::post},
    {"/v1/dispatch", http::verb::post},
    {"/v1/catalog", http::verb::get},
    {"/openapi.json", http::verb::get},
    {"/healthz", http::verb::get},
    {"/metrics", http::verb::get},
    {"/", http::verb::get},
    {"/studio", http::verb::get},
    {"/studio/studio.js", http::verb::get},
    {"/studio/studio.css", http::verb::get},
};

/// The keys a POST body may have; dispatch adds "answers", "shared" and "by".
/// "format" names any format of the operation (`plan`: "svg" for the studio's figures).
constexpr std::string_view body_keys[] = {
    "bundle", "facts", "lang", "as_of", "format", "max_search_nodes", "max_search_work"};

}  // namespace

Answer Server::Impl::handle_operation(Operation operation, const std::string& body) {
    Answer answer;
    Json json;
    try {
        try {
            json = Json::parse(body);
        } catch (const Json::exception& error) {  // a syntax error, or a number out of range
            throw InputError("bad-json",
                             std::string("the request is not valid JSON: ") + error.what(),
                             Location{"request", 0, 0});
        }
        if (!json.is_object()) {
            throw InputError("bad-request", "the request must be a JSON object",
                             Location{"request", 0, 0});
        }
        if (json.contains("bundle") && json.at("bundle").is_string()) {
            answer.bundle = json.at("bundle").get<std::string>();
        }
        const bool dispatch = operation == Operation::dispatch;
        for (const auto& [key, value] : json.items()) {
            bool known = dispatch && (key == "answers" || key == "shared" || key == "by");
            for (std::string_view name : body_keys) {
                known = known || key == name;
            }
            if (!known) {
                std::string list;
                for (std::string_view name : body_keys) {
                    list += (list.empty() ? "" : ", ") + std::string(name);
                }
                if (dispatch) {
                    list += ", answers, shared, by";
                }
                throw InputError(
                    "bad-request",
                    "request field '" + key + "': unknown key (the keys are " + list + ")",
                    Location{"request", 0, 0});
            }
        }
        json["command"] = to_string(operation);
        Request request = detail::request_from_json_tree(json, options.limits);
        request.search.max_search_nodes =
            std::min(request.search.max_search_nodes, options.max_search.max_search_nodes);
        request.search.max_search_work =
            std::min(request.search.max_search_work, options.max_search.max_search_work);
        const auto snapshot = current();
        const Response response = respond(snapshot->loaded, request);
        if (response.ok()) {
            answer.body = response.document;
            answer.content_type = std::string(media_type(response.format));
            return answer;
        }
        http::status status = http::status::bad_request;
        for (const Diagnostic& diagnostic : response.diagnostics) {
            if (diagnostic.code == "unknown-bundle") {
                status = http::status::not_found;
            } else if (diagnostic.code == "internal") {
                status = http::status::internal_server_error;
            } else if (diagnostic.code == "out-of-memory") {
                status = http::status::service_unavailable;
            }
        }
        std::vector<Diagnostic> errors;
        for (const Diagnostic& diagnostic : response.diagnostics) {
            if (diagnostic.severity == Severity::error) {
                errors.push_back(diagnostic);
            }
        }
        Answer failed = error_answer(status, errors.empty() ? response.diagnostics : errors);
        failed.bundle = answer.bundle;
        return failed;
    } catch (const Error& error) {
        Answer failed = error_answer(http::status::bad_request, error.diagnostics());
        failed.bundle = answer.bundle;
        return failed;
    } catch (const std::bad_alloc&) {
        // Out of memory even for the request's own report: the memory of the request is free
        // again here, so the short fixed answer can be built (503, as for a report).
        return error_answer(
            http::status::service_unavailable,
            {{Severity::error, "out-of-memory", "out of memory (see docs/limits.md)", {}}});
    }
}

Answer Server::Impl::handle(http::verb method, std::string_view target, const std::string& body) {
    const auto question = target.find('?');
    const std::string_view path = target.substr(0, question);
    const std::string_view query =
        question == std::string_view::npos ? std::string_view{} : target.substr(question + 1);
    const Route* route = nullptr;
    for (const Route& candidate : routes) {
        if (candidate.path == path) {
            route = &candidate;
        }
    }
    if (route == nullptr) {
        return error_answer(http::status::not_found,
                            {service_error("not-found", "no such path: " + std::string(path))});
    }
    if (route->method != method &&
        !(route->method == http::verb::get && method == http::verb::head)) {
        Answer answer = error_answer(
            http::status::method_not_allowed,
            {service_error("method-not-allowed", std::string(path) + " takes " +
                                                     std::string(http::to_string(route->method)))});
        answer.endpoint = std::string(path);
        answer.allow = std::string(http::to_string(route->method));
        return answer;
    }
    Answer answer;
    if (path == "/v1/plan") {
        answer = handle_operation(Operation::plan, body);
    } else if (path == "/v1/guide") {
        answer = handle_operation(Operation::guide, body);
    } else if (path == "/v1/form") {
        answer = handle_operation(Operation::form, body);
    } else if (path == "/v1/dispatch") {
        answer = handle_operation(Operation::dispatch, body);
    } else if (path == "/v1/bundles") {
        std::string lang = query_value(query, "lang");
        if (lang.empty()) {
            lang = "zh";
        }
        // ?as_of=YYYY-MM-DD: the bundles in effect that day (a dated catalog); default today.
        const std::string as_of = query_value(query, "as_of");
        const std::optional<Date> day = as_of.empty() ? Date::today() : Date::parse(as_of);
        if (!day) {
            Answer refused =
                error_answer(http::status::bad_request,
                             {service_error("bad-request",
                                            "query parameter 'as_of': expected a date written "
                                            "YYYY-MM-DD (e.g. 2020-07-01), not '" +
                                                as_of + "'")});
            refused.endpoint = std::string(path);
            return refused;
        }
        const auto snapshot = current();
        Json bundles = Json::array();
        for (const Bundle& bundle : snapshot->loaded.catalog.as_of(*day).bundles()) {
            Json goals = Json::array();
            for (const Ref& goal : bundle.goals) {
                goals.push_back(goal.id);
            }
            bundles.push_back(Json{
                {"id", bundle.id}, {"name", bundle.name.in(lang)}, {"goals", std::move(goals)}});
        }
        answer.body = Json{{"bundles", std::move(bundles)}}.dump(2, ' ', false,
                                                                 Json::error_handler_t::replace) +
                      "\n";
    } else if (path == "/v1/catalog") {
        const auto snapshot = current();
        const Catalog& rules = snapshot->loaded.catalog;
        Json out;
        out["revision"] = snapshot->revision;
        out["bundles"] = rules.bundles().size();
        out["items"] = rules.items().size();
        out["files"] = snapshot->files;
        out["loaded_at"] = snapshot->loaded_at;
        out["version"] = std::string(version_string);
        answer.body = out.dump(2) + "\n";
    } else if (path == "/openapi.json") {
        answer.body = serve_detail::openapi_json;
    } else if (path == "/healthz") {
        answer.body = stopping ? "{\"status\":\"draining\"}\n" : "{\"status\":\"ok\"}\n";
        if (stopping) {
            answer.status = http::status::service_unavailable;
        }
    } else if (path == "/metrics") {
        answer.content_type = "text/plain; version=0.0.4; charset=utf-8";
        answer.body = metrics.render(current()->revision);
    } else if (path == "/") {
        // The root leads to the studio, keeping the query (`?bundle=ID&lang=en`).
        answer.status = http::status::found;
        answer.content_type = "text/plain; charset=utf-8";
        const bool plain = std::all_of(query.begin(), query.end(), [](char c) {
            return std::isalnum(static_cast<unsigned char>(c)) != 0 ||
                   std::string_view("=&._%-").find(c) != std::string_view::npos;
        });
        const std::string location =
            "/studio" + (query.empty() || !plain ? std::string() : "?" + std::string(query));
        answer.headers = {{"Location", location}};
        answer.body = "see " + location + "\n";
    } else if (path == "/studio") {
        answer = studio_asset(serve_detail::studio_html, "text/html; charset=utf-8");
    } else if (path == "/studio/studio.js") {
        answer = studio_asset(serve_detail::studio_js, "text/javascript; charset=utf-8");
    } else if (path == "/studio/studio.css") {
        answer = studio_asset(serve_detail::studio_css, "text/css; charset=utf-8");
    }
    answer.endpoint = std::string(path);
    return answer;
}

/// One connection: requests read and answered in turn (HTTP/1.1 keep-alive), every step on the
/// single thread of the connection's context, bounded by the read and idle timeouts.
class Session : public std::enable_shared_from_this<Session> {
  public:
    Session(tcp::socket&& socket, Server::Impl& server, std::uint64_t id)
        : stream_(std::move(socket)), server_(server), id_(id) {
        ++server_.connections;
    }
    ~Session() {
        {
            std::lock_guard lock(server_.sessions_mutex);
            server_.sessions.erase(id_);
        }
        --server_.connections;
    }

    void start() {
        {
            std::lock_guard lock(server_.sessions_mutex);
            server_.sessions.emplace(id_, weak_from_this());
        }
        asio::dispatch(stream_.get_executor(),
                       [self = shared_from_this()] { self->wait_for_request(); });
    }

    /// Refuses the connection (too many): a 503, then closed.
    void refuse() {
        asio::dispatch(stream_.get_executor(), [self = shared_from_this()] {
            Answer answer = error_answer(
                http::status::service_unavailable,
                {service_error("too-many-connections",
                               "the service has its maximum of connections open; retry later")});
            self->send(std::move(answer), false, Clock::now(), "", "");
        });
    }

    /// Closes the connection unless a request read whole is being answered (shutdown).
    void stop_if_idle() {
        asio::post(stream_.get_executor(), [self = shared_from_this()] {
            if (!self->busy_) {
                self->close();
            }
        });
    }

  private:
    void wait_for_request() {
        if (server_.stopping) {
            close();
            return;
        }
        if (buffer_.size() > 0) {
            read_request();
            return;
        }
        stream_.expires_after(first_ ? server_.options.read_timeout : server_.options.idle_timeout);
        stream_.async_read_some(
            buffer_.prepare(4096),
            [self = shared_from_this()](beast::error_code error, std::size_t bytes) {
                if (error) {
                    self->close();
                    return;
                }
                self->buffer_.commit(bytes);
                self->read_request();
            });
    }

    void read_request() {
        started_ = Clock::now();
        parser_.emplace();
        parser_->body_limit(server_.options.max_body_bytes);
        parser_->header_limit(server_.options.max_header_bytes);
        stream_.expires_after(server_.options.read_timeout);
        http::async_read(stream_, buffer_, *parser_,
                         [self = shared_from_this()](beast::error_code error, std::size_t) {
                             self->on_read(error);
                         });
    }

    void on_read(beast::error_code error) {
        if (error == http::error::end_of_stream || error == beast::error::timeout ||
            error == asio::error::operation_aborted || error == asio::error::connection_reset ||
            error == asio::error::eof) {
            close();
            return;
        }
        // From here a request is in flight: shutdown waits for its answer. A connection still
        // reading a request (however slowly) is closed at once by a shutdown.
        busy_ = true;
        if (error) {
            http::status status = http::status::bad_request;
            std::string code = "bad-http";
            std::string message = "the request is not valid HTTP/1.1: " + error.message();
            if (error == http::error::body_limit) {
                status = http::status::payload_too_large;
                code = "body-too-large";
                message = "the request body is larger than " +
                          std::to_string(server_.options.max_body_bytes) + " bytes";
            } else if (error == http::error::header_limit) {
                status = http::status::request_header_fields_too_large;
                code = "header-too-large";
                message = "the request line and headers are larger than " +
                          std::to_string(server_.options.max_header_bytes) + " bytes";
            }
            std::string method, target;
            if (parser_->is_header_done()) {
                method = std::string(parser_->get().method_string());
                target = std::string(parser_->get().target());
            }
            send(error_answer(status, {service_error(code, message)}), false, started_, method,
                 target);
            return;
        }
        const auto& request = parser_->get();
        const std::string_view target(request.target().data(), request.target().size());
        Answer answer = server_.handle(request.method(), target, request.body());
        send(std::move(answer), request.keep_alive() && request.version() >= 10, started_,
             std::string(request.method_string()), std::string(request.target()));
    }

    void send(Answer answer, bool keep_alive, Clock::time_point started, const std::string& method,
              const std::string& target) {
        keep_alive = keep_alive && !server_.stopping;
        const std::uint64_t request_id = server_.next_request++;
        const bool head = method == "HEAD";
        response_ = {};
        response_.version(11);
        response_.result(answer.status);
        response_.set(http::field::server, "onething/" + std::string(version_string));
        response_.set(http::field::content_type, answer.content_type);
        response_.set("X-Request-Id", std::to_string(request_id));
        if (!answer.allow.empty()) {
            response_.set(http::field::allow, answer.allow);
        }
        for (const auto& [name, value] : answer.headers) {
            response_.set(name, value);
        }
        const auto snapshot = server_.current();
        response_.keep_alive(keep_alive);
        response_.body() = head ? std::string() : std::move(answer.body);
        response_.prepare_payload();
        const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
        server_.metrics.record(answer.endpoint, static_cast<int>(answer.status), seconds);
        const auto question = target.find('?');
        Json line{{"time", utc_now()},
                  {"request_id", request_id},
                  {"method", method},
                  {"path", target.substr(0, question)},
                  {"status", static_cast<int>(answer.status)},
                  {"bundle", answer.bundle.empty() ? Json(nullptr) : Json(answer.bundle)},
                  {"latency_ms", std::round(seconds * 1e6) / 1e3},
                  {"revision", snapshot->revision}};
        server_.log(line);
        stream_.expires_after(server_.options.read_timeout);
        http::async_write(
            stream_, response_,
            [self = shared_from_this(), keep_alive](beast::error_code error, std::size_t) {
                self->busy_ = false;
                if (error || !keep_alive) {
                    self->finish();
                    return;
                }
                self->first_ = false;
                self->parser_.reset();
                self->wait_for_request();
            });
    }

    /// After a last answer: no more writes, then whatever the client still sends is read and
    /// dropped (so that it sees the answer, not a reset) until it closes or the read timeout.
    void finish() {
        beast::error_code ignored;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
        stream_.expires_after(
            std::min(server_.options.read_timeout, std::chrono::milliseconds(2000)));
        buffer_.consume(buffer_.size());
        stream_.async_read_some(buffer_.prepare(16384),
                                [self = shared_from_this()](beast::error_code error, std::size_t) {
                                    if (error) {
                                        self->close();
                                        return;
                                    }
                                    self->finish();
                                });
    }

    void close() {
        beast::error_code ignored;
        stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
        stream_.socket().close(ignored);
    }

    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
    std::optional<http::request_parser<http::string_body>> parser_;
    http::response<http::string_body> response_;
    Server::Impl& server_;
    std::uint64_t id_;
    bool first_ = true;
    bool busy_ = false;
    Clock::time_point started_;
};

void Server::Impl::accept() {
    asio::io_context& context = *contexts[next_context++ % contexts.size()];
    acceptor.async_accept(
        context.get_executor(), [this](beast::error_code error, tcp::socket socket) {
            if (error == asio::error::operation_aborted || !acceptor.is_open()) {
                return;
            }
            if (!error) {
                auto session = std::make_shared<Session>(std::move(socket), *this, next_session++);
                if (stopping || connections > options.max_connections) {
                    session->refuse();
                } else {
                    session->start();
                }
            }
            accept();
        });
}

Server::Server(ServeOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {
    std::vector<Diagnostic> errors;
    impl_->catalog = impl_->load(errors);
    if (!impl_->catalog) {
        throw InputError(errors);
    }
}

Server::~Server() {
    stop();
}

void Server::start() {
    Impl& impl = *impl_;
    beast::error_code error;
    const auto address = asio::ip::make_address(impl.options.host, error);
    if (error) {
        throw IoError("bad-listen",
                      "cannot listen on '" + impl.options.host + "': " + error.message(),
                      Location{});
    }
    const tcp::endpoint endpoint(address, impl.options.port);
    impl.acceptor.open(endpoint.protocol(), error);
    if (!error) {
        impl.acceptor.set_option(asio::socket_base::reuse_address(true), error);
    }
    if (!error) {
        impl.acceptor.bind(endpoint, error);
    }
    if (!error) {
        impl.acceptor.listen(asio::socket_base::max_listen_connections, error);
    }
    if (error) {
        throw IoError("bad-listen",
                      "cannot listen on " + impl.options.host + ":" +
                          std::to_string(impl.options.port) + ": " + error.message(),
                      Location{});
    }
    impl.bound_port = impl.acceptor.local_endpoint().port();
    impl.started = true;
    asio::post(impl.acceptor.get_executor(), [&impl] { impl.accept(); });
    for (const auto& context : impl.contexts) {
        impl.keep_running.push_back(asio::make_work_guard(*context));
        impl.workers.emplace_back([&context = *context] { context.run(); });
    }
}

std::uint16_t Server::port() const {
    return impl_->bound_port;
}

std::string Server::revision() const {
    return impl_->current()->revision;
}

bool Server::reload() {
    Impl& impl = *impl_;
    std::vector<Diagnostic> errors;
    auto snapshot = impl.load(errors);
    if (!snapshot) {
        impl.metrics.reload_failed();
        Json line{{"time", utc_now()},
                  {"event", "reload-refused"},
                  {"revision", impl.current()->revision},
                  {"errors", Json::parse(errors_to_json(errors)).at("errors")}};
        impl.log(line);
        return false;
    }
    const std::string revision = snapshot->revision;
    {
        std::lock_guard lock(impl.catalog_mutex);
        impl.catalog = std::move(snapshot);
    }
    impl.metrics.reloaded();
    impl.log(Json{{"time", utc_now()}, {"event", "reloaded"}, {"revision", revision}});
    return true;
}

void Server::stop() {
    Impl& impl = *impl_;
    if (!impl.started || impl.stopped) {
        return;
    }
    impl.stopped = true;
    impl.stopping = true;
    asio::post(impl.acceptor.get_executor(), [&impl] {
        beast::error_code ignored;
        impl.acceptor.close(ignored);
    });
    const auto deadline = Clock::now() + impl.options.drain_timeout;
    while (impl.connections > 0 && Clock::now() < deadline) {
        // The sessions are taken out under the lock and stopped after it: the last reference
        // to a session may be dropped here, and its destructor takes the same lock.
        std::vector<std::shared_ptr<Session>> open;
        {
            std::lock_guard lock(impl.sessions_mutex);
            for (auto& [id, weak] : impl.sessions) {
                if (auto session = weak.lock()) {
                    open.push_back(std::move(session));
                }
            }
        }
        for (const auto& session : open) {
            session->stop_if_idle();
        }
        open.clear();
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (impl.connections > 0) {  // said, so that a connection that outlives the drain is seen
        impl.log(Json{{"time", utc_now()},
                      {"event", "drain-timeout"},
                      {"open_connections", impl.connections.load()}});
    }
    impl.keep_running.clear();
    for (const auto& context : impl.contexts) {
        context->stop();
    }
    for (std::thread& worker : impl.workers) {
        worker.join();
    }
    impl.workers.clear();
}

int serve(ServeOptions options) {
    // The signals are taken by this thread alone (sigwait): every worker inherits the mask.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGHUP);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    const std::string host = options.host;
    Server server(std::move(options));
    server.start();
    std::cerr << "listening on http://" << host << ":" << server.port() << std::endl;
    for (;;) {
        int signal = 0;
        if (sigwait(&signals, &signal) != 0) {
            continue;
        }
        if (signal == SIGHUP) {
            server.reload();
        } else {
            server.stop();
            return 0;
        }
    }
}

}  // namespace onething
