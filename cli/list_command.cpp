// `onething list [PATH...]`: the bundles and items of the catalog.
#include <memory>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "common.hpp"

namespace onething::cli {
namespace {

/// Options of `list`.
struct ListOptions {
    CatalogOptions catalog;
    std::string format = "text";
    std::string lang = "zh";
    std::string output;
};

/// Text as a JSON object of translations.
nlohmann::ordered_json text_json(const Text& text) {
    nlohmann::ordered_json out = nlohmann::ordered_json::object();
    for (const auto& [language, value] : text.translations) {
        out[language.empty() ? "default" : language] = value;
    }
    return out;
}

/// The listing as JSON: {"bundles": [...], "items": [...]}.
std::string to_json(const Catalog& catalog) {
    nlohmann::ordered_json bundles = nlohmann::ordered_json::array();
    for (const Bundle& bundle : catalog.bundles()) {
        nlohmann::ordered_json goals = nlohmann::ordered_json::array();
        for (const Ref& goal : bundle.goals) {
            goals.push_back(goal.id);
        }
        bundles.push_back({{"id", bundle.id}, {"name", text_json(bundle.name)}, {"goals", goals}});
    }
    nlohmann::ordered_json items = nlohmann::ordered_json::array();
    for (const Item& item : catalog.items()) {
        items.push_back({{"id", item.id},
                         {"name", text_json(item.name)},
                         {"department", item.department},
                         {"type", to_string(item.type)}});
    }
    nlohmann::ordered_json out{{"bundles", bundles}, {"items", items}};
    return out.dump(2) + "\n";
}

/// The listing as text, names in `lang`.
std::string to_text(const Catalog& catalog, const std::string& lang) {
    std::string out = "bundles:\n";
    for (const Bundle& bundle : catalog.bundles()) {
        out += "  " + bundle.id + "  " + bundle.name.in(lang) + "  (" +
               std::to_string(bundle.goals.size()) + " goals)\n";
    }
    out += "items:\n";
    for (const Item& item : catalog.items()) {
        out += "  " + item.id + "  " + item.name.in(lang) + "  [" + item.department + "]\n";
    }
    return out;
}

/// Runs `list`.
int run_list(const ListOptions& options) {
    auto loaded = load_for_command(options.catalog, false);
    if (!loaded) {
        return exit_problems;
    }
    write_output(options.format == "json" ? to_json(loaded->catalog)
                                          : to_text(loaded->catalog, options.lang),
                 options.output);
    return exit_ok;
}

}  // namespace

void add_list_command(CLI::App& app, std::vector<Command>& commands) {
    auto options = std::make_shared<ListOptions>();
    CLI::App* command = app.add_subcommand("list", "List the bundles and items of the catalog");
    add_catalog_options(*command, options->catalog);
    command->add_option("--format", options->format, "Output format")
        ->check(CLI::IsMember({"text", "json"}))
        ->capture_default_str();
    command->add_option("--lang", options->lang, "Language of names (zh, en)")
        ->capture_default_str();
    command->add_option("-o,--output", options->output, "Write the listing to FILE (atomically)");
    commands.push_back({command, [options] { return run_list(*options); }});
}

}  // namespace onething::cli
