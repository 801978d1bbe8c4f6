// The `items:` and `bundles:` sections.
#include <algorithm>

#include "load/load_state.hpp"
#include "model/item_bounds.hpp"

namespace onething::detail {
namespace {

/// Reads the `when` of a needs entry (or an alternative), if given, into `pending`.
void read_need_when(NodeReader& reader, const Entries& entries, PendingItem& pending,
                    NeedConditionSite::Kind kind, std::size_t need, std::size_t alternative,
                    const std::string& what) {
    if (const YamlNode* when = reader.find(entries, "when")) {
        if (auto site = reader.read_condition(*when, what + " when")) {
            pending.need_when.push_back({kind, need, alternative, std::move(*site)});
        }
    }
}

/// Reads one `any_of` alternative: an id or `{material: id, when: ...}`. An alternative with
/// no valid material is reported and left out (one with an unknown key beside its material is
/// reported and kept); the others are read on, so that lint reports the problems of every
/// alternative.
void read_alternative(NodeReader& reader, const YamlNode& entry, PendingItem& pending,
                      MaterialNeed& need, const std::string& what) {
    const std::size_t at = need.alternatives.size();
    if (entry.kind != YamlKind::mapping) {
        if (auto id = reader.read_id(entry, what)) {
            need.alternatives.push_back({std::move(*id), reader.where(entry)});
        }
        return;
    }
    const auto entries = reader.entries(entry, what + " entry");
    reader.check_keys(entries, {"material", "when"}, what + " entry");
    if (!reader.require_key(entry, entries, "material", what + " entry")) {
        return;
    }
    const YamlNode& material = *reader.find(entries, "material");
    auto id = reader.read_id(material, what + " material");
    if (!id) {
        return;
    }
    need.alternatives.push_back({std::move(*id), reader.where(material)});
    read_need_when(reader, entries, pending, NeedConditionSite::Kind::alternative,
                   pending.item.needs_materials.size(), at,
                   "alternative '" + need.alternatives.back().id + "' of " + what);
}

/// Reads `needs.materials`: ids, `{material: id, when: ...}` and `{any_of: [...], when: ...}`
/// entries (an alternative is an id or `{material: id, when: ...}`).
void read_material_needs(NodeReader& reader, const YamlNode& list, PendingItem& pending,
                         const std::string& what) {
    if (!reader.expect_sequence(list, what)) {
        return;
    }
    Item& item = pending.item;
    item.needs_materials.reserve(item.needs_materials.size() + list.children.size());
    for (std::uint32_t child : list.children) {
        const YamlNode& entry = reader.node(child);
        MaterialNeed need;
        need.location = reader.where(entry);
        const std::size_t sites_before = pending.need_when.size();
        if (entry.kind == YamlKind::mapping) {
            const auto entries = reader.entries(entry, what + " entry");
            const bool any_of = reader.find(entries, "any_of") != nullptr;
            if (!reader.check_keys(entries, {any_of ? "any_of" : "material", "when"},
                                   what + " entry") ||
                !reader.require_key(entry, entries, any_of ? "any_of" : "material",
                                    what + " entry")) {
                continue;
            }
            if (any_of) {
                const YamlNode& alternatives = *reader.find(entries, "any_of");
                need.any_of = true;
                if (!reader.expect_sequence(alternatives, what + " any_of")) {
                    continue;
                }
                if (alternatives.children.empty()) {
                    reader.error(alternatives, "type",
                                 what + " any_of must list at least one material");
                    continue;
                }
                for (std::uint32_t alternative : alternatives.children) {
                    read_alternative(reader, reader.node(alternative), pending, need,
                                     what + " any_of");
                }
                if (need.alternatives.empty()) {
                    pending.need_when.resize(sites_before);  // no alternative: no need
                    continue;
                }
            } else {
                const YamlNode& material = *reader.find(entries, "material");
                auto id = reader.read_id(material, what + " material");
                if (!id) {
                    continue;
                }
                need.alternatives.push_back({std::move(*id), reader.where(material)});
            }
            read_need_when(reader, entries, pending, NeedConditionSite::Kind::material,
                           item.needs_materials.size(), 0, what + " entry");
        } else if (auto id = reader.read_id(entry, what)) {
            need.alternatives.push_back({std::move(*id), need.location});
        }
        if (!need.alternatives.empty()) {
            item.needs_materials.push_back(std::move(need));
        }
    }
}

/// Reads `needs.fields`: ids and `{field: id, when: ..., <narrowing>}` entries.
void read_field_needs(NodeReader& reader, const YamlNode& list, PendingItem& pending,
                      const std::string& what) {
    if (!reader.expect_sequence(list, what)) {
        return;
    }
    Item& item = pending.item;
    item.needs_fields.reserve(item.needs_fields.size() + list.children.size());
    for (std::uint32_t child : list.children) {
        const YamlNode& entry = reader.node(child);
        FieldNeed need;
        if (entry.kind == YamlKind::mapping) {
            const auto entries = reader.entries(entry, what + " entry");
            reader.check_keys(entries,
                              {"field", "when", "pattern", "min_length", "max_length", "minimum",
                               "maximum", "values"},
                              what + " entry");
            if (!reader.require_key(entry, entries, "field", what + " entry")) {
                continue;
            }
            const YamlNode& field = *reader.find(entries, "field");
            auto id = reader.read_id(field, what + " field");
            if (!id) {
                continue;
            }
            need.field = {std::move(*id), reader.where(field)};
            Narrowing narrowing;
            read_constraints(reader, entries, narrowing.constraints, narrowing.locations,
                             "narrowing of '" + need.field.id + "'");
            if (!narrowing.constraints.empty() || !narrowing.locations.empty()) {
                need.narrowing = std::make_shared<const Narrowing>(std::move(narrowing));
            }
            read_need_when(reader, entries, pending, NeedConditionSite::Kind::field,
                           item.needs_fields.size(), 0, what + " field '" + need.field.id + "'");
        } else if (auto id = reader.read_id(entry, what)) {
            need.field = {std::move(*id), reader.where(entry)};
        } else {
            continue;
        }
        item.needs_fields.push_back(std::move(need));
    }
}

/// Reads `needs.items`: ids and `{item: id, when: ...}` entries.
void read_item_needs(NodeReader& reader, const YamlNode& list, PendingItem& pending,
                     const std::string& what) {
    if (!reader.expect_sequence(list, what)) {
        return;
    }
    Item& item = pending.item;
    item.needs_items.reserve(item.needs_items.size() + list.children.size());
    for (std::uint32_t child : list.children) {
        const YamlNode& entry = reader.node(child);
        if (entry.kind != YamlKind::mapping) {
            if (auto id = reader.read_id(entry, what)) {
                item.needs_items.push_back({{std::move(*id), reader.where(entry)}, {}});
            }
            continue;
        }
        const auto entries = reader.entries(entry, what + " entry");
        if (!reader.check_keys(entries, {"item", "when"}, what + " entry") ||
            !reader.require_key(entry, entries, "item", what + " entry")) {
            continue;
        }
        const YamlNode& needed = *reader.find(entries, "item");
        if (auto id = reader.read_id(needed, what + " item")) {
            read_need_when(reader, entries, pending, NeedConditionSite::Kind::item,
                           item.needs_items.size(), 0, what + " entry '" + *id + "'");
            item.needs_items.push_back({{std::move(*id), reader.where(needed)}, {}});
        }
    }
}

/// Reads `needs:` of an item.
void read_needs(NodeReader& reader, const YamlNode& needs, PendingItem& pending,
                const std::string& what) {
    if (!reader.expect_mapping(needs, what + " needs")) {
        return;
    }
    const auto entries = reader.entries(needs, what + " needs");
    reader.check_keys(entries, {"items", "materials", "fields"}, what + " needs");
    if (const YamlNode* items = reader.find(entries, "items")) {
        read_item_needs(reader, *items, pending, what + " needs.items");
    }
    if (const YamlNode* materials = reader.find(entries, "materials")) {
        read_material_needs(reader, *materials, pending, what + " needs.materials");
    }
    if (const YamlNode* fields = reader.find(entries, "fields")) {
        read_field_needs(reader, *fields, pending, what + " needs.fields");
    }
}

/// Reads `produces:` of an item.
void read_produces(NodeReader& reader, const YamlNode& produces, Item& item,
                   const std::string& what) {
    if (!reader.expect_mapping(produces, what + " produces")) {
        return;
    }
    const auto entries = reader.entries(produces, what + " produces");
    reader.check_keys(entries, {"materials", "fields"}, what + " produces");
    if (const YamlNode* materials = reader.find(entries, "materials")) {
        item.produces_materials = reader.read_id_list(*materials, what + " produces.materials");
    }
    if (const YamlNode* fields = reader.find(entries, "fields")) {
        item.produces_fields = reader.read_id_list(*fields, what + " produces.fields");
    }
}

/// Reads `channels:` (non-empty, no repeats).
void read_channels(NodeReader& reader, const YamlNode& list, Item& item, const std::string& what) {
    if (!reader.expect_sequence(list, what)) {
        return;
    }
    std::vector<Channel> channels;
    for (std::uint32_t child : list.children) {
        const YamlNode& entry = reader.node(child);
        auto choice =
            reader.read_choice(entry, {"online", "mobile", "window", "self_service", "post"}, what);
        if (!choice) {
            continue;
        }
        const auto channel = static_cast<Channel>(*choice);
        if (std::find(channels.begin(), channels.end(), channel) != channels.end()) {
            reader.error(entry, "duplicate-value",
                         "'" + entry.value + "' appears twice in " + what);
            continue;
        }
        channels.push_back(channel);
    }
    if (list.children.empty()) {
        reader.error(list, "type", what + " must list at least one channel");
    }
    if (!channels.empty()) {
        item.channels = std::move(channels);
    }
}

/// Reads an int key with a lower bound.
std::optional<int> read_bounded_int(NodeReader& reader, const YamlNode& node, int minimum,
                                    const std::string& what) {
    const std::string bounds = "between " + std::to_string(minimum) + " and 1000000";
    auto value = reader.read_int(node, what, bounds);
    if (!value) {
        return std::nullopt;
    }
    if (*value < minimum || *value > 1'000'000) {
        reader.error(node, "out-of-range", what + " must be " + bounds);
        return std::nullopt;
    }
    return static_cast<int>(*value);
}

/// The checks among an item's own keys (rule-format.md, version 1.1): an automatic item is
/// neither in person nor paid, a venue belongs to an in-person item, and a bundled duration
/// is not longer than the item's own.
void check_item_keys(NodeReader& reader, const Item& item, const YamlNode* automatic,
                     const YamlNode* venue, const YamlNode* bundled, const std::string& what) {
    if (item.automatic && automatic != nullptr) {
        if (item.in_person) {
            reader.error(*automatic, "automatic-in-person",
                         what +
                             " is automatic and in_person; an automatic item asks the "
                             "applicant for nothing, so it cannot need them present");
        }
        if (item.payee) {
            reader.error(*automatic, "automatic-payee",
                         what + " is automatic and has a payee '" + *item.payee +
                             "'; an automatic item asks the applicant for nothing, not even a "
                             "payment");
        }
    }
    if (venue != nullptr && !item.in_person) {
        reader.warning(*venue, "venue-not-in-person",
                       what + " has a venue '" + item.venue +
                           "' but is not in_person; the venue has no effect");
    }
    if (bundled != nullptr && item.bundled_duration_days &&
        *item.bundled_duration_days > item.duration_days) {
        reader.warning(*bundled, "bundled-duration-longer",
                       what + " has bundled_duration_days " + bundled->value +
                           " above its duration_days; bundling is not expected to take longer");
    }
}

/// The contract's default of `visits` when none is written: 1 unless the channels list
/// `online`. `mobile` (an extension) is not `online` there, so an item reachable by the app alone
/// gets a warning saying how to write the 0 its author likely means.
void default_visits(NodeReader& reader, const YamlNode* channels, Item& item,
                    const std::string& what) {
    auto listed = [&item](Channel channel) {
        return std::find(item.channels.begin(), item.channels.end(), channel) !=
               item.channels.end();
    };
    item.visits = listed(Channel::online) ? 0 : 1;
    if (channels != nullptr && item.visits == 1 && listed(Channel::mobile)) {
        reader.warning(*channels, "mobile-visits",
                       what +
                           " lists mobile but not online, so its visits default to 1 (the "
                           "contract's default: 1 unless channels list online); write "
                           "'visits: 0' if the app needs no trip to an office, or "
                           "'visits: 1' to keep the trip and this warning quiet");
    }
}

}  // namespace

void read_items(NodeReader& reader, const YamlNode& section, LoadState& state) {
    for_each_definition(
        reader, section, state, "item",
        [&](std::string id, const YamlNode& key, const YamlNode&, const Entries& entries) {
            const std::string what = "item '" + id + "'";
            reader.check_keys(entries,
                              {"name", "department", "type", "channels", "in_person", "automatic",
                               "venue", "duration_days", "bundled_duration_days", "steps", "visits",
                               "payee", "when", "needs", "produces", "valid_from", "valid_until"},
                              what);
            PendingItem pending;
            Item& item = pending.item;
            item.id = std::move(id);
            item.location = reader.where(key);
            item.period = read_period(reader, entries, what, item.location, state);
            bool visits_given = false;
            const YamlNode* automatic_node = nullptr;
            const YamlNode* venue_node = nullptr;
            const YamlNode* bundled_node = nullptr;
            const YamlNode* channels_node = nullptr;
            for (const auto& [key_index, value_index] : entries) {
                const std::string& name = reader.node(key_index).value;
                const YamlNode& value = reader.node(value_index);
                const std::string label = what + " " + name;
                if (name == "name") {
                    item.name = reader.read_text(value, label).value_or(Text{});
                } else if (name == "department") {
                    item.department = reader.read_id(value, label).value_or("");
                } else if (name == "type") {
                    if (auto choice =
                            reader.read_choice(value,
                                               {"approval", "registration", "certificate",
                                                "benefit", "payment", "filing", "service"},
                                               label)) {
                        item.type = static_cast<ItemType>(*choice);
                    }
                } else if (name == "channels") {
                    read_channels(reader, value, item, label);
                    channels_node = &value;
                } else if (name == "in_person") {
                    item.in_person = reader.read_bool(value, label).value_or(false);
                } else if (name == "automatic") {
                    item.automatic = reader.read_bool(value, label).value_or(false);
                    automatic_node = &value;
                } else if (name == "venue") {
                    if (auto venue = reader.read_id(value, label)) {
                        item.venue = std::move(*venue);
                        venue_node = &value;
                    }
                } else if (name == "duration_days" || name == "bundled_duration_days") {
                    constexpr std::string_view days_bounds = duration_days_bounds;
                    if (auto days = reader.read_number(value, label, days_bounds)) {
                        if (*days < 0 || *days > max_duration_days) {
                            reader.error(value, "out-of-range",
                                         label + " must be " + std::string(days_bounds));
                        } else if (name == "duration_days") {
                            item.duration_days = *days;
                        } else {
                            item.bundled_duration_days = *days;
                            bundled_node = &value;
                        }
                    }
                } else if (name == "steps") {
                    item.steps = read_bounded_int(reader, value, 1, label).value_or(1);
                } else if (name == "visits") {
                    visits_given = true;
                    item.visits = read_bounded_int(reader, value, 0, label).value_or(0);
                } else if (name == "payee") {
                    item.payee = reader.read_id(value, label);
                } else if (name == "when") {
                    pending.when = reader.read_condition(value, label);
                } else if (name == "needs") {
                    read_needs(reader, value, pending, what);
                } else if (name == "produces") {
                    read_produces(reader, value, item, what);
                }
            }
            if (!visits_given) {
                default_visits(reader, channels_node, item, what);
            }
            check_item_keys(reader, item, automatic_node, venue_node, bundled_node, what);
            state.items.push_back(std::move(pending));
        });
}

void read_bundles(NodeReader& reader, const YamlNode& section, LoadState& state) {
    for_each_definition(
        reader, section, state, "bundle",
        [&](std::string id, const YamlNode& key, const YamlNode& body, const Entries& entries) {
            const std::string what = "bundle '" + id + "'";
            reader.check_keys(entries,
                              {"name", "goals", "defer", "optimize", "when", "annual_cases",
                               "valid_from", "valid_until"},
                              what);
            PendingBundle pending;
            Bundle& bundle = pending.bundle;
            bundle.id = std::move(id);
            bundle.location = reader.where(key);
            bundle.period = read_period(reader, entries, what, bundle.location, state);
            reader.require_key(body, entries, "goals", what);
            for (const auto& [key_index, value_index] : entries) {
                const std::string& name = reader.node(key_index).value;
                const YamlNode& value = reader.node(value_index);
                const std::string label = what + " " + name;
                if (name == "name") {
                    bundle.name = reader.read_text(value, label).value_or(Text{});
                } else if (name == "goals") {
                    bundle.goals = reader.read_id_list(value, label);
                    if (value.kind == YamlKind::sequence && value.children.empty()) {
                        reader.error(value, "type", label + " must list at least one item");
                    }
                } else if (name == "defer") {
                    bundle.defer = reader.read_id_list(value, label);
                } else if (name == "optimize") {
                    if (!reader.expect_sequence(value, label)) {
                        continue;
                    }
                    std::vector<Metric> metrics;
                    for (std::uint32_t child : value.children) {
                        const YamlNode& entry = reader.node(child);
                        auto choice = reader.read_choice(
                            entry, {"steps", "forms", "fields", "materials", "visits", "days"},
                            label);
                        if (!choice) {
                            continue;
                        }
                        const auto metric = static_cast<Metric>(*choice);
                        if (std::find(metrics.begin(), metrics.end(), metric) != metrics.end()) {
                            reader.error(entry, "duplicate-value",
                                         "'" + entry.value + "' appears twice in " + label);
                            continue;
                        }
                        metrics.push_back(metric);
                    }
                    if (value.children.empty()) {
                        reader.error(value, "type", label + " must list at least one metric");
                    }
                    if (!metrics.empty()) {
                        bundle.optimize = std::move(metrics);
                    }
                } else if (name == "when") {
                    pending.when = reader.read_condition(value, label);
                } else if (name == "annual_cases") {
                    if (auto cases = reader.read_int(
                            value, label,
                            "an integer from 0 to 9223372036854775807 (applications a year)")) {
                        if (*cases < 0) {
                            reader.error(value, "out-of-range",
                                         label + " must be 0 or more (applications a year)");
                        } else {
                            bundle.annual_cases = *cases;
                        }
                    }
                }
            }
            state.bundles.push_back(std::move(pending));
        });
}

}  // namespace onething::detail
