// Small random catalogs: items with format 1.1's keys, needs, alternatives, prerequisites and
// conditions drawn from a seeded generator, so that every run draws the same catalogs.
#include "random_catalogs.hpp"

#include <string>
#include <vector>

namespace onething::testing {
namespace {

/// Writes item `i`'s head: its name, duration, in_person and payee as drawn, and sometimes the
/// keys of format 1.1: an item neither in person nor paid is automatic one time in four, an
/// in-person item is at a second venue one time in three (or names the window), and a
/// bundled duration no longer than the item's own is given one time in three. True when the
/// item is automatic.
bool format_1_1_keys(std::string& yaml, int i, int days, bool in_person, bool paid,
                     std::mt19937& random) {
    auto below = [&](int n) { return static_cast<int>(random() % static_cast<unsigned>(n)); };
    yaml += "  i" + std::to_string(i) + ":\n    name: I" + std::to_string(i) +
            "\n    duration_days: " + std::to_string(days) +
            "\n    in_person: " + (in_person ? "true" : "false") + "\n";
    if (paid) {
        yaml += "    payee: p" + std::to_string(below(2)) + "\n";
    }
    const bool automatic = !in_person && !paid && below(4) == 0;
    if (automatic) {
        yaml += "    automatic: true\n";
    }
    if (in_person) {
        const int venue = below(6);
        yaml += venue < 2 ? "    venue: hall\n" : venue == 2 ? "    venue: window\n" : "";
    }
    if (below(3) == 0) {
        yaml += "    bundled_duration_days: " + std::to_string(below(days + 1)) + "\n";
    }
    return automatic;
}

}  // namespace

std::string random_catalog(std::mt19937& random, int item_count, bool papers, bool conditional) {
    auto below = [&](int n) { return static_cast<int>(random() % static_cast<unsigned>(n)); };
    // A `when` for a need: nothing, or (with `conditional`, one time in three) a condition on
    // the defaulted facts that holds or not.
    auto when = [&]() -> std::string {
        if (!conditional || below(3) != 0) {
            return "";
        }
        static const char* const conditions[] = {"f.on", "f.off", "'!f.off'", "'!f.on'"};
        return std::string(", when: ") + conditions[below(4)];
    };
    const int material_count = 6;
    std::vector<std::vector<int>> producers(material_count);
    std::string yaml =
        "facts:\n  f.on: {type: bool, default: true}\n"
        "  f.off: {type: bool, default: false}\n"
        "fields:\n  s.shared: {type: string, label: S, source: shared}\n"
        "  a.asked: {type: string, label: A}\n  p.made: {type: string, label: P}\n"
        "materials:\n";
    std::vector<std::string> kinds(material_count);
    for (int m = 0; m < material_count; ++m) {
        const int roll = below(10);
        kinds[m] = roll < 5 ? "submittable: false" : roll < 7 ? "e_license: true" : "";
        yaml += "  m" + std::to_string(m) + ": {name: M" + std::to_string(m) +
                (kinds[m].empty() ? "" : ", " + kinds[m]) + "}\n";
    }
    std::vector<std::vector<int>> produces(static_cast<std::size_t>(item_count));
    for (int i = 0; i < item_count; ++i) {
        for (int m = 0; m < material_count; ++m) {
            if (below(4) == 0 && !(papers && kinds[m].empty())) {
                produces[i].push_back(m);
                producers[m].push_back(i);
            }
        }
    }
    for (int m = 0; m < material_count; ++m) {  // a record nobody produces fails the lint
        if (producers[m].empty() && kinds[m] == "submittable: false") {
            const int i = below(item_count);
            produces[i].push_back(m);
            producers[m].push_back(i);
        }
    }
    yaml += "items:\n";
    for (int i = 0; i < item_count; ++i) {
        const int days = below(4);
        const bool in_person = below(3) == 0;
        const bool paid = below(3) == 0;
        const bool automatic = format_1_1_keys(yaml, i, days, in_person, paid, random);
        if (below(6) == 0) {
            yaml += std::string("    when: ") + (below(2) ? "f.on" : "f.off") + "\n";
        }
        yaml += "    needs:\n      materials:\n";
        const int needs = 1 + below(2);
        bool any_of = false;
        for (int k = 0; k < needs; ++k) {
            const int a = below(material_count);
            const int b = below(material_count);
            if (!any_of && a != b && below(2) == 0) {
                any_of = true;
                if (conditional) {
                    yaml += "        - {any_of: [{material: m" + std::to_string(a) + when() +
                            "}, {material: m" + std::to_string(b) + when() + "}]" + when() + "}\n";
                } else {
                    yaml += "        - any_of: [m" + std::to_string(a) + ", m" + std::to_string(b) +
                            "]\n";
                }
            } else if (conditional) {
                yaml += "        - {material: m" + std::to_string(a) + when() + "}\n";
            } else {
                yaml += "        - m" + std::to_string(a) + "\n";
            }
        }
        if (automatic) {  // nobody produces a.asked here: an automatic item never needs it
            yaml += std::string("      fields: [s.shared") + (below(2) ? ", p.made" : "") + "]\n";
        } else {
            yaml += std::string("      fields: [") + (below(2) ? "s.shared, " : "") +
                    "{field: a.asked" + when() + "}" + (below(2) ? ", p.made" : "") + "]\n";
        }
        if (i + 1 < item_count && below(4) == 0) {
            yaml += "      items: [{item: i" + std::to_string(i + 1 + below(item_count - i - 1)) +
                    when() + "}]\n";
        }
        yaml += "    produces:\n      materials: [";
        for (std::size_t k = 0; k < produces[i].size(); ++k) {
            yaml += (k ? ", m" : "m") + std::to_string(produces[i][k]);
        }
        yaml += std::string("]\n") + (below(4) == 0 ? "      fields: [p.made]\n" : "");
    }
    static const char* const objectives[] = {"[visits, days, materials]", "[materials, days]",
                                             "[days, steps, fields]", "[steps, materials, days]"};
    yaml += "bundles:\n  b:\n    name: B\n    goals: [i0" + std::string(below(2) ? ", i1" : "") +
            "]\n    optimize: " + objectives[below(4)] + "\n";
    return yaml;
}

std::string random_maker_catalog(std::mt19937& random, int item_count) {
    auto below = [&](int n) { return static_cast<int>(random() % static_cast<unsigned>(n)); };
    const std::vector<std::string> licences{"e0", "e1"};
    const std::vector<std::string> papers{"p0", "p1", "p2"};
    const std::vector<std::string> records{"r0", "r1", "r2"};
    std::string yaml =
        "fields:\n  s.shared: {type: string, label: S, source: shared}\n"
        "  a.asked: {type: string, label: A}\n  p.made: {type: string, label: P}\n"
        "materials:\n  e0: {name: E0, e_license: true}\n  e1: {name: E1, e_license: true}\n"
        "  p0: {name: P0}\n  p1: {name: P1}\n  p2: {name: P2}\n"
        "  r0: {name: R0, submittable: false}\n  r1: {name: R1, submittable: false}\n"
        "  r2: {name: R2, submittable: false}\n";
    std::vector<std::vector<std::string>> produces(static_cast<std::size_t>(item_count));
    std::vector<std::string> field_produces(static_cast<std::size_t>(item_count));
    std::vector<int> made(records.size(), 0);
    for (int i = 1; i < item_count; ++i) {  // i0, a goal, makes nothing
        if (below(3) == 0) {
            continue;
        }
        const auto r = static_cast<std::size_t>(below(3));
        produces[i].push_back(records[r]);
        ++made[r];
        if (below(3) == 0) {
            const auto other = (r + 1 + static_cast<std::size_t>(below(2))) % records.size();
            produces[i].push_back(records[other]);
            ++made[other];
        }
        for (const std::string& paper : papers) {
            if (below(2) == 0) {
                produces[i].push_back(paper);
            }
        }
        const int fields = below(4);
        field_produces[i] = fields == 0 ? "a.asked" : fields == 1 ? "a.asked, p.made" : "";
    }
    for (std::size_t r = 0; r < records.size(); ++r) {
        if (made[r] == 0) {
            produces[static_cast<std::size_t>(1 + below(item_count - 1))].push_back(records[r]);
        }
    }
    auto any_material = [&]() {
        const int roll = below(8);
        return roll < 3   ? papers[static_cast<std::size_t>(roll)]
               : roll < 6 ? records[static_cast<std::size_t>(roll - 3)]
                          : licences[static_cast<std::size_t>(roll - 6)];
    };
    yaml += "items:\n";
    for (int i = 0; i < item_count; ++i) {
        const int days = below(3);
        const bool in_person = below(4) == 0;
        const bool paid = below(4) == 0;
        format_1_1_keys(yaml, i, days, in_person, paid, random);
        yaml += "    needs:\n      materials:\n";
        // An any_of: a free e-licence first (usually), then a record, then maybe a paper.
        std::string list =
            below(4) == 0 ? any_material() : licences[static_cast<std::size_t>(below(2))];
        list += ", " + records[static_cast<std::size_t>(below(3))];
        if (below(3) == 0) {
            list += ", " + papers[static_cast<std::size_t>(below(3))];
        }
        yaml += "        - any_of: [" + list + "]\n";
        if (below(2) == 0) {
            yaml += "        - " +
                    (below(2) ? papers[static_cast<std::size_t>(below(3))] : any_material()) + "\n";
        }
        yaml += std::string("      fields: [") + (below(2) ? "s.shared, " : "") + "a.asked" +
                (below(2) ? ", p.made" : "") + "]\n";
        if (i + 1 < item_count && below(5) == 0) {
            yaml += "      items: [i" + std::to_string(i + 1 + below(item_count - i - 1)) + "]\n";
        }
        yaml += "    produces:\n      materials: [";
        for (std::size_t k = 0; k < produces[i].size(); ++k) {
            yaml += (k ? ", " : "") + produces[i][k];
        }
        yaml += "]\n";
        if (!field_produces[i].empty()) {
            yaml += "      fields: [" + field_produces[i] + "]\n";
        }
    }
    static const char* const objectives[] = {"[visits, days, materials]", "[materials, days]",
                                             "[fields, materials]", "[steps, materials, days]"};
    yaml += "bundles:\n  b:\n    name: B\n    goals: [i0" + std::string(below(2) ? ", i1" : "") +
            "]\n    optimize: " + objectives[below(4)] + "\n";
    return yaml;
}

}  // namespace onething::testing
