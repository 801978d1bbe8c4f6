// The C API: JSON in and out, errors as JSON, NULL arguments, threads sharing a catalog.
#include <catch2/catch.hpp>

#include <unistd.h>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "onething/onething.h"
#include "onething/version.hpp"

namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

/// Frees a C API string when it goes out of scope.
struct Freer {
    void operator()(void* pointer) const { onething_free(pointer); }
};
using OwnedString = std::unique_ptr<char, Freer>;

/// Frees a catalog when it goes out of scope.
struct CatalogFreer {
    void operator()(onething_catalog* catalog) const { onething_catalog_free(catalog); }
};
using OwnedCatalog = std::unique_ptr<onething_catalog, CatalogFreer>;

/// The parsed `{"errors": [...]}` of a failed call; frees the string.
Json take_errors(char* error_json) {
    REQUIRE(error_json != nullptr);
    OwnedString owned(error_json);
    Json report = Json::parse(owned.get());
    REQUIRE(report.contains("errors"));
    REQUIRE(report["errors"].is_array());
    REQUIRE_FALSE(report["errors"].empty());
    for (const Json& error : report["errors"]) {
        for (const char* key : {"file", "line", "column", "severity", "code", "message"}) {
            CHECK(error.contains(key));
        }
    }
    return report["errors"];
}

/// Loads the catalog under `path`; fails the test when it does not load.
OwnedCatalog load(const std::string& path) {
    const char* paths[] = {path.c_str()};
    char* error = nullptr;
    OwnedCatalog catalog(onething_catalog_load(paths, 1, &error));
    INFO((error != nullptr ? error : ""));
    REQUIRE(catalog != nullptr);
    REQUIRE(error == nullptr);
    return catalog;
}

/// A rule file in a fresh temporary folder, removed with the object.
struct TempRules {
    fs::path folder;
    explicit TempRules(const std::string& yaml) {
        static std::atomic<int> counter{0};
        folder = fs::temp_directory_path() / ("onething_capi_test_" + std::to_string(::getpid()) +
                                              "_" + std::to_string(counter++));
        fs::create_directories(folder);
        std::ofstream(folder / "rules.yaml") << yaml;
    }
    ~TempRules() {
        std::error_code ignored;
        fs::remove_all(folder, ignored);
    }
};

/// Two items: `hukou.register` produces the record and the child's ID number `card.apply` needs.
const char* card_yaml = R"(
format: 1
materials:
  hukou_record: {name: Hukou record, submittable: false}
fields:
  child.name: {type: string, label: {en: Child's name}}
  child.id_number: {type: string}
  mother.name: {type: string, source: shared}
items:
  card.apply:
    name: Card
    duration_days: 4
    needs:
      materials: [hukou_record]
      fields: [child.name, child.id_number, mother.name]
  hukou.register:
    name: Hukou
    duration_days: 5
    needs: {fields: [child.name]}
    produces: {materials: [hukou_record], fields: [child.id_number]}
bundles:
  card: {name: Card, goals: [card.apply]}
)";

const char* child_birth_facts =
    R"({"mother.maternity_insured": true, "parents.hukou_local": true})";

}  // namespace

TEST_CASE("capi: the C API reports the library version", "[capi]") {
    CHECK(std::string(onething_version()) == onething::version_string);
}

TEST_CASE("capi: the C API loads the shipped catalog and plans child-birth", "[capi]") {
    const OwnedCatalog catalog = load(ONETHING_RULES_DIR);
    char* error = reinterpret_cast<char*>(1);  // must be reset on success
    const OwnedString plan(
        onething_plan_json(catalog.get(), "child-birth", child_birth_facts, &error));
    REQUIRE(plan != nullptr);
    CHECK(error == nullptr);
    const Json json = Json::parse(plan.get());
    CHECK(json["bundle"] == "child-birth");
    CHECK(json["metrics"]["after"]["forms"] == 1);
    CHECK(json["metrics"]["before"]["steps"].get<double>() >
          json["metrics"]["after"]["steps"].get<double>());
}

