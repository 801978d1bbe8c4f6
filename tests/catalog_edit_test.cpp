// Unit tests of the in-place catalog editor (what-if's private copy): each edit plans as a
// catalog built from the edited definitions does, and edits undone plan as the original.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "model/catalog_edit.hpp"
#include "onething/error.hpp"
#include "onething/plan.hpp"
#include "onething/write.hpp"
#include "test_support.hpp"

using namespace onething;
using onething::detail::CatalogEditor;
using onething::detail::Index;

namespace {

/// Two venues of in-person items; `c.online` is online and `d.auto` automatic, each at a venue
/// no in-person item has (hall-0 sorting first), so that making either in person tests the
/// venue index.
const char* edit_yaml = R"(
facts:
  married: {type: bool, question: 'Married?', default: false}
materials:
  id_card: {name: ID card}
  deed: {name: Deed, submittable: false}
  cert: {name: Certificate}
fields:
  person.name: {type: string}
  person.spouse: {type: string}
items:
  a.apply:
    name: Apply
    in_person: true
    venue: hall-b
    duration_days: 5
    needs:
      materials: [id_card, {any_of: [deed, cert]}]
      fields: [person.name, {field: person.spouse, when: married}]
  b.deed:
    name: Deed
    in_person: true
    venue: hall-a
    duration_days: 2
    needs: {materials: [id_card]}
    produces: {materials: [deed]}
  c.online:
    name: Online
    channels: [online]
    venue: hall-0
    duration_days: 3
    bundled_duration_days: 1
    needs: {materials: [cert], fields: [person.name]}
  d.auto:
    name: Automatic
    automatic: true
    venue: hall-d
    duration_days: 1
    needs: {fields: [person.name]}
bundles:
  one: {name: One, goals: [a.apply, c.online]}
  two: {name: Two, goals: [b.deed, d.auto]}
  three: {name: Three, goals: [b.deed, c.online]}
tests:
  - {name: single, bundle: one, facts: {married: false}}
  - {name: married, bundle: one, facts: {married: true}}
)";

/// Every plan of `catalog` (each bundle, without facts and with each case's), as JSON, or the
/// error's code.
std::vector<std::string> every_plan(const Catalog& catalog) {
    std::vector<std::string> plans;
    const auto plan_of = [&](const std::string& bundle, const Facts& facts) {
        try {
            plans.push_back(plan_to_json(make_plan(catalog, bundle, facts), catalog, "en"));
        } catch (const Error& error) {
            plans.push_back(error.code());
        }
    };
    for (const Bundle& bundle : catalog.bundles()) {
        plan_of(bundle.id, {});
    }
    for (const TestCase& test : catalog.tests()) {
        plan_of(test.bundle.id, test.facts);
    }
    return plans;
}

/// The position of the item `id`.
Index item_at(const Catalog& catalog, const std::string& id) {
    return static_cast<Index>(catalog.find_item(id) - catalog.items().data());
}

}  // namespace

TEST_CASE("catalog editor plans each edit as a catalog rebuilt from the edited definitions",
          "[catalog_edit]") {
    const Catalog original = testing::catalog_of(edit_yaml);
    CatalogEditor editor(original);
    REQUIRE(every_plan(editor.catalog()) == every_plan(original));
    const auto same_as_rebuilt = [&] {
        CHECK(every_plan(editor.catalog()) == every_plan(detail::copy_of(editor.catalog())));
    };
    SECTION("every material an e-licence, or not submittable") {
        for (Index material = 0; material < original.materials().size(); ++material) {
            editor.set_e_license(material, true);
            same_as_rebuilt();
        }
    }
    SECTION("every field shared") {
        for (Index field = 0; field < original.fields().size(); ++field) {
            editor.set_source(field, FieldSource::shared);
            same_as_rebuilt();
        }
    }
    SECTION("items online, then in person at venues new to the index") {
        editor.set_attendance(item_at(original, "a.apply"), false, 0, {Channel::online});
        same_as_rebuilt();
        // hall-0 and hall-d are venues of no in-person item that is not automatic; hall-0 comes
        // first, so the venues after it move up.
        editor.set_attendance(item_at(original, "c.online"), true, 1, {Channel::window});
        same_as_rebuilt();
        editor.set_attendance(item_at(original, "a.apply"), true, 2, {Channel::window});
        same_as_rebuilt();
        // An automatic item makes no visit, in person or not.
        editor.set_attendance(item_at(original, "d.auto"), false, 0, {Channel::online});
        same_as_rebuilt();
        editor.set_attendance(item_at(original, "d.auto"), true, 1, {Channel::window});
        same_as_rebuilt();
    }
    SECTION("bundled durations") {
        editor.set_bundled_duration(item_at(original, "a.apply"), 0.0);
        same_as_rebuilt();
        editor.set_bundled_duration(item_at(original, "c.online"), std::nullopt);
        same_as_rebuilt();
    }
}

TEST_CASE("catalog editor undoing its edits plans as the original", "[catalog_edit]") {
    const Catalog original = testing::catalog_of(edit_yaml);
    CatalogEditor editor(original);
    const std::vector<std::string> before = every_plan(original);
    // Change everything, then put everything back as it was.
    for (Index material = 0; material < original.materials().size(); ++material) {
        editor.set_e_license(material, true);
    }
    for (Index field = 0; field < original.fields().size(); ++field) {
        editor.set_source(field, FieldSource::shared);
    }
    for (Index item = 0; item < original.items().size(); ++item) {
        editor.set_attendance(item, !original.items()[item].in_person, 0, {Channel::online});
        editor.set_bundled_duration(item, 0.0);
    }
    REQUIRE(every_plan(editor.catalog()) != before);
    for (Index material = 0; material < original.materials().size(); ++material) {
        editor.set_e_license(material, original.materials()[material].e_license);
    }
    for (Index field = 0; field < original.fields().size(); ++field) {
        editor.set_source(field, original.fields()[field].source);
    }
    for (Index item = 0; item < original.items().size(); ++item) {
        const Item& was = original.items()[item];
        editor.set_attendance(item, was.in_person, was.visits, was.channels);
        editor.set_bundled_duration(item, was.bundled_duration_days);
    }
    CHECK(every_plan(editor.catalog()) == before);
}
