// Allocation-failure injection through the C API: the C API promises that no exception crosses
// it, and running out of memory is reported as the error `out-of-memory`, never an abort.
//
// This program replaces the global operator new with one that can be told to fail. It runs a
// script of calls (load a catalog, plan in three formats, guide, form, dispatch, run the rule
// tests with coverage, report, lint) once to learn the answers and how many allocations they
// make, then, in a child process each, once for every allocation k, making the k-th fail: the
// run must give the same answers, or an out-of-memory error from the call that failed, and
// never abort. Every allocation of loading, planning and writing is a failure point in turn,
// as under an address-space limit, where the allocation that fails is the one that does not
// fit. A failure inside the JSON library's own destructor (nlohmann::json 3.11 allocates a
// stack while destroying a tree, in a noexcept destructor) ends in std::terminate whatever the
// caller does; those points are recognised from the stack and counted separately. Then it
// exhausts memory (every allocation from a point on failing) while a wide request is read and
// refused: the request layer frees such trees without that stack, so none may end there.
//
// usage: capi_alloc_failure RULES [STRIDE]   (STRIDE > 1 tries every STRIDE-th point)
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <new>
#include <string>
#include <string_view>
#include <vector>

#include <dlfcn.h>
#include <execinfo.h>
#include <sys/wait.h>
#include <unistd.h>

#include "onething/onething.h"

namespace {

/// Allocations left before the injected failure; negative: no failure armed.
std::atomic<long> allocations_left{-1};
/// Whether the armed failure has happened in this run.
std::atomic<bool> failure_happened{false};
/// Allocations counted while counting (allocations_left is -1 then).
std::atomic<long> allocations_counted{0};
/// Whether a C API call is running: only its allocations are counted and may fail.
std::atomic<bool> inside_call{false};
/// Whether every allocation after the injected failure fails too, as when memory is exhausted
/// (an address-space limit reached), rather than that one allocation alone.
std::atomic<bool> exhausted{false};

/// True when this allocation is to fail.
bool allocation_fails() noexcept {
    if (!inside_call.load()) {
        return false;
    }
    if (exhausted.load() && failure_happened.load()) {
        return true;
    }
    if (allocations_left.load() < 0) {
        allocations_counted.fetch_add(1);
        return false;
    }
    if (allocations_left.fetch_sub(1) == 1) {
        failure_happened.store(true);
        return true;
    }
    return false;
}

/// Memory for operator new, or nullptr when the injected failure says so.
void* allocate(std::size_t size, std::size_t alignment) noexcept {
    if (allocation_fails()) {
        return nullptr;
    }
    if (size == 0) {
        size = 1;
    }
    if (alignment <= alignof(std::max_align_t)) {
        return std::malloc(size);
    }
    return std::aligned_alloc(alignment, (size + alignment - 1) / alignment * alignment);
}

}  // namespace

void* operator new(std::size_t size) {
    if (void* memory = allocate(size, 0)) {
        return memory;
    }
    throw std::bad_alloc();
}
void* operator new[](std::size_t size) {
    return operator new(size);
}
void* operator new(std::size_t size, std::align_val_t alignment) {
    if (void* memory = allocate(size, static_cast<std::size_t>(alignment))) {
        return memory;
    }
    throw std::bad_alloc();
}
void* operator new[](std::size_t size, std::align_val_t alignment) {
    return operator new(size, alignment);
}
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
    return allocate(size, 0);
}
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept {
    return allocate(size, 0);
}
void operator delete(void* memory) noexcept {
    std::free(memory);
}
void operator delete[](void* memory) noexcept {
    std::free(memory);
}
void operator delete(void* memory, std::size_t) noexcept {
    std::free(memory);
}
void operator delete[](void* memory, std::size_t) noexcept {
    std::free(memory);
}
void operator delete(void* memory, std::align_val_t) noexcept {
    std::free(memory);
}
void operator delete[](void* memory, std::align_val_t) noexcept {
    std::free(memory);
}
void operator delete(void* memory, std::size_t, std::align_val_t) noexcept {
    std::free(memory);
}
void operator delete[](void* memory, std::size_t, std::align_val_t) noexcept {
    std::free(memory);
}

