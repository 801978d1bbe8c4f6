// Generates a synthetic national catalog of a given size, deterministic by seed
// (docs/performance.md).
//
//   generate_catalog --items N [--seed S] [--multi-producers PERCENT] [--paper-or-inside yes|no]
//                    --out DIR
//
// Writes DIR/facts.yaml, fields.yaml, materials.yaml, items/<department>.yaml and bundles.yaml.
// Shape: departments; items in layers whose outputs (materials, fields) feed later layers; some
// materials with several producers; `any_of` needs (mostly e-licence vs paper, some paper vs a
// document produced inside the bundle); conditions over a few facts, all with defaults; a shared
// data dictionary with `source: shared` fields; everyday bundles of a few goals; and bundles
// `closure-100`, `closure-1000`, `closure-10000` whose plans hold about that many items.
#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <numeric>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace fs = std::filesystem;

/// A portable, seedable generator (splitmix64): the same seed gives the same catalog everywhere.
class Random {
  public:
    /// Seeds the generator.
    explicit Random(std::uint64_t seed) : state_(seed) {}

    /// The next 64 random bits.
    std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }

    /// A number in [0, bound).
    std::size_t below(std::size_t bound) { return static_cast<std::size_t>(next() % bound); }

    /// A number in [low, high].
    int between(int low, int high) { return low + static_cast<int>(below(high - low + 1)); }

    /// True with probability `p`.
    bool chance(double p) { return static_cast<double>(next() >> 11) * 0x1.0p-53 < p; }

  private:
    std::uint64_t state_;
};

/// One agency: its id and Chinese name.
struct Department {
    const char* id;
    const char* zh;
};

constexpr Department all_departments[] = {
    {"public_security", "公安局"},
    {"civil_affairs", "民政局"},
    {"health", "卫生健康委"},
    {"human_resources_social_security", "人力资源和社会保障局"},
    {"medical_insurance", "医疗保障局"},
    {"housing", "住房和城乡建设委"},
    {"housing_provident_fund", "住房公积金管理中心"},
    {"tax", "税务局"},
    {"market_regulation", "市场监督管理局"},
    {"education", "教育委员会"},
    {"transport", "交通委员会"},
    {"planning_natural_resources", "规划和自然资源局"},
    {"ecology_environment", "生态环境局"},
    {"agriculture_rural", "农业农村委"},
    {"commerce", "商务委员会"},
    {"culture_tourism", "文化和旅游局"},
    {"emergency_management", "应急管理局"},
    {"veterans_affairs", "退役军人事务局"},
    {"justice", "司法局"},
    {"water", "水务局"},
    {"power", "电力公司"},
    {"gas", "燃气公司"},
    {"disabled_persons", "残疾人联合会"},
    {"economy_informatization", "经济和信息化委"},
};

/// An item type with its usual size: days, steps and the Chinese word for it.
struct ItemKind {
    const char* id;
    const char* zh;
    int min_days, max_days, min_steps, max_steps;
};

constexpr ItemKind item_kinds[] = {
    {"approval", "审批", 5, 20, 2, 4},   {"registration", "登记", 1, 10, 2, 3},
    {"certificate", "证明", 1, 5, 1, 3}, {"benefit", "补贴", 10, 30, 2, 4},
    {"payment", "缴费", 0, 2, 1, 2},     {"filing", "备案", 1, 5, 1, 2},
    {"service", "服务", 1, 10, 1, 3},
};

/// A `when` template over the facts, with its value under the facts' defaults.
struct ConditionTemplate {
    const char* text;
    bool holds_by_default;
};

constexpr ConditionTemplate conditions[] = {
    {"applicant.hukou_local", true},
    {"!applicant.retired", true},
    {"applicant.age >= 18", true},
    {"applicant.age >= 60 || applicant.retired", false},
    {"household.size > 2 && household.has_children", true},
    {"applicant.region in ['east', 'north']", true},
    {"applicant.region == 'west'", false},
    {"household.income_band != 'high' || applicant.disabled", true},
    {"household.monthly_income < 12000.5", true},
    {"applicant.employed && !applicant.student", true},
    {"vehicle.owned", false},
    {"household.owns_home || household.income_band == 'low'", false},
    {"applicant.insured && applicant.age < 65", true},
    {"business.registered", false},
};

