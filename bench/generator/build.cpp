// Builds the generated catalog in memory: the data dictionary, the items layer by layer with
// their needs and outputs, extra producers, and the bundles.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <iterator>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "generator.hpp"

namespace onething::bench {
namespace {

/// A weighted pick: the position of the first of the increasing `bounds` above `roll`, or the
/// number of bounds when none is.
int bucket(std::size_t roll, std::initializer_list<std::size_t> bounds) {
    int position = 0;
    for (std::size_t bound : bounds) {
        if (roll < bound) {
            break;
        }
        ++position;
    }
    return position;
}

}  // namespace

void Generator::build() {
    departments_ = std::clamp<std::size_t>(count_ / 800, 8, std::size(all_departments));
    make_dictionary();
    make_items();
    add_second_producers();
    make_bundles();
}

void Generator::make_dictionary() {
    const std::size_t licences = 40 + count_ / 100;
    const std::size_t papers = 60 + count_ / 50;
    for (std::size_t i = 0; i < licences; ++i) {
        GenMaterial material;
        material.id = "licence.l" + padded(i, 5);
        material.zh = "电子证照" + std::to_string(i);
        material.en = "Electronic licence " + std::to_string(i);
        material.e_license = true;
        licences_.push_back(static_cast<std::uint32_t>(materials_.size()));
        materials_.push_back(std::move(material));
    }
    for (std::size_t i = 0; i < papers; ++i) {
        GenMaterial material;
        material.id = "paper.p" + padded(i, 5);
        material.zh = "纸质材料" + std::to_string(i);
        material.en = "Paper document " + std::to_string(i);
        papers_.push_back(static_cast<std::uint32_t>(materials_.size()));
        materials_.push_back(std::move(material));
    }
    static constexpr const char* groups[] = {"person",    "household",  "address",  "contact",
                                             "bank",      "employment", "property", "vehicle",
                                             "education", "health"};
    const std::size_t common = 200 + count_ / 50;
    for (std::size_t i = 0; i < common; ++i) {
        GenField field;
        field.serial = static_cast<int>(i);
        field.id = std::string(groups[i % std::size(groups)]) + ".f" + padded(i, 5);
        field.type = bucket(random_.below(100), {55, 70, 75, 83, 93});
        field.shared = random_.chance(0.4);
        common_fields_.push_back(static_cast<std::uint32_t>(fields_.size()));
        fields_.push_back(std::move(field));
    }
}

std::uint32_t Generator::earlier_item(int layer, int department) {
    const int low = std::max(0, layer - 3);
    const int pick = random_.between(low, layer - 1);
    const auto& same = by_layer_department_[pick][department];
    if (!same.empty() && random_.chance(0.6)) {
        return same[random_.below(same.size())];
    }
    const auto& any = by_layer_[pick];
    return any[random_.below(any.size())];
}

std::optional<std::uint32_t> Generator::earlier_output(
    int layer, int department, std::vector<std::uint32_t> GenItem::*outputs) {
    for (int attempt = 0; attempt < 4; ++attempt) {
        const std::vector<std::uint32_t>& produced =
            items_[earlier_item(layer, department)].*outputs;
        if (!produced.empty()) {
            return produced[random_.below(produced.size())];
        }
    }
    return std::nullopt;
}

void Generator::make_items() {
    by_layer_.assign(layers, {});
    by_layer_department_.assign(layers, std::vector<std::vector<std::uint32_t>>(departments_));
    items_.reserve(count_);
    for (std::size_t serial = 0; serial < count_; ++serial) {
        GenItem item;
        item.layer = static_cast<int>(serial * layers / count_);
        item.department = static_cast<int>(random_.below(departments_));
        item.kind = bucket(random_.below(100), {20, 40, 60, 70, 76, 88});
        const ItemKind& kind = item_kinds[item.kind];
        item.id = std::string(all_departments[item.department].id) + "." + kind.id + "_" +
                  padded(serial, 6);
        item.days = random_.between(kind.min_days, kind.max_days);
        item.steps = random_.between(kind.min_steps, kind.max_steps);
        const std::size_t channel_roll = random_.below(10);
        item.channels = channel_roll < 3 ? 0 : channel_roll < 9 ? 1 : 2;
        item.in_person = random_.chance(0.05);
        if (random_.chance(0.2)) {
            item.visits = random_.between(1, 2);
        }
        if (random_.chance(0.15)) {
            item.condition = static_cast<int>(random_.below(std::size(conditions)));
        }
        if (item.layer > 0) {
            add_prerequisites(item);
        }
        add_material_needs(item);
        add_field_needs(item);
        add_outputs(item, static_cast<std::uint32_t>(serial));
        by_layer_[item.layer].push_back(static_cast<std::uint32_t>(serial));
        by_layer_department_[item.layer][item.department].push_back(
            static_cast<std::uint32_t>(serial));
        items_.push_back(std::move(item));
    }
}

void Generator::add_prerequisites(GenItem& item) {
    const int count = random_.chance(0.25) ? (random_.chance(0.2) ? 2 : 1) : 0;
    for (int k = 0; k < count; ++k) {
        const std::uint32_t prerequisite = earlier_item(item.layer, item.department);
        if (std::find(item.prerequisites.begin(), item.prerequisites.end(), prerequisite) ==
            item.prerequisites.end()) {
            item.prerequisites.push_back(prerequisite);
        }
    }
}

std::optional<std::uint32_t> Generator::inside_document(const GenItem& item) const {
    for (std::uint32_t prerequisite : item.prerequisites) {
        const GenItem& before = items_[prerequisite];
        if (before.condition < 0 && !before.produced_materials.empty()) {
            return before.produced_materials.front();
        }
    }
    return std::nullopt;
}

void Generator::add_material_needs(GenItem& item) {
    const int count = random_.between(2, 6);
    std::vector<std::uint32_t> used;
    auto fresh = [&](std::uint32_t material) {
        if (std::find(used.begin(), used.end(), material) != used.end()) {
            return false;
        }
        used.push_back(material);
        return true;
    };
    for (int k = 0; k < count; ++k) {
        const std::size_t roll = random_.below(100);
        const std::uint32_t licence = licences_[random_.below(licences_.size())];
        const std::uint32_t paper = papers_[random_.below(papers_.size())];
        GenNeed need;
        if (roll < 25 || (roll >= 65 && item.layer == 0)) {
            if (fresh(licence)) {
                need.alternatives = {licence};
            }
        } else if (roll < 40) {
            if (fresh(paper)) {
                need.alternatives = {paper};
            }
        } else if (roll < 65) {
            if (fresh(licence) && fresh(paper)) {
                need.alternatives = {licence, paper};
            }
        } else if (roll < 73) {
            auto inside = inside_document(item);
            if (inside && fresh(paper) && fresh(*inside)) {
                need.alternatives = {paper, *inside};
                if (!paper_or_inside_) {
                    need.alternatives = {*inside};
                }
            }
        } else if (auto document =
                       earlier_output(item.layer, item.department, &GenItem::produced_materials)) {
            if (fresh(*document)) {
                need.alternatives = {*document};
            }
        }
        if (!need.alternatives.empty()) {
            item.needs.push_back(std::move(need));
        }
    }
}

void Generator::add_field_needs(GenItem& item) {
    const int count = random_.between(2, 8);
    for (int k = 0; k < count; ++k) {
        GenFieldNeed need;
        std::optional<std::uint32_t> produced;
        if (item.layer > 0 && random_.chance(0.3)) {
            produced = earlier_output(item.layer, item.department, &GenItem::produced_fields);
        }
        need.field = produced ? *produced : common_fields_[random_.below(common_fields_.size())];
        if (std::any_of(item.fields.begin(), item.fields.end(),
                        [&](const GenFieldNeed& other) { return other.field == need.field; })) {
            continue;
        }
        if (fields_[need.field].type == 1 && random_.chance(0.1)) {
            need.minimum = random_.between(1, 50);
        }
        item.fields.push_back(need);
    }
}

void Generator::add_outputs(GenItem& item, std::uint32_t serial) {
    if (item.layer < layers - 1 && random_.chance(0.6)) {
        GenMaterial material;
        material.id =
            std::string(all_departments[item.department].id) + ".doc_" + padded(serial, 6);
        material.zh =
            std::string(all_departments[item.department].zh) + "出具文书" + std::to_string(serial);
        material.en = "Document " + std::to_string(serial);
        const std::size_t roll = random_.below(10);
        material.submittable = roll >= 5;  // half are records only an item can produce
        material.e_license = roll == 9;
        if (!material.submittable && item.condition >= 0) {
            item.condition = -1;  // the first producer of a record always applies
        }
        material.producers.push_back(serial);
        item.produced_materials.push_back(static_cast<std::uint32_t>(materials_.size()));
        materials_.push_back(std::move(material));
    }
    const int fields =
        item.layer < layers - 1 ? (random_.chance(0.35) ? random_.between(1, 2) : 0) : 0;
    for (int k = 0; k < fields; ++k) {
        GenField field;
        field.serial = static_cast<int>(serial);
        field.id = std::string(all_departments[item.department].id) + ".field_" +
                   padded(serial, 6) + "_" + std::to_string(k);
        field.type = random_.chance(0.7) ? 0 : 4;
        item.produced_fields.push_back(static_cast<std::uint32_t>(fields_.size()));
        fields_.push_back(std::move(field));
    }
}

void Generator::add_second_producers() {
    for (std::uint32_t m = 0; m < materials_.size(); ++m) {
        GenMaterial& material = materials_[m];
        if (material.producers.empty() || !random_.chance(multi_producers_)) {
            continue;
        }
        const int layer = items_[material.producers.front()].layer;
        const int extra = random_.chance(0.3) ? 2 : 1;
        for (int k = 0; k < extra; ++k) {
            const auto& pool = by_layer_[random_.between(std::max(0, layer - 1), layer)];
            const std::uint32_t producer = pool[random_.below(pool.size())];
            if (std::find(material.producers.begin(), material.producers.end(), producer) !=
                material.producers.end()) {
                continue;
            }
            material.producers.push_back(producer);
            items_[producer].produced_materials.push_back(m);
        }
    }
}

bool Generator::applies(std::uint32_t serial) const {
    const int condition = items_[serial].condition;
    return condition < 0 || conditions[condition].holds_by_default;
}

std::size_t Generator::grow_closure(std::uint32_t goal, std::vector<std::uint8_t>& inside) const {
    std::size_t added = 0;
    std::vector<std::uint32_t> work{goal};
    while (!work.empty()) {
        const std::uint32_t at = work.back();
        work.pop_back();
        if (inside[at]) {
            continue;
        }
        inside[at] = 1;
        ++added;
        const GenItem& item = items_[at];
        for (std::uint32_t prerequisite : item.prerequisites) {
            if (!inside[prerequisite] && applies(prerequisite)) {
                work.push_back(prerequisite);
            }
        }
        for (const GenNeed& need : item.needs) {
            const GenMaterial& material = materials_[need.alternatives.front()];
            if (need.alternatives.size() == 1 && !material.submittable && !material.e_license &&
                std::none_of(material.producers.begin(), material.producers.end(),
                             [&](std::uint32_t p) { return inside[p] != 0; })) {
                work.push_back(material.producers.front());
            }
        }
    }
    return added;
}

void Generator::make_bundles() {
    const std::size_t everyday = std::max<std::size_t>(5, count_ / 500);
    const auto& top = by_layer_[layers - 1];
    const auto& upper = by_layer_[layers - 2];
    static constexpr const char* objectives[] = {nullptr, nullptr, nullptr,
                                                 "[materials, visits, days]", "[days, visits]"};
    for (std::size_t b = 0; b < everyday; ++b) {
        GenBundle bundle;
        bundle.id = "life-event-" + padded(b, 4);
        bundle.zh = "一件事" + std::to_string(b);
        bundle.en = "Life event " + std::to_string(b);
        const int goals = random_.between(3, 12);
        for (int g = 0; g < goals; ++g) {
            const auto& pool = random_.chance(0.5) ? top : upper;
            const std::uint32_t goal = pool[random_.below(pool.size())];
            if (std::find(bundle.goals.begin(), bundle.goals.end(), goal) == bundle.goals.end()) {
                bundle.goals.push_back(goal);
            }
        }
        // Nothing depends on a top-layer item, so deferring one never blocks the outcome.
        if (random_.chance(0.3) && items_[bundle.goals.front()].layer == layers - 1) {
            bundle.defer.push_back(bundle.goals.front());
        }
        bundle.optimize = objectives[random_.below(std::size(objectives))];
        if (random_.chance(0.2)) {
            bundle.when = "applicant.age >= 16";
        }
        bundles_.push_back(std::move(bundle));
    }
    for (std::size_t target : {100, 1000, 10000}) {
        if (target * 2 > count_) {
            continue;
        }
        GenBundle bundle;
        bundle.id = "closure-" + std::to_string(target);
        bundle.zh = "规模测试" + std::to_string(target);
        bundle.en = "Closure of about " + std::to_string(target) + " items";
        std::vector<std::uint8_t> inside(items_.size(), 0);
        std::vector<std::uint32_t> candidates;
        for (int layer = layers - 1; layer >= 0; --layer) {
            std::vector<std::uint32_t> level = by_layer_[layer];
            for (std::size_t i = level.size(); i > 1; --i) {
                std::swap(level[i - 1], level[random_.below(i)]);
            }
            candidates.insert(candidates.end(), level.begin(), level.end());
        }
        for (std::uint32_t goal : candidates) {
            if (bundle.closure >= target) {
                break;
            }
            if (inside[goal] || !applies(goal)) {
                continue;
            }
            bundle.closure += grow_closure(goal, inside);
            bundle.goals.push_back(goal);
        }
        bundles_.push_back(std::move(bundle));
    }
}

}  // namespace onething::bench