namespace {

/// What one call of the script gave: its document or its error report (malloc'ed text).
struct call_outcome {
    std::string document;  ///< empty when the call returned NULL
    std::string error;     ///< empty when there was no error report
};

/// Runs `call` (a C API call) with allocation failures armed.
template <typename Call>
auto injected(Call&& call) {
    inside_call.store(true);
    auto result = call();
    inside_call.store(false);
    return result;
}

/// Takes ownership of the strings a C API call returned.
call_outcome take(char* document, char* error) {
    call_outcome outcome;
    if (document != nullptr) {
        outcome.document = document;
    }
    if (error != nullptr) {
        outcome.error = error;
    }
    onething_free(document);
    onething_free(error);
    return outcome;
}

/// The requests the script makes on the loaded catalog (every operation that plans or writes).
const std::vector<std::string>& requests() {
    static const std::vector<std::string> all = {
        R"({"command": "plan", "bundle": "hiring", "lang": "en",)"
        R"( "facts": {"person.local": true, "person.age": 25}})",
        R"({"command": "plan", "bundle": "hiring", "format": "text",)"
        R"( "facts": {"person.local": false, "person.age": 15, "person.kind": "student"}})",
        R"({"command": "plan", "bundle": "hiring", "format": "markdown",)"
        R"( "facts": {"person.local": true, "person.age": 40}})",
        R"({"command": "guide", "bundle": "hiring", "facts": {"person.local": true}})",
        R"({"command": "form", "bundle": "hiring", "facts": {"person.local": true, "person.age": 25}})",
        R"({"command": "dispatch", "bundle": "hiring", "by": "department",)"
        R"( "facts": {"person.local": true, "person.age": 25},)"
        R"( "answers": {"person.mobile": "13800000000", "bank.account": "6222"}})",
        R"({"command": "test", "coverage": true})",
        R"({"command": "report"})",
        R"({"command": "lint"})",
    };
    return all;
}

/// Runs the script: the load, then each request; one outcome per step.
std::vector<call_outcome> run_script(const char* rules) {
    std::vector<call_outcome> outcomes;
    outcomes.reserve(requests().size() + 1);
    const char* paths[] = {rules};
    char* error = nullptr;
    onething_catalog* catalog = injected([&] { return onething_catalog_load(paths, 1, &error); });
    outcomes.push_back(take(nullptr, error));
    if (catalog == nullptr) {
        return outcomes;
    }
    for (const std::string& request : requests()) {
        char* call_error = nullptr;
        char* document =
            injected([&] { return onething_call_json(catalog, request.c_str(), &call_error); });
        outcomes.push_back(take(document, call_error));
    }
    injected([&] {
        onething_catalog_free(catalog);
        return 0;
    });
    return outcomes;
}

/// Checks one injected run against the reference; prints what differs and returns false.
bool acceptable(const std::vector<call_outcome>& reference, const std::vector<call_outcome>& run,
                long point) {
    for (std::size_t step = 0; step < run.size(); ++step) {
        const call_outcome& got = run[step];
        const bool same =
            got.document == reference[step].document && got.error == reference[step].error;
        const bool out_of_memory =
            got.error.find("\"code\":\"out-of-memory\"") != std::string::npos;
        if (!same && !out_of_memory) {
            std::fprintf(stderr,
                         "allocation %ld failing, step %zu: neither the reference answer "
                         "nor an out-of-memory error\n  document: %.300s\n  error: %.600s\n",
                         point, step, got.document.c_str(), got.error.c_str());
            return false;
        }
        if (out_of_memory && !got.document.empty() && step > 0) {
            // A document with an out-of-memory error is allowed only where the request's
            // own contract returns a document with errors (none of this script's do).
            std::fprintf(stderr, "allocation %ld, step %zu: a document and out-of-memory\n", point,
                         step);
            return false;
        }
    }
    if (run.size() < reference.size() &&
        run.back().error.find("out-of-memory") == std::string::npos) {
        std::fprintf(stderr, "allocation %ld: the load failed without out-of-memory\n", point);
        return false;
    }
    return true;
}

/// Exit code of a run that ended in std::terminate because an allocation failed inside the JSON
/// library's destructor (nlohmann::json 3.11 allocates a stack while destroying a tree, in a
/// noexcept destructor): a limit of that library, counted and reported, not hidden.
constexpr int json_destructor_exit = 3;

/// True when the stack (return addresses `frames`) passes through a JSON value's destructor.
/// Inlined frames and local symbols are only named by the debug information, so the
/// addresses are resolved with addr2line (binutils), the process being about to end anyway.
bool in_json_destructor(void* const* frames, int count) {
    std::string command = "addr2line -f -i -C -e /proc/" + std::to_string(getpid()) + "/exe";
    for (int i = 0; i < count; ++i) {
        Dl_info info{};
        if (dladdr(frames[i], &info) == 0 || info.dli_fbase == nullptr) {
            continue;
        }
        const auto offset = reinterpret_cast<std::uintptr_t>(frames[i]) -
                            reinterpret_cast<std::uintptr_t>(info.dli_fbase) - 1;
        char address[32];
        std::snprintf(address, sizeof address, " 0x%jx", static_cast<std::uintmax_t>(offset));
        command += address;  // addr2line reads addresses in hex
    }
    FILE* names = popen(command.c_str(), "r");
    if (names == nullptr) {
        return false;
    }
    bool found = false;
    char line[4096];
    while (std::fgets(line, sizeof line, names) != nullptr) {
        const std::string_view text = line;
        found = found || text.find("json_value::destroy") != std::string_view::npos ||
                text.find("~basic_json") != std::string_view::npos;
    }
    pclose(names);
    return found;
}

/// Terminate handler of a run: exits json_destructor_exit when the throw came from a JSON
/// value's destructor, else aborts with the stack.
[[noreturn]] void on_terminate() noexcept {
    inside_call.store(false);
    void* frames[64];
    const int count = backtrace(frames, 64);
    if (in_json_destructor(frames, std::min(count, 16))) {
        std::_Exit(json_destructor_exit);
    }
    std::fputs("std::terminate outside the JSON library's destructors:\n", stderr);
    backtrace_symbols_fd(frames, count, 2);
    std::abort();
}

/// Runs `run` (which returns an exit status) in a child process with allocation `point` armed
/// to fail (and every later one too when `exhaust`), and on_terminate as its terminate handler;
/// the child's exit status, or -1 when it died of a signal.
template <typename Run>
int in_child(long point, bool exhaust, Run&& run) {
    std::fflush(nullptr);
    const pid_t child = fork();
    if (child == 0) {
        std::set_terminate(on_terminate);
        exhausted.store(exhaust);
        failure_happened.store(false);
        allocations_left.store(point);
        std::_Exit(run());
    }
    int status = 0;
    if (child < 0 || waitpid(child, &status, 0) != child) {
        std::perror("fork");
        return -1;
    }
    if (WIFSIGNALED(status)) {
        std::fprintf(stderr, "allocation %ld failing: the run died of signal %d\n", point,
                     WTERMSIG(status));
        return -1;
    }
    return WEXITSTATUS(status);
}

/// Runs the script with allocation `point` failing, in a child process; its exit status.
int run_failing(const char* rules, const std::vector<call_outcome>& reference, long point) {
    return in_child(point, false, [&] {
        const std::vector<call_outcome> run = run_script(rules);
        allocations_left.store(-1);
        const bool happened = failure_happened.load();
        return !acceptable(reference, run, point) ? 1 : happened ? 0 : 4;
    });
}

/// A request whose reading builds a wide tree: 3,000 arrays under one key. The JSON library's
/// destructor would allocate a stack of 3,000 values to free it.
std::string wide_request() {
    std::string request = R"({"command": "lint", "wide": [)";
    for (int i = 0; i < 3000; ++i) {
        request += i == 0 ? "[0]" : ", [0]";
    }
    return request + "]}";
}

/// Answers `request` with memory exhausted from allocation `point` of the call on, in a child
/// process: the reference outcome or an out-of-memory error, never an end in the JSON
/// library's destructor (the request layer frees its trees without a stack). The child's
/// exit status: 0, 1 for another outcome, json_destructor_exit.
int run_exhausted(const onething_catalog* catalog, const std::string& request,
                  const call_outcome& reference, long point) {
    return in_child(point, true, [&] {
        char* error = nullptr;
        char* document =
            injected([&] { return onething_call_json(catalog, request.c_str(), &error); });
        allocations_left.store(-1);
        exhausted.store(false);
        const call_outcome got = take(document, error);
        const bool same = got.document == reference.document && got.error == reference.error;
        const bool out_of_memory =
            got.error.find("\"code\":\"out-of-memory\"") != std::string::npos;
        if (!same && !out_of_memory) {
            std::fprintf(stderr, "memory exhausted from allocation %ld: %.300s\n", point,
                         got.error.c_str());
        }
        return same || out_of_memory ? 0 : 1;
    });
}

/// Memory exhausted while a wide request is read and refused: every point of the call tried
/// (at most about 400); none may end in the JSON library's destructor. Returns false if one
/// does, or another outcome than the answer or out-of-memory.
bool exhausted_while_reading(const char* rules) {
    const char* paths[] = {rules};
    char* error = nullptr;
    onething_catalog* catalog = onething_catalog_load(paths, 1, &error);
    onething_free(error);
    if (catalog == nullptr) {
        return false;
    }
    const std::string request = wide_request();
    char* call_error = nullptr;
    allocations_counted.store(0);
    char* document =
        injected([&] { return onething_call_json(catalog, request.c_str(), &call_error); });
    const call_outcome reference = take(document, call_error);  // read after the call set it
    const long total = allocations_counted.load();
    const long step = std::max(1L, total / 400);
    long points = 0;
    bool ok = true;
    for (long point = 1; point <= total; point += step, ++points) {
        const int status = run_exhausted(catalog, request, reference, point);
        if (status != 0) {
            std::fprintf(stderr, "memory exhausted from allocation %ld of %ld: %s\n", point, total,
                         status == json_destructor_exit ? "ended in the JSON library's destructor"
                                                        : "the run failed");
            ok = false;
        }
    }
    onething_catalog_free(catalog);
    std::printf("a wide request with memory exhausted: %ld points of %ld allocations tried, %s\n",
                points, total, ok ? "each the answer or out-of-memory" : "FAILED");
    return ok;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: capi_alloc_failure RULES [STRIDE]\n");
        return 2;
    }
    const long stride = argc > 2 ? std::max(1L, std::atol(argv[2])) : 1;
    run_script(argv[1]);  // once first: one-time allocations (statics, caches) are not counted
    allocations_counted.store(0);
    const std::vector<call_outcome> reference = run_script(argv[1]);
    const long total = allocations_counted.load();
    for (std::size_t step = 0; step < reference.size(); ++step) {
        if (!reference[step].error.empty() || (step > 0 && reference[step].document.empty())) {
            std::fprintf(stderr, "the reference run failed at step %zu: %s\n", step,
                         reference[step].error.c_str());
            return 1;
        }
    }
    long points = 0;
    long in_json_destructor = 0;
    for (long point = 1; point <= total; point += stride) {
        const int status = run_failing(argv[1], reference, point);
        if (status == json_destructor_exit) {
            ++in_json_destructor;
        } else if (status != 0) {
            std::fprintf(stderr, "allocation %ld of %ld: the run failed (status %d)\n", point,
                         total, status);
            return 1;
        }
        ++points;
    }
    std::printf(
        "%ld allocations in the script; %ld failure points tried (stride %ld): %ld gave "
        "the answer or out-of-memory, %ld ended in the JSON library's destructor\n",
        total, points, stride, points - in_json_destructor, in_json_destructor);
    return exhausted_while_reading(argv[1]) ? 0 : 1;
}
