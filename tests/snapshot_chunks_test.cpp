// Snapshots whose fields, materials and items span several chunks (docs/snapshots.md): read on
// any number of threads, they give the catalog read in order, and a corrupt one gives the same
// refusal as reading in order, whichever thread meets which error first.
#include <catch2/catch.hpp>

#include <cstring>
#include <string>
#include <vector>

#include "../fuzz/fuzz_targets.hpp"
#include "model/catalog_index.hpp"
#include "onething/snapshot.hpp"
#include "snapshot/codec.hpp"
#include "snapshot/read_threads.hpp"
#include "test_support.hpp"

namespace {

using onething::LoadResult;

constexpr int item_count = 2600;      // three chunks of items
constexpr int field_count = 1500;     // two chunks of fields
constexpr int material_count = 1200;  // two chunks of materials
static_assert(item_count > 2 * onething::detail::snapshot_chunk_elements);
static_assert(field_count > onething::detail::snapshot_chunk_elements);
static_assert(material_count > onething::detail::snapshot_chunk_elements);

/// `prefix` and `n`, zero-padded, so that ids sort as numbers do.
std::string numbered(const char* prefix, int n) {
    std::string digits = std::to_string(n);
    return prefix + std::string(5 - digits.size(), '0') + digits;
}

/// A catalog whose items name fields, materials and items in other chunks, some of them under
/// a condition, with texts in two languages and a bundle over items of every chunk.
std::string chunked_catalog_yaml() {
    std::string yaml =
        "format: 1\n\nfacts:\n  p.local: {type: bool, question: 'Local?', "
        "default: true}\n\nfields:\n";
    for (int f = 0; f < field_count; ++f) {
        yaml += "  " + numbered("f.", f) + ": {type: string, label: {zh: 字段" + std::to_string(f) +
                ", en: field " + std::to_string(f) + "}}\n";
    }
    yaml += "\nmaterials:\n";
    for (int m = 0; m < material_count; ++m) {
        yaml += "  " + numbered("m.", m) + ": {name: {zh: 材料" + std::to_string(m) +
                ", en: material " + std::to_string(m) + "}" +
                (m % 3 == 0 ? ", e_license: true" : "") + "}\n";
    }
    yaml += "\nitems:\n";
    for (int i = 0; i < item_count; ++i) {
        yaml += "  " + numbered("i.", i) + ":\n    name: {zh: 事项" + std::to_string(i) +
                ", en: item " + std::to_string(i) + "}\n    needs:\n";
        if (i >= 1100) {  // a prerequisite one chunk back or more
            yaml += "      items: [" +
                    (i % 2 == 0 ? numbered("i.", i - 1100)
                                : "{item: " + numbered("i.", i - 1100) + ", when: p.local}") +
                    "]\n";
        }
        const int m = (i * 7) % material_count;
        yaml += "      materials: [" + numbered("m.", m) + ", {any_of: [" +
                numbered("m.", (m + 601) % material_count) + ", " +
                numbered("m.", (m + 3) % material_count) + "]" +
                (i % 5 == 0 ? ", when: '!p.local'" : "") + "}]\n";
        yaml += "      fields: [" + numbered("f.", (i * 13) % field_count) + ", " +
                numbered("f.", (i * 13 + 700) % field_count) + "]\n";
        yaml += "    produces: {fields: [" + numbered("f.", (i * 11 + 5) % field_count) + "]}\n";
    }
    yaml += "\nbundles:\n  b:\n    name: {zh: 一件事, en: one thing}\n    goals: [" +
            numbered("i.", 5) + ", " + numbered("i.", 1500) + ", " + numbered("i.", 2599) + "]\n";
    return yaml;
}

/// The chunked catalog, loaded from its rule file once.
const LoadResult& chunked_catalog() {
    static const LoadResult loaded = onething::testing::load_text(chunked_catalog_yaml());
    return loaded;
}

/// A diagnostic as one line: code and message.
std::string refusal(const LoadResult& read) {
    if (read.diagnostics.empty()) {
        return "";
    }
    return read.diagnostics.front().code + ": " + read.diagnostics.front().message;
}

/// The payload of a snapshot file (after its header).
std::string payload_of(const std::string& file) {
    std::uint32_t version_length = 0;
    std::memcpy(&version_length, file.data() + 12, 4);
    return file.substr(16 + version_length + 16);
}

}  // namespace

