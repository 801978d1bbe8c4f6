// A dependency cycle in a message: whole when short, its start and end when long.
#include <catch2/catch.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "model/cycle_text.hpp"
#include "test_support.hpp"

using onething::detail::cycle_text;

TEST_CASE("a cycle names its items back to the first, a long one its start and end", "[model]") {
    const std::vector<std::string_view> three{"a", "b", "c"};
    CHECK(cycle_text(three) == "dependency cycle: a -> b -> c -> a");
    const std::vector<std::string_view> one{"a"};
    CHECK(cycle_text(one) == "dependency cycle: a -> a");
    std::vector<std::string> names;
    for (int n = 0; n < 30; ++n) {
        names.push_back("i" + std::to_string(n));
    }
    std::vector<std::string_view> ids(names.begin(), names.begin() + 24);
    std::string whole = "dependency cycle: ";
    for (const auto id : ids) {
        whole += std::string(id) + " -> ";
    }
    CHECK(cycle_text(ids) == whole + "i0");  // 24 items: every one
    ids.assign(names.begin(), names.end());
    std::string cut = "dependency cycle: ";
    for (int n = 0; n < 20; ++n) {
        cut += names[n] + " -> ";
    }
    CHECK(cycle_text(ids) == cut + "… (7 more items) -> i27 -> i28 -> i29 -> i0");
}

TEST_CASE("a long cycle of the rules is one short line", "[model]") {
    std::string yaml = "items:\n";
    for (int n = 0; n < 5000; ++n) {
        yaml += "  i" + std::to_string(n) + ": {needs: {items: [i" +
                std::to_string((n + 1) % 5000) + "]}}\n";
    }
    const auto messages = onething::testing::messages(onething::testing::load_text(yaml));
    REQUIRE(messages.size() == 1);
    CHECK(messages[0].find("(4977 more items)") != std::string::npos);
    CHECK(messages[0].size() < 600);
}
