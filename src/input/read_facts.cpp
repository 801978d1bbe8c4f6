// Reading the applicant's facts from YAML or JSON files and from `--fact id=value`.
#include <map>
#include <optional>
#include <utility>

#include "facts/fact_check.hpp"
#include "load/node_reader.hpp"
#include "onething/error.hpp"
#include "onething/input.hpp"
#include "text/utf8.hpp"
#include "yaml/yaml_tree.hpp"

namespace onething {
namespace {

/// Where `--fact` problems are reported: the option stands for the file.
Location assignment_location() {
    return Location{"--fact", 0, 0};
}

/// One `id=value` assignment typed, or nullopt after adding its problem to `problems`.
std::optional<std::pair<std::string, Value>> read_assignment(const Catalog& catalog,
                                                             std::string_view assignment,
                                                             std::vector<Diagnostic>& problems) {
    const auto equals = assignment.find('=');
    if (equals == std::string_view::npos) {
        problems.push_back({Severity::error, "invalid-fact",
                            detail::assignment_form_message(assignment), assignment_location()});
        return std::nullopt;
    }
    std::string id(assignment.substr(0, equals));
    const Fact* fact = catalog.find_fact(id);
    if (!fact) {
        problems.push_back({Severity::error, "unknown-fact",
                            detail::unknown_fact_message(catalog, id), assignment_location()});
        return std::nullopt;
    }
    const std::string_view text = assignment.substr(equals + 1);
    // What no facts file can hold, an assignment cannot: a byte that is not UTF-8 (`encoding`,
    // as in a file), a control character, CR or byte order mark (as a program's facts say).
    for (std::size_t at = 0; at < text.size();) {
        const detail::Utf8Char character = detail::decode_utf8(text, at);
        if (character.fault != detail::Utf8Fault::none) {
            problems.push_back({Severity::error, "encoding",
                                detail::fact_subject(id) + ": byte " + std::to_string(at + 1) +
                                    " of the value is not UTF-8; write the value as UTF-8 text",
                                assignment_location()});
            return std::nullopt;
        }
        at += character.length;
    }
    if (auto control = detail::escaped_control_character(text)) {
        problems.push_back({Severity::error, "invalid-fact",
                            detail::fact_subject(id) + " holds a " + *control +
                                ", which no facts file can hold; remove it",
                            assignment_location()});
        return std::nullopt;
    }
    auto typed =
        detail::type_fact_value(*fact, detail::Written::text, text, detail::fact_subject(id));
    if (!typed.value) {
        problems.push_back(
            {Severity::error, "invalid-fact", std::move(typed.error), assignment_location()});
        return std::nullopt;
    }
    return std::pair{std::move(id), std::move(*typed.value)};
}

}  // namespace

Facts read_facts(const Catalog& catalog, const SourceFile& file, const Limits& limits) {
    std::vector<Diagnostic> problems;
    auto document = detail::parse_yaml(file.name, file.content, limits, problems);
    Facts facts;
    if (document) {
        detail::NodeReader reader(*document, problems);
        reader.limit_errors(limits.max_input_errors);
        const detail::YamlNode& root = document->at(document->root);
        if (root.kind != detail::YamlKind::null && reader.expect_mapping(root, "a facts file")) {
            for (const auto& [key_index, value_index] : reader.entries(root, "the facts")) {
                const detail::YamlNode& key = reader.node(key_index);
                const detail::YamlNode& value = reader.node(value_index);
                const Fact* fact = catalog.find_fact(key.value);
                if (!fact) {
                    reader.error(key, "unknown-fact",
                                 reader.errors_full()
                                     ? std::string()  // counted only: no suggestion to look for
                                     : detail::unknown_fact_message(catalog, key.value));
                    continue;
                }
                if (value.kind == detail::YamlKind::null) {
                    continue;  // explicitly not answered
                }
                auto typed =
                    detail::type_fact_value(*fact, detail::written_as(value.kind, value.style),
                                            value.value, detail::fact_subject(fact->id));
                if (typed.value) {
                    facts[fact->id] = std::move(*typed.value);
                } else {
                    reader.error(value, "invalid-fact", std::move(typed.error));
                }
            }
        }
        reader.report_unlisted("max_input_errors");
    }
    for (Diagnostic& problem : problems) {
        if (problem.code == "type") {  // the file is not a mapping, or a key is not text
            problem.code = "invalid-fact";
        }
    }
    if (has_errors(problems)) {
        throw InputError(std::move(problems));
    }
    return facts;
}

Facts read_facts_file(const Catalog& catalog, const std::string& path, const Limits& limits) {
    return read_facts(catalog, SourceFile{path, read_input_file(path, limits.max_file_bytes)},
                      limits);
}

void apply_fact_assignment(const Catalog& catalog, std::string_view assignment, Facts& facts) {
    std::vector<Diagnostic> problems;
    auto typed = read_assignment(catalog, assignment, problems);
    if (!typed) {
        throw InputError(std::move(problems));
    }
    facts[typed->first] = std::move(typed->second);
}

void apply_fact_assignments(const Catalog& catalog, std::span<const std::string> assignments,
                            Facts& facts) {
    std::vector<Diagnostic> problems;
    std::map<std::string, std::string_view, std::less<>> first;  // id -> its first assignment
    Facts given;
    for (const std::string& assignment : assignments) {
        const auto equals = assignment.find('=');
        const std::string_view id = std::string_view(assignment).substr(0, equals);
        if (equals != std::string::npos && catalog.find_fact(id)) {
            if (auto [place, fresh] = first.emplace(id, assignment); !fresh) {
                problems.push_back({Severity::error, "invalid-fact",
                                    detail::repeated_fact_message(id, place->second, assignment),
                                    assignment_location()});
                continue;
            }
        }
        if (auto typed = read_assignment(catalog, assignment, problems)) {
            given[typed->first] = std::move(typed->second);
        }
    }
    if (!problems.empty()) {
        throw InputError(std::move(problems));
    }
    for (auto& [id, value] : given) {
        facts[id] = std::move(value);
    }
}

}  // namespace onething