TEST_CASE("capi: the optimizer's bounds can be passed, the defaults give the same plan", "[capi]") {
    const OwnedCatalog catalog = load(ONETHING_TEST_DATA_DIR "/plan/choices.yaml");
    const OwnedString plain(onething_plan_json(catalog.get(), "choices", nullptr, nullptr));
    const OwnedString defaults(onething_plan_json_bounded(
        catalog.get(), "choices", nullptr, ONETHING_DEFAULT_MAX_SEARCH_NODES,
        ONETHING_DEFAULT_MAX_SEARCH_WORK, nullptr));
    char* error = reinterpret_cast<char*>(1);
    const OwnedString first(
        onething_plan_json_bounded(catalog.get(), "choices", nullptr, 1, 1, &error));
    REQUIRE(plain != nullptr);
    REQUIRE(defaults != nullptr);
    REQUIRE(first != nullptr);
    CHECK(error == nullptr);
    CHECK(std::string(plain.get()) == std::string(defaults.get()));
    const Json proven = Json::parse(plain.get());
    const Json greedy = Json::parse(first.get());
    CHECK(proven["optimal"] == true);
    CHECK(greedy["optimal"] == false);
    CHECK(greedy["search_nodes"].get<int>() < proven["search_nodes"].get<int>());
    const OwnedString none(onething_plan_json_bounded(nullptr, "choices", nullptr, 1, 1, &error));
    CHECK(none == nullptr);
    REQUIRE(error != nullptr);
    CHECK(std::string(error).find("catalog is NULL") != std::string::npos);
    onething_free(error);
    // Each bound from 1 to 2^63 - 1, as in a JSON request: 0 and 2^63 are refused, named.
    const unsigned long long most = 9223372036854775807ULL;
    const OwnedString at_most(
        onething_plan_json_bounded(catalog.get(), "choices", nullptr, most, most, nullptr));
    CHECK(at_most != nullptr);
    for (const auto& [nodes, work, named] :
         {std::tuple{0ULL, 1ULL, "max_search_nodes is 0"},
          std::tuple{1ULL, most + 1, "max_search_work is 9223372036854775808"}}) {
        const OwnedString refused(
            onething_plan_json_bounded(catalog.get(), "choices", nullptr, nodes, work, &error));
        CHECK(refused == nullptr);
        const Json errors = take_errors(error);
        CHECK(errors[0]["code"] == "invalid-argument");
        CHECK(errors[0]["message"].get<std::string>().find(named) != std::string::npos);
    }
}

TEST_CASE("capi: a bad rule file fails to load with located errors as JSON", "[capi]") {
    const std::string path = std::string(ONETHING_TEST_DATA_DIR) + "/lint/syntax.yaml";
    const char* paths[] = {path.c_str()};
    char* error = nullptr;
    CHECK(onething_catalog_load(paths, 1, &error) == nullptr);
    const Json errors = take_errors(error);
    const Json& first = errors[0];
    CHECK(first["file"].get<std::string>().ends_with("syntax.yaml"));
    CHECK(first["line"] == 5);
    CHECK(first["column"] == 9);
    CHECK(first["severity"] == "error");
    CHECK(first["code"] == "syntax");
    CHECK_FALSE(first["message"].get<std::string>().empty());
}

TEST_CASE("capi: a missing rule path is an error naming it", "[capi]") {
    const char* paths[] = {"no/such/rules"};
    char* error = nullptr;
    CHECK(onething_catalog_load(paths, 1, &error) == nullptr);
    const Json errors = take_errors(error);
    CHECK(errors[0]["code"] == "unreadable");
    CHECK(errors[0]["file"] == "no/such/rules");
}

TEST_CASE("capi: an unknown bundle is an error naming it", "[capi]") {
    const OwnedCatalog catalog = load(ONETHING_RULES_DIR);
    char* error = nullptr;
    CHECK(onething_plan_json(catalog.get(), "child-brith", child_birth_facts, &error) == nullptr);
    const Json errors = take_errors(error);
    CHECK(errors[0]["code"] == "unknown-bundle");
    CHECK(errors[0]["file"] == "bundle");  // the argument that named it
    CHECK_THAT(errors[0]["message"].get<std::string>(), Catch::Contains("child-brith"));
}

TEST_CASE("capi: bad facts are located errors in <facts>", "[capi]") {
    const OwnedCatalog catalog = load(ONETHING_RULES_DIR);
    char* error = nullptr;
    CHECK(onething_plan_json(catalog.get(), "child-birth", "{\"no.such.fact\": true}", &error) ==
          nullptr);
    Json errors = take_errors(error);
    CHECK(errors[0]["file"] == "<facts>");
    CHECK(errors[0]["line"] == 1);
    CHECK(onething_plan_json(catalog.get(), "child-birth", "{\"a\": [", &error) == nullptr);
    errors = take_errors(error);
    CHECK(errors[0]["file"] == "<facts>");
}

