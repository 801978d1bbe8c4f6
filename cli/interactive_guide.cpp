// The interactive guide: reads one line per answer and prints what the session says.
#include "interactive_guide.hpp"

#include <signal.h>

#include <csignal>
#include <cstdint>
#include <iostream>
#include <string>

#include "onething/error.hpp"
#include "onething/guide_session.hpp"

namespace onething::cli {
namespace {

/// The interactive guide's own sentences, in Chinese and English.
struct Sentences {
    const char* intro;         ///< how to answer
    const char* nothing_back;  ///< `<` with no answer to take back
    const char* stopped;       ///< the input ended or `q` was typed before the end
    const char* interrupted;   ///< Ctrl-C (SIGINT) before the end
    const char* plan;          ///< heading of the plan at the end
    const char* facts;         ///< heading of the facts file
    const char* ask_path;      ///< asks where to write the facts
    const char* written;       ///< the facts file was written
    const char* too_long;      ///< an answer past the size of a facts file: {} is the limit
};

constexpr Sentences chinese{"逐一回答问题：直接回车采用默认值，输入 < 返回上一题，输入 q 结束。",
                            "没有可返回的回答。",
                            "未答完所有问题即结束；已有的事实如下。",
                            "已中断（Ctrl-C）；已有的事实如下，未丢失。",
                            "方案：",
                            "事实（可用 --facts 读入）：",
                            "将事实写入文件？输入路径，直接回车跳过：",
                            "已写入 ",
                            "回答过长：事实文件将超过可读入的 {} 字节（--max-file-bytes），"
                            "请给出更短的回答。"};
constexpr Sentences english{
    "Answer each question: Enter takes the default, < goes back one question, q stops.",
    "There is no answer to take back.",
    "Stopped before every question was answered; the facts so far follow.",
    "Interrupted (Ctrl-C); the facts so far follow, so that none is lost.",
    "Plan:",
    "Facts (read back with --facts):",
    "Write the facts to a file? Type a path, or press Enter to skip: ",
    "Written to ",
    "That answer would make the facts file longer than the {} bytes a facts file may hold "
    "(--max-file-bytes), so --facts could not read it back; give a shorter answer."};

/// Set by SIGINT while the guide asks.
volatile std::sig_atomic_t interrupted = 0;

/// Notes the interrupt; the read under way returns, failing (no SA_RESTART).
extern "C" void note_interrupt(int /*signal*/) {
    interrupted = 1;
}

/// While it lives, Ctrl-C (SIGINT) ends the session as `q` does, the facts so far printed
/// (and written to -o), rather than killing the process and losing the answers.
class InterruptAsStop {
  public:
    InterruptAsStop() {
        interrupted = 0;
        struct sigaction action {};
        action.sa_handler = note_interrupt;
        sigemptyset(&action.sa_mask);
        action.sa_flags = 0;  // no SA_RESTART: a blocked read returns
        installed_ = sigaction(SIGINT, &action, &previous_) == 0;
    }
    ~InterruptAsStop() {
        if (installed_) {
            sigaction(SIGINT, &previous_, nullptr);
        }
    }
    InterruptAsStop(const InterruptAsStop&) = delete;
    InterruptAsStop& operator=(const InterruptAsStop&) = delete;

  private:
    struct sigaction previous_ {};
    bool installed_ = false;
};

/// The exit status of a session ended by Ctrl-C: 128 + SIGINT, as a shell reports it.
constexpr int exit_interrupted = 128 + SIGINT;

}  // namespace

int run_interactive_guide(const Catalog& catalog, const Request& request,
                          const Invocation& invocation, std::istream& in, std::ostream& out) {
    if (catalog.find_bundle(request.bundle) == nullptr) {
        // The request layer's answer: the unknown bundle located at --bundle, with a suggestion.
        const Response refused = guide_request(catalog, request);
        for (const Diagnostic& diagnostic : refused.diagnostics) {
            std::cerr << format_diagnostic(diagnostic) << '\n';
        }
        return static_cast<int>(refused.outcome);
    }
    GuideSession session(catalog, request.bundle, request_facts(catalog, request), request.lang);
    const Sentences& say = session.language() == "en" ? english : chinese;  // `EN` is `en`
    const InterruptAsStop interrupt_as_stop;
    out << say.intro << "\n\n";
    std::string line;
    bool stopped = false;
    while (!session.questions().empty()) {
        out << session.prompt() << "> " << std::flush;
        if (interrupted != 0 || !std::getline(in, line) || interrupted != 0 || line == "q" ||
            line == "quit") {
            stopped = true;
            out << "\n";
            break;
        }
        if (line == "<" || line == "back") {
            if (!session.back()) {
                out << say.nothing_back << "\n";
            }
            out << "\n";
            continue;
        }
        if (auto problem = session.answer(line)) {
            out << *problem << "\n\n";
            continue;
        }
        // The facts are written as a facts file at the end, which --facts must read back.
        const std::uint64_t limit = invocation.catalog.limits.max_file_bytes;
        if (session.facts_file().size() > limit) {
            session.back();
            std::string refused = say.too_long;
            refused.replace(refused.find("{}"), 2, std::to_string(limit));
            out << refused << "\n\n";
            continue;
        }
        out << session.plan_summary() << "\n";
    }
    if (stopped) {
        std::cerr << (interrupted != 0 ? say.interrupted : say.stopped) << "\n";
    } else {
        out << say.plan << "\n" << session.plan_summary() << "\n";
    }
    out << say.facts << "\n" << session.facts_file() << std::flush;
    std::string path = invocation.output;
    if (path.empty() && !stopped) {
        out << "\n" << say.ask_path << std::flush;
        if (std::getline(in, line)) {
            path = line;
        }
        out << "\n";
    }
    if (!path.empty() && path != "-") {
        // A path typed here is checked as -o is: never over the catalog or the facts read.
        check_output_not_input(invocation, path, load_request_of(invocation.catalog).paths);
        write_output(session.facts_file(), path);
        out << say.written << path << "\n";
    }
    if (interrupted != 0) {
        return exit_interrupted;
    }
    return stopped ? exit_problems : exit_ok;
}

}  // namespace onething::cli
