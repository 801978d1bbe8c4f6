// Measuring what the `tests:` cases exercise, bundle by bundle (docs/testing.md).
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "onething/catalog.hpp"
#include "onething/plan.hpp"
#include "onething/testing.hpp"

namespace onething::detail {

/// Collects, case by case, the points each bundle's cases exercise, then reports the rest.
class CoverageRecorder {
  public:
    /// Lays out every bundle's points: its possible items, the outcomes of every `when` on them,
    /// the alternatives of their `any_of` needs and its deferred items.
    explicit CoverageRecorder(const Catalog& catalog);

    /// Records one planned case: the condition outcomes its facts (defaults applied) decide
    /// and, from `plan` (null when no plan could be made), the items selected, the
    /// alternatives chosen and the items deferred.
    void record(const TestCase& test, const Plan* plan);

    /// Every bundle's coverage, sorted by bundle id.
    CoverageReport report() const;

  private:
    /// A point and whether a case exercised it.
    struct Entry {
        CoveragePoint point;   // what it is
        bool covered = false;  // exercised by some case
    };

    /// A bundle's points, in the order they are reported, and where to find each.
    struct BundleModel {
        const Bundle* bundle = nullptr;                           // the bundle
        std::size_t cases = 0;                                    // planned cases
        std::vector<Entry> entries;                               // kind by kind
        std::unordered_map<std::size_t, std::size_t> items;       // item position -> entry
        std::unordered_map<const Condition*, std::size_t> whens;  // its true outcome's entry
        std::map<std::tuple<std::size_t, int, int>, std::size_t> alternatives;  // item, need, alt
        std::unordered_map<std::size_t, std::size_t> deferrals;  // item position -> entry
    };

    /// Marks on a table with a slot per item, cleared when the marks end: a walk costs what it
    /// visits, not the catalog's size (a national catalog has many items and many cases).
    class Marks {
      public:
        /// Marks on `table`, whose slots are all 0.
        explicit Marks(std::vector<char>& table);
        /// Puts every marked slot back to 0.
        ~Marks();
        Marks(const Marks&) = delete;
        Marks& operator=(const Marks&) = delete;
        /// Marks `slot`; false when it was marked already.
        bool mark(std::size_t slot);
        /// The slots marked, in the order marked.
        const std::vector<std::size_t>& marked() const { return marked_; }

      private:
        std::vector<char>& table_;         // one slot per item
        std::vector<std::size_t> marked_;  // the slots to clear
    };

    /// The items a plan of `bundle` could hold, whatever the facts, by position (ascending).
    std::vector<std::size_t> possible_items(const Bundle& bundle) const;
    /// Lays out the points of one bundle.
    BundleModel model_of(const Bundle& bundle) const;
    /// Records the condition outcomes a case's facts decide, walking as the planner does.
    void walk_decided(BundleModel& model, const FactValues& facts) const;
    /// The position of an item in the catalog, or npos when the id names none.
    std::size_t position_of(std::string_view item) const;

    const Catalog& catalog_;                           // the catalog measured
    std::vector<std::vector<std::size_t>> producers_;  // by material position: item positions
    std::vector<BundleModel> bundles_;                 // by bundle position
    mutable std::vector<char> seen_;                   // the walks' marks, all 0 between walks
};

}  // namespace onething::detail