/// A field of the data dictionary.
struct GenField {
    std::string id;
    int type = 0;  // 0 string, 1 integer, 2 number, 3 boolean, 4 date, 5 enum
    bool shared = false;
    int serial = 0;
};

/// A material: licence, paper or produced document.
struct GenMaterial {
    std::string id;
    std::string zh, en;
    bool e_license = false;
    bool submittable = true;
    std::vector<std::uint32_t> producers;  // item serials, primary first
};

/// A material need: one id or `any_of` alternatives (material positions).
struct GenNeed {
    std::vector<std::uint32_t> alternatives;
};

/// A field need, with an optional `minimum` narrowing (integer fields only).
struct GenFieldNeed {
    std::uint32_t field = 0;
    int minimum = -1;
};

/// One generated item.
struct GenItem {
    std::string id;
    int department = 0;
    int layer = 0;
    int kind = 0;
    int channels = 0;  // 0 [window], 1 [online, window], 2 [online, mobile, window]
    bool in_person = false;
    int visits = -1;  // -1: default
    int days = 0;
    int steps = 1;
    int condition = -1;
    std::vector<std::uint32_t> prerequisites;
    std::vector<GenNeed> needs;
    std::vector<GenFieldNeed> fields;
    std::vector<std::uint32_t> produced_materials;
    std::vector<std::uint32_t> produced_fields;
};

/// One generated bundle.
struct GenBundle {
    std::string id;
    std::string zh, en;
    std::vector<std::uint32_t> goals;
    std::vector<std::uint32_t> defer;
    const char* optimize = nullptr;
    const char* when = nullptr;
    std::size_t closure = 0;  // estimated plan size
};

/// A zero-padded decimal number.
std::string padded(std::size_t value, int width) {
    std::string text = std::to_string(value);
    return std::string(text.size() < static_cast<std::size_t>(width) ? width - text.size() : 0,
                       '0') +
           text;
}

/// The whole catalog being generated.
class Generator {
  public:
    /// Sets the size and seed.
    Generator(std::size_t items, std::uint64_t seed, double multi_producers, bool paper_or_inside)
        : count_(items),
          multi_producers_(multi_producers),
          paper_or_inside_(paper_or_inside),
          random_(seed) {}

    /// Builds everything in memory.
    void build() {
        departments_ = std::clamp<std::size_t>(count_ / 800, 8, std::size(all_departments));
        make_dictionary();
        make_items();
        add_second_producers();
        make_bundles();
    }

    /// Writes the files under `out`.
    void write(const fs::path& out) const {
        fs::remove_all(out / "items");  // a previous, larger catalog may have more departments
        fs::create_directories(out / "items");
        write_facts(out / "facts.yaml");
        write_fields(out / "fields.yaml");
        write_materials(out / "materials.yaml");
        write_items(out / "items");
        write_bundles(out / "bundles.yaml");
    }

    /// One line about what was generated (to standard error).
    void summary(std::ostream& out) const {
        out << "generated " << items_.size() << " items in " << departments_ << " departments, "
            << materials_.size() << " materials, " << fields_.size() << " fields, "
            << bundles_.size() << " bundles;";
        for (const GenBundle& bundle : bundles_) {
            if (bundle.id.rfind("closure-", 0) == 0) {
                out << ' ' << bundle.id << " (" << bundle.goals.size() << " goals, ~"
                    << bundle.closure << " items)";
            }
        }
        out << '\n';
    }

  private:
    static constexpr int layers = 10;