TEST_CASE("capi: NULL arguments are errors, not crashes", "[capi]") {
    const OwnedCatalog catalog = load(ONETHING_RULES_DIR);
    char* error = nullptr;
    CHECK(onething_catalog_load(nullptr, 1, &error) == nullptr);
    CHECK(take_errors(error)[0]["code"] == "invalid-argument");
    CHECK(onething_catalog_load(nullptr, 0, &error) == nullptr);
    CHECK(take_errors(error)[0]["message"] ==
          "n is 0: no rule file or folder given; pass at least one path");
    const char* null_path[] = {nullptr};
    CHECK(onething_catalog_load(null_path, 1, &error) == nullptr);
    CHECK_THAT(take_errors(error)[0]["message"].get<std::string>(), Catch::Contains("paths[0]"));

    CHECK(onething_plan_json(nullptr, "child-birth", nullptr, &error) == nullptr);
    CHECK_THAT(take_errors(error)[0]["message"].get<std::string>(), Catch::Contains("catalog"));
    CHECK(onething_plan_json(catalog.get(), nullptr, nullptr, &error) == nullptr);
    CHECK_THAT(take_errors(error)[0]["message"].get<std::string>(), Catch::Contains("bundle"));
    CHECK(onething_call_json(catalog.get(), R"({"command": "plan", "bundle": ""})", &error) ==
          nullptr);
    CHECK(take_errors(error)[0]["message"] ==
          "request field 'bundle': empty; plan needs the id of a bundle");
    CHECK(onething_form_json(nullptr, nullptr, nullptr, &error) == nullptr);
    CHECK(take_errors(error)[0]["code"] == "invalid-argument");
    CHECK(onething_dispatch_json(catalog.get(), "child-birth", nullptr, nullptr, &error) ==
          nullptr);
    CHECK_THAT(take_errors(error)[0]["message"].get<std::string>(),
               Catch::Contains("answers_json"));
    // The arguments are checked in their order: the catalog first, as everywhere.
    CHECK(onething_dispatch_json(nullptr, nullptr, nullptr, nullptr, &error) == nullptr);
    CHECK(take_errors(error)[0]["message"] == "catalog is NULL");

    // Without error_json a failure is just NULL; freeing NULL is allowed.
    CHECK(onething_plan_json(nullptr, nullptr, nullptr, nullptr) == nullptr);
    CHECK(onething_catalog_load(nullptr, 0, nullptr) == nullptr);
    onething_free(nullptr);
    onething_catalog_free(nullptr);
}

TEST_CASE("capi: the C API gives the merged form and dispatches answers", "[capi]") {
    const TempRules rules(card_yaml);
    const OwnedCatalog catalog = load(rules.folder.string());
    char* error = nullptr;

    SECTION("form: only the asked field, as a JSON Schema") {
        const OwnedString form(onething_form_json(catalog.get(), "card", nullptr, &error));
        INFO((error != nullptr ? error : ""));
        REQUIRE(form != nullptr);
        const Json schema = Json::parse(form.get());
        CHECK(schema["$schema"] == "https://json-schema.org/draft/2020-12/schema");
        const Json& child = schema["properties"]["child"]["properties"];
        CHECK(child.size() == 1);
        CHECK(child["name"]["type"] == "string");
        CHECK(schema["$defs"]["onething"]["const"]["produced"]["child.id_number"] ==
              "hukou.register");
    }
    SECTION("dispatch: one payload per item, produced fields pending") {
        const OwnedString payloads(onething_dispatch_json(
            catalog.get(), "card", nullptr, R"({"child": {"name": "Li Ming"}})", &error));
        INFO((error != nullptr ? error : ""));
        REQUIRE(payloads != nullptr);
        const Json json = Json::parse(payloads.get());
        CHECK(json["hukou.register"]["fields"]["child.name"] == "Li Ming");
        CHECK(json["card.apply"]["fields"]["child.name"] == "Li Ming");
        CHECK(json["card.apply"]["pending"]["child.id_number"] == "hukou.register");
        CHECK(json["card.apply"]["prefill"] == Json::array({"mother.name"}));
    }
    SECTION("dispatch: a missing answer is an error naming the field") {
        CHECK(onething_dispatch_json(catalog.get(), "card", nullptr, "{}", &error) == nullptr);
        const Json errors = take_errors(error);
        CHECK_THAT(errors.dump(), Catch::Contains("child.name"));
    }
}

