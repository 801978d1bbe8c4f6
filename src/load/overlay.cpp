// Overlays merged into the rule files' definitions before they are read.
#include "load/overlay.hpp"

#include <algorithm>
#include <stdexcept>
#include <string_view>

#include "load/node_reader.hpp"
#include "model/id_syntax.hpp"

namespace onething::detail {
namespace {

/// The sections whose definitions an overlay can change or add.
constexpr std::string_view definition_sections[] = {"facts", "fields", "materials", "items",
                                                    "bundles"};

/// True when `name` is one of definition_sections.
bool is_definition_section(std::string_view name) {
    return std::find(std::begin(definition_sections), std::end(definition_sections), name) !=
           std::end(definition_sections);
}

/// Calls `visit(name, section)` for each definition section of `document` written as a mapping
/// (anything else is reported when the file is read).
template <typename Visit>
void for_each_section(const YamlDocument& document, Visit visit) {
    const YamlNode& root = document.at(document.root);
    if (root.kind != YamlKind::mapping) {
        return;
    }
    for (std::size_t i = 0; i + 1 < root.children.size(); i += 2) {
        const YamlNode& key = document.at(root.children[i]);
        const std::uint32_t section = root.children[i + 1];
        if (key.kind == YamlKind::scalar && is_definition_section(key.value) &&
            document.at(section).kind == YamlKind::mapping) {
            visit(key.value, section);
        }
    }
}

/// Copies the subtree at `index` of `from` to the end of `into`, its nodes marked as coming from
/// origin `origin`; returns the copy's index.
std::uint32_t copy_subtree(YamlDocument& into, const YamlDocument& from, std::uint32_t index,
                           std::uint8_t origin) {
    const auto copy = static_cast<std::uint32_t>(into.nodes.size());
    into.nodes.push_back(from.at(index));
    into.nodes[copy].origin = origin;
    const std::vector<std::uint32_t>& children = from.at(index).children;
    for (std::size_t i = 0; i < children.size(); ++i) {
        const std::uint32_t child = copy_subtree(into, from, children[i], origin);
        into.nodes[copy].children[i] = child;
    }
    return copy;
}

/// The origin number of `from` in `document`, added when new.
std::uint8_t origin_of(YamlDocument& document, const YamlDocument& from) {
    for (std::size_t i = 0; i < document.origins.size(); ++i) {
        if (document.origins[i].source.data() == from.source.data()) {
            return static_cast<std::uint8_t>(i + 1);
        }
    }
    if (document.origins.size() >= max_yaml_origins) {
        throw std::logic_error("more overlays than a document can take (checked when loading)");
    }
    document.origins.push_back({from.file, from.source});
    return static_cast<std::uint8_t>(document.origins.size());
}

/// Makes `entries` the children of `mapping`, as key/value pairs.
void rebuild_mapping(YamlNode& mapping, const Entries& entries) {
    mapping.children.clear();
    for (const auto& [key, value] : entries) {
        mapping.children.push_back(key);
        mapping.children.push_back(value);
    }
}

}  // namespace

OverlaySet::OverlaySet(std::vector<YamlDocument> overlays, std::vector<Diagnostic>& diagnostics)
    : overlays_(std::move(overlays)) {
    for (std::size_t k = 0; k < overlays_.size(); ++k) {
        YamlDocument& document = overlays_[k];
        NodeReader reader(document, diagnostics);
        YamlNode& root = document.nodes[document.root];
        if (root.kind != YamlKind::mapping) {
            continue;  // reported when the overlay is read
        }
        // The same wording as when a rule file is read (read_file.cpp, for_each_definition), so
        // the overlay reads the same; the keys left out are not reported again then.
        rebuild_mapping(root, reader.entries(root, "the rule file"));
        std::vector<std::pair<std::string, std::uint32_t>> sections;
        for_each_section(document, [&](const std::string& name, std::uint32_t section) {
            sections.emplace_back(name, section);
        });
        for (const auto& [name, section] : sections) {
            const Entries entries = reader.entries(document.at(section), name);
            rebuild_mapping(document.nodes[section], entries);
            for (const auto& [key, body] : entries) {
                const YamlNode& id = document.at(key);
                if (is_valid_id(id.value) && document.at(body).kind == YamlKind::mapping) {
                    sites_[{name, id.value}].push_back({k, key, body});
                }
            }
        }
    }
}

void OverlaySet::merge_site(YamlDocument& document, std::uint32_t body, const Site& site) const {
    const YamlDocument& overlay = overlays_[site.overlay];
    const std::uint8_t origin = origin_of(document, overlay);
    const std::size_t first_added = document.nodes.size();
    const std::vector<std::uint32_t> pairs = overlay.at(site.body).children;
    for (std::size_t i = 0; i + 1 < pairs.size(); i += 2) {
        const YamlNode& name = overlay.at(pairs[i]);
        const std::uint32_t key = copy_subtree(document, overlay, pairs[i], origin);
        const std::uint32_t value = copy_subtree(document, overlay, pairs[i + 1], origin);
        std::vector<std::uint32_t>& children = document.nodes[body].children;
        // A key this overlay already gave (a duplicate) is added again, so reading reports it.
        auto replaced = children.end();
        for (auto it = children.begin(); name.kind == YamlKind::scalar && it + 1 < children.end();
             it += 2) {
            const YamlNode& existing = document.at(*it);
            if (*it < first_added && existing.kind == YamlKind::scalar &&
                existing.value == name.value) {
                replaced = it;
                break;
            }
        }
        if (replaced == children.end()) {
            children.push_back(key);
            children.push_back(value);
        } else {
            *replaced = key;
            *(replaced + 1) = value;
        }
    }
}

std::optional<YamlDocument> OverlaySet::merge_into(const YamlDocument& base) {
    std::optional<YamlDocument> merged;
    for_each_section(base, [&](const std::string& name, std::uint32_t section) {
        const std::vector<std::uint32_t>& pairs = base.at(section).children;
        for (std::size_t i = 0; i + 1 < pairs.size(); i += 2) {
            const YamlNode& key = base.at(pairs[i]);
            const auto found = sites_.find({name, key.value});
            if (key.kind != YamlKind::scalar || found == sites_.end()) {
                continue;
            }
            in_catalog_.insert(found->first);
            if (base.at(pairs[i + 1]).kind != YamlKind::mapping) {
                continue;  // reported when the rule file is read
            }
            if (!merged) {
                merged = base;
            }
            for (const Site& site : found->second) {
                merge_site(*merged, pairs[i + 1], site);
            }
        }
    });
    return merged;
}

std::vector<YamlDocument> OverlaySet::remainders() const {
    std::vector<YamlDocument> result;
    result.reserve(overlays_.size());
    for (std::size_t k = 0; k < overlays_.size(); ++k) {
        YamlDocument& document = result.emplace_back(overlays_[k]);
        std::vector<std::pair<std::string, std::uint32_t>> sections;
        for_each_section(document, [&](const std::string& name, std::uint32_t section) {
            sections.emplace_back(name, section);
        });
        for (const auto& [name, section] : sections) {
            Entries kept;
            const std::vector<std::uint32_t> pairs = document.at(section).children;
            for (std::size_t i = 0; i + 1 < pairs.size(); i += 2) {
                const auto found = sites_.find({name, document.at(pairs[i]).value});
                const bool registered =
                    found != sites_.end() &&
                    std::any_of(found->second.begin(), found->second.end(),
                                [&](const Site& s) { return s.overlay == k && s.key == pairs[i]; });
                if (!registered) {
                    kept.emplace_back(pairs[i], pairs[i + 1]);  // read (and reported) as written
                    continue;
                }
                const Site& first = found->second.front();
                if (in_catalog_.count(found->first) != 0 || first.overlay != k ||
                    first.key != pairs[i]) {
                    continue;  // merged into the catalog's definitions or an earlier overlay's
                }
                for (std::size_t s = 1; s < found->second.size(); ++s) {
                    merge_site(document, pairs[i + 1], found->second[s]);
                }
                kept.emplace_back(pairs[i], pairs[i + 1]);
            }
            rebuild_mapping(document.nodes[section], kept);
        }
    }
    return result;
}

}  // namespace onething::detail
