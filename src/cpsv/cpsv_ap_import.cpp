// Rule-file skeletons from CPSV-AP 3 JSON-LD (docs/cpsv-ap.md): the document is read in the
// shape the export writes; every node is checked and what is not understood is refused with
// the JSON pointer of the offending value. The JSON under its limits is read by
// cpsv_ap_json.cpp, the skeleton's lines and their sources kept by cpsv_ap_skeleton.cpp, and
// the skeleton loaded before it is written by cpsv_ap_reload.cpp.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "cpsv/cpsv_ap_json.hpp"
#include "cpsv/cpsv_ap_reload.hpp"
#include "cpsv/cpsv_ap_skeleton.hpp"
#include "cpsv/cpsv_ap_terms.hpp"
#include "model/id_syntax.hpp"
#include "model/input_excerpt.hpp"
#include "model/item_bounds.hpp"
#include "onething/cpsv_ap.hpp"
#include "onething/error.hpp"
#include "onething/load.hpp"
#include "write/json_teardown.hpp"
#include "yaml/yaml_tree.hpp"

namespace onething {
namespace {

using Json = nlohmann::json;
using Pointer = nlohmann::json::json_pointer;

/// The working days of an xsd:duration without years or months (`P5D`, `P1W`, `P1DT12H`):
/// `P`, then `nW`, `nD`, then `T` and `nH`, `nM`, `nS`, each optional and in that order, at
/// least one given and none after a bare `T`; nullopt when `text` is not one, infinity when its
/// days are past what a double holds.
std::optional<double> working_days(std::string_view text) {
    if (text.size() < 2 || text[0] != 'P' || text.back() == 'T') {
        return std::nullopt;
    }
    // Each designator with its days, in the order it may appear; `T` starts the time part.
    constexpr std::pair<char, double> date_part[] = {{'W', 7.0}, {'D', 1.0}};
    constexpr std::pair<char, double> time_part[] = {
        {'H', 1.0 / 24}, {'M', 1.0 / 1440}, {'S', 1.0 / 86400}};
    std::size_t at = 1;
    double days = 0;
    const auto read_parts = [&](std::span<const std::pair<char, double>> parts) {
        std::size_t next = 0;  // the first designator still allowed
        while (at < text.size() && text[at] >= '0' && text[at] <= '9') {
            std::size_t digits_end = at;
            while (digits_end < text.size() && text[digits_end] >= '0' && text[digits_end] <= '9') {
                ++digits_end;
            }
            double number = 0;  // digits only: no sign, no fraction
            const auto [end, error] = std::from_chars(text.data() + at, text.data() + digits_end,
                                                      number, std::chars_format::fixed);
            if (error == std::errc::result_out_of_range) {
                number = std::numeric_limits<double>::infinity();
            } else if (error != std::errc()) {
                return false;
            }
            at = digits_end;
            while (next < parts.size() && (at >= text.size() || text[at] != parts[next].first)) {
                ++next;
            }
            if (next == parts.size()) {
                return false;
            }
            days += number * parts[next++].second;
            ++at;
        }
        return true;
    };
    if (!read_parts(date_part)) {
        return std::nullopt;
    }
    if (at < text.size() && text[at] == 'T') {
        ++at;
        if (!read_parts(time_part)) {
            return std::nullopt;
        }
    }
    if (at != text.size()) {
        return std::nullopt;
    }
    return std::isfinite(days) ? days : std::numeric_limits<double>::infinity();
}

/// The channels a rule file knows, in the order messages list them.
constexpr std::string_view channel_names[] = {"online", "mobile", "window", "self_service", "post"};

/// True when `id` is one of channel_names.
bool is_channel(std::string_view id) {
    return std::find(std::begin(channel_names), std::end(channel_names), id) !=
           std::end(channel_names);
}

/// The message for a channel that is none of channel_names.
std::string unknown_channel(const std::string& id) {
    std::string known;
    for (const std::string_view name : channel_names) {
        known += (known.empty() ? "" : ", ") + std::string(name);
    }
    return "unknown channel '" + id + "' (" + known + ")";
}

/// A service as the document says it.
struct Service {
    std::string id;
    std::string name;  // YAML text
    std::string type;
    std::string department;
    std::vector<std::string> channels;
    std::string duration;  // YAML number
    std::vector<std::string> prerequisites;
    std::vector<std::string> inputs;
    std::vector<std::string> outputs;
    std::vector<std::string> costs;   // cost IRIs
    std::vector<std::string> groups;  // bundle IRIs
    Pointer at;                       // where the node is
    const Json* node = nullptr;       // the node