TEST_CASE("capi: threads share one catalog", "[capi]") {
    const OwnedCatalog catalog = load(ONETHING_RULES_DIR);
    const OwnedString expected(
        onething_plan_json(catalog.get(), "child-birth", child_birth_facts, nullptr));
    REQUIRE(expected != nullptr);
    std::atomic<int> same{0};
    std::atomic<int> errors{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 5; ++i) {
                char* error = nullptr;
                const char* bundle = (i + t) % 2 == 0 ? "child-birth" : "no-such-bundle";
                const OwnedString plan(
                    onething_plan_json(catalog.get(), bundle, child_birth_facts, &error));
                const OwnedString owned_error(error);
                if (plan != nullptr && std::string(plan.get()) == expected.get()) {
                    ++same;
                } else if (plan == nullptr && owned_error != nullptr) {
                    ++errors;
                }
            }
        });
    }
    for (std::thread& thread : threads) {
        thread.join();
    }
    CHECK(same == 10);
    CHECK(errors == 10);
}

namespace {

/// The committed command-line output tests/golden/expected/NAME.out (standard output only).
std::string golden(const std::string& name) {
    std::ifstream stream(
        std::string(ONETHING_TEST_DATA_DIR) + "/../golden/expected/" + name + ".out",
        std::ios::binary);
    REQUIRE(stream);
    std::string text((std::istreambuf_iterator<char>(stream)), std::istreambuf_iterator<char>());
    const auto stderr_at = text.find("--- stderr ---\n");
    return stderr_at == std::string::npos ? text : text.substr(0, stderr_at);
}

/// onething_call_json's document for `request`; fails the test on an error.
std::string call(const onething_catalog* catalog, const std::string& request) {
    char* error = reinterpret_cast<char*>(1);  // must be reset
    OwnedString answer(onething_call_json(catalog, request.c_str(), &error));
    INFO(request << " -> " << (error != nullptr ? error : ""));
    REQUIRE(error == nullptr);
    REQUIRE(answer != nullptr);
    return answer.get();
}

/// onething_call_json's errors for `request`, which must fail without a document.
Json call_errors(const onething_catalog* catalog, const char* request) {
    char* error = nullptr;
    OwnedString answer(onething_call_json(catalog, request, &error));
    INFO(request);
    CHECK(answer == nullptr);
    return take_errors(error);
}

const char* birth_facts =
    R"({"child.born_in_city": true, "parents.hukou_local": true, "mother.maternity_insured": true})";

}  // namespace

TEST_CASE("capi: onething_call_json answers every command as the command line prints it",
          "[capi]") {
    const OwnedCatalog catalog = load(ONETHING_RULES_DIR);
    const std::string birth = std::string(R"("bundle": "child-birth", "facts": )") + birth_facts;
    CHECK(call(catalog.get(), R"({"command": "plan", )" + birth + R"(, "lang": "en"})") ==
          golden("plan-child-birth-0-json-en"));
    CHECK(call(catalog.get(), R"({"command": "plan", )" + birth + "}") ==
          golden("plan-child-birth-0-json-zh"));
    CHECK(call(catalog.get(),
               R"({"command": "plan", )" + birth + R"(, "lang": "zh", "format": "mermaid"})") ==
          golden("plan-child-birth-0-mermaid-zh"));
    CHECK(call(catalog.get(), R"({"command": "form", )" + birth + R"(, "lang": "en"})") ==
          golden("form-child-birth-0-en"));
    CHECK(call(catalog.get(), R"({"command": "guide", "bundle": "child-birth"})") ==
          golden("guide-child-birth-0-json-zh"));
    CHECK(call(catalog.get(), R"({"command": "guide", "bundle": "child-birth", "lang": "en"})") ==
          golden("guide-child-birth-0-json-en"));
    CHECK(call(catalog.get(), R"({"command": "list"})") == golden("list-format-json-shipped"));
    CHECK(call(catalog.get(), R"({"command": "lint"})") == golden("lint-format-json-shipped"));
    CHECK(call(catalog.get(), R"({"command": "test"})") == golden("test-format-json-shipped"));
    CHECK(call(catalog.get(), R"({"command": "report"})") == golden("report-format-json-shipped"));
    CHECK(call(catalog.get(), R"({"command": "report", "format": "markdown"})") ==
          golden("report-format-markdown-shipped"));
    CHECK(call(catalog.get(), R"({"command": "schema"})") == golden("schema"));
    CHECK(call(catalog.get(), R"({"command": "schema", "format": "overlay"})") ==
          golden("schema-overlay"));
    CHECK(call(catalog.get(), R"({"command": "export"})") == golden("export-cpsv-ap-shipped"));
    CHECK(call(catalog.get(), R"({"command": "export", "format": "cpsv-ap"})") ==
          golden("export-cpsv-ap-shipped"));
    // tests/data/form/answers/child-birth-good.yaml (the golden cases' answers) as JSON.
    const std::string answers =
        R"({"bank": {"account_number": "6222021001122334455"}, )"
        R"("child": {"name": "王小宝", "birth_order": 1, "hukou_parent": "mother"}, )"
        R"("mother": {"delivery_type": "vaginal", "leave_start_date": "2025-06-01"}, )"
        R"("person": {"residence_address": "上海市徐汇区漕溪北路88号"}})";
    const std::string dispatch =
        R"({"command": "dispatch", )" + birth + R"(, "answers": )" + answers;
    CHECK(call(catalog.get(), dispatch + "}") == golden("dispatch-child-birth-0"));
    CHECK(call(catalog.get(), dispatch + R"(, "by": "department"})") ==
          golden("dispatch-child-birth-0-by-department"));
    CHECK(call(catalog.get(), dispatch + R"(, "by": "item"})") == golden("dispatch-child-birth-0"));
}