    /// Licences, paper documents and the shared data dictionary.
    void make_dictionary() {
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
            const std::size_t roll = random_.below(100);
            field.type = roll < 55   ? 0
                         : roll < 70 ? 1
                         : roll < 75 ? 2
                         : roll < 83 ? 3
                         : roll < 93 ? 4
                                     : 5;
            field.shared = random_.chance(0.4);
            common_fields_.push_back(static_cast<std::uint32_t>(fields_.size()));
            fields_.push_back(std::move(field));
        }
    }

    /// A random item of layers [layer - 3, layer - 1], often of the same department.
    std::uint32_t earlier_item(int layer, int department) {
        const int low = std::max(0, layer - 3);
        const int pick = random_.between(low, layer - 1);
        const auto& same = by_layer_department_[pick][department];
        if (!same.empty() && random_.chance(0.6)) {
            return same[random_.below(same.size())];
        }
        const auto& any = by_layer_[pick];
        return any[random_.below(any.size())];
    }

    /// A document produced by an earlier layer (nullopt when there is none yet).
    std::optional<std::uint32_t> earlier_document(int layer, int department) {
        for (int attempt = 0; attempt < 4; ++attempt) {
            const GenItem& producer = items_[earlier_item(layer, department)];
            if (!producer.produced_materials.empty()) {
                return producer
                    .produced_materials[random_.below(producer.produced_materials.size())];
            }
        }
        return std::nullopt;
    }

    /// A field produced by an earlier layer (nullopt when there is none yet).
    std::optional<std::uint32_t> earlier_field(int layer, int department) {
        for (int attempt = 0; attempt < 4; ++attempt) {
            const GenItem& producer = items_[earlier_item(layer, department)];
            if (!producer.produced_fields.empty()) {
                return producer.produced_fields[random_.below(producer.produced_fields.size())];
            }
        }
        return std::nullopt;
    }

    /// The items, layer by layer: needs point only at earlier layers, so there is no cycle.
    void make_items() {
        by_layer_.assign(layers, {});
        by_layer_department_.assign(layers, std::vector<std::vector<std::uint32_t>>(departments_));
        items_.reserve(count_);
        for (std::size_t serial = 0; serial < count_; ++serial) {
            GenItem item;
            item.layer = static_cast<int>(serial * layers / count_);
            item.department = static_cast<int>(random_.below(departments_));
            const std::size_t roll = random_.below(100);
            item.kind = roll < 20   ? 0
                        : roll < 40 ? 1
                        : roll < 60 ? 2
                        : roll < 70 ? 3
                        : roll < 76 ? 4
                        : roll < 88 ? 5
                                    : 6;
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

    /// Explicit prerequisites: one for a quarter of the items, two for some.
    void add_prerequisites(GenItem& item) {
        const int count = random_.chance(0.25) ? (random_.chance(0.2) ? 2 : 1) : 0;
        for (int k = 0; k < count; ++k) {
            const std::uint32_t prerequisite = earlier_item(item.layer, item.department);
            if (std::find(item.prerequisites.begin(), item.prerequisites.end(), prerequisite) ==
                item.prerequisites.end()) {
                item.prerequisites.push_back(prerequisite);
            }
        }
    }

    /// A document produced by the item's prerequisites, if any (for paper vs produced-inside).
    std::optional<std::uint32_t> inside_document(const GenItem& item) const {
        for (std::uint32_t prerequisite : item.prerequisites) {
            const GenItem& before = items_[prerequisite];
            if (before.condition < 0 && !before.produced_materials.empty()) {
                return before.produced_materials.front();
            }
        }
        return std::nullopt;
    }

    /// Two to six material needs: licences, paper, any_of pairs, documents of earlier layers.
    void add_material_needs(GenItem& item) {
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
            } else if (auto document = earlier_document(item.layer, item.department)) {
                if (fresh(*document)) {
                    need.alternatives = {*document};
                }
            }
            if (!need.alternatives.empty()) {
                item.needs.push_back(std::move(need));
            }
        }
    }

    /// Two to eight field needs: the shared dictionary, and fields produced earlier.
    void add_field_needs(GenItem& item) {
        const int count = random_.between(2, 8);
        for (int k = 0; k < count; ++k) {
            GenFieldNeed need;
            std::optional<std::uint32_t> produced;
            if (item.layer > 0 && random_.chance(0.3)) {
                produced = earlier_field(item.layer, item.department);
            }
            need.field =
                produced ? *produced : common_fields_[random_.below(common_fields_.size())];
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

    /// What the item produces: a document most of the time, and a field or two sometimes.
    void add_outputs(GenItem& item, std::uint32_t serial) {
        if (item.layer < layers - 1 && random_.chance(0.6)) {
            GenMaterial material;
            material.id =
                std::string(all_departments[item.department].id) + ".doc_" + padded(serial, 6);
            material.zh = std::string(all_departments[item.department].zh) + "出具文书" +
                          std::to_string(serial);
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

    /// Some documents (`--multi-producers` percent) get one or two more producers from the
    /// producer's layer or the one below.
    void add_second_producers() {
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

    /// True when item `serial`'s condition holds under the facts' defaults.
    bool applies(std::uint32_t serial) const {
        const int condition = items_[serial].condition;
        return condition < 0 || conditions[condition].holds_by_default;
    }

    /// Adds `goal` and what the planner must add for it (prerequisites, producers of records)
    /// to `inside`; returns the number of items added. An estimate of the plan's selection.
    std::size_t grow_closure(std::uint32_t goal, std::vector<std::uint8_t>& inside) const {
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

    /// Everyday bundles of a few goals, and the closure-N bundles for the planner benchmarks.
    void make_bundles() {
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
                if (std::find(bundle.goals.begin(), bundle.goals.end(), goal) ==
                    bundle.goals.end()) {
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

    /// Opens a file for writing; exits on failure.
    static std::ofstream open(const fs::path& path) {
        std::ofstream out(path, std::ios::binary);
        if (!out) {
            std::cerr << "generate_catalog: cannot write " << path << '\n';
            std::exit(2);
        }
        return out;
    }

    /// facts.yaml: a few facts, every one with a default.
    void write_facts(const fs::path& path) const {
        std::ofstream out = open(path);
        out << "format: 1\n\n# Generated by bench/generate_catalog (do not edit).\n\nfacts:\n";
        struct FactLine {
            const char* id;
            const char* body;
        };
        static constexpr FactLine facts[] = {
            {"applicant.hukou_local", "type: bool\n    default: true"},
            {"applicant.retired", "type: bool\n    default: false"},
            {"applicant.employed", "type: bool\n    default: true"},
            {"applicant.student", "type: bool\n    default: false"},
            {"applicant.disabled", "type: bool\n    default: false"},
            {"applicant.insured", "type: bool\n    default: true"},
            {"applicant.age", "type: int\n    default: 35"},
            {"applicant.region",
             "type: enum\n    values: [north, south, east, west, central]\n    default: east"},
            {"household.size", "type: int\n    default: 3"},
            {"household.has_children", "type: bool\n    default: true"},
            {"household.owns_home", "type: bool\n    default: false"},
            {"household.income_band",
             "type: enum\n    values: [low, middle, high]\n    default: middle"},
            {"household.monthly_income", "type: number\n    default: 8000.0"},
            {"vehicle.owned", "type: bool\n    default: false"},
            {"business.registered", "type: bool\n    default: false"},
        };
        for (const FactLine& fact : facts) {
            out << "  " << fact.id << ":\n    " << fact.body << "\n    question: {zh: '" << fact.id
                << "？', en: 'What is " << fact.id << "?'}\n";
        }
    }

    /// fields.yaml: the data dictionary.
    void write_fields(const fs::path& path) const {
        std::ofstream out = open(path);
        out << "format: 1\n\n# Generated by bench/generate_catalog (do not edit).\n\nfields:\n";
        static constexpr const char* type_names[] = {"string",  "integer", "number",
                                                     "boolean", "date",    "enum"};
        for (const GenField& field : fields_) {
            out << "  " << field.id << ":\n    type: " << type_names[field.type]
                << "\n    label: {zh: 字段" << field.serial << ", en: Field " << field.serial
                << "}\n";
            switch (field.type) {
                case 0:
                    if (field.serial % 7 == 0) {
                        out << "    pattern: '^[0-9A-Z]{6,20}$'\n";
                    } else {
                        out << "    max_length: " << 20 + field.serial % 180 << '\n';
                    }
                    break;
                case 1:
                    out << "    minimum: 0\n    maximum: " << 100 + field.serial % 900 << '\n';
                    break;
                case 2:
                    out << "    minimum: 0\n";
                    break;
                case 5:
                    out << "    values: [a, b, c]\n";
                    break;
                default:
                    break;
            }
            if (field.shared) {
                out << "    source: shared\n";
            }
        }
    }

    /// materials.yaml: licences, paper and produced documents.
    void write_materials(const fs::path& path) const {
        std::ofstream out = open(path);
        out << "format: 1\n\n# Generated by bench/generate_catalog (do not edit).\n\nmaterials:\n";
        for (const GenMaterial& material : materials_) {
            out << "  " << material.id << ":\n    name: {zh: " << material.zh
                << ", en: " << material.en << "}\n";
            if (material.e_license) {
                out << "    e_license: true\n";
            }
            if (!material.submittable) {
                out << "    submittable: false\n";
            }
        }
    }

    /// A flow list of ids.
    template <typename Name>
    static void flow_list(std::ostream& out, const std::vector<std::uint32_t>& list, Name name) {
        out << '[';
        for (std::size_t i = 0; i < list.size(); ++i) {
            out << (i ? ", " : "") << name(list[i]);
        }
        out << ']';
    }

    /// items/<department>.yaml, one file per department.
    void write_items(const fs::path& folder) const {
        std::vector<std::vector<std::uint32_t>> by_department(departments_);
        for (std::uint32_t i = 0; i < items_.size(); ++i) {
            by_department[items_[i].department].push_back(i);
        }
        static constexpr const char* channel_lists[] = {"[window]", "[online, window]",
                                                        "[online, mobile, window]"};
        auto item_id = [&](std::uint32_t i) -> const std::string& { return items_[i].id; };
        auto material_id = [&](std::uint32_t m) -> const std::string& { return materials_[m].id; };
        auto field_id = [&](std::uint32_t f) -> const std::string& { return fields_[f].id; };
        for (std::size_t d = 0; d < departments_; ++d) {
            std::ofstream out = open(folder / (std::string(all_departments[d].id) + ".yaml"));
            out << "format: 1\n\n# Items of " << all_departments[d].zh
                << ". Generated by bench/generate_catalog (do not edit).\n\nitems:\n";
            for (std::uint32_t i : by_department[d]) {
                const GenItem& item = items_[i];
                const ItemKind& kind = item_kinds[item.kind];
                out << "  " << item.id << ":\n    name: {zh: " << all_departments[d].zh << kind.zh
                    << "事项" << i << ", en: " << kind.id << " " << i
                    << "}\n    department: " << all_departments[d].id << "\n    type: " << kind.id
                    << "\n    channels: " << channel_lists[item.channels];
                if (item.in_person) {
                    out << "\n    in_person: true";
                }
                out << "\n    duration_days: " << item.days << "\n    steps: " << item.steps;
                if (item.visits >= 0) {
                    out << "\n    visits: " << item.visits;
                }
                if (item.kind == 4) {
                    out << "\n    payee: " << all_departments[d].id;
                }
                if (item.condition >= 0) {
                    out << "\n    when: \"" << conditions[item.condition].text << '"';
                }
                out << "\n    needs:";
                if (!item.prerequisites.empty()) {
                    out << "\n      items: ";
                    flow_list(out, item.prerequisites, item_id);
                }
                if (!item.needs.empty()) {
                    out << "\n      materials:";
                    for (const GenNeed& need : item.needs) {
                        if (need.alternatives.size() == 1) {
                            out << "\n        - " << material_id(need.alternatives.front());
                        } else {
                            out << "\n        - any_of: ";
                            flow_list(out, need.alternatives, material_id);
                        }
                    }
                }
                if (!item.fields.empty()) {
                    out << "\n      fields:";
                    for (const GenFieldNeed& need : item.fields) {
                        out << "\n        - ";
                        if (need.minimum >= 0) {
                            out << "{field: " << field_id(need.field)
                                << ", minimum: " << need.minimum << '}';
                        } else {
                            out << field_id(need.field);
                        }
                    }
                }
                if (!item.produced_materials.empty() || !item.produced_fields.empty()) {
                    out << "\n    produces:";
                    if (!item.produced_materials.empty()) {
                        out << "\n      materials: ";
                        flow_list(out, item.produced_materials, material_id);
                    }
                    if (!item.produced_fields.empty()) {
                        out << "\n      fields: ";
                        flow_list(out, item.produced_fields, field_id);
                    }
                }
                out << '\n';
            }
        }
    }

    /// bundles.yaml.
    void write_bundles(const fs::path& path) const {
        std::ofstream out = open(path);
        out << "format: 1\n\n# Generated by bench/generate_catalog (do not edit).\n\nbundles:\n";
        for (const GenBundle& bundle : bundles_) {
            out << "  " << bundle.id << ":\n    name: {zh: " << bundle.zh << ", en: " << bundle.en
                << "}\n    goals:\n";
            for (std::uint32_t goal : bundle.goals) {
                out << "      - " << items_[goal].id << '\n';
            }
            if (!bundle.defer.empty()) {
                out << "    defer: [" << items_[bundle.defer.front()].id << "]\n";
            }
            if (bundle.optimize) {
                out << "    optimize: " << bundle.optimize << '\n';
            }
            if (bundle.when) {
                out << "    when: \"" << bundle.when << "\"\n";
            }
        }
    }

    std::size_t count_;
    double multi_producers_;
    bool paper_or_inside_;
    Random random_;
    std::size_t departments_ = 0;
    std::vector<GenItem> items_;
    std::vector<GenMaterial> materials_;
    std::vector<GenField> fields_;
    std::vector<GenBundle> bundles_;
    std::vector<std::uint32_t> licences_, papers_, common_fields_;
    std::vector<std::vector<std::uint32_t>> by_layer_;
    std::vector<std::vector<std::vector<std::uint32_t>>> by_layer_department_;
};

/// Parses a whole unsigned number; false when `text` is not one.
bool parse_number(std::string_view text, std::uint64_t& value) {
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    return error == std::errc{} && end == text.data() + text.size();
}

/// Prints the usage and returns the usage exit status.
int usage() {
    std::cerr << "usage: generate_catalog --items N [--seed S] [--multi-producers PERCENT]\n"
                 "                        [--paper-or-inside yes|no] --out DIR\n"
                 "  N from 1000 to 200000; PERCENT of produced documents with 2-3 producers "
                 "(default 10);\n"
                 "  --paper-or-inside no: needs of a document produced inside the bundle offer no "
                 "paper alternative\n";
    return 2;
}

}  // namespace

/// Reads the options, generates and writes the catalog.
int main(int argc, char** argv) {
    std::uint64_t items = 0, seed = 1, multi_producers = 10;
    bool paper_or_inside = true;
    std::string out;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (i + 1 >= argc) {
            return usage();
        }
        const std::string_view value = argv[++i];
        if (arg == "--items" && parse_number(value, items)) {
            continue;
        }
        if (arg == "--seed" && parse_number(value, seed)) {
            continue;
        }
        if (arg == "--multi-producers" && parse_number(value, multi_producers) &&
            multi_producers <= 100) {
            continue;
        }
        if (arg == "--paper-or-inside" && (value == "yes" || value == "no")) {
            paper_or_inside = value == "yes";
            continue;
        }
        if (arg == "--out") {
            out = value;
            continue;
        }
        return usage();
    }
    if (items < 1000 || items > 200000 || out.empty()) {
        return usage();
    }
    Generator generator(items, seed, static_cast<double>(multi_producers) / 100.0, paper_or_inside);
    generator.build();
    generator.write(out);
    generator.summary(std::cerr);
    return 0;
}
