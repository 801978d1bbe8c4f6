// Reading the applicant's facts from YAML/JSON files and `id=value` assignments.
#include <filesystem>
#include <fstream>

#include "load/node_reader.hpp"
#include "onething/error.hpp"
#include "onething/input.hpp"
#include "model/suggest.hpp"

namespace onething {
namespace {

/// Every fact id, for suggestions.
std::vector<std::string_view> fact_ids(const Catalog& catalog) {
    std::vector<std::string_view> ids;
    for (const Fact& fact : catalog.facts()) {
        ids.push_back(fact.id);
    }
    return ids;
}

}  // namespace

std::string read_input_file(const std::string& path, std::uint64_t max_bytes) {
    std::error_code error;
    const auto size = std::filesystem::file_size(path, error);
    if (error) {
        throw IoError("unreadable", "cannot read '" + path + "': " + error.message(),
                      Location{path, 0, 0});
    }
    if (size > max_bytes) {
        throw InputError("limit-file-size",
                         "file is " + std::to_string(size) + " bytes, more than the limit of " +
                             std::to_string(max_bytes) + " (max_file_bytes)",
                         Location{path, 1, 1});
    }
    std::ifstream stream(path, std::ios::binary);
    std::string content;
    try {
        content.assign(std::istreambuf_iterator<char>(stream), std::istreambuf_iterator<char>());
    } catch (const std::ios_base::failure& failure) {  // libstdc++ throws on a read error (EIO)
        throw IoError("unreadable", "cannot read '" + path + "': " + failure.what(),
                      Location{path, 0, 0});
    }
    if (!stream && !stream.eof()) {
        throw IoError("unreadable", "cannot read '" + path + "'", Location{path, 0, 0});
    }
    return content;
}

Facts read_facts(const Catalog& catalog, const SourceFile& file, const Limits& limits) {
    std::vector<Diagnostic> problems;
    auto document = detail::parse_yaml(file.name, file.content, limits, problems);
    Facts facts;
    if (document) {
        detail::NodeReader reader(*document, problems);
        const detail::YamlNode& root = document->at(document->root);
        if (root.kind != detail::YamlKind::null && reader.expect_mapping(root, "a facts file")) {
            const auto ids = fact_ids(catalog);
            for (const auto& [key_index, value_index] : reader.entries(root, "the facts")) {
                const detail::YamlNode& key = reader.node(key_index);
                const detail::YamlNode& value = reader.node(value_index);
                const Fact* fact = catalog.find_fact(key.value);
                if (!fact) {
                    reader.error(
                        key, "unknown-fact",
                        "unknown fact '" + key.value + "'" + detail::did_you_mean(key.value, ids));
                    continue;
                }
                if (value.kind == detail::YamlKind::null) {
                    continue;  // explicitly not answered
                }
                if (auto typed = reader.read_fact_value(value, fact->type, fact->values,
                                                        "fact '" + fact->id + "'")) {
                    facts[fact->id] = std::move(*typed);
                }
            }
        }
    }
    for (Diagnostic& problem : problems) {
        if (problem.code == "type") {
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
    const auto equals = assignment.find('=');
    if (equals == std::string_view::npos) {
        throw InputError("invalid-fact",
                         "--fact '" + std::string(assignment) + "' must have the form id=value");
    }
    const std::string id(assignment.substr(0, equals));
    const std::string_view text = assignment.substr(equals + 1);
    const Fact* fact = catalog.find_fact(id);
    if (!fact) {
        throw InputError("unknown-fact",
                         "unknown fact '" + id + "'" + detail::did_you_mean(id, fact_ids(catalog)));
    }
    std::string message;
    auto value = detail::parse_fact_text(text, fact->type, fact->values, message);
    if (!value) {
        throw InputError("invalid-fact", "--fact " + id + ": " + message);
    }
    facts[id] = std::move(*value);
}

}  // namespace onething