TEST_CASE("capi: onething_call_json dispatches answers as onething_dispatch_json does", "[capi]") {
    const TempRules rules(card_yaml);
    const OwnedCatalog catalog = load(rules.folder.string());
    const char* answers = R"({"child": {"name": "Li Ming"}})";
    const OwnedString expected(
        onething_dispatch_json(catalog.get(), "card", nullptr, answers, nullptr));
    REQUIRE(expected != nullptr);
    CHECK(call(catalog.get(), std::string(R"({"command": "dispatch", "bundle": "card", )") +
                                  R"("answers": )" + answers + "}") == expected.get());
}

TEST_CASE("capi: a lint request fails above max_warnings, at N+1 and not at N", "[capi]") {
    const std::string data = std::string(ONETHING_TEST_DATA_DIR) + "/lint/";
    const std::string paths = R"({"paths": [")" + data + R"(warning_bundled_duration.yaml", ")" +
                              data + R"(warning_venue_not_in_person.yaml"]})";
    char* error = nullptr;
    const OwnedCatalog catalog(onething_catalog_load_json(paths.c_str(), &error));
    REQUIRE(catalog != nullptr);
    onething_free(error);  // the load's two warnings
    const std::string at = call(catalog.get(), R"({"command": "lint", "max_warnings": 2})");
    CHECK(Json::parse(at)["warnings"] == 2);
    char* over = nullptr;
    const OwnedString document(
        onething_call_json(catalog.get(), R"({"command": "lint", "max_warnings": 1})", &over));
    CHECK(document != nullptr);  // the document is still given, the verdict is the error
    const Json errors = take_errors(over);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0]["code"] == "too-many-warnings");
    CHECK(errors[0]["message"] ==
          "2 warnings, more than the 1 allowed (--max-warnings, max_warnings in a request); "
          "fix them or allow more");
    CHECK(call_errors(catalog.get(), R"({"command": "lint", "max_warnings": -1})")[0]["message"] ==
          "request field 'max_warnings': expected an integer from 0 to 18446744073709551615 "
          "(warnings allowed)");
}