    /// Where the `index`th reference of `key` is written.
    Pointer reference_at(const std::string& key, std::size_t index) const {
        return node->at(key).is_array() ? at / key / index : at / key;
    }
};

/// Reads one document, throwing located errors.
class Reader {
  public:
    explicit Reader(const SourceFile& file) : file_(file) {}

    /// The error "cpsv-ap" naming the file and the JSON pointer `at` ("": the document).
    Diagnostic error_at(const std::string& at, const std::string& message) const {
        Diagnostic error;
        error.code = "cpsv-ap";
        error.message = (at.empty() ? "the document" : at) + ": " + message;
        error.location = Location{file_.name, 0, 0};
        return error;
    }

    /// Throws InputError "cpsv-ap" naming the file and the JSON pointer.
    [[noreturn]] void fail(const Pointer& at, const std::string& message) const {
        throw InputError(std::vector<Diagnostic>{error_at(at.to_string(), message)});
    }

    /// The value at `key` of `node` (at `at`), or fails saying it is missing.
    const Json& member(const Json& node, const Pointer& at, const std::string& key) const {
        if (!node.contains(key)) {
            fail(at, "missing \"" + key +
                         "\", which 'onething export --format cpsv-ap' writes "
                         "here; add it");
        }
        return node.at(key);
    }

    /// A string, or fails.
    std::string string_at(const Json& value, const Pointer& at) const {
        if (!value.is_string()) {
            fail(at, "expected a string, found " + std::string(value.type_name()));
        }
        return value.get<std::string>();
    }

    /// A rule-format id, or fails.
    std::string id_at(const Json& value, const Pointer& at) const {
        std::string id = string_at(value, at);
        if (!detail::is_valid_id(id)) {
            fail(at, detail::quoted_input(id) +
                         " is not an onething id (lower-case letters, digits, _ . -, at most "
                         "128, first a letter or digit)");
        }
        return id;
    }

    /// The id in a reference `{"@id": "<prefix><id>"}`, or fails.
    std::string reference_id(const Json& value, const Pointer& at,
                             const std::string& prefix) const {
        if (!value.is_object() || !value.contains("@id") || value.size() != 1) {
            fail(at, "expected a node reference {\"@id\": \"" + prefix + "...\"}");
        }
        const std::string iri = string_at(value.at("@id"), at / "@id");
        if (iri.rfind(prefix, 0) != 0) {
            fail(at / "@id", "'" + iri + "' is not an IRI starting with " + prefix);
        }
        return id_at(Json(iri.substr(prefix.size())), at / "@id");
    }

    /// A list of references (one reference is read as a list of one).
    std::vector<std::string> references(const Json& value, const Pointer& at,
                                        const std::string& prefix) const {
        std::vector<std::string> ids;
        if (!value.is_array()) {
            ids.push_back(reference_id(value, at, prefix));
            return ids;
        }
        for (std::size_t index = 0; index < value.size(); ++index) {
            ids.push_back(reference_id(value[index], at / index, prefix));
        }
        return ids;
    }

    /// A text a rule file can hold: no control character, no byte order mark (the characters
    /// the rule reader refuses, written as escapes or not), or fails.
    std::string text_at(const Json& value, const Pointer& at) const {
        std::string text = string_at(value, at);
        if (const auto refused = detail::escaped_control_character(text)) {
            fail(at, "the text holds " + *refused +
                         ", which a rule file cannot hold (not even as an escape); remove it");
        }
        return text;
    }

