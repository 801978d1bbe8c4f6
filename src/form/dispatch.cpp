// dispatch: the answers to the merged form split into one payload per planned item.
#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <span>

#include "onething/error.hpp"
#include "onething/form.hpp"

namespace onething {
namespace {

using Json = nlohmann::ordered_json;

/// The plan's field uses ordered by field id (a plan made by hand need not be sorted), so
/// that each lookup is a binary search instead of a scan of every use.
class FieldUses {
  public:
    /// Indexes the uses of `plan`.
    explicit FieldUses(const Plan& plan) {
        uses_.reserve(plan.fields.size());
        for (const FieldUse& use : plan.fields) {
            uses_.push_back(&use);
        }
        std::stable_sort(uses_.begin(), uses_.end(),
                         [](const FieldUse* a, const FieldUse* b) { return a->field < b->field; });
    }

    /// How `field` reaches `item` in the plan (the first use listing it), or nullptr.
    const FieldUse* find(std::string_view field, std::string_view item) const {
        auto at = std::lower_bound(
            uses_.begin(), uses_.end(), field,
            [](const FieldUse* use, std::string_view id) { return use->field < id; });
        for (; at != uses_.end() && (*at)->field == field; ++at) {
            if (std::binary_search((*at)->needed_by.begin(), (*at)->needed_by.end(), item)) {
                return *at;
            }
        }
        return nullptr;
    }

  private:
    std::vector<const FieldUse*> uses_;
};

/// The plan's material uses by the items needing them: one entry per (item, use), ordered by
/// item and then material id (a plan made by hand need not be sorted), so that an item's
/// materials are one binary search instead of a scan of every use.
class MaterialUses {
  public:
    /// One use of a material by one item.
    struct Entry {
        PlanId item;             ///< the needing item
        const MaterialUse* use;  ///< how the material reaches it
    };

    /// Indexes the uses of `plan`.
    explicit MaterialUses(const Plan& plan) {
        for (const MaterialUse& use : plan.materials) {
            for (PlanId item : use.needed_by) {
                entries_.push_back({item, &use});
            }
        }
        std::stable_sort(entries_.begin(), entries_.end(), [](const Entry& a, const Entry& b) {
            return a.item != b.item ? a.item < b.item : a.use->material < b.use->material;
        });
    }

    /// The uses of the materials `item` needs, by material id.
    std::span<const Entry> of(std::string_view item) const {
        auto first = std::lower_bound(
            entries_.begin(), entries_.end(), item,
            [](const Entry& entry, std::string_view id) { return entry.item < id; });
        auto last = first;
        while (last != entries_.end() && last->item == item) {
            ++last;
        }
        return {first, last};
    }

  private:
    std::vector<Entry> entries_;
};

/// The producers that hand each field to each item: the plan's field edges, by consumer and
/// field (a plan made by hand need not be sorted: the first edge listed wins).
class FieldSenders {
  public:
    /// Indexes the field edges of `plan`.
    explicit FieldSenders(const Plan& plan) {
        for (const PlanEdge& edge : plan.edges) {
            if (edge.kind == EdgeKind::field && edge.from != edge.to) {
                senders_.emplace(std::make_pair(edge.to, edge.via), edge.from);
            }
        }
    }

    /// The item that hands `field` to `item` by `use`: the producer of the plan's edge, else the
    /// first producer listed that is not the item itself (an item never produces for itself),
    /// else nullopt.
    std::optional<PlanId> of(const FieldUse& use, PlanId item) const {
        auto found = senders_.find(std::make_pair(item, use.field));
        if (found != senders_.end()) {
            return found->second;
        }
        for (PlanId producer : use.producers) {
            if (producer != item) {
                return producer;
            }
        }
        return std::nullopt;
    }

