// The reach of each bundle (the items it could ever plan) and its reverse index, by a walk from
// each bundle's goals over prerequisites and producers.
#include "whatif/reach.hpp"

#include <algorithm>

namespace onething::detail {
namespace {

/// Adds `bundle` to the bundles of `id` (bundles are added in order: once each).
void add_bundle(std::unordered_map<std::string_view, std::vector<std::uint32_t>>& bundles_by_id,
                std::string_view id, std::uint32_t bundle) {
    std::vector<std::uint32_t>& bundles = bundles_by_id[id];
    if (bundles.empty() || bundles.back() != bundle) {
        bundles.push_back(bundle);
    }
}

/// Sorts `positions` and drops repeats.
void sort_unique(std::vector<std::uint32_t>& positions) {
    std::sort(positions.begin(), positions.end());
    positions.erase(std::unique(positions.begin(), positions.end()), positions.end());
}

}  // namespace

Reach::Reach(const Catalog& catalog) : catalog_(catalog) {
    const auto items = catalog.items();
    const auto position = [&items](const Item& item) {
        return static_cast<std::uint32_t>(&item - items.data());
    };
    // The producers of each material and field, by id.
    std::unordered_map<std::string_view, std::vector<std::uint32_t>> material_producers;
    std::unordered_map<std::string_view, std::vector<std::uint32_t>> field_producers;
    for (const Item& item : items) {
        for (const Ref& material : item.produces_materials) {
            material_producers[material.id].push_back(position(item));
        }
        for (const Ref& field : item.produces_fields) {
            field_producers[field.id].push_back(position(item));
        }
    }
    const auto add_producers = [](const auto& producers, std::string_view id,
                                  std::vector<std::uint32_t>& next) {
        if (auto found = producers.find(id); found != producers.end()) {
            next.insert(next.end(), found->second.begin(), found->second.end());
        }
    };
    const auto bundles = catalog.bundles();
    parts_.resize(bundles.size());
    // The bundle that last reached each item: marks without clearing between bundles.
    std::vector<std::uint32_t> reached_by(items.size(), UINT32_MAX);
    std::vector<std::uint32_t> next;
    for (std::uint32_t bundle = 0; bundle < bundles.size(); ++bundle) {
        const auto push_item = [&](const std::string& id) {
            if (const Item* item = catalog.find_item(id)) {
                next.push_back(position(*item));
            }
        };
        for (const Ref& goal : bundles[bundle].goals) {
            push_item(goal.id);
        }
        for (const Ref& deferred : bundles[bundle].defer) {
            push_item(deferred.id);
        }
        Part& part = parts_[bundle];
        const auto add_material = [&](const std::string& id) {
            if (const Material* material = catalog.find_material(id)) {
                part.materials.push_back(
                    static_cast<std::uint32_t>(material - catalog.materials().data()));
            }
        };
        const auto add_field = [&](const std::string& id) {
            if (const Field* field = catalog.find_field(id)) {
                part.fields.push_back(static_cast<std::uint32_t>(field - catalog.fields().data()));
            }
        };
        while (!next.empty()) {
            const std::uint32_t at = next.back();
            next.pop_back();
            if (reached_by[at] == bundle) {
                continue;
            }
            reached_by[at] = bundle;
            part.items.push_back(at);
            const Item& item = items[at];
            add_bundle(by_item_, item.id, bundle);
            for (const ItemNeed& need : item.needs_items) {
                push_item(need.item.id);
            }
            for (const MaterialNeed& need : item.needs_materials) {
                for (const Ref& alternative : need.alternatives) {
                    add_bundle(by_material_, alternative.id, bundle);
                    add_material(alternative.id);
                    add_producers(material_producers, alternative.id, next);
                }
            }
            for (const FieldNeed& need : item.needs_fields) {
                add_bundle(by_field_, need.field.id, bundle);
                add_field(need.field.id);
                add_producers(field_producers, need.field.id, next);
            }
            for (const Ref& material : item.produces_materials) {
                add_material(material.id);
            }
            for (const Ref& field : item.produces_fields) {
                add_field(field.id);
            }
        }
        sort_unique(part.items);
        sort_unique(part.materials);
        sort_unique(part.fields);
    }
}

std::set<std::string> Reach::touched_bundles(const Change& change) const {
    std::set<std::string> touched;
    const BundlesById& index = change.kind == ChangeKind::e_license ? by_material_
                               : change.kind == ChangeKind::shared  ? by_field_
                                                                    : by_item_;
    if (auto found = index.find(change.target); found != index.end()) {
        for (const std::uint32_t bundle : found->second) {
            touched.insert(catalog_.bundles()[bundle].id);
        }
    }
    return touched;
}

Reach::Part Reach::part_of(const std::set<std::string>& bundle_ids) const {
    Part merged;
    for (const std::string& id : bundle_ids) {
        if (const Bundle* bundle = catalog_.find_bundle(id)) {
            const Part& part = parts_[static_cast<std::size_t>(bundle - catalog_.bundles().data())];
            merged.items.insert(merged.items.end(), part.items.begin(), part.items.end());
            merged.materials.insert(merged.materials.end(), part.materials.begin(),
                                    part.materials.end());
            merged.fields.insert(merged.fields.end(), part.fields.begin(), part.fields.end());
        }
    }
    if (bundle_ids.size() > 1) {
        sort_unique(merged.items);
        sort_unique(merged.materials);
        sort_unique(merged.fields);
    }
    return merged;
}

}  // namespace onething::detail