    /// A text (a string, a language-tagged value, or a list of them) as YAML.
    std::string text_yaml(const Json& value, const Pointer& at) const {
        std::map<std::string, std::string> translations;
        std::map<std::string, Pointer> first_at;  // language → where its text is
        const auto one = [&](const Json& each, const Pointer& where) {
            std::string tag;
            std::string text;
            if (each.is_string()) {
                text = text_at(each, where);
            } else {
                if (!each.is_object() || !each.contains("@language") || !each.contains("@value") ||
                    each.size() != 2) {
                    fail(where, "expected a string or {\"@language\", \"@value\"}");
                }
                tag = string_at(each.at("@language"), where / "@language");
                if (!detail::is_language_tag(tag)) {  // as the rule reader checks a name's keys
                    // Tags ignore case (BCP 47): `EN` is written as the rule format asks, `en`.
                    auto lowered = detail::lower_case_language_tag(tag);
                    if (!lowered) {
                        fail(where / "@language",
                             detail::quoted_input(tag) +
                                 " is not a language tag (such as zh, en or zh-Hant); write the "
                                 "tag of the language the text is in");
                    }
                    tag = std::move(*lowered);
                }
                text = text_at(each.at("@value"), where / "@value");
            }
            if (const auto [first, added] = first_at.try_emplace(tag, where); !added) {
                // A rule file holds one text per language: which one was meant cannot be known.
                fail(where, (tag.empty() ? std::string("a second untagged text")
                                         : "a second text in '" + tag + "'") +
                                " (the first is " + first->second.to_string() +
                                "); a rule file holds one per language, so keep one" +
                                (tag.empty() ? " or give each its @language" : ""));
            }
            translations.emplace(tag, std::move(text));
        };
        if (value.is_array()) {
            for (std::size_t index = 0; index < value.size(); ++index) {
                one(value[index], at / index);
            }
        } else {
            one(value, at);
        }
        if (translations.empty()) {
            fail(at, "no text; give at least one name");
        }
        if (translations.size() == 1 && translations.begin()->first.empty()) {
            return Json(translations.begin()->second).dump();
        }
        if (translations.count("") > 0) {
            fail(at, "mixes an untagged string with language-tagged ones; tag every one");
        }
        std::string yaml = "{";
        for (const auto& [tag, text] : translations) {
            yaml += (yaml.size() > 1 ? ", " : "") + Json(tag).dump() + ": " + Json(text).dump();
        }
        return yaml + "}";
    }

    /// Working days from an xsd:duration without years or months (`P5D`, `P1DT12H`).
    std::string duration_yaml(const Json& value, const Pointer& at) const {
        if (!value.is_object() || !value.contains("@value")) {
            fail(at, "expected {\"@type\": \"xsd:duration\", \"@value\": \"P...D\"}");
        }
        const std::string text = string_at(value.at("@value"), at / "@value");
        const std::optional<double> days = working_days(text);
        if (!days) {
            fail(at / "@value", detail::quoted_input(text) +
                                    " is not a duration in weeks, days, hours, minutes or "
                                    "seconds (years and months are not working days), such as "
                                    "P5D or P1DT12H");
        }
        const std::string most = std::to_string(static_cast<long>(detail::max_duration_days));
        if (!std::isfinite(*days)) {
            fail(at / "@value", detail::quoted_input(text) +
                                    " is a duration past any number of days a rule file holds "
                                    "(duration_days is at most " +
                                    most + ")");
        }
        if (*days > detail::max_duration_days) {  // the loader's bound on duration_days
            fail(at / "@value", detail::quoted_input(text) + " is " + Json(*days).dump() +
                                    " days, more than duration_days holds (" +
                                    std::string(detail::duration_days_bounds) +
                                    "); give at most P" + most + "D");
        }
        if (*days == std::floor(*days) && *days < 1e15) {
            return std::to_string(static_cast<long long>(*days));  // 3, not 3.0
        }
        return Json(*days).dump();
    }

