// Per-thread tables with a slot per catalog definition: every slot written is put back when the
// borrower ends, however it ends, so the pool only ever hands out tables at rest.
#include <catch2/catch.hpp>

#include <cstdint>
#include <stdexcept>
#include <thread>

#include "plan/thread_table.hpp"

using onething::detail::ThreadTable;

TEST_CASE("a table is reused by the next borrower of its fill, at rest", "[plan]") {
    const std::int64_t* first = nullptr;
    {
        ThreadTable<std::int64_t> table(100, -1);
        first = table.slots().data();
        table.set(7, 3);
        table.set(9, 4);
        CHECK(table[7] == 3);
    }
    {
        ThreadTable<std::int64_t> other_fill(100, 0);  // a different fill: a table of its own
        CHECK(other_fill.slots().data() != first);
        CHECK(other_fill[7] == 0);
    }
    ThreadTable<std::int64_t> again(250, -1);  // larger: grown, the new slots filled
    CHECK(again[7] == -1);
    CHECK(again[9] == -1);
    CHECK(again[249] == -1);
    CHECK(again.slots().size() >= 250);
}

TEST_CASE("a table left by an exception is put back at rest", "[plan]") {
    const std::int16_t* first = nullptr;
    try {
        ThreadTable<std::int16_t> table(64, 0);
        first = table.slots().data();
        table.set(3, 9);
        throw std::runtime_error("unwinds the borrower");
    } catch (const std::runtime_error&) {
    }
    ThreadTable<std::int16_t> next(64, 0);
    CHECK(next.slots().data() == first);  // the same table, reused
    for (std::size_t at = 0; at < 64; ++at) {
        REQUIRE(next[at] == 0);
    }
}

TEST_CASE("reset puts every written slot back, also past the list's capacity", "[plan]") {
    ThreadTable<std::uint32_t> table(8, 0);
    for (std::uint32_t round = 1; round <= 5; ++round) {  // 40 writes into 8 slots
        for (std::size_t at = 0; at < 8; ++at) {
            table.set(at, round);
            table.set(at, 0);
            table.set(at, round);
        }
    }
    table.reset();
    for (std::size_t at = 0; at < 8; ++at) {
        REQUIRE(table[at] == 0);
    }
    table.set(2, 7);  // listed again after a reset
    table.reset();
    CHECK(table[2] == 0);
}

TEST_CASE("each thread has its own tables", "[plan][threads]") {
    const std::int32_t* here = nullptr;
    {
        ThreadTable<std::int32_t> table(10, 5);
        here = table.slots().data();
    }
    const std::int32_t* there = nullptr;
    std::thread other([&] {
        ThreadTable<std::int32_t> table(10, 5);
        there = table.slots().data();
    });
    other.join();
    ThreadTable<std::int32_t> mine(10, 5);
    CHECK(mine.slots().data() == here);  // this thread's pooled table
    CHECK(there != nullptr);
}
