// Dispatch as departments receive it: each payload's department and materials, and the payloads
// keyed by department.
#include <algorithm>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "onething/error.hpp"
#include "onething/form.hpp"
#include "onething/request.hpp"
#include "test_support.hpp"

using namespace onething;
using Json = nlohmann::ordered_json;

namespace {

/// A birth certificate (health) produces the certificate that the hukou registration (public
/// security) and the insurance enrolment (health) need. The registration also needs a photo
/// (submitted), the ID card (an e-licence) and one of paper or passport: the passport, an
/// e-licence, is chosen, since it saves the applicant a material.
const char* const birth_yaml = R"(format: 1
fields:
  child.name: {type: string, label: Name}
materials:
  id_card: {name: ID card, e_license: true}
  passport: {name: Passport, e_license: true}
  photo: {name: Photo}
  paper: {name: Paper}
  certificate: {name: Certificate, submittable: false}
items:
  birth.certificate:
    name: Birth certificate
    department: health
    duration_days: 2
    needs: {materials: [id_card], fields: [child.name]}
    produces: {materials: [certificate]}
  hukou.register:
    name: Hukou registration
    department: public_security
    duration_days: 1
    needs:
      materials: [photo, certificate, id_card, {any_of: [paper, passport]}]
      fields: [child.name]
  insurance.enrol:
    name: Insurance enrolment
    department: health
    duration_days: 1
    needs: {materials: [certificate]}
bundles:
  birth:
    name: Birth
    goals: [insurance.enrol, hukou.register, birth.certificate]
)";

/// The payloads of the `birth` bundle for a child named Li.
std::vector<ItemPayload> birth_payloads(const Catalog& catalog) {
    const Plan plan = make_plan(catalog, "birth", {});
    const Answers answers{{"child.name", Value(std::string("Li"))}};
    return dispatch(catalog, plan, answers, {});
}

/// A payload material, for comparisons.
PayloadMaterial material(const char* id, Provision provision,
                         std::vector<std::string> producers = {}) {
    return {id, provision, std::move(producers)};
}

/// Equality of payload materials, field by field.
bool same(const std::vector<PayloadMaterial>& a, const std::vector<PayloadMaterial>& b) {
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (a[i].material != b[i].material || a[i].provision != b[i].provision ||
            a[i].producers != b[i].producers) {
            return false;
        }
    }
    return true;
}

}  // namespace

TEST_CASE("dispatch: each payload carries its department and its materials", "[form][dispatch]") {
    const Catalog catalog = testing::catalog_of(birth_yaml);
    const Plan plan = make_plan(catalog, "birth", {});
    REQUIRE(plan.choices.size() == 1);
    CHECK(plan.choices[0].alternatives[static_cast<std::size_t>(plan.choices[0].chosen)] ==
          "passport");

    const auto payloads = birth_payloads(catalog);
    REQUIRE(payloads.size() == 3);
    CHECK(payloads[0].item == "birth.certificate");
    CHECK(payloads[0].department == "health");
    CHECK(same(payloads[0].materials, {material("id_card", Provision::e_license)}));

    // Sorted by material id; paper, the alternative not chosen, is not there.
    CHECK(payloads[1].item == "hukou.register");
    CHECK(payloads[1].department == "public_security");
    CHECK(
        same(payloads[1].materials,
             {material("certificate", Provision::produced, {"birth.certificate"}),
              material("id_card", Provision::e_license), material("passport", Provision::e_license),
              material("photo", Provision::submitted)}));

    CHECK(payloads[2].item == "insurance.enrol");
    CHECK(payloads[2].department == "health");
    CHECK(same(payloads[2].materials,
               {material("certificate", Provision::produced, {"birth.certificate"})}));
    CHECK(payloads[2].fields.empty());
}

TEST_CASE("dispatch: the payload's new keys follow the old ones, producers only when produced",
          "[form][dispatch]") {
    const Catalog catalog = testing::catalog_of(birth_yaml);
    const Json json = Json::parse(dispatch_to_json(birth_payloads(catalog)));
    std::vector<std::string> items;
    for (const auto& [item, payload] : json.items()) {
        items.push_back(item);
        std::vector<std::string> keys;
        for (const auto& [key, value] : payload.items()) {
            keys.push_back(key);
        }
        CHECK(keys ==
              std::vector<std::string>{"fields", "pending", "prefill", "department", "materials"});
    }
    CHECK(items ==
          std::vector<std::string>{"birth.certificate", "hukou.register", "insurance.enrol"});
    CHECK(json["hukou.register"]["department"] == "public_security");
    CHECK(json["hukou.register"]["materials"] == Json::parse(R"([
      {"material": "certificate", "provision": "produced", "producers": ["birth.certificate"]},
      {"material": "id_card", "provision": "e_license"},
      {"material": "passport", "provision": "e_license"},
      {"material": "photo", "provision": "submitted"}])"));
    CHECK(json["insurance.enrol"]["materials"] == Json::parse(R"([
      {"material": "certificate", "provision": "produced", "producers": ["birth.certificate"]}])"));
    CHECK(json["birth.certificate"]["fields"] == Json::parse(R"({"child.name": "Li"})"));
}

