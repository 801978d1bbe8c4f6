// The catalog as CPSV-AP 3 JSON-LD (docs/cpsv-ap.md): one node per item, material, department,
// channel, cost and bundle, sorted by IRI, the context inline so no reader goes to the network.
#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "cpsv/cpsv_ap_terms.hpp"
#include "onething/cpsv_ap.hpp"

namespace onething {
namespace {

using Json = nlohmann::ordered_json;

/// `{"@id": iri}`: a reference to another node.
Json reference(const std::string& iri) {
    return Json{{"@id", iri}};
}

/// A text as JSON-LD: a plain string when untagged, else one language-tagged value per tag
/// (tags sorted).
Json text_json(const Text& text) {
    Json values = Json::array();
    for (const auto& [tag, value] : text.translations) {
        if (tag.empty()) {
            values.push_back(value);
        } else {
            values.push_back(Json{{"@language", tag}, {"@value", value}});
        }
    }
    return values;
}

/// Working days as an xsd:duration: whole days, the rest in whole seconds (`P5D`, `P0DT43200S`).
std::string duration_text(double days) {
    const double whole = std::floor(days);
    const auto seconds = static_cast<long long>(std::llround((days - whole) * 86400.0));
    std::string text = "P" + std::to_string(static_cast<long long>(whole)) + "D";
    if (seconds > 0) {
        text += "T" + std::to_string(seconds) + "S";
    }
    return text;
}

/// The material ids an item needs, every `any_of` alternative included, first mention first.
std::vector<std::string> input_ids(const Item& item) {
    std::vector<std::string> ids;
    for (const MaterialNeed& need : item.needs_materials) {
        for (const Ref& alternative : need.alternatives) {
            if (std::find(ids.begin(), ids.end(), alternative.id) == ids.end()) {
                ids.push_back(alternative.id);
            }
        }
    }
    return ids;
}

/// The service node of an item; `groups` are the bundles having it as a goal.
Json service_node(const Item& item, const std::set<std::string>& groups) {
    Json node{{"@id", cpsv_iri::item + item.id},
              {"@type", "cpsv:PublicService"},
              {"dct:identifier", item.id},
              {"dct:title", text_json(item.name)},
              {"dct:type", reference(cpsv_iri::item_type + to_string(item.type))}};
    if (!item.department.empty()) {  // optional in the rule format: no authority then
        node["cv:hasCompetentAuthority"] = reference(cpsv_iri::organisation + item.department);
    }
    Json channels = Json::array();
    for (Channel channel : item.channels) {
        channels.push_back(reference(cpsv_iri::channel + to_string(channel)));
    }
    node["cv:hasChannel"] = channels;
    node["cv:processingTime"] =
        Json{{"@type", "xsd:duration"}, {"@value", duration_text(item.duration_days)}};
    if (!item.needs_items.empty()) {
        Json prerequisites = Json::array();
        for (const ItemNeed& need : item.needs_items) {
            prerequisites.push_back(reference(cpsv_iri::item + need.item.id));
        }
        node["dct:requires"] = prerequisites;
    }
    if (const auto inputs = input_ids(item); !inputs.empty()) {
        Json list = Json::array();
        for (const std::string& id : inputs) {
            list.push_back(reference(cpsv_iri::material + id));
        }
        node["cpsv:hasInput"] = list;
    }
    if (!item.produces_materials.empty()) {
        Json list = Json::array();
        for (const Ref& output : item.produces_materials) {
            list.push_back(reference(cpsv_iri::material + output.id));
        }
        node["cpsv:produces"] = list;
    }
    if (item.payee) {
        node["cv:hasCost"] = Json::array({reference(cpsv_iri::cost + item.id)});
    }
    if (!groups.empty()) {
        Json list = Json::array();
        for (const std::string& bundle : groups) {
            list.push_back(reference(cpsv_iri::bundle + bundle));
        }
        node["cv:isGroupedBy"] = list;
    }
    return node;
}

/// The `@context`: the prefixes of every term written, nothing fetched.
Json context() {
    return Json{{"cpsv", "http://purl.org/vocab/cpsv#"},
                {"cv", "http://data.europa.eu/m8g/"},
                {"dct", "http://purl.org/dc/terms/"},
                {"skos", "http://www.w3.org/2004/02/skos/core#"},
                {"xsd", "http://www.w3.org/2001/XMLSchema#"}};
}

}  // namespace

std::string catalog_to_cpsv_ap(const Catalog& catalog) {
    std::map<std::string, Json> nodes;                    // by IRI, so the graph is sorted
    std::map<std::string, std::set<std::string>> groups;  // item → bundles having it as a goal
    std::set<std::string> needed;
    std::set<std::string> produced;
    std::set<std::string> organisations;
    std::set<Channel> channels;
    for (const Bundle& bundle : catalog.bundles()) {
        for (const Ref& goal : bundle.goals) {
            groups[goal.id].insert(bundle.id);
        }
        nodes[cpsv_iri::bundle + bundle.id] = Json{{"@id", cpsv_iri::bundle + bundle.id},
                                                   {"@type", "cv:LifeEvent"},
                                                   {"dct:identifier", bundle.id},
                                                   {"dct:title", text_json(bundle.name)}};
    }
    for (const Item& item : catalog.items()) {
        nodes[cpsv_iri::item + item.id] = service_node(item, groups[item.id]);
        if (!item.department.empty()) {
            organisations.insert(item.department);
        }
        channels.insert(item.channels.begin(), item.channels.end());
        for (const std::string& id : input_ids(item)) {
            needed.insert(id);
        }
        for (const Ref& output : item.produces_materials) {
            produced.insert(output.id);
        }
        if (item.payee) {
            organisations.insert(*item.payee);
            nodes[cpsv_iri::cost + item.id] =
                Json{{"@id", cpsv_iri::cost + item.id},
                     {"@type", "cv:Cost"},
                     {"dct:identifier", item.id},
                     {"cv:isDefinedBy", reference(cpsv_iri::organisation + *item.payee)}};
        }
    }
    for (const Material& material : catalog.materials()) {
        const bool output = produced.count(material.id) > 0;
        const bool evidence = needed.count(material.id) > 0 || !output;
        Json types = Json::array();
        if (evidence) {
            types.push_back("cv:Evidence");
        }
        if (output) {
            types.push_back("cv:Output");
        }
        nodes[cpsv_iri::material + material.id] = Json{{"@id", cpsv_iri::material + material.id},
                                                       {"@type", types},
                                                       {"dct:identifier", material.id},
                                                       {"dct:title", text_json(material.name)}};
    }
    for (const std::string& id : organisations) {
        nodes[cpsv_iri::organisation + id] = Json{{"@id", cpsv_iri::organisation + id},
                                                  {"@type", "cv:PublicOrganisation"},
                                                  {"dct:identifier", id},
                                                  {"skos:prefLabel", id}};
    }
    for (Channel channel : channels) {
        const std::string id = to_string(channel);
        nodes[cpsv_iri::channel + id] =
            Json{{"@id", cpsv_iri::channel + id}, {"@type", "cv:Channel"}, {"dct:identifier", id}};
    }
    Json graph = Json::array();
    for (auto& [iri, node] : nodes) {
        graph.push_back(std::move(node));
    }
    const Json document{{"@context", context()}, {"@graph", graph}};
    return document.dump(2) + "\n";
}

}  // namespace onething
