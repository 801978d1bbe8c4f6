// The snapshot API (onething/snapshot.hpp): round trips, the size limit at N and N + 1, and the
// refusals that do not need the command line (tests/snapshot/ drives the command line).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "../fuzz/fuzz_targets.hpp"
#include "model/catalog_index.hpp"
#include "onething/error.hpp"
#include "onething/load.hpp"
#include "onething/snapshot.hpp"
#include "test_support.hpp"

namespace {

using onething::LoadResult;

/// The shipped catalog, loaded once.
const LoadResult& shipped() {
    static const LoadResult loaded = [] {
        const std::string rules = ONETHING_RULES_DIR;
        return onething::load_catalog(std::span<const std::string>(&rules, 1));
    }();
    return loaded;
}

/// The payload of a snapshot file: what follows its header.
std::string payload_of(const std::string& file) {
    std::uint32_t version_length = 0;
    std::memcpy(&version_length, file.data() + 12, 4);
    return file.substr(16 + version_length + 16);
}

}  // namespace

TEST_CASE("snapshot: the shipped catalog round-trips with its revision and warnings",
          "[snapshot]") {
    const LoadResult& loaded = shipped();
    REQUIRE(loaded.ok());
    const std::string bytes = onething::write_snapshot(loaded);
    CHECK(onething::looks_like_snapshot(bytes));
    const LoadResult read = onething::read_snapshot("rules.snapshot", bytes);
    REQUIRE(read.ok());
    CHECK(read.revision == loaded.revision);
    CHECK(read.revision.size() == 64);
    CHECK(read.files == loaded.files);
    CHECK(onething::testing::messages(read) == onething::testing::messages(loaded));
    CHECK(read.catalog.items().size() == loaded.catalog.items().size());
    CHECK(read.catalog.tests().size() == loaded.catalog.tests().size());
    CHECK(onething::write_snapshot(read) == bytes);
}

TEST_CASE("snapshot: max_snapshot_bytes at N and N + 1", "[snapshot]") {
    const std::string bytes = onething::write_snapshot(shipped());
    onething::Limits limits;
    limits.max_snapshot_bytes = bytes.size();
    CHECK(onething::read_snapshot("s", bytes, limits).ok());
    limits.max_snapshot_bytes = bytes.size() - 1;
    const LoadResult refused = onething::read_snapshot("s", bytes, limits);
    CHECK(onething::testing::messages(refused) ==
          std::vector<std::string>{"s: error: the snapshot is " + std::to_string(bytes.size()) +
                                   " bytes, more than the limit of " +
                                   std::to_string(bytes.size() - 1) +
                                   " (max_snapshot_bytes); raise the limit (docs/limits.md) "
                                   "[limit-snapshot-size]"});
    CHECK(refused.catalog.items().empty());
}

TEST_CASE("snapshot: a catalog with errors is not written", "[snapshot]") {
    const LoadResult broken = onething::testing::load_text("format: 1\nitems: [\n");
    REQUIRE_FALSE(broken.ok());
    CHECK_THROWS_AS(onething::write_snapshot(broken), onething::InputError);
}

TEST_CASE("snapshot: a snapshot among other sources is refused", "[snapshot]") {
    const std::string bytes = onething::write_snapshot(shipped());
    const std::vector<onething::SourceFile> files{{"a.yaml", "format: 1\n"}, {"b.snapshot", bytes}};
    const LoadResult result = onething::load_catalog_from_sources(files);
    CHECK(onething::testing::messages(result) ==
          std::vector<std::string>{
              "b.snapshot: error: a snapshot must be the only path of a command; give the "
              "snapshot alone, or the rule files it was compiled from [snapshot-not-alone]"});
    const std::vector<onething::SourceFile> alone{{"b.snapshot", bytes}};
    CHECK(onething::load_catalog_from_sources(alone).ok());
}

TEST_CASE("snapshot: every truncation is refused with one error, never a crash", "[snapshot]") {
    const std::string bytes = onething::write_snapshot(shipped());
    for (std::size_t size = 1; size < bytes.size(); size += 997) {
        const LoadResult result = onething::read_snapshot("s", bytes.substr(0, size));
        INFO("truncated to " << size);
        REQUIRE(result.diagnostics.size() == 1);
        CHECK(result.diagnostics.front().code == "snapshot-corrupt");
    }
}