  private:
    const SourceFile& file_;
};

/// The `@type` of a node as a list of strings.
std::vector<std::string> types_of(const Reader& reader, const Json& node, const Pointer& at) {
    const Json& type = reader.member(node, at, "@type");
    std::vector<std::string> types;
    if (type.is_array()) {
        for (std::size_t index = 0; index < type.size(); ++index) {
            types.push_back(reader.string_at(type[index], at / "@type" / index));
        }
    } else {
        types.push_back(reader.string_at(type, at / "@type"));
    }
    if (types.empty()) {
        reader.fail(at / "@type", "no type");
    }
    return types;
}

/// Fails when `node` has a key outside `known`.
void check_keys(const Reader& reader, const Json& node, const Pointer& at,
                const std::vector<std::string>& known, const std::string& type) {
    for (const auto& [key, value] : node.items()) {
        if (std::find(known.begin(), known.end(), key) == known.end()) {
            std::string list;
            for (const std::string& name : known) {
                list += (list.empty() ? "" : ", ") + name;
            }
            reader.fail(at / key,
                        "'" + key + "' is not understood on a " + type + " (known: " + list + ")");
        }
    }
}

}  // namespace

CpsvApImport cpsv_ap_import(const SourceFile& document, const Limits& limits) {
    const Reader reader(document);
    Json root;
    // Freed without the JSON library's stack however this ends: memory running out while a
    // large document is read must be the out-of-memory error, not the end of the process.
    const detail::DismantleOnExit<Json> guard(root);
    const std::optional<cpsv::RepeatedKey> repeat = cpsv::read_bounded_json(document, limits, root);
    if (repeat) {
        reader.fail(repeat->object, "the key \"" + repeat->key +
                                        "\" is written twice in this object; a key may be written "
                                        "once (which value was meant cannot be known)");
    }
    if (!root.is_object()) {
        reader.fail(Pointer(), "expected a JSON-LD object with \"@context\" and \"@graph\"");
    }
    const Json& graph = reader.member(root, Pointer(), "@graph");
    if (!graph.is_array()) {
        reader.fail(Pointer("/@graph"), "expected an array of nodes");
    }
    check_keys(reader, root, Pointer(), {"@context", "@graph"}, "document");

    std::map<std::string, std::pair<std::string, std::vector<std::string>>> materials;  // types
    std::vector<std::pair<std::string, std::string>> bundles;  // id, name YAML
    std::map<std::string, std::string> material_at;            // id → its node's pointer
    std::map<std::string, std::string> bundle_at;              // id → its node's pointer
    std::map<std::string, std::string> cost_payees;            // cost id → payee
    std::vector<Service> services;
    std::vector<std::string> organisations;
    std::set<std::string> seen;  // the IRIs of the nodes read
    std::vector<std::string> channels;
    for (std::size_t index = 0; index < graph.size(); ++index) {
        const Pointer at = Pointer("/@graph") / index;
        const Json& node = graph[index];
        if (!node.is_object()) {
            reader.fail(at, "expected a node object");
        }
        const std::vector<std::string> types = types_of(reader, node, at);
        const std::string type = types.front();
        const Json& id_value = reader.member(node, at, "dct:identifier");
        const std::string id = reader.id_at(id_value, at / "dct:identifier");
        const auto check_iri = [&](const std::string& prefix) {
            const std::string iri = reader.string_at(reader.member(node, at, "@id"), at / "@id");
            if (iri != prefix + id) {
                reader.fail(at / "@id", "'" + iri + "' should be " + prefix + id +
                                            " (the IRI of its dct:identifier)");
            }
            if (!seen.insert(iri).second) {
                reader.fail(at / "@id",
                            "a second node " + iri + "; give each node once (merge the two)");
            }
        };
        if (type == "cpsv:PublicService") {
            check_keys(
                reader, node, at,
                {"@id", "@type", "dct:identifier", "dct:title", "dct:type",
                 "cv:hasCompetentAuthority", "cv:hasChannel", "cv:processingTime", "dct:requires",
                 "cpsv:hasInput", "cpsv:produces", "cv:hasCost", "cv:isGroupedBy"},
                "cpsv:PublicService");
            check_iri(cpsv_iri::item);
            Service service;
            service.id = id;
            service.at = at;
            service.node = &node;
            service.name = reader.text_yaml(reader.member(node, at, "dct:title"), at / "dct:title");
            service.type = reader.reference_id(reader.member(node, at, "dct:type"), at / "dct:type",
                                               cpsv_iri::item_type);
            static const std::vector<std::string> item_types{
                "approval", "registration", "certificate", "benefit",
                "payment",  "filing",       "service"};
            if (std::find(item_types.begin(), item_types.end(), service.type) == item_types.end()) {
                reader.fail(at / "dct:type" / "@id",
                            "unknown item type '" + service.type +
                                "' (approval, registration, certificate, benefit, payment, "
                                "filing, service)");
            }
            if (node.contains("cv:hasCompetentAuthority")) {  // optional, as `department` is
                service.department =
                    reader.reference_id(node.at("cv:hasCompetentAuthority"),
                                        at / "cv:hasCompetentAuthority", cpsv_iri::organisation);
            }
            const auto list = [&](const char* key, const std::string& prefix) {
                return node.contains(key) ? reader.references(node.at(key), at / key, prefix)
                                          : std::vector<std::string>{};
            };
            service.channels = list("cv:hasChannel", cpsv_iri::channel);
            if (node.contains("cv:processingTime")) {
                service.duration =
                    reader.duration_yaml(node.at("cv:processingTime"), at / "cv:processingTime");
            }
            service.prerequisites = list("dct:requires", cpsv_iri::item);
            service.inputs = list("cpsv:hasInput", cpsv_iri::material);
            service.outputs = list("cpsv:produces", cpsv_iri::material);
            service.costs = list("cv:hasCost", cpsv_iri::cost);
            service.groups = list("cv:isGroupedBy", cpsv_iri::bundle);
            services.push_back(std::move(service));
        } else if (type == "cv:Evidence" || type == "cv:Output") {
            check_keys(reader, node, at, {"@id", "@type", "dct:identifier", "dct:title"}, type);
            check_iri(cpsv_iri::material);
            for (std::size_t each = 0; each < types.size(); ++each) {
                if (types[each] != "cv:Evidence" && types[each] != "cv:Output") {
                    reader.fail(at / "@type" / each,
                                "a material is cv:Evidence and/or "
                                "cv:Output, not " +
                                    types[each]);
                }
            }
            material_at[id] = at.to_string();
            materials[id] = {
                reader.text_yaml(reader.member(node, at, "dct:title"), at / "dct:title"), types};
        } else if (type == "cv:LifeEvent") {
            check_keys(reader, node, at, {"@id", "@type", "dct:identifier", "dct:title"}, type);
            check_iri(cpsv_iri::bundle);
            bundle_at[id] = at.to_string();
            bundles.emplace_back(
                id, reader.text_yaml(reader.member(node, at, "dct:title"), at / "dct:title"));
        } else if (type == "cv:PublicOrganisation") {
            check_keys(reader, node, at, {"@id", "@type", "dct:identifier", "skos:prefLabel"},
                       type);
            check_iri(cpsv_iri::organisation);
            organisations.push_back(id);
        } else if (type == "cv:Channel") {
            check_keys(reader, node, at, {"@id", "@type", "dct:identifier"}, type);
            check_iri(cpsv_iri::channel);
            if (!is_channel(id)) {
                reader.fail(at / "dct:identifier", unknown_channel(id));
            }
            channels.push_back(id);
        } else if (type == "cv:Cost") {
            check_keys(reader, node, at, {"@id", "@type", "dct:identifier", "cv:isDefinedBy"},
                       type);
            check_iri(cpsv_iri::cost);
            cost_payees[id] = reader.reference_id(reader.member(node, at, "cv:isDefinedBy"),
                                                  at / "cv:isDefinedBy", cpsv_iri::organisation);
        } else {
            reader.fail(at / "@type",
                        "type '" + type +
                            "' is not understood (cpsv:PublicService, cv:Evidence, cv:Output, "
                            "cv:LifeEvent, cv:PublicOrganisation, cv:Channel, cv:Cost)");
        }
    }

    // The references between nodes, in the order the document gives them: each names a node
    // of its kind, and none is given twice where the rule file may not repeat it.
    std::set<std::string> service_ids;
    for (const Service& service : services) {
        service_ids.insert(service.id);
    }
    for (const Service& service : services) {
        // Fails at the second reference to one node in `key`, naming the first: each id's first
        // index in one hash map, so a service in many life events is read in linear time.
        const auto once = [&](const char* key, const std::vector<std::string>& ids,
                              const std::string& prefix, const std::string& why) {
            std::unordered_map<std::string_view, std::size_t> first_index;
            first_index.reserve(ids.size());
            for (std::size_t index = 0; index < ids.size(); ++index) {
                const auto [first, added] = first_index.try_emplace(ids[index], index);
                if (!added) {
                    reader.fail(service.reference_at(key, index),
                                prefix + ids[index] + " is given twice (the first is " +
                                    service.reference_at(key, first->second).to_string() + "); " +
                                    why);
                }
            }
        };
        for (std::size_t index = 0; index < service.channels.size(); ++index) {
            if (!is_channel(service.channels[index])) {
                reader.fail(service.reference_at("cv:hasChannel", index),
                            unknown_channel(service.channels[index]));
            }
        }
        once("cv:hasChannel", service.channels, cpsv_iri::channel,
             "a rule file lists each channel of an item once, so give it once");
        for (std::size_t index = 0; index < service.prerequisites.size(); ++index) {
            const std::string& needed = service.prerequisites[index];
            if (needed == service.id) {
                reader.fail(service.reference_at("dct:requires", index),
                            "the service requires itself, a dependency cycle (" + needed + " -> " +
                                needed + ") no plan can have; remove this reference");
            }
            if (service_ids.count(needed) == 0) {
                reader.fail(service.reference_at("dct:requires", index),
                            cpsv_iri::item + needed +
                                " is defined by no cpsv:PublicService node; add the node, or "
                                "remove the reference");
            }
        }
        const auto materials_defined = [&](const char* key, const std::vector<std::string>& ids,
                                           const char* node_type) {
            for (std::size_t index = 0; index < ids.size(); ++index) {
                if (materials.count(ids[index]) == 0) {
                    reader.fail(service.reference_at(key, index),
                                cpsv_iri::material + ids[index] + " is defined by no " + node_type +
                                    " node; add the node with its dct:identifier and "
                                    "dct:title, or remove the reference");
                }
            }
        };
        materials_defined("cpsv:hasInput", service.inputs, "cv:Evidence");
        materials_defined("cpsv:produces", service.outputs, "cv:Output");
        once("cv:isGroupedBy", service.groups, cpsv_iri::bundle,
             "a service is one goal of its life event, so give it once");
    }

    const std::string file_name = document.name.substr(document.name.find_last_of('/') + 1);
    cpsv::Skeleton skeleton;  // the rule file, and where each of its lines comes from
    skeleton.add("# Rule-file skeleton read from the CPSV-AP 3 document " + file_name +
                 ".\n# CPSV-AP cannot say conditions, form fields, facts, steps, visits, "
                 "in-person presence\n# or e-licences: each place is marked TODO.\n"
                 "format: 1\n");
    if (!materials.empty()) {
        skeleton.add("\nmaterials:\n");
        for (const auto& [id, material] : materials) {
            const std::string& from = material_at[id];
            skeleton.add("  " + id + ":\n", from);
            skeleton.add("    name: " + material.first + "\n", from + "/dct:title");
            skeleton.add("    # TODO: e_license (default false) and submittable (default true).\n");
        }
    }
    std::sort(services.begin(), services.end(),
              [](const Service& a, const Service& b) { return a.id < b.id; });
    std::map<std::string, std::vector<std::string>> goals;     // bundle → its services
    std::map<std::string, std::vector<std::string>> goals_at;  // bundle → their references
    std::map<std::string, Pointer> group_refs;                 // bundle → its first reference
    if (!services.empty()) {
        skeleton.add("\nitems:\n");
    }
    for (const Service& service : services) {
        const std::string from = service.at.to_string();
        // The line `key: [ids]`, each id from its reference.
        const auto list = [&](const std::string& prefix, const std::vector<std::string>& ids,
                              const char* key) {
            skeleton.add_list(prefix, ids, from + "/" + key, [&](std::size_t index) {
                return service.reference_at(key, index).to_string();
            });
        };
        skeleton.add("  " + service.id + ":\n", from);
        skeleton.add("    name: " + service.name + "\n", from + "/dct:title");
        if (!service.department.empty()) {
            skeleton.add("    department: " + service.department + "\n",
                         from + "/cv:hasCompetentAuthority");
        }
        skeleton.add("    type: " + service.type + "\n", from + "/dct:type");
        if (!service.channels.empty()) {
            list("    channels: ", service.channels, "cv:hasChannel");
        }
        if (service.duration.empty()) {
            skeleton.add("    # TODO: duration_days: no cv:processingTime was given.\n", from);
        } else {
            skeleton.add("    duration_days: " + service.duration + "\n",
                         from + "/cv:processingTime");
        }
        if (service.costs.size() > 1) {
            reader.fail(service.reference_at("cv:hasCost", 1),
                        "a second cost; a rule file has one payee per item, so keep one");
        }
        for (const std::string& cost : service.costs) {
            const auto payee = cost_payees.find(cost);
            if (payee == cost_payees.end()) {
                reader.fail(service.reference_at("cv:hasCost", 0),
                            cpsv_iri::cost + cost +
                                " is defined by no cv:Cost node; add the node with its "
                                "cv:isDefinedBy payee");
            }
            skeleton.add("    payee: " + payee->second + "\n",
                         service.reference_at("cv:hasCost", 0).to_string());
        }
        skeleton.add("    # TODO: when, steps, visits, in_person, venue, bundled_duration_days.\n");
        if (!service.prerequisites.empty() || !service.inputs.empty()) {
            skeleton.add("    needs:\n", from);
            if (!service.prerequisites.empty()) {
                list("      items: ", service.prerequisites, "dct:requires");
            }
            if (!service.inputs.empty()) {
                list("      materials: ", service.inputs, "cpsv:hasInput");
            }
        }
        skeleton.add("    # TODO: needs.fields, any_of alternatives, conditional needs.\n");
        if (!service.outputs.empty()) {
            skeleton.add("    produces:\n", from + "/cpsv:produces");
            list("      materials: ", service.outputs, "cpsv:produces");
        }
        for (std::size_t index = 0; index < service.groups.size(); ++index) {
            const Pointer reference = service.reference_at("cv:isGroupedBy", index);
            goals[service.groups[index]].push_back(service.id);
            goals_at[service.groups[index]].push_back(reference.to_string());
            group_refs.try_emplace(service.groups[index], reference);
        }
    }
    std::sort(bundles.begin(), bundles.end());
    if (!bundles.empty()) {
        skeleton.add("\nbundles:\n");
    }
    for (const auto& [group, reference] : group_refs) {
        if (bundle_at.count(group) == 0) {  // every cv:LifeEvent node is in bundle_at
            reader.fail(reference, cpsv_iri::bundle + group +
                                       " is defined by no cv:LifeEvent node; add the node with its "
                                       "dct:identifier and dct:title");
        }
    }
    for (const auto& [id, name] : bundles) {
        const std::string& from = bundle_at[id];
        const std::vector<std::string>& references = goals_at[id];
        skeleton.add("  " + id + ":\n", from);
        skeleton.add("    name: " + name + "\n", from + "/dct:title");
        skeleton.add_list("    goals: ", goals[id], from,
                          [&](std::size_t index) { return references[index]; });
        skeleton.add("    # TODO: defer, optimize, when, annual_cases.\n");
    }
    std::vector<Diagnostic> warnings = cpsv::skeleton_load_warnings(skeleton, document, limits);
    return {skeleton.text(), std::move(warnings)};
}

std::string cpsv_ap_to_rules(const SourceFile& document, const Limits& limits) {
    return cpsv_ap_import(document, limits).rules;
}

}  // namespace onething