TEST_CASE("capi: onething_call_json reports bad requests as {\"errors\": [...]}", "[capi]") {
    const OwnedCatalog catalog = load(ONETHING_RULES_DIR);
    const onething_catalog* handle = catalog.get();
    auto first = [](const Json& errors) { return errors.at(0); };
    const Json unknown_bundle =
        first(call_errors(handle, R"({"command": "plan", "bundle": "child-brith"})"));
    CHECK(unknown_bundle["code"] == "unknown-bundle");
    CHECK(unknown_bundle["file"] == "request.bundle");
    const Json bad_fact = first(call_errors(
        handle,
        R"({"command": "plan", "bundle": "child-birth", "facts": {"mother.maternity_insured": "yes"}})"));
    CHECK(bad_fact["file"] == "request.facts");
    CHECK(bad_fact["message"].get<std::string>().find("mother.maternity_insured") !=
          std::string::npos);
    CHECK(first(call_errors(handle, R"({"command": "plan", )"))["code"] == "bad-json");
    // A syntax error is located in the request's text, in characters: line 2, after "名前".
    const Json syntax = first(call_errors(handle, "{\"command\": \"plan\",\n \"名前\" 1}"));
    CHECK(syntax["file"] == "request");
    CHECK(syntax["line"] == 2);
    CHECK(syntax["column"] == 7);
    CHECK(syntax["message"] ==
          "the request is not valid JSON: syntax error while parsing object separator - unexpected "
          "number literal; expected ':'");
    // A number JSON allows but a double cannot hold (found by the request fuzz target): located
    // at the number, named by it.
    const Json overflow = first(call_errors(
        handle,
        "{\"command\": \"plan\", \"bundle\": \"child-birth\",\n \"facts\": {\"名\": -1e99999}}"));
    CHECK(overflow["code"] == "bad-json");
    CHECK(overflow["line"] == 2);
    CHECK(overflow["column"] == 17);
    CHECK(overflow["message"] ==
          "the request holds the number '-1e99999', too large for a number (a double holds at "
          "most about 1.8e308); write a smaller number, or the value as a string");
    CHECK(first(call_errors(handle, R"({"command": "plan", "bundle": 1E+400})"))["column"] == 31);
    CHECK(first(call_errors(handle, "[1, 2]"))["code"] == "bad-request");
    const Json unknown_key =
        first(call_errors(handle, R"({"command": "plan", "bundel": "child-birth"})"));
    CHECK(unknown_key["code"] == "bad-request");
    CHECK(unknown_key["message"].get<std::string>().find("'bundel'") != std::string::npos);
    CHECK(first(call_errors(handle, R"({"command": "launch"})"))["message"].get<std::string>().find(
              "unknown command 'launch'") != std::string::npos);
    CHECK(first(call_errors(handle, R"({"command": "plan"})"))["message"].get<std::string>().find(
              "'bundle'") != std::string::npos);
    CHECK(
        first(call_errors(handle, R"({"command": "dispatch", "bundle": "child-birth"})"))["message"]
            .get<std::string>()
            .find("'answers'") != std::string::npos);
    CHECK(first(call_errors(handle, R"({"command": "dispatch", "bundle": "child-birth", )"
                                    R"("answers": {}, "by": "agency"})"))["message"] ==
          "request field 'by': unknown grouping 'agency'; one of item, department");
    CHECK(first(call_errors(handle, R"({"command": "plan", "bundle": 3})"))["message"]
              .get<std::string>()
              .find("expected a string") != std::string::npos);
    CHECK(first(call_errors(
              handle, R"({"command": "plan", "bundle": "b", "max_search_nodes": 0})"))["message"]
              .get<std::string>()
              .find("'max_search_nodes'") != std::string::npos);
    // The format is checked before any work is done, the bundle's too.
    CHECK(first(call_errors(handle,
                            R"({"command": "plan", "bundle": "b", "format": "pdf"})"))["code"] ==
          "unknown-format");
    CHECK(
        first(call_errors(
            handle, R"({"command": "plan", "bundle": "child-birth", "format": "pdf"})"))["code"] ==
        "unknown-format");
    CHECK(first(call_errors(
              handle,
              R"({"command": "plan", "bundle": "child-birth", "as_of": "2020-13-01"})"))["message"]
              .get<std::string>()
              .find("'as_of'") != std::string::npos);
    char* error = nullptr;
    CHECK(onething_call_json(nullptr, R"({"command": "list"})", &error) == nullptr);
    CHECK(first(take_errors(error))["code"] == "invalid-argument");
    CHECK(onething_call_json(handle, nullptr, &error) == nullptr);
    CHECK(first(take_errors(error))["code"] == "invalid-argument");
}

