// The storage of a plan's id text: views that never move, one copy per distinct id.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "plan/id_storage.hpp"

using onething::detail::IdStorage;
using onething::detail::PlanIds;

TEST_CASE("plan text keeps every view valid across chunks, long ids included", "[plan]") {
    IdStorage text;
    std::vector<std::string> ids;
    std::vector<std::string_view> views;
    // Enough ids to fill several chunks, and one id longer than the largest chunk.
    for (int i = 0; i < 40'000; ++i) {
        ids.push_back("department.item_" + std::to_string(i));
        views.push_back(text.add(ids.back()));
    }
    ids.push_back(std::string(IdStorage::max_chunk + 10, 'x'));
    views.push_back(text.add(ids.back()));
    ids.push_back("after.the_long_one");
    views.push_back(text.add(ids.back()));
    for (std::size_t k = 0; k < ids.size(); ++k) {
        REQUIRE(views[k] == ids[k]);
        REQUIRE(views[k].data() != ids[k].data());  // a copy, not a view of the argument
    }
    const auto shared = text.share();
    CHECK(shared.use_count() == 2);  // the text and the copy given out
}

TEST_CASE("an empty id is a non-null empty view", "[plan]") {
    IdStorage text;
    const std::string_view empty = text.add("");
    CHECK(empty.empty());
    CHECK(empty.data() != nullptr);
}

TEST_CASE("plan ids copy each definition's id once, on first use", "[plan]") {
    IdStorage text;
    PlanIds ids(text, 3);
    const std::string first = "material.one", third = "material.three";
    const std::string_view a = ids.get(0, first);
    const std::string_view b = ids.get(0, first);
    const std::string_view c = ids.get(2, third);
    CHECK(a == "material.one");
    CHECK(a.data() == b.data());
    CHECK(c == "material.three");
    CHECK(c.data() != third.data());
}
