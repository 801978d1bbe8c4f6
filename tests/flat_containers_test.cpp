// The flat containers the model keeps its lists in: rows of positions (model/jagged.hpp) and a
// text's translations (onething/text.hpp).
#include <catch2/catch.hpp>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "model/jagged.hpp"
#include "onething/text.hpp"

using onething::Text;
using onething::detail::Jagged;

namespace {

/// The rows of `rows` as vectors.
std::vector<std::vector<std::uint32_t>> as_vectors(const Jagged<std::uint32_t>& rows) {
    std::vector<std::vector<std::uint32_t>> all;
    for (const auto row : rows) {
        all.emplace_back(row.begin(), row.end());
    }
    return all;
}

}  // namespace

TEST_CASE("jagged: rows added at the end, values at the end of the last row", "[model]") {
    Jagged<std::uint32_t> rows;
    CHECK(rows.empty());
    CHECK(rows.begin() == rows.end());
    rows.add_row();
    rows.push_back(7);
    rows.push_back(3);
    rows.add_row();  // an empty row stays a row
    rows.add_row();
    rows.push_back(9);
    REQUIRE(rows.size() == 3);
    CHECK(as_vectors(rows) == std::vector<std::vector<std::uint32_t>>{{7, 3}, {}, {9}});
    CHECK(rows[0].size() == 2);
    CHECK(rows[1].empty());
    CHECK(rows[2][0] == 9);
    CHECK(std::vector<std::uint32_t>(rows.values().begin(), rows.values().end()) ==
          std::vector<std::uint32_t>{7, 3, 9});

    Jagged<std::uint32_t> same;
    same.add_row();
    same.push_back(7);
    same.push_back(3);
    same.add_row();
    same.add_row();
    CHECK_FALSE(same == rows);  // {9} is not in the empty last row
    same.push_back(9);
    CHECK(same == rows);
}

TEST_CASE("jagged: rows made from their values and ends are checked", "[model]") {
    const Jagged<std::uint32_t> rows({1, 2, 3}, {0, 2, 2, 3});
    CHECK(as_vectors(rows) == std::vector<std::vector<std::uint32_t>>{{}, {1, 2}, {}, {3}});
    CHECK_THROWS_AS(Jagged<std::uint32_t>({1, 2, 3}, {2, 1, 3}), std::invalid_argument);
    CHECK_THROWS_AS(Jagged<std::uint32_t>({1, 2, 3}, {1, 2}), std::invalid_argument);
    CHECK_THROWS_AS(Jagged<std::uint32_t>({1}, {}), std::invalid_argument);
    CHECK(Jagged<std::uint32_t>({}, {0, 0}).size() == 2);
}

TEST_CASE("translations: kept in tag order, each tag once", "[model]") {
    Text text;
    CHECK(text.empty());
    CHECK(text.in("en").empty());
    CHECK(text.translations.emplace("zh", "出生"));
    CHECK(text.translations.emplace("", "plain"));
    CHECK(text.translations.emplace("en", "birth"));
    CHECK_FALSE(text.translations.emplace("en", "second"));  // the first text of a tag stays
    std::vector<std::string> tags;
    for (const auto& [tag, words] : text.translations) {
        tags.push_back(tag);
    }
    CHECK(tags == std::vector<std::string>{"", "en", "zh"});
    CHECK(text.translations.size() == 3);
    CHECK(text.in("en") == "birth");
    CHECK(text.in("fr") == "plain");
    REQUIRE(text.translations.find("zh") != text.translations.end());
    CHECK(text.translations.find("zh")->second == "出生");
    CHECK(text.translations.find("z") == text.translations.end());

    text.translations.insert_or_assign("en", "childbirth");  // replaced in its place
    text.translations.insert_or_assign("de", "Geburt");      // added in its place
    CHECK(text.in("en") == "childbirth");
    tags.clear();
    for (const auto& [tag, words] : text.translations) {
        tags.push_back(tag);
    }
    CHECK(tags == std::vector<std::string>{"", "de", "en", "zh"});

    Text other;
    other.translations.insert_or_assign("zh", "出生");
    other.translations.insert_or_assign("en", "childbirth");
    other.translations.insert_or_assign("de", "Geburt");
    CHECK_FALSE(other.translations == text.translations);
    other.translations.insert_or_assign("", "plain");
    CHECK(other.translations == text.translations);
}
