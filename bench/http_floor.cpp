// A reference for bench/serve_wrk.sh: the least any HTTP server can spend on this machine to
// answer a request with a body of a given size, with an optional busy wait (of its CPU time)
// standing for the work of making the answer. It answers every request on 127.0.0.1:PORT with the
// same bytes (HTTP/1.1, keep-alive), two threads each with its own listener (SO_REUSEPORT) and
// epoll loop, no parsing beyond the end of the head and Content-Length, one write per answer.
// With --answer it makes every answer instead, as `onething serve` does for `POST /v1/plan`:
// the request layer's `respond` on the body (the same call as the in-process answer row), so
// that what the service's own HTTP handling costs can be told from what the answer's work costs
// between network calls.
//
//   http_floor PORT BODY_BYTES [BUSY_MICROSECONDS]
//   http_floor PORT --answer RULES_PATH
//
// Linux only; for measuring, not for serving: requests must fit its 64 KiB buffer.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <exception>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "onething/load.hpp"
#include "onething/request.hpp"

namespace {

/// One connection: the bytes read and not yet answered.
struct Connection {
    int socket = -1;
    std::vector<char> buffer = std::vector<char>(65536);
    std::size_t held = 0;
};

/// What every request is answered with, and how much CPU time to spin before each answer; or,
/// when `catalog` is set, the catalog each request's plan is made from.
struct Answer {
    std::string bytes;
    std::chrono::nanoseconds busy{0};
    const onething::LoadResult* catalog = nullptr;
};

/// The answer to a `POST /v1/plan` body made by the request layer, head and document in one
/// string: 200 with the plan; 400 when the request is refused, with no body, or with the reason
/// when the body cannot be read as a request at all.
std::string made_answer(const onething::LoadResult& catalog, std::string_view body) {
    std::string request = R"({"command": "plan", )";
    if (!body.empty() && body.front() == '{') {
        body.remove_prefix(1);
    }
    request += body;
    bool ok = false;
    std::string document;
    try {
        onething::Response response =
            onething::respond(catalog, onething::request_from_json(request));
        ok = response.ok();
        document = std::move(response.document);
    } catch (const std::exception& error) {
        document = std::string(error.what()) + "\n";
    }
    std::string answer = ok ? "HTTP/1.1 200 OK" : "HTTP/1.1 400 Bad Request";
    answer += "\r\nContent-Type: application/json\r\nContent-Length: ";
    answer += std::to_string(document.size());
    answer += "\r\n\r\n";
    answer += document;
    return answer;
}

/// This thread's CPU time so far.
std::chrono::nanoseconds thread_cpu_time() {
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return std::chrono::seconds(now.tv_sec) + std::chrono::nanoseconds(now.tv_nsec);
}

/// Spins until this thread has run for `busy` (a stand-in for the work of making an answer).
/// Counted in the thread's CPU time, not the clock's: a client that preempts the thread
/// mid-spin must not shorten the work, as it cannot shorten a real answer's.
void busy_wait(std::chrono::nanoseconds busy) {
    if (busy.count() == 0) {
        return;
    }
    const auto until = thread_cpu_time() + busy;
    while (thread_cpu_time() < until) {
    }
}

/// Sends all of `bytes` on a non-blocking socket (waits out a full send buffer).
bool send_all(int socket, std::string_view bytes) {
    while (!bytes.empty()) {
        const ssize_t sent = write(socket, bytes.data(), bytes.size());
        if (sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            std::this_thread::yield();
            continue;
        }
        if (sent <= 0) {
            return false;
        }
        bytes.remove_prefix(static_cast<std::size_t>(sent));
    }
    return true;
}

/// Answers every whole request held by `connection`; false when the connection failed.
bool answer_held(Connection& connection, const Answer& answer) {
    for (;;) {
        const std::string_view held(connection.buffer.data(), connection.held);
        const std::size_t end = held.find("\r\n\r\n");
        if (end == std::string_view::npos) {
            return true;
        }
        const std::size_t head = end + 4;
        std::size_t body = 0;
        const std::size_t length = held.substr(0, head).find("Content-Length: ");
        if (length != std::string_view::npos) {
            body = std::strtoul(held.data() + length + 16, nullptr, 10);
        }
        if (held.size() < head + body) {
            return true;
        }
        busy_wait(answer.busy);
        const bool sent =
            answer.catalog != nullptr
                ? send_all(connection.socket, made_answer(*answer.catalog, held.substr(head, body)))
                : send_all(connection.socket, answer.bytes);
        if (!sent) {
            return false;
        }
        std::memmove(connection.buffer.data(), connection.buffer.data() + head + body,
                     held.size() - head - body);
        connection.held -= head + body;
    }
}

/// Reads what `connection` has sent and answers its whole requests; false when it is to be
/// closed (closed by the client, failed, or a request larger than the buffer).
bool read_and_answer(Connection& connection, const Answer& answer) {
    const ssize_t got = read(connection.socket, connection.buffer.data() + connection.held,
                             connection.buffer.size() - connection.held);
    if (got <= 0) {
        return false;
    }
    connection.held += static_cast<std::size_t>(got);
    return answer_held(connection, answer) && connection.held < connection.buffer.size();
}

/// One thread's listener and event loop; never returns.
void serve(int port, const Answer& answer) {
    const int listener = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    const int on = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEPORT, &on, sizeof on);
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
    if (bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        listen(listener, 128) != 0) {
        std::perror("http_floor: bind or listen");
        std::exit(1);
    }
    const int events = epoll_create1(0);
    epoll_event listening{};
    listening.events = EPOLLIN;
    listening.data.ptr = nullptr;
    epoll_ctl(events, EPOLL_CTL_ADD, listener, &listening);
    std::vector<epoll_event> ready(64);
    for (;;) {
        const int count = epoll_wait(events, ready.data(), static_cast<int>(ready.size()), -1);
        for (int k = 0; k < count; ++k) {
            if (ready[k].data.ptr == nullptr) {
                int accepted = -1;
                while ((accepted = accept4(listener, nullptr, nullptr, SOCK_NONBLOCK)) >= 0) {
                    setsockopt(accepted, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
                    auto* connection = new Connection;
                    connection->socket = accepted;
                    epoll_event readable{};
                    readable.events = EPOLLIN;
                    readable.data.ptr = connection;
                    epoll_ctl(events, EPOLL_CTL_ADD, accepted, &readable);
                }
                continue;
            }
            auto* connection = static_cast<Connection*>(ready[k].data.ptr);
            if (!read_and_answer(*connection, answer)) {
                close(connection->socket);
                delete connection;
            }
        }
    }
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3 || argc > 4) {
        std::fprintf(stderr,
                     "usage: http_floor PORT BODY_BYTES [BUSY_MICROSECONDS]\n"
                     "       http_floor PORT --answer RULES_PATH\n");
        return 2;
    }
    const int port = std::atoi(argv[1]);
    if (std::string_view(argv[2]) == "--answer") {
        if (argc != 4) {
            std::fprintf(stderr, "http_floor: --answer needs the path of the rules\n");
            return 2;
        }
        const onething::LoadResult catalog =
            onething::load_catalog(std::vector<std::string>{argv[3]});
        if (!catalog.ok()) {
            std::fprintf(stderr, "http_floor: %s does not load\n", argv[3]);
            return 1;
        }
        Answer answer;
        answer.catalog = &catalog;
        std::thread second([&answer, port] { serve(port, answer); });
        serve(port, answer);
    }
    const std::size_t body = std::strtoul(argv[2], nullptr, 10);
    Answer answer;
    answer.bytes = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
                   std::to_string(body) + "\r\n\r\n" + std::string(body, 'x');
    if (argc == 4) {
        answer.busy = std::chrono::nanoseconds(
            static_cast<std::int64_t>(std::strtod(argv[3], nullptr) * 1000));
    }
    std::thread second([&answer, port] { serve(port, answer); });
    serve(port, answer);
}