TEST_CASE("snapshot: a position past its section is refused, any other names what it reads",
          "[snapshot]") {
    const std::string catalog = std::string(ONETHING_TEST_DATA_DIR) + "/coverage/catalog.yaml";
    const LoadResult loaded = onething::load_catalog(std::span<const std::string>(&catalog, 1));
    REQUIRE(loaded.ok());
    const std::string payload = payload_of(onething::write_snapshot(loaded));
    // Every 4 bytes of the payload replaced by a position past any section, then by small
    // positions: each file is refused with one diagnostic or loads with every reference's id
    // the id of the definition its position names.
    std::vector<std::string> refusals;
    for (std::size_t at = 0; at + 4 <= payload.size(); ++at) {
        for (std::uint32_t value : {0xFFFFFFF0u, 0u, 1u, 2u, 5u}) {
            std::string bad = payload;
            std::memcpy(bad.data() + at, &value, 4);
            const LoadResult read =
                onething::read_snapshot("s", onething::fuzz::snapshot_around(bad));
            INFO("at " << at << ", value " << value);
            if (!read.ok()) {
                REQUIRE(read.diagnostics.size() == 1);
                refusals.push_back(read.diagnostics.front().message);
                continue;
            }
            const onething::Catalog& read_catalog = read.catalog;
            const auto& index = onething::detail::index_of(read_catalog);
            const auto items = read_catalog.items();
            for (std::size_t i = 0; i < items.size(); ++i) {
                const auto& links = index.items[i];
                REQUIRE(links.prerequisites.size() == items[i].needs_items.size());
                for (std::size_t n = 0; n < links.prerequisites.size(); ++n) {
                    CHECK(items[links.prerequisites[n]].id == items[i].needs_items[n].item.id);
                }
                REQUIRE(links.material_needs.size() == items[i].needs_materials.size());
                for (std::size_t n = 0; n < links.material_needs.size(); ++n) {
                    const auto& alternatives = items[i].needs_materials[n].alternatives;
                    REQUIRE(links.material_needs[n].size() == alternatives.size());
                    for (std::size_t a = 0; a < alternatives.size(); ++a) {
                        CHECK(read_catalog.materials()[links.material_needs[n][a]].id ==
                              alternatives[a].id);
                    }
                }
                REQUIRE(links.field_needs.size() == items[i].needs_fields.size());
                for (std::size_t n = 0; n < links.field_needs.size(); ++n) {
                    CHECK(read_catalog.fields()[links.field_needs[n]].id ==
                          items[i].needs_fields[n].field.id);
                }
            }
        }
    }
    for (const char* kind : {"item", "material", "field"}) {
        INFO(kind);
        CHECK(std::any_of(refusals.begin(), refusals.end(), [&](const std::string& message) {
            return message.find(std::string("a reference to ") + kind + " 4294967280 of ") !=
                   std::string::npos;
        }));
    }
}

TEST_CASE("snapshot: a text that is not UTF-8, or holds a control character, is refused",
          "[snapshot]") {
    const std::string catalog = std::string(ONETHING_TEST_DATA_DIR) + "/coverage/catalog.yaml";
    const LoadResult loaded = onething::load_catalog(std::span<const std::string>(&catalog, 1));
    REQUIRE(loaded.ok());
    const std::string payload = payload_of(onething::write_snapshot(loaded));
    const std::string name = "纸质证明";  // a material's name: 12 bytes
    const std::size_t at = payload.find(name);
    REQUIRE(at != std::string::npos);
    CHECK(onething::read_snapshot("s", onething::fuzz::snapshot_around(payload)).ok());
    // The same number of bytes: a byte that is no UTF-8, a control character, a C1 control.
    for (const std::string& bad :
         {std::string("\xff\xfe\xfd") + name.substr(3), std::string("a\x01") + name.substr(2),
          std::string("\xc2\x85") + name.substr(2)}) {
        REQUIRE(bad.size() == name.size());
        std::string changed = payload;
        changed.replace(at, name.size(), bad);
        const LoadResult read =
            onething::read_snapshot("s", onething::fuzz::snapshot_around(changed));
        REQUIRE(read.diagnostics.size() == 1);
        CHECK(read.diagnostics[0].code == "snapshot-corrupt");
        CHECK(read.diagnostics[0].message.find(
                  "a text that is not UTF-8, or holds a control character") != std::string::npos);
    }
}
