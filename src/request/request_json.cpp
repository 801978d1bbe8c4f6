// Requests written as JSON: the body of the C API's onething_call_json and of the HTTP service.
#include <algorithm>
#include <array>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "model/input_excerpt.hpp"
#include "onething/error.hpp"
#include "onething/request.hpp"
#include "request/formats.hpp"
#include "request/member_text.hpp"
#include "request/request_json.hpp"
#include "write/json_teardown.hpp"

namespace onething {
namespace {

using Json = nlohmann::json;

/// The keys a JSON request may have, in the order the error message lists them.
constexpr std::string_view request_keys[] = {
    "command",   "bundle",   "facts",        "answers",  "shared",           "by",
    "lang",      "format",   "as_of",        "overlays", "max_search_nodes", "max_search_work",
    "all_cases", "coverage", "min_coverage", "top",      "max_warnings"};

/// An InputError about one field of the request.
[[noreturn]] void bad_field(std::string_view field, const std::string& message) {
    throw InputError("bad-request", "request field " + detail::quoted_input(field) + ": " + message,
                     Location{"request", 0, 0});
}

/// The string at `key`, checked.
std::string string_field(const Json& body, std::string_view key) {
    const Json& value = body.at(std::string(key));
    if (!value.is_string()) {
        bad_field(key, "expected a string");
    }
    return value.get<std::string>();
}

/// `value` as a whole number from 0 up: a JSON integer, `-0` included (the parser reads it as a
/// signed 0); nullopt for anything else (a negative integer, a fraction, `1.0`, text).
std::optional<std::uint64_t> whole_number(const Json& value) {
    if (value.is_number_unsigned()) {
        return value.get<std::uint64_t>();
    }
    if (value.is_number_integer() && value.get<std::int64_t>() == 0) {
        return 0;
    }
    return std::nullopt;
}

/// A search bound: an integer from 1 to 2^63 - 1.
std::uint64_t bound_field(const Json& body, std::string_view key) {
    const std::optional<std::uint64_t> value = whole_number(body.at(std::string(key)));
    if (!value || *value < 1 || *value > static_cast<std::uint64_t>(INT64_MAX)) {
        bad_field(key, "expected an integer from 1 to 9223372036854775807");
    }
    return *value;
}

/// A limit: an integer from 0 to the largest value of its type.
template <typename Number>
Number limit_field(const Json& limits, std::string_view key) {
    const std::optional<std::uint64_t> value = whole_number(limits.at(std::string(key)));
    if (!value || *value > std::numeric_limits<Number>::max()) {
        bad_field(
            "limits." + std::string(key),
            "expected an integer from 0 to " + std::to_string(std::numeric_limits<Number>::max()));
    }
    return static_cast<Number>(*value);
}

/// A limit of `Limits`, by the name docs/limits.md gives it: one of the two members is set.
struct LimitField {
    std::string_view name;
    std::uint64_t Limits::*wide = nullptr;
    std::uint32_t Limits::*narrow = nullptr;
};

/// Every limit a load request may set.
constexpr LimitField limit_fields[] = {
    {"max_file_bytes", &Limits::max_file_bytes},
    {"max_catalog_bytes", &Limits::max_catalog_bytes},
    {"max_nodes", &Limits::max_nodes},
    {"max_depth", nullptr, &Limits::max_depth},
    {"max_alias_nodes", &Limits::max_alias_nodes},
    {"max_expression_length", nullptr, &Limits::max_expression_length},
    {"max_expression_depth", nullptr, &Limits::max_expression_depth},
    {"max_definitions", &Limits::max_definitions},
    {"max_files", &Limits::max_files},
    {"max_snapshot_bytes", &Limits::max_snapshot_bytes},
    {"max_versions", &Limits::max_versions},
    {"max_input_errors", &Limits::max_input_errors},
};

/// Sets the limit `name` of `limits` from `values[name]`, checked against its type's range.
void set_limit(Limits& limits, const Json& values, const std::string& name) {
    for (const LimitField& field : limit_fields) {
        if (field.name == name) {
            if (field.wide != nullptr) {
                limits.*field.wide = limit_field<std::uint64_t>(values, name);
            } else {
                limits.*field.narrow = limit_field<std::uint32_t>(values, name);
            }
            return;
        }
    }
    std::string known;
    for (const LimitField& field : limit_fields) {
        known += (known.empty() ? "" : ", ") + std::string(field.name);
    }
    bad_field("limits." + name, "unknown limit (the limits are " + known + ")");
}

/// A document field (facts, answers, shared): a JSON object, handed on as the text the request
/// wrote it with (`text` is the request's), named after the field so that its problems are
/// located there, at the line and column within the value as written. The reader reads it as it
/// reads a facts or answers file of the command line: the same limits (max_file_bytes on the
/// bytes sent, max_depth, max_input_errors in the order written) and the same messages.
SourceFile document_field(const Json& body, std::string_view text, std::string_view key) {
    if (!body.at(std::string(key)).is_object()) {
        bad_field(key, "expected an object");
    }
    const std::optional<std::string_view> written = detail::member_text(text, key);
    if (!written) {  // the tree has it: never read as no document
        throw std::logic_error("the request's text has no member '" + std::string(key) + "'");
    }
    return SourceFile{"request." + std::string(key), std::string(*written)};
}

}  // namespace

Request request_from_json(std::string_view json, const Limits& limits) {
    Json body = detail::parse_request_json(json, "request");
    const detail::DismantleOnExit<Json> guard(body);  // freed without a stack, however it ends
    return detail::request_from_json_tree(body, json, limits);
}

Request detail::request_from_json_tree(const Json& body, std::string_view text,
                                       const Limits& limits) {
    if (!body.is_object()) {
        throw InputError("bad-request", "the request must be a JSON object",
                         Location{"request", 0, 0});
    }
    for (const auto& [key, value] : body.items()) {
        bool known = false;
        for (std::string_view name : request_keys) {
            known = known || key == name;
        }
        if (!known) {
            std::string list;
            for (std::string_view name : request_keys) {
                list += (list.empty() ? "" : ", ") + std::string(name);
            }
            bad_field(key, "unknown key (the keys are " + list + ")");
        }
    }
    Request request;
    request.limits = limits;
    request.format = "json";
    if (!body.contains("command")) {
        bad_field("command",
                  "missing; one of plan, guide, form, dispatch, list, lint, test, "
                  "report, schema, whatif, export");
    }
    const std::string command = string_field(body, "command");
    const auto operation = parse_operation(command);
    if (!operation) {
        bad_field("command", "unknown command " + detail::quoted_input(command) +
                                 "; one of plan, guide, form, dispatch, list, lint, test, "
                                 "report, schema, whatif, export");
    }
    request.operation = *operation;
    if (request.operation == Operation::export_catalog) {
        request.format = "";  // no JSON of its own: the export's default (cpsv-ap)
    }
    if (body.contains("bundle")) {
        request.bundle = string_field(body, "bundle");
        request.bundle_field = "request.bundle";
    }
    // In the order of document_members.
    const std::array<std::optional<SourceFile>*, document_members.size()> documents{
        &request.facts_file, &request.answers, &request.shared};
    for (std::size_t member = 0; member < document_members.size(); ++member) {
        const std::string key(document_members[member]);
        if (body.contains(key) && !body.at(key).is_null()) {
            *documents[member] = document_field(body, text, key);
        }
    }
    if (body.contains("by")) {
        const std::string by = string_field(body, "by");
        const auto grouping = parse_dispatch_grouping(by);
        if (!grouping) {
            std::string known;
            for (DispatchGrouping each : all_dispatch_groupings) {
                known += (known.empty() ? "" : ", ") + std::string(to_string(each));
            }
            bad_field("by", "unknown grouping " + detail::quoted_input(by) + "; one of " + known);
        }
        request.by = *grouping;
    }
    if (body.contains("lang")) {
        request.lang = string_field(body, "lang");
    }
    if (body.contains("overlays")) {
        bad_field("overlays",
                  "overlays apply to a catalog, not to one request: name them where the catalog "
                  "is loaded (the load request's \"overlays\", onething serve --overlay)");
    }
    if (body.contains("format")) {
        // Named exactly: "" is no format (the command line refuses --format '' too).
        request.format = string_field(body, "format");
        const auto formats = output_formats(request.operation);
        if (std::find(formats.begin(), formats.end(), request.format) == formats.end()) {
            detail::throw_unknown_format(request.operation, request.format, "format");
        }
    }
    if (body.contains("as_of")) {
        const std::string day = string_field(body, "as_of");
        request.as_of = Date::parse(day);
        if (!request.as_of) {
            bad_field("as_of", "expected a date written YYYY-MM-DD (e.g. 2020-07-01), not " +
                                   detail::quoted_input(day) + Date::missing_day(day));
        }
    }
    if (body.contains("max_search_nodes")) {
        request.search.max_search_nodes = bound_field(body, "max_search_nodes");
    }
    if (body.contains("max_search_work")) {
        request.search.max_search_work = bound_field(body, "max_search_work");
    }
    if (body.contains("all_cases")) {
        if (!body.at("all_cases").is_boolean()) {
            bad_field("all_cases", "expected true or false");
        }
        request.all_cases = body.at("all_cases").get<bool>();
    }
    if (body.contains("coverage")) {
        if (!body.at("coverage").is_boolean()) {
            bad_field("coverage", "expected true or false");
        }
        request.coverage = body.at("coverage").get<bool>();
    }
    if (body.contains("min_coverage")) {
        const Json& value = body.at("min_coverage");
        if (!value.is_number() || value.get<double>() < 0 || value.get<double>() > 100) {
            bad_field("min_coverage", "expected a number from 0 to 100 (a percentage)");
        }
        request.min_coverage = value.get<double>();
    }
    if (body.contains("max_warnings")) {
        const std::optional<std::uint64_t> value = whole_number(body.at("max_warnings"));
        if (!value) {
            bad_field("max_warnings",
                      "expected an integer from 0 to 18446744073709551615 (warnings allowed)");
        }
        request.max_warnings = static_cast<std::size_t>(*value);
    }
    if (body.contains("top")) {
        const std::optional<std::uint64_t> value = whole_number(body.at("top"));
        if (!value || *value < 1 || *value > 1'000'000) {
            bad_field("top", "expected an integer from 1 to 1000000 (changes to list and combine)");
        }
        request.top = static_cast<std::size_t>(*value);
    }
    const bool needs_bundle =
        request.operation == Operation::plan || request.operation == Operation::guide ||
        request.operation == Operation::form || request.operation == Operation::dispatch;
    if (needs_bundle && request.bundle.empty()) {
        bad_field("bundle", std::string(body.contains("bundle") ? "empty" : "missing") + "; " +
                                to_string(request.operation) + " needs the id of a bundle");
    }
    if (request.operation == Operation::dispatch && !request.answers) {
        bad_field("answers",
                  std::string(body.contains("answers") ? "null, which is no answers" : "missing") +
                      "; dispatch needs the answers to the merged form (an object)");
    }
    return request;
}

namespace {

/// The strings of a load request's array `key` ("paths", "overlays").
std::vector<std::string> read_path_list(const std::string& key, const Json& value) {
    if (!value.is_array()) {
        bad_field(key, "expected an array of strings");
    }
    std::vector<std::string> paths;
    for (const Json& path : value) {
        if (!path.is_string()) {
            bad_field(key, "expected an array of strings");
        }
        paths.push_back(path.get<std::string>());
    }
    return paths;
}

/// The in-memory files of a load request's array `key` ("sources", "overlay_sources").
std::vector<SourceFile> read_source_list(const std::string& key, const Json& value) {
    if (!value.is_array()) {
        bad_field(key, "expected an array of {\"name\", \"content\"} objects");
    }
    std::vector<SourceFile> sources;
    for (const Json& source : value) {
        if (!source.is_object() || source.size() != 2 || !source.contains("name") ||
            !source.contains("content") || !source.at("name").is_string() ||
            !source.at("content").is_string()) {
            bad_field(key, "expected an array of {\"name\", \"content\"} objects");
        }
        sources.push_back(
            {source.at("name").get<std::string>(), source.at("content").get<std::string>()});
    }
    return sources;
}

}  // namespace

LoadRequest load_request_from_json(std::string_view json) {
    Json body = detail::parse_request_json(json, "load request");
    const detail::DismantleOnExit<Json> guard(body);  // freed without a stack, however it ends
    if (!body.is_object()) {
        throw InputError("bad-request", "the load request must be a JSON object",
                         Location{"request", 0, 0});
    }
    LoadRequest request;
    for (const auto& [key, value] : body.items()) {
        if (key == "paths") {
            request.paths = read_path_list(key, value);
        } else if (key == "sources") {
            request.sources = read_source_list(key, value);
        } else if (key == "overlays") {
            request.overlays = read_path_list(key, value);
        } else if (key == "overlay_sources") {
            request.overlay_sources = read_source_list(key, value);
        } else if (key == "limits") {
            if (!value.is_object()) {
                bad_field(key, "expected an object");
            }
            for (const auto& [name, ignored] : value.items()) {
                set_limit(request.limits, value, name);
            }
        } else {
            bad_field(
                key,
                "unknown key (the keys are paths, sources, overlays, overlay_sources, limits)");
        }
    }
    return request;
}

LoadResult load(const LoadRequest& request) {
    auto refuse = [](const char* message) {
        throw InputError("bad-request", message, Location{"request", 0, 0});
    };
    if (request.paths.empty() && request.sources.empty()) {
        refuse(
            "no rule file to load: name rule files and folders in paths, or give rule files in "
            "memory in sources (an empty list names none)");
    }
    if (!request.paths.empty() && !request.sources.empty()) {
        refuse("name rule paths or in-memory sources to load, not both");
    }
    if (!request.paths.empty()) {
        if (!request.overlay_sources.empty()) {
            refuse(
                "in-memory overlays go with in-memory sources; with rule paths, name the "
                "overlay files in overlays");
        }
        return load_catalog(request.paths, request.overlays, request.limits);
    }
    if (!request.overlays.empty()) {
        refuse(
            "overlay files go with rule paths; with in-memory sources, give the overlays in "
            "overlay_sources");
    }
    return load_catalog_from_sources(request.sources, request.overlay_sources, request.limits);
}

}  // namespace onething
