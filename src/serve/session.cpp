// One connection (Session): a request read within the limits and timeouts, handed to the
// routes, its answer sent and its access log line written; keep-alive, refusal when the
// service is full, closing on shutdown. Also the acceptor's loop, which makes the sessions.
#include <algorithm>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cmath>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "onething/version.hpp"
#include "serve/service.hpp"

namespace onething {

using namespace serve_detail;

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
        static const std::string server_name = "onething/" + std::string(version_string);
        response_.set(http::field::server, server_name);
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

void Server::Impl::stop_idle_sessions() {
    // The sessions are taken out under the lock and stopped after it: the last reference
    // to a session may be dropped here, and its destructor takes the same lock.
    std::vector<std::shared_ptr<Session>> open;
    {
        std::lock_guard lock(sessions_mutex);
        for (auto& [id, weak] : sessions) {
            if (auto session = weak.lock()) {
                open.push_back(std::move(session));
            }
        }
    }
    for (const auto& session : open) {
        session->stop_if_idle();
    }
}

}  // namespace onething
