// Per-thread tables with a slot per catalog definition: reused only when left at rest.
#include <catch2/catch.hpp>

#include <cstdint>
#include <thread>

#include "plan/scratch.hpp"

using onething::detail::ScratchTable;

TEST_CASE("a table left at rest is reused by the next borrower of its fill", "[plan]") {
    const std::int64_t* first = nullptr;
    {
        ScratchTable<std::int64_t> table(100, -1);
        first = table.get().data();
        table[7] = 3;
        table[7] = -1;
        table.rest();
    }
    {
        ScratchTable<std::int64_t> other_fill(100, 0);  // a different fill: a table of its own
        CHECK(other_fill.get().data() != first);
        CHECK(other_fill[7] == 0);
        other_fill.rest();
    }
    ScratchTable<std::int64_t> again(250, -1);  // larger: grown, the new slots filled
    CHECK(again[7] == -1);
    CHECK(again[249] == -1);
    CHECK(again.get().size() >= 250);
    again.rest();
}

TEST_CASE("a table not rested is freed, never handed out dirty", "[plan]") {
    {
        ScratchTable<std::int16_t> table(64, 0);
        table[3] = 9;  // an exception would leave it so: no rest()
    }
    ScratchTable<std::int16_t> next(64, 0);
    for (std::size_t at = 0; at < 64; ++at) {
        REQUIRE(next[at] == 0);
    }
    next.rest();
}

TEST_CASE("each thread has its own tables", "[plan][threads]") {
    const std::int32_t* here = nullptr;
    {
        ScratchTable<std::int32_t> table(10, 5);
        here = table.get().data();
        table.rest();
    }
    const std::int32_t* there = nullptr;
    std::thread other([&] {
        ScratchTable<std::int32_t> table(10, 5);
        there = table.get().data();
        table.rest();
    });
    other.join();
    ScratchTable<std::int32_t> mine(10, 5);
    CHECK(mine.get().data() == here);  // this thread's pooled table
    CHECK(there != nullptr);
    mine.rest();
}