TEST_CASE("capi: catalogs load from memory and with limits", "[capi]") {
    Json request = {{"sources", {{{"name", "card.yaml"}, {"content", card_yaml}}}}};
    char* error = reinterpret_cast<char*>(1);
    OwnedCatalog catalog(onething_catalog_load_json(request.dump().c_str(), &error));
    REQUIRE(catalog != nullptr);
    CHECK(error == nullptr);
    CHECK(Json::parse(call(catalog.get(), R"({"command": "plan", "bundle": "card"})"))["bundle"] ==
          "card");

    // The limit bounds the file at N bytes and refuses N - 1.
    const auto size = std::string(card_yaml).size();
    request["limits"] = {{"max_file_bytes", size}};
    catalog.reset(onething_catalog_load_json(request.dump().c_str(), &error));
    CHECK(catalog != nullptr);
    request["limits"] = {{"max_file_bytes", size - 1}};
    catalog.reset(onething_catalog_load_json(request.dump().c_str(), &error));
    CHECK(catalog == nullptr);
    const Json too_big = take_errors(error).at(0);
    CHECK(too_big["file"] == "card.yaml");

    // The catalog's limits also bound the documents of its requests.
    request["limits"] = {{"max_file_bytes", size}};
    catalog.reset(onething_catalog_load_json(request.dump().c_str(), &error));
    REQUIRE(catalog != nullptr);
    const std::string long_name(size + 10, 'x');
    const std::string big_answers =
        R"({"command": "dispatch", "bundle": "card", "answers": {"child": {"name": ")" + long_name +
        R"("}}})";
    CHECK(onething_call_json(catalog.get(), big_answers.c_str(), &error) == nullptr);
    CHECK(take_errors(error).at(0)["file"] == "request.answers");

    const Json paths = {{"paths", {ONETHING_RULES_DIR}}};
    catalog.reset(onething_catalog_load_json(paths.dump().c_str(), &error));
    CHECK(catalog != nullptr);
    for (const char* bad :
         {R"({"paths": "rules"})", R"({"paths": [], "sources": []})",
          R"({"limits": {"max_files": -1}, "paths": ["x"]})",
          R"({"limits": {"max_depth": 5000000000}, "paths": ["x"]})",
          R"({"limits": {"max_flies": 3}, "paths": ["x"]})", R"({"path": []})", "nope"}) {
        INFO(bad);
        CHECK(onething_catalog_load_json(bad, &error) == nullptr);
        CHECK(take_errors(error).at(0)["code"] != "");
    }
    // Each refusal of what to load says which mistake it is.
    CHECK(onething_catalog_load_json(R"({"paths": []})", &error) == nullptr);
    CHECK(take_errors(error).at(0)["message"] ==
          "no rule file to load: name rule files and folders in paths, or give rule files in "
          "memory in sources (an empty list names none)");
    const Json both = {{"paths", {ONETHING_RULES_DIR}},
                       {"sources", {{{"name", "card.yaml"}, {"content", card_yaml}}}}};
    CHECK(onething_catalog_load_json(both.dump().c_str(), &error) == nullptr);
    CHECK(take_errors(error).at(0)["message"] ==
          "name rule paths or in-memory sources to load, not both");
}

TEST_CASE("capi: onething_call_json dispatches as `onething dispatch` prints it", "[capi]") {
    const OwnedCatalog catalog = load(ONETHING_TEST_DATA_DIR "/form/rules");
    std::ifstream answers_file(ONETHING_TEST_DATA_DIR "/form/answers/good-flat.json");
    const std::string answers((std::istreambuf_iterator<char>(answers_file)),
                              std::istreambuf_iterator<char>());
    std::ifstream expected_file(ONETHING_TEST_DATA_DIR "/form/expected/dispatch-flat.json");
    const std::string expected((std::istreambuf_iterator<char>(expected_file)),
                               std::istreambuf_iterator<char>());
    REQUIRE_FALSE(expected.empty());
    CHECK(call(catalog.get(), R"({"command": "dispatch", "bundle": "open-shop", "answers": )" +
                                  answers + "}") == expected);
}