  private:
    std::map<std::pair<PlanId, PlanId>, PlanId> senders_;
};

/// The material of `use` as `item` receives it. The use's producers are every consumer's: an
/// item never produces for itself, so it is left out of its own list.
PayloadMaterial payload_material(const MaterialUse& use, std::string_view item) {
    PayloadMaterial material{std::string(use.material), use.provision, {}};
    if (use.provision == Provision::produced) {
        for (PlanId producer : use.producers) {
            if (producer != item) {
                material.producers.emplace_back(producer);
            }
        }
        std::sort(material.producers.begin(), material.producers.end());
        material.producers.erase(std::unique(material.producers.begin(), material.producers.end()),
                                 material.producers.end());
    }
    return material;
}

/// A value as JSON: dates as YYYY-MM-DD text, whole numbers as integers.
Json to_json(const Value& value) {
    return std::visit(
        [](const auto& held) -> Json {
            using T = std::decay_t<decltype(held)>;
            if constexpr (std::is_same_v<T, Date>) {
                return held.to_string();
            } else if constexpr (std::is_same_v<T, double>) {
                if (held == std::trunc(held) && std::fabs(held) < 9.0e15) {
                    return static_cast<std::int64_t>(held);  // whole numbers as in plan JSON
                }
                return held;
            } else {
                return held;
            }
        },
        value);
}

/// A payload as JSON: its fields, pending, prefill, department and materials, in that order.
Json payload_to_json(const ItemPayload& payload) {
    Json fields = Json::object();
    for (const auto& [id, value] : payload.fields) {
        fields[id] = to_json(value);
    }
    Json pending = Json::object();
    for (const auto& [id, item] : payload.pending) {
        pending[id] = item;
    }
    Json materials = Json::array();
    for (const PayloadMaterial& material : payload.materials) {
        Json entry = Json::object();
        entry["material"] = material.material;
        entry["provision"] = to_string(material.provision);
        if (material.provision == Provision::produced) {
            entry["producers"] = material.producers;
        }
        materials.push_back(std::move(entry));
    }
    Json entry = Json::object();
    entry["fields"] = std::move(fields);
    entry["pending"] = std::move(pending);
    entry["prefill"] = payload.prefill;
    entry["department"] = payload.department;
    entry["materials"] = std::move(materials);
    return entry;
}

}  // namespace

std::vector<ItemPayload> dispatch(const Catalog& catalog, const Plan& plan, const Answers& answers,
                                  const Answers& shared) {
    std::vector<ItemPayload> payloads;
    const FieldUses uses(plan);
    const MaterialUses material_uses(plan);
    const FieldSenders senders(plan);
    for (const PlannedItem& planned : plan.items) {
        const Item* item = catalog.find_item(planned.id);
        if (!item) {
            throw InputError("unknown-item", "the plan has item '" + std::string(planned.id) +
                                                 "', which the catalog does not define");
        }
        ItemPayload payload;
        payload.item = std::string(planned.id);
        payload.department = item->department;
        for (const MaterialUses::Entry& entry : material_uses.of(planned.id)) {
            payload.materials.push_back(payload_material(*entry.use, planned.id));
        }
        std::set<std::string> done;
        for (const FieldNeed& need : item->needs_fields) {
            const std::string& id = need.field.id;
            if (!done.insert(id).second) {
                continue;
            }
            const FieldUse* use = uses.find(id, planned.id);
            if (!use && !need.when.always()) {
                continue;  // a conditional need that does not hold for this plan
            }
            const Provision provision = use ? use->provision : Provision::asked;
            const std::optional<PlanId> sender = provision == Provision::produced && use
                                                     ? senders.of(*use, planned.id)
                                                     : std::nullopt;
            if (sender) {
                payload.pending.emplace(id, std::string(*sender));
            } else if (provision == Provision::shared) {
                auto value = shared.find(id);
                if (value != shared.end()) {
                    payload.fields.emplace(id, value->second);
                } else {
                    payload.prefill.push_back(id);
                }
            } else {
                auto value = answers.find(id);
                if (value == answers.end()) {
                    throw InputError("missing-field", "field '" + id + "' of item '" +
                                                          std::string(planned.id) +
                                                          "' is not answered");
                }
                payload.fields.emplace(id, value->second);
            }
        }
        std::sort(payload.prefill.begin(), payload.prefill.end());
        payloads.push_back(std::move(payload));
    }
    std::sort(payloads.begin(), payloads.end(),
              [](const ItemPayload& a, const ItemPayload& b) { return a.item < b.item; });
    return payloads;
}

const char* to_string(DispatchGrouping grouping) {
    switch (grouping) {
        case DispatchGrouping::item:
            return "item";
        case DispatchGrouping::department:
            return "department";
    }
    return "item";
}

std::optional<DispatchGrouping> parse_dispatch_grouping(std::string_view name) {
    for (DispatchGrouping grouping : all_dispatch_groupings) {
        if (name == to_string(grouping)) {
            return grouping;
        }
    }
    return std::nullopt;
}

std::string dispatch_to_json(const std::vector<ItemPayload>& payloads, DispatchGrouping by) {
    Json out = Json::object();
    // Keys are distinct: appended straight to the ordered objects, whose operator[] would
    // search every key before each insertion (quadratic for thousands of items).
    auto& entries = out.get_ref<Json::object_t&>();
    if (by == DispatchGrouping::item) {
        entries.reserve(payloads.size());
        for (const ItemPayload& payload : payloads) {
            entries.emplace_back(payload.item, payload_to_json(payload));
        }
    } else {
        std::map<std::string_view, std::vector<const ItemPayload*>> departments;
        for (const ItemPayload& payload : payloads) {
            departments[payload.department].push_back(&payload);
        }
        entries.reserve(departments.size());
        for (auto& [department, members] : departments) {
            std::stable_sort(
                members.begin(), members.end(),
                [](const ItemPayload* a, const ItemPayload* b) { return a->item < b->item; });
            Json items = Json::object();
            auto& item_entries = items.get_ref<Json::object_t&>();
            item_entries.reserve(members.size());
            for (const ItemPayload* payload : members) {
                item_entries.emplace_back(payload->item, payload_to_json(*payload));
            }
            entries.emplace_back(std::string(department), std::move(items));
        }
    }
    return out.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace onething