TEST_CASE("snapshot: sections of several chunks read alike on any number of threads",
          "[snapshot]") {
    const LoadResult& loaded = chunked_catalog();
    REQUIRE(loaded.ok());
    REQUIRE(loaded.catalog.items().size() == item_count);
    const std::string bytes = onething::write_snapshot(loaded);
    const auto& yaml_index = onething::detail::index_of(loaded.catalog);
    for (unsigned threads : {1u, 2u, 3u, 8u}) {
        INFO(threads << " threads");
        const LoadResult read =
            onething::detail::read_snapshot_on_threads("s", bytes, onething::Limits{}, threads);
        REQUIRE(read.ok());
        // The same definitions, in the same order: written again, the same bytes.
        CHECK(onething::write_snapshot(read) == bytes);
        const onething::Catalog& catalog = read.catalog;
        CHECK(std::vector<std::string>(catalog.languages().begin(), catalog.languages().end()) ==
              std::vector<std::string>(loaded.catalog.languages().begin(),
                                       loaded.catalog.languages().end()));
        CHECK(catalog.languages().size() == 3);  // "" (the plain question), "en", "zh"
        // Every reference's position, and each prerequisite's id, as the rule file gives them.
        const auto& index = onething::detail::index_of(catalog);
        const auto items = catalog.items();
        for (std::size_t i = 0; i < items.size(); ++i) {
            const auto& links = index.items[i];
            const auto& expected = yaml_index.items[i];
            REQUIRE(links.prerequisites == expected.prerequisites);
            REQUIRE(links.material_needs == expected.material_needs);
            REQUIRE(links.field_needs == expected.field_needs);
            REQUIRE(links.produced_fields == expected.produced_fields);
            REQUIRE((links.conditional != nullptr) == (expected.conditional != nullptr));
            for (std::size_t n = 0; n < links.prerequisites.size(); ++n) {
                REQUIRE(items[i].needs_items[n].item.id ==
                        loaded.catalog.items()[i].needs_items[n].item.id);
            }
        }
        CHECK(index.field_producers == yaml_index.field_producers);
        CHECK(index.conditional_needs == yaml_index.conditional_needs);
    }
}

TEST_CASE("snapshot: a corrupt chunked snapshot is refused alike on any number of threads",
          "[snapshot]") {
    const std::string file = onething::write_snapshot(chunked_catalog());
    const std::string payload = payload_of(file);
    auto read = [](const std::string& bad, unsigned threads) {
        return refusal(onething::detail::read_snapshot_on_threads(
            "s", onething::fuzz::snapshot_around(bad), onething::Limits{}, threads));
    };
    // One word overwritten at 120 places: a position past any section, or zero (a count, a
    // length, the elements per chunk).
    const std::size_t step = payload.size() / 120;
    std::size_t refused = 0;
    for (std::size_t at = 0; at + 4 <= payload.size(); at += step) {
        for (std::uint32_t value : {0xFFFFFFF0u, 0u}) {
            std::string bad = payload;
            std::memcpy(bad.data() + at, &value, 4);
            const std::string in_order = read(bad, 1);
            INFO("at " << at << ", value " << value);
            CHECK(read(bad, 3) == in_order);
            refused += in_order.empty() ? 0 : 1;
        }
    }
    CHECK(refused > 100);  // about half: many words are text or a location
    // Two errors in different chunks of the items: the first in the file is reported, however
    // the threads meet them.
    const std::size_t items_start = payload.size() / 3;
    for (std::size_t pair = 0; pair < 10; ++pair) {
        std::string bad = payload;
        const std::size_t early = items_start + pair * 7919;
        const std::size_t late = payload.size() - 4096 - pair * 3001;
        for (std::size_t at : {early, late}) {
            const std::uint32_t past = 0xFFFFFFF0u;
            std::memcpy(bad.data() + at, &past, 4);
        }
        std::string only_early = payload;
        std::memcpy(only_early.data() + early, bad.data() + early, 4);
        const std::string in_order = read(bad, 1);
        INFO("errors at " << early << " and " << late);
        for (int repeat = 0; repeat < 3; ++repeat) {
            CHECK(read(bad, 4) == in_order);
        }
        if (!read(only_early, 1).empty()) {
            CHECK(in_order == read(only_early, 1));
        }
    }
}

TEST_CASE("snapshot: a section in chunks of 0 elements is refused", "[snapshot]") {
    // The facts section is not chunked; the fields section starts right after it, with its
    // count and then its elements per chunk.
    const LoadResult& loaded = chunked_catalog();
    const std::string file = onething::write_snapshot(loaded);
    std::string payload = payload_of(file);
    const std::string per_chunk = [] {
        onething::detail::ByteWriter writer;
        writer.u32(static_cast<std::uint32_t>(field_count));
        writer.u32(onething::detail::snapshot_chunk_elements);
        return writer.bytes();
    }();
    const std::size_t at = payload.find(per_chunk);
    REQUIRE(at != std::string::npos);
    std::memset(payload.data() + at + 4, 0, 4);
    for (unsigned threads : {1u, 2u}) {
        const LoadResult read = onething::detail::read_snapshot_on_threads(
            "s", onething::fuzz::snapshot_around(payload), onething::Limits{}, threads);
        REQUIRE(read.diagnostics.size() == 1);
        CHECK_THAT(read.diagnostics.front().message,
                   Catch::Contains("a section in chunks of 0 elements"));
    }
}