TEST_CASE("capi: overlays in the load JSON give the command line's overlaid answers", "[capi]") {
    const std::string overlay =
        std::string(ONETHING_TEST_DATA_DIR) + "/../../examples/overlays/means-test-online.yaml";
    const Json request = {{"paths", {ONETHING_RULES_DIR}}, {"overlays", {overlay}}};
    char* error = nullptr;
    OwnedCatalog catalog(onething_catalog_load_json(request.dump().c_str(), &error));
    INFO((error != nullptr ? error : ""));
    REQUIRE(catalog != nullptr);
    CHECK(call(catalog.get(),
               R"({"command": "plan", "bundle": "low-rent-housing", "facts": )"
               R"({"household.means_test": "needs_check", "low_rent.mode": "rent_subsidy"}})") ==
          golden("plan-overlay-means-test-json"));

    // In memory: an overlay that adds a bundle over a source, named in its errors.
    const Json sources = {
        {"sources", {{{"name", "card.yaml"}, {"content", card_yaml}}}},
        {"overlay_sources",
         {{{"name", "more.yaml"},
           {"content", "bundles:\n  card-again: {name: Again, goals: [card.apply]}\n"}}}}};
    catalog.reset(onething_catalog_load_json(sources.dump().c_str(), &error));
    REQUIRE(catalog != nullptr);
    CHECK(Json::parse(
              call(catalog.get(), R"({"command": "plan", "bundle": "card-again"})"))["bundle"] ==
          "card-again");
    const Json bad = {
        {"sources", {{{"name", "card.yaml"}, {"content", card_yaml}}}},
        {"overlay_sources",
         {{{"name", "bad.yaml"}, {"content", "items:\n  card.apply: {stpes: 2}\n"}}}}};
    CHECK(onething_catalog_load_json(bad.dump().c_str(), &error) == nullptr);
    const Json located = take_errors(error).at(0);
    CHECK(located["file"] == "bad.yaml");
    CHECK(located["line"] == 2);
    CHECK(located["column"] == 16);

    // Overlays of the other kind than the catalog's are refused, naming the fix.
    for (const Json& mixed :
         {Json{{"paths", {ONETHING_RULES_DIR}}, {"overlay_sources", sources["overlay_sources"]}},
          Json{{"sources", sources["sources"]}, {"overlays", {overlay}}},
          Json{{"paths", {ONETHING_RULES_DIR}}, {"overlays", "x.yaml"}}}) {
        INFO(mixed.dump());
        CHECK(onething_catalog_load_json(mixed.dump().c_str(), &error) == nullptr);
        CHECK(take_errors(error).at(0)["code"] == "bad-request");
    }
}

TEST_CASE("capi: overlays in a call's request are refused, naming where they go", "[capi]") {
    const OwnedCatalog catalog = load(ONETHING_RULES_DIR);
    const Json error =
        call_errors(catalog.get(), R"({"command": "list", "overlays": ["x.yaml"]})").at(0);
    CHECK(error["code"] == "bad-request");
    CHECK(error["message"].get<std::string>().find("the load request's \"overlays\"") !=
          std::string::npos);
}

TEST_CASE("capi: onething_call_json_warned gives the command line's warnings beside the answer",
          "[capi]") {
    const OwnedCatalog catalog = load(ONETHING_RULES_DIR);
    const std::string request = std::string(R"({"command": "plan", "bundle": "child-birth", )") +
                                R"("facts": )" + child_birth_facts + R"(, "lang": )";
    // A language none of the texts is written in: the same document, and the warning.
    char* error = reinterpret_cast<char*>(1);     // must be reset
    char* warnings = reinterpret_cast<char*>(1);  // must be set
    const OwnedString answer(onething_call_json_warned(
        catalog.get(), (request + R"("fr"})").c_str(), &error, &warnings));
    const OwnedString owned_warnings(warnings);
    REQUIRE(answer != nullptr);
    CHECK(error == nullptr);
    CHECK(answer.get() == call(catalog.get(), request + R"("fr"})"));
    REQUIRE(warnings != nullptr);
    const Json report = Json::parse(warnings);
    REQUIRE(report["warnings"].size() == 1);
    CHECK(report["warnings"][0].get<std::string>().rfind(
              "the catalog has no text in language 'fr' (its texts are in en, zh)", 0) == 0);
    // A language it has, in any case: no warning.
    for (const char* lang : {R"("en"})", R"("ZH"})"}) {
        warnings = reinterpret_cast<char*>(1);
        const OwnedString plain(
            onething_call_json_warned(catalog.get(), (request + lang).c_str(), nullptr, &warnings));
        CHECK(plain != nullptr);
        CHECK(warnings == nullptr);
    }
    // No place for warnings is asked for: the answer alone.
    const OwnedString alone(
        onething_call_json_warned(catalog.get(), (request + R"("fr"})").c_str(), nullptr, nullptr));
    CHECK(alone != nullptr);
    // A failed call: its errors, no document and no warnings.
    warnings = reinterpret_cast<char*>(1);
    error = nullptr;
    const OwnedString failed(onething_call_json_warned(
        catalog.get(), R"({"command": "plan", "bundle": "no-such", "lang": "fr"})", &error,
        &warnings));
    CHECK(failed == nullptr);
    CHECK(warnings == nullptr);
    CHECK(take_errors(error)[0]["code"] == "unknown-bundle");
}