TEST_CASE("dispatch: by department, departments sorted and items sorted within",
          "[form][dispatch]") {
    const Catalog catalog = testing::catalog_of(birth_yaml);
    auto payloads = birth_payloads(catalog);
    const std::string by_item = dispatch_to_json(payloads);
    CHECK(dispatch_to_json(payloads, DispatchGrouping::item) == by_item);

    // Given in any order, the grouping sorts.
    std::reverse(payloads.begin(), payloads.end());
    const Json json = Json::parse(dispatch_to_json(payloads, DispatchGrouping::department));
    std::vector<std::string> departments;
    for (const auto& [department, items] : json.items()) {
        departments.push_back(department);
    }
    CHECK(departments == std::vector<std::string>{"health", "public_security"});
    std::vector<std::string> health;
    for (const auto& [item, payload] : json["health"].items()) {
        health.push_back(item);
    }
    CHECK(health == std::vector<std::string>{"birth.certificate", "insurance.enrol"});
    CHECK(json["public_security"].size() == 1);

    // Each payload is the one keyed by item, byte for byte once written.
    const Json items = Json::parse(by_item);
    CHECK(json["health"]["insurance.enrol"] == items["insurance.enrol"]);
    CHECK(json["public_security"]["hukou.register"] == items["hukou.register"]);
}

TEST_CASE("dispatch: groupings are named item and department", "[form][dispatch]") {
    CHECK(std::string(to_string(DispatchGrouping::item)) == "item");
    CHECK(std::string(to_string(DispatchGrouping::department)) == "department");
    CHECK(parse_dispatch_grouping("department") == DispatchGrouping::department);
    CHECK(parse_dispatch_grouping("item") == DispatchGrouping::item);
    CHECK_FALSE(parse_dispatch_grouping("Department").has_value());
    CHECK_FALSE(parse_dispatch_grouping("").has_value());
}

TEST_CASE("dispatch: a JSON request's `by` is read, and a bad one names the field",
          "[form][dispatch][request]") {
    CHECK(request_from_json(R"({"command": "dispatch", "bundle": "b", "answers": {}})").by ==
          DispatchGrouping::item);
    CHECK(request_from_json(
              R"({"command": "dispatch", "bundle": "b", "answers": {}, "by": "department"})")
              .by == DispatchGrouping::department);
    const auto message = [](const char* json) -> std::string {
        try {
            request_from_json(json);
        } catch (const InputError& error) {
            return error.diagnostics().at(0).message;
        }
        return "";
    };
    CHECK(message(R"({"command": "dispatch", "bundle": "b", "answers": {}, "by": "agency"})") ==
          "request field 'by': unknown grouping 'agency'; one of item, department");
    CHECK(message(R"({"command": "dispatch", "bundle": "b", "answers": {}, "by": 1})") ==
          "request field 'by': expected a string");
}

TEST_CASE("dispatch: the request layer groups by department when asked", "[form][dispatch]") {
    const Catalog catalog = testing::catalog_of(birth_yaml);
    Request request;
    request.operation = Operation::dispatch;
    request.bundle = "birth";
    request.answers = SourceFile{"answers.yaml", "child:\n  name: Li\n"};
    const Response by_item = dispatch_request(catalog, request);
    REQUIRE(by_item.ok());
    CHECK(by_item.document == dispatch_to_json(birth_payloads(catalog)));
    request.by = DispatchGrouping::department;
    const Response by_department = dispatch_request(catalog, request);
    REQUIRE(by_department.ok());
    CHECK(by_department.document ==
          dispatch_to_json(birth_payloads(catalog), DispatchGrouping::department));
}

TEST_CASE("dispatch: a field is pending on the item that hands it over, never the item itself",
          "[form][dispatch]") {
    // `a` needs and produces `f`; `b` produces it too and hands it to `a` (an item never
    // produces for itself); `c` takes it from the first producer of its edges.
    const Catalog catalog = testing::catalog_of(R"(
fields:
  f: {type: string, label: F}
items:
  a: {name: A, needs: {fields: [f]}, produces: {fields: [f]}}
  b: {name: B, produces: {fields: [f]}}
  c: {name: C, needs: {fields: [f]}}
bundles:
  bb: {name: BB, goals: [a, b, c]}
)");
    const Plan plan = make_plan(catalog, "bb", {});
    const std::vector<ItemPayload> payloads = dispatch(catalog, plan, {}, {});
    REQUIRE(payloads.size() == 3);
    CHECK(payloads[0].item == "a");
    CHECK(payloads[0].pending == std::map<std::string, std::string>{{"f", "b"}});
    CHECK(payloads[1].pending.empty());
    // The producer of the plan's first edge into `c` carrying `f`.
    std::string sender;
    for (const PlanEdge& edge : plan.edges) {
        if (edge.to == "c" && edge.via == "f" && sender.empty()) {
            sender = std::string(edge.from);
        }
    }
    REQUIRE_FALSE(sender.empty());
    CHECK(payloads[2].pending == std::map<std::string, std::string>{{"f", sender}});
}
