// `onething guide [PATH...] --bundle ID`: the questions still needed, most decisive first.
#include <memory>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "common.hpp"

namespace onething::cli {
namespace {

/// Options of `guide`.
struct GuideOptions {
    CatalogOptions catalog;
    PlanInputOptions input;
    std::string format = "text";
};

/// The questions as text, numbered in asking order.
std::string to_text(const std::vector<Question>& questions, const std::string& lang) {
    if (questions.empty()) {
        return "no questions: the facts given decide the plan\n";
    }
    std::string out;
    int number = 0;
    for (const Question& question : questions) {
        out += std::to_string(++number) + ". " + question.fact;
        const std::string& text = question.question.in(lang);
        if (!text.empty()) {
            out += ": " + text;
        }
        out += "\n   decides " + std::to_string(question.items.size()) + ": ";
        for (std::size_t i = 0; i < question.items.size(); ++i) {
            out += (i ? ", " : "") + question.items[i];
        }
        out += "\n";
    }
    return out;
}

/// The questions as JSON: {"questions": [{"fact", "question", "decides": [...]}]}.
std::string to_json(const std::vector<Question>& questions, const std::string& lang) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const Question& question : questions) {
        list.push_back({{"fact", question.fact},
                        {"question", question.question.in(lang)},
                        {"decides", question.items}});
    }
    return nlohmann::ordered_json{{"questions", list}}.dump(2) + "\n";
}

/// Runs `guide`.
int run_guide(const GuideOptions& options) {
    auto loaded = load_for_command(options.catalog, false);
    if (!loaded) {
        return exit_problems;
    }
    const Catalog& catalog = loaded->catalog;
    const Facts facts = gather_facts(catalog, options.input, options.catalog.limits);
    const auto questions = open_questions(catalog, options.input.bundle, facts);
    write_output(options.format == "json" ? to_json(questions, options.input.lang)
                                          : to_text(questions, options.input.lang),
                 options.input.output);
    return exit_ok;
}

}  // namespace

void add_guide_command(CLI::App& app, std::vector<Command>& commands) {
    auto options = std::make_shared<GuideOptions>();
    CLI::App* command =
        app.add_subcommand("guide", "The facts still needed to decide the plan, in asking order");
    add_catalog_options(*command, options->catalog);
    add_plan_input_options(*command, options->input);
    command->add_option("--format", options->format, "Output format")
        ->check(CLI::IsMember({"text", "json"}))
        ->capture_default_str();
    commands.push_back({command, [options] { return run_guide(*options); }});
}

}  // namespace onething::cli
