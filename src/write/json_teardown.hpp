// Freeing JSON trees without allocating, for when memory has run out.
#pragma once

#include <exception>
#include <nlohmann/json_fwd.hpp>

namespace onething::detail {

/// Frees `tree` without allocating: its values one by one, deepest first, so that nothing is
/// left for the JSON library's destructor, which allocates a stack as large as the widest array
/// to free a tree (in a noexcept destructor: when memory has run out, an end of the process).
/// For nlohmann::json and nlohmann::ordered_json.
template <typename Json>
void dismantle(Json& tree) noexcept;

/// Dismantles `tree` when the scope it guards is left by an exception (out of memory: unwinding
/// would destroy the tree); declare it after the tree, so that it runs first.
template <typename Json>
class DismantleOnUnwind {
  public:
    /// Guards `tree`.
    explicit DismantleOnUnwind(Json& tree) : tree_(tree), exceptions_(std::uncaught_exceptions()) {}
    DismantleOnUnwind(const DismantleOnUnwind&) = delete;
    DismantleOnUnwind& operator=(const DismantleOnUnwind&) = delete;
    /// Dismantles the tree if an exception is unwinding this scope.
    ~DismantleOnUnwind() {
        if (std::uncaught_exceptions() > exceptions_) {
            dismantle(tree_);
        }
    }

  private:
    Json& tree_;
    int exceptions_;  // uncaught exceptions when the guard was made
};

/// Dismantles `tree` when the scope it guards is left, by a return or an exception: for a tree
/// that is not returned, since memory can run out on either path and the library's destructor
/// would then end the process. Declare it after the tree, so that it runs first.
template <typename Json>
class DismantleOnExit {
  public:
    /// Guards `tree`.
    explicit DismantleOnExit(Json& tree) : tree_(tree) {}
    DismantleOnExit(const DismantleOnExit&) = delete;
    DismantleOnExit& operator=(const DismantleOnExit&) = delete;
    /// Dismantles the tree.
    ~DismantleOnExit() { dismantle(tree_); }

  private:
    Json& tree_;
};

}  // namespace onething::detail
