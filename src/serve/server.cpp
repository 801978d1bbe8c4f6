// The HTTP service's lifecycle: the catalog loaded and swapped atomically on reload, the
// listening socket bound, a fixed pool of worker threads (one I/O context each) started and
// drained on stop, the log; and `serve`, which runs a server until a signal.
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <boost/asio/post.hpp>
#include <boost/beast/core/error.hpp>
#include <cerrno>
#include <chrono>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "onething/error.hpp"
#include "onething/load.hpp"
#include "onething/request.hpp"
#include "onething/serve.hpp"
#include "serve/service.hpp"

namespace onething {

namespace serve_detail {

/// The time now, ISO 8601 in UTC with milliseconds. Counted from the clock with the calendar
/// of <chrono>: no gmtime_r (which takes the time zone's lock, shared by the workers) and no
/// printf, on every request's log line.
std::string utc_now() {
    using namespace std::chrono;
    const auto now = time_point_cast<milliseconds>(system_clock::now());
    const auto day = floor<days>(now);
    const year_month_day date{day};
    const hh_mm_ss<milliseconds> time{now - day};
    std::string text = "0000-00-00T00:00:00.000Z";
    // Writes `value` in `width` digits ending before `end`, zero-padded (the year wraps past
    // 9999, which no clock of this century reads).
    const auto put = [&text](std::size_t end, long long value, std::size_t width) {
        for (std::size_t k = 1; k <= width; ++k, value /= 10) {
            text[end - k] = static_cast<char>('0' + value % 10);
        }
    };
    put(4, static_cast<int>(date.year()), 4);
    put(7, static_cast<unsigned>(date.month()), 2);
    put(10, static_cast<unsigned>(date.day()), 2);
    put(13, time.hours().count(), 2);
    put(16, time.minutes().count(), 2);
    put(19, time.seconds().count(), 2);
    put(23, time.subseconds().count(), 3);
    return text;
}

}  // namespace serve_detail

using namespace serve_detail;

namespace {

/// Writes all of `text` to `descriptor`, again after an interruption or a partial write;
/// gives up on an error (a closed standard error loses the log, not the service).
void write_whole(int descriptor, std::string_view text) {
    while (!text.empty()) {
        const ssize_t written = ::write(descriptor, text.data(), text.size());
        if (written < 0 && errno == EINTR) {
            continue;
        }
        if (written <= 0) {
            return;
        }
        text.remove_prefix(static_cast<std::size_t>(written));
    }
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

Server::Impl::Impl(ServeOptions opts)
    : options(std::move(opts)),
      threads(options.threads != 0 ? options.threads
                                   : std::max(1u, std::thread::hardware_concurrency())),
      metrics(threads),
      contexts(make_contexts(threads)),
      acceptor(*contexts.front()) {}

void Server::Impl::run(asio::io_context& context) {
    // A handler that throws ends only itself: its connection is dropped (its last reference was
    // in the handler), the event is logged, and the thread goes on with every other connection.
    for (;;) {
        try {
            context.run();
            return;
        } catch (const std::exception& error) {
            log_internal_error(error.what());
        }
    }
}

void Server::Impl::log_internal_error(const char* what) {
    log(OrderedJson{{"time", utc_now()}, {"event", "internal-error"}, {"message", what}});
}

void Server::Impl::log(const OrderedJson& line) {
    log(line.dump(-1, ' ', false, OrderedJson::error_handler_t::replace));
}

void Server::Impl::log(std::string text) {
    if (options.log) {
        std::lock_guard lock(log_mutex);
        options.log(text);
        return;
    }
    text += '\n';  // the line and its end in one write
    // One write of at most PIPE_BUF bytes is never interleaved with another (a pipe, a file, a
    // terminal), so the workers write such lines side by side; a longer line (a refused
    // reload's errors) holds them off while it is written, perhaps in pieces.
    if (text.size() <= PIPE_BUF) {
        std::shared_lock lock(log_mutex);
        write_whole(STDERR_FILENO, text);
    } else {
        std::unique_lock lock(log_mutex);
        write_whole(STDERR_FILENO, text);
    }
}

std::shared_ptr<const Snapshot> Server::Impl::load(std::vector<Diagnostic>& errors) {
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

Server::Server(ServeOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {
    std::vector<Diagnostic> errors;
    auto loaded = impl_->load(errors);
    if (!loaded) {  // as documented: IoError when a path cannot be read, else the rules' errors
        if (load_failure_outcome(errors) == Outcome::usage) {
            throw IoError(errors);  // a usage error: exit status 2
        }
        throw Error(errors);
    }
    impl_->serve_catalog(std::move(loaded));
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
        impl.workers.emplace_back([&impl, &context = *context] { impl.run(context); });
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
        OrderedJson line{{"time", utc_now()},
                         {"event", "reload-refused"},
                         {"revision", impl.current()->revision},
                         {"errors", OrderedJson::parse(errors_to_json(errors)).at("errors")}};
        impl.log(line);
        return false;
    }
    const std::string revision = snapshot->revision;
    impl.serve_catalog(std::move(snapshot));
    impl.metrics.reloaded();
    impl.log(OrderedJson{{"time", utc_now()}, {"event", "reloaded"}, {"revision", revision}});
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
        impl.stop_idle_sessions();
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (impl.connections > 0) {  // said, so that a connection that outlives the drain is seen
        impl.log(OrderedJson{{"time", utc_now()},
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
    // One write of a short line, like the log lines that may follow at once.
    const bool ipv6 = host.find(':') != std::string::npos;  // written in brackets in a URL
    write_whole(STDERR_FILENO, "listening on http://" + (ipv6 ? "[" + host + "]" : host) + ":" +
                                   std::to_string(server.port()) + "\n");
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
