// The catalog generator's model: its random source, the tables it draws departments, item
// kinds and conditions from, and the generated items, materials, fields and bundles.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace onething::bench {

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
    const char* id;  ///< id, also the prefix of its items' ids
    const char* zh;  ///< Chinese name
};

/// The agencies; a catalog uses the first few, more for larger catalogs.
inline constexpr Department all_departments[] = {
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
    const char* id;                                ///< the item's `type`
    const char* zh;                                ///< Chinese word for it
    int min_days, max_days, min_steps, max_steps;  ///< ranges of duration_days and steps
};

/// The item types, by `GenItem::kind`.
inline constexpr ItemKind item_kinds[] = {
    {"approval", "审批", 5, 20, 2, 4},   {"registration", "登记", 1, 10, 2, 3},
    {"certificate", "证明", 1, 5, 1, 3}, {"benefit", "补贴", 10, 30, 2, 4},
    {"payment", "缴费", 0, 2, 1, 2},     {"filing", "备案", 1, 5, 1, 2},
    {"service", "服务", 1, 10, 1, 3},
};

/// A `when` template over the facts, with its value under the facts' defaults.
struct ConditionTemplate {
    const char* text;       ///< the `when` expression
    bool holds_by_default;  ///< its value under the facts' defaults
};

/// The `when` templates, by `GenItem::condition`.
inline constexpr ConditionTemplate conditions[] = {
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
    std::string id;       ///< field id
    int type = 0;         ///< 0 string, 1 integer, 2 number, 3 boolean, 4 date, 5 enum
    bool shared = false;  ///< `source: shared`
    int serial = 0;       ///< number in its label (the producer's serial for produced fields)
};

/// A material: licence, paper or produced document.
struct GenMaterial {
    std::string id;           ///< material id
    std::string zh, en;       ///< name
    bool e_license = false;   ///< `e_license: true`
    bool submittable = true;  ///< false: `submittable: false`, only a producer can bring it
    std::vector<std::uint32_t> producers;  ///< item serials, primary first
};

/// A material need: one id or `any_of` alternatives (material positions).
struct GenNeed {
    std::vector<std::uint32_t> alternatives;  ///< one material, or the `any_of` list
};

/// A field need, with an optional `minimum` narrowing (integer fields only).
struct GenFieldNeed {
    std::uint32_t field = 0;  ///< field position
    int minimum = -1;         ///< -1: no `minimum`
};

/// One generated item.
struct GenItem {
    std::string id;          ///< item id
    int department = 0;      ///< position in `all_departments`
    int layer = 0;           ///< needs point only at earlier layers
    int kind = 0;            ///< position in `item_kinds`
    int channels = 0;        ///< 0 [window], 1 [online, window], 2 [online, mobile, window]
    bool in_person = false;  ///< `in_person: true`
    int visits = -1;         ///< -1: default
    int days = 0;            ///< duration_days
    int steps = 1;           ///< steps
    int condition = -1;      ///< position in `conditions`, -1: none
    std::vector<std::uint32_t> prerequisites;       ///< needs.items (item serials)
    std::vector<GenNeed> needs;                     ///< needs.materials
    std::vector<GenFieldNeed> fields;               ///< needs.fields
    std::vector<std::uint32_t> produced_materials;  ///< produces.materials (material positions)
    std::vector<std::uint32_t> produced_fields;     ///< produces.fields (field positions)
};

/// One generated bundle.
struct GenBundle {
    std::string id;                    ///< bundle id
    std::string zh, en;                ///< name
    std::vector<std::uint32_t> goals;  ///< item serials
    std::vector<std::uint32_t> defer;  ///< item serials (at most one)
    const char* optimize = nullptr;    ///< `optimize` list, or none
    const char* when = nullptr;        ///< `when` condition, or none
    std::size_t closure = 0;           ///< estimated plan size
};

/// A zero-padded decimal number.
inline std::string padded(std::size_t value, int width) {
    std::string text = std::to_string(value);
    return std::string(text.size() < static_cast<std::size_t>(width) ? width - text.size() : 0,
                       '0') +
           text;
}

}  // namespace onething::bench
