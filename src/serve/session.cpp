// One connection (Session): a request read within the limits and timeouts, handed to the
// routes, its answer sent and its access log line written; keep-alive, refusal when the
// service is full, closing on shutdown. Also the acceptor's loop, which makes the sessions.
#include <algorithm>
#include <array>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "onething/version.hpp"
#include "serve/framing.hpp"
#include "serve/request_body.hpp"
#include "serve/service.hpp"
#include "serve/target.hpp"
#include "serve/wire.hpp"

namespace onething {

using namespace serve_detail;

namespace {

/// True when every coding of every Transfer-Encoding field of `request` is `chunked`: the only
/// coding the service decodes. Another (gzip, compress, ...) would be read as raw bytes.
template <typename Request>
bool only_chunked(const Request& request) {
    const auto [first, last] = request.equal_range(http::field::transfer_encoding);
    for (auto field = first; field != last; ++field) {
        const std::string_view value(field->value().data(), field->value().size());
        std::size_t start = 0;
        while (start <= value.size()) {
            const std::size_t comma = std::min(value.find(',', start), value.size());
            std::string_view coding = value.substr(start, comma - start);
            while (!coding.empty() && (coding.front() == ' ' || coding.front() == '\t')) {
                coding.remove_prefix(1);
            }
            while (!coding.empty() && (coding.back() == ' ' || coding.back() == '\t')) {
                coding.remove_suffix(1);
            }
            if (!coding.empty() &&
                !beast::iequals(beast::string_view(coding.data(), coding.size()), "chunked")) {
                return false;
            }
            start = comma + 1;
        }
    }
    return true;
}

/// What a connection does after an answer: closes, or stays open for the next request. An
/// HTTP/1.0 client that asked to keep it is told so (`Connection: keep-alive`); HTTP/1.1 keeps
/// connections unless told otherwise.
enum class AfterAnswer { close, keep_open, keep_open_http10 };

/// A request refused before its endpoint reads it: the status, the code and the message.
struct Refusal {
    http::status status;
    std::string code;
    std::string message;
};

}  // namespace

/// One connection: requests read and answered in turn (HTTP/1.1 keep-alive), every step on the
/// single thread of the connection's context, bounded by the read and idle timeouts.
class Session : public std::enable_shared_from_this<Session> {
  public:
    Session(tcp::socket&& socket, Server::Impl& server, std::uint64_t id, std::size_t shard)
        : stream_(std::move(socket)),
          read_deadline_(stream_.get_executor()),
          server_(server),
          id_(id),
          shard_(shard) {
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

    /// Refuses the connection: a 503 saying why (too many connections, or shutting down),
    /// then closed.
    void refuse(bool shutting_down) {
        asio::dispatch(stream_.get_executor(), [self = shared_from_this(), shutting_down] {
            Answer answer = error_answer(
                http::status::service_unavailable,
                {shutting_down
                     ? service_error("shutting-down",
                                     "the service is shutting down; retry, another replica will "
                                     "answer")
                     : service_error("too-many-connections",
                                     "the service has its maximum of connections open; retry "
                                     "later")});
            self->send(std::move(answer), AfterAnswer::close, Clock::now(), "", "");
        });
    }

    /// Closes the connection unless a request read whole is being answered, or its last answer
    /// is being finished (shutdown).
    void stop_if_idle() {
        asio::post(stream_.get_executor(), [self = shared_from_this()] {
            if (!self->busy_ && !self->finishing_) {
                self->close();
            }
        });
    }

  private:
    void wait_for_request() {
        if (server_.stopping) {
            if (first_) {  // accepted as the service stopped: told so, not left without a word
                refuse(true);
            } else {  // after an answer: the client still reads it whole
                finish();
            }
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
        parser_->header_limit(header_limit());
        arm_read_deadline();
        http::async_read_header(
            stream_, buffer_, *parser_,
            [self = shared_from_this()](beast::error_code error, std::size_t head_bytes) {
                self->on_header(error, head_bytes);
            });
    }

    /// After the request line and header fields: a client waiting for leave to send its body
    /// (`Expect: 100-continue`, HTTP/1.1; RFC 9110, 10.1.1) is told `100 Continue`, then the
    /// body is read. A body refused by its length (413) is refused before, without the 100.
    /// The parser bounds the request line and the header fields each; `head_bytes` (both, with
    /// their line ends) is held to the limit here. A Transfer-Encoding whose last coding is not
    /// chunked leaves the body's length unknown: refused (RFC 9112, 6.3), never read as empty;
    /// one with a coding the service does not decode is refused too (RFC 9112, 6.1). An
    /// HTTP/1.1 request without a Host field, and any request with more than one, is refused
    /// (RFC 9112, 3.2).
    void on_header(beast::error_code error, std::size_t head_bytes) {
        if (!error && head_bytes > header_limit()) {
            error = http::error::header_limit;
        }
        if (!error && parser_->get().find(http::field::transfer_encoding) != parser_->get().end() &&
            (!parser_->chunked() || !only_chunked(parser_->get()))) {
            error = http::error::bad_transfer_encoding;
        }
        if (error) {
            on_read(error);
            return;
        }
        const auto& request = parser_->get();
        if (const std::size_t hosts = request.count(http::field::host);
            hosts > 1 || (hosts == 0 && request.version() >= 11)) {
            refuse_request(
                {http::status::bad_request, "bad-http",
                 hosts == 0
                     ? "the HTTP/1.1 request has no Host header field, which RFC 9112 (3.2) "
                       "requires; send one Host field naming the host and port the request is "
                       "sent to (Host: localhost:8080)"
                     : "the request has " + std::to_string(hosts) +
                           " Host header fields, and RFC 9112 (3.2) allows one; send one Host "
                           "field naming the host and port the request is sent to (Host: "
                           "localhost:8080)"});
            return;
        }
        if (parser_->is_done()) {
            on_read(error);
            return;
        }
        head_bytes_ = head_bytes;
        if (request.version() >= 11 &&
            beast::iequals(request[http::field::expect], "100-continue")) {
            static constexpr std::string_view go_on = "HTTP/1.1 100 Continue\r\n\r\n";
            asio::async_write(stream_, asio::buffer(go_on.data(), go_on.size()),
                              [self = shared_from_this()](beast::error_code failed, std::size_t) {
                                  if (failed) {
                                      self->close();
                                      return;
                                  }
                                  self->read_body();
                              });
            return;
        }
        read_body();
    }

    /// Reads the rest of the request whose header was read.
    void read_body() {
        if (parser_->chunked()) {
            chunk_size_ = 0;
            body_at_chunk_ = 0;
            parser_->on_chunk_header(chunk_seen_);
            parser_->eager(true);
            read_chunks();
            return;
        }
        http::async_read(stream_, buffer_, *parser_,
                         [self = shared_from_this()](beast::error_code error, std::size_t) {
                             self->on_read(error);
                         });
    }

    /// Reads a chunked body: the parser is fed here, not by http::async_read, so that the
    /// bytes it holds back until they are whole (a chunk-size line, the trailer after the last
    /// chunk) are held to the header limit before they pile up. The trailer's field lines count
    /// with the request line and header fields; each chunk-size line is held to the limit alone.
    void read_chunks() {
        if (buffer_.size() > 0) {
            const auto data = buffer_.data();
            const std::string_view pending(static_cast<const char*>(data.data()), data.size());
            const ChunkFraming framing = chunk_framing(
                pending, chunk_size_ - (parser_->get().body().size() - body_at_chunk_));
            if (framing.longest_line > header_limit()) {
                refuse_request({http::status::request_header_fields_too_large, "header-too-large",
                                "a chunk-size line of the chunked body is longer than " +
                                    std::to_string(header_limit()) +
                                    " bytes, the service's limit (--max-header-bytes); send "
                                    "chunks without extensions (the service reads none)"});
                return;
            }
            if (framing.trailer_bytes > header_limit() - head_bytes_) {
                refuse_request(trailer_too_large());
                return;
            }
            beast::error_code error;
            std::size_t used = 0;
            try {
                used = parser_->put(data, error);
            } catch (const std::length_error&) {      // a field too long for Beast (never, given
                refuse_request(trailer_too_large());  // the limit above: 65535 at most)
                return;
            }
            buffer_.consume(used);
            if (parser_->is_done() || (error && error != http::error::need_more)) {
                on_read(error);
                return;
            }
        }
        stream_.async_read_some(
            buffer_.prepare(16384),
            [self = shared_from_this()](beast::error_code error, std::size_t bytes) {
                if (error) {
                    self->on_read(error);
                    return;
                }
                self->buffer_.commit(bytes);
                self->read_chunks();
            });
    }

    /// The 431 of a trailer that takes the request past the header limit.
    Refusal trailer_too_large() const {
        return {http::status::request_header_fields_too_large, "header-too-large",
                "the request line, header fields and trailer fields together are larger than " +
                    std::to_string(header_limit()) +
                    " bytes, the service's limit (--max-header-bytes); send the chunked body "
                    "with fewer or shorter trailer fields (the service reads none)"};
    }

    void on_read(beast::error_code error) {
        // A request begun and not whole within the read timeout: told so (408), then closed.
        if (error && read_timed_out_) {
            refuse_request({http::status::request_timeout, "read-timeout",
                            "the request was not received whole within " +
                                std::to_string(server_.options.read_timeout.count()) +
                                " ms, the service's limit (--read-timeout); send the whole "
                                "request at once, or ask for a longer timeout"});
            return;
        }
        // The client went away before its request was whole: nobody to answer, nothing to log
        // or count.
        if (error == http::error::end_of_stream || error == http::error::partial_message ||
            error == beast::error::timeout || error == asio::error::operation_aborted ||
            error == asio::error::connection_reset || error == asio::error::eof ||
            error == asio::error::bad_descriptor) {  // closed by a shutdown meanwhile
            close();
            return;
        }
        if (error) {
            refuse_request(refusal(error));
            return;
        }
        // From here a request is in flight: shutdown waits for its answer. A connection still
        // reading a request (however slowly) is closed at once by a shutdown.
        busy_ = true;
        const auto& request = parser_->get();
        AfterAnswer after = AfterAnswer::close;
        if (request.keep_alive() && request.version() >= 11) {
            after = AfterAnswer::keep_open;
        } else if (request.keep_alive() && request.version() == 10 &&
                   request.find(http::field::transfer_encoding) == request.end()) {
            // An HTTP/1.0 message with a Transfer-Encoding has faulty framing: answered, then
            // its connection closed (RFC 9112, 6.1).
            after = AfterAnswer::keep_open_http10;
        }
        const std::string target =
            origin_form(std::string_view(request.target().data(), request.target().size()));
        const std::string_view method(request.method_string().data(),
                                      request.method_string().size());
        Answer answer = server_.handle(request.method(), target, request.body());
        send(std::move(answer), after, started_, method, target);
    }

    /// Why a request that could not be read whole (`error`) is refused.
    Refusal refusal(beast::error_code error) const {
        http::status status = http::status::bad_request;
        std::string code = "bad-http";
        std::string message = "the request is not valid HTTP/1.1: " + error.message();
        if (error == http::error::body_limit) {
            status = http::status::payload_too_large;
            code = "body-too-large";
            message = "the request body is larger than " +
                      std::to_string(server_.options.max_body_bytes) +
                      " bytes, the service's limit (--max-body-bytes); send a smaller body";
        } else if (error == http::error::header_limit) {
            status = http::status::request_header_fields_too_large;
            code = "header-too-large";
            message = "the request line and headers are larger than " +
                      std::to_string(header_limit()) +
                      " bytes, the service's limit (--max-header-bytes); send a shorter "
                      "target or fewer header fields";
        } else if (error == boost::system::errc::not_enough_memory) {
            status = http::status::service_unavailable;
            code = "out-of-memory";
            message =
                "out of memory while reading the request body (see docs/limits.md); "
                "retry later, or send a smaller body";
        } else if (!parser_->is_header_done() &&
                   has_bare_line_feed(std::string_view(
                       static_cast<const char*>(buffer_.data().data()), buffer_.size()))) {
            // Beast says "bad version" or "bad value": the line end is what is wrong.
            message =
                "a line of the request's head ends in a bare LF: HTTP/1.1 lines end in CRLF "
                "(RFC 9112, 2.2); end the request line and every header field line with "
                "\\r\\n";
        } else if (error == http::error::bad_version) {
            // Still a 400, not 505: bad input never gets a 5xx (the contract).
            message =
                "the request line's version is not HTTP/1.1 or HTTP/1.0, the versions this "
                "service reads; send the request as HTTP/1.1 (HTTP/2 clients reach it "
                "through a proxy that speaks HTTP/1.1 to it)";
        } else if (error == http::error::bad_transfer_encoding) {
            message =
                "the request's Transfer-Encoding is not chunked alone: a body whose last "
                "coding is not chunked has no known length (RFC 9112, 6.3), and the service "
                "decodes no other coding (6.1); send the body chunked or with Content-Length";
        }
        return {status, std::move(code), std::move(message)};
    }

    /// Answers a request refused before its endpoint read it, and closes the connection. The
    /// request line, once read (a body refused by its Content-Length has one): the log and the
    /// metrics name the request's path and route.
    void refuse_request(Refusal refusal) {
        busy_ = true;  // in flight: shutdown waits for the answer
        std::string method, target;
        Answer refused =
            error_answer(refusal.status, {service_error(refusal.code, refusal.message)});
        if (parser_->is_header_done() || !parser_->get().target().empty()) {
            method = std::string(parser_->get().method_string());
            target = origin_form(
                std::string_view(parser_->get().target().data(), parser_->get().target().size()));
            refused.endpoint = server_.endpoint_of(target);
        }
        send(std::move(refused), AfterAnswer::close, started_, method, target);
    }

    /// Sends `answer` (its head, then its body unless the method is HEAD) and logs it. The
    /// method and target are the request's, "" when it had none.
    void send(Answer answer, AfterAnswer after, Clock::time_point started, std::string_view method,
              std::string_view target) {
        disarm_read_deadline();
        const bool keep_alive = after != AfterAnswer::close && !server_.stopping;
        const std::uint64_t request_id = server_.next_request++;
        // A HEAD answer says the length GET's body would have (RFC 9110, 9.3.2), and has none.
        const std::size_t content_length = answer.body.size();
        body_ = method == "HEAD" ? std::string() : std::move(answer.body);
        static const std::string server_name = "onething/" + std::string(version_string);
        head_ = response_head({answer.status, server_name, answer.content_type, request_id,
                               answer.allow, &answer.headers, keep_alive, content_length,
                               keep_alive && after == AfterAnswer::keep_open_http10});
        const auto snapshot = answer.snapshot ? answer.snapshot : server_.current();
        const auto elapsed = Clock::now() - started;
        server_.metrics.record(shard_, answer.endpoint, static_cast<int>(answer.status),
                               std::chrono::duration<double>(elapsed).count());
        const std::string time = utc_now();
        // To the nearest microsecond, halves up.
        const auto latency_us = static_cast<std::uint64_t>(
            (std::chrono::duration_cast<std::chrono::nanoseconds>(elapsed).count() + 500) / 1000);
        server_.log(access_log_line({time, request_id, method, target.substr(0, target.find('?')),
                                     static_cast<int>(answer.status), answer.bundle, latency_us,
                                     snapshot->revision}));
        stream_.expires_after(server_.options.read_timeout);
        const std::array<asio::const_buffer, 2> message{asio::buffer(head_), asio::buffer(body_)};
        asio::async_write(
            stream_, message,
            [self = shared_from_this(), keep_alive](beast::error_code error, std::size_t) {
                self->busy_ = false;
                // Sent: the answer's memory goes back now, not when this connection's next
                // answer replaces it. An idle connection then holds no answer, and the worker's
                // next answer, on whichever connection, reuses the block while it is in cache.
                std::string().swap(self->body_);
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
    /// dropped (so that it sees the answer, not a reset) until it closes or one deadline passes:
    /// the read timeout, at most 2 s, from the answer on. A client that keeps sending does not
    /// move it, so it cannot keep the connection (and its place among the maximum) open.
    void finish() {
        finishing_ = true;
        beast::error_code ignored;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
        stream_.expires_after(
            std::min(server_.options.read_timeout, std::chrono::milliseconds(2000)));
        drain();
    }

    /// Reads and drops until the client closes or finish()'s deadline passes.
    void drain() {
        buffer_.consume(buffer_.size());
        stream_.async_read_some(buffer_.prepare(16384),
                                [self = shared_from_this()](beast::error_code error, std::size_t) {
                                    if (error) {
                                        self->close();
                                        return;
                                    }
                                    self->drain();
                                });
    }

    /// Starts the read timeout of a request whose first bytes have come: when it passes before
    /// the request is whole, the reads under way are cancelled and on_read answers 408. The
    /// stream's own timer, which would close the socket with no word, is off meanwhile.
    void arm_read_deadline() {
        stream_.expires_never();
        read_timed_out_ = false;
        const std::uint64_t armed = ++read_deadline_armed_;
        read_deadline_.expires_after(server_.options.read_timeout);
        read_deadline_.async_wait([weak = weak_from_this(), armed](beast::error_code error) {
            const std::shared_ptr<Session> self = weak.lock();
            // Cancelled, or disarmed after its expiry was queued (the request came whole in
            // time, its answer is being written): nothing to stop.
            if (error || !self || self->read_deadline_armed_ != armed) {
                return;
            }
            self->read_timed_out_ = true;
            beast::error_code ignored;
            self->stream_.socket().cancel(ignored);
        });
    }

    /// Ends the read timeout: the request is read, or refused.
    void disarm_read_deadline() {
        ++read_deadline_armed_;
        read_deadline_.cancel();
    }

    /// The bytes a request line and its header fields may take (max_serve_header_bytes at most).
    std::uint32_t header_limit() const {
        return std::min(server_.options.max_header_bytes, max_serve_header_bytes);
    }

    void close() {
        beast::error_code ignored;
        stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
        stream_.socket().close(ignored);
    }

    beast::tcp_stream stream_;
    asio::steady_timer read_deadline_;  ///< the read timeout of the request being read
    /// Counts arms and disarms of read_deadline_: an expiry is acted on only for its own arming.
    std::uint64_t read_deadline_armed_ = 0;
    bool read_timed_out_ = false;  ///< the request being read passed its read timeout
    beast::flat_buffer buffer_;
    std::optional<http::request_parser<GrowingStringBody>> parser_;
    std::string head_;  ///< the answer being sent: its status line and header fields
    std::string body_;  ///< and its body
    Server::Impl& server_;
    std::uint64_t id_;
    std::size_t shard_;  ///< the metrics shard: the position of the connection's context
    bool first_ = true;
    bool busy_ = false;
    bool finishing_ = false;  ///< the last answer is sent: reading and dropping until closed
    Clock::time_point started_;
    std::size_t head_bytes_ = 0;  ///< the request line and header fields read, line ends included
    /// A chunked body: the size of the last chunk begun, and the body's bytes before it.
    std::uint64_t chunk_size_ = 0;
    std::size_t body_at_chunk_ = 0;
    /// Keeps the two above as the parser meets each chunk-size line.
    struct ChunkSeen {
        Session* session;
        void operator()(std::uint64_t size, beast::string_view, beast::error_code& error) {
            session->chunk_size_ = size;
            session->body_at_chunk_ = session->parser_->get().body().size();
            error = {};
        }
    } chunk_seen_{this};
};

void Server::Impl::accept() {
    const std::size_t shard = next_context++ % contexts.size();
    asio::io_context& context = *contexts[shard];
    acceptor.async_accept(
        context.get_executor(), [this, shard](beast::error_code error, tcp::socket socket) {
            if (error == asio::error::operation_aborted || !acceptor.is_open()) {
                return;
            }
            accept();  // first: whatever happens to this connection, the next is accepted
            if (!error) {
                try {  // out of memory for one connection: it is dropped, accepting goes on
                    auto session =
                        std::make_shared<Session>(std::move(socket), *this, next_session++, shard);
                    if (stopping || connections > options.max_connections) {
                        session->refuse(stopping);
                    } else {
                        session->start();
                    }
                } catch (const std::exception& failure) {
                    log_internal_error(failure.what());
                }
            }
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
