// Freeing JSON trees without allocating: the open containers on a fixed array, the values
// taken off their containers from the last, a container once it is empty.
#include "write/json_teardown.hpp"

#include <array>
#include <cstddef>
#include <iterator>
#include <nlohmann/json.hpp>

namespace onething::detail {
namespace {

/// The last value of `container` (an array or an object), or nullptr when it has none.
template <typename Json>
Json* last_value(Json& container) noexcept {
    if (container.is_array() && !container.empty()) {
        return &container.template get_ref<typename Json::array_t&>().back();
    }
    if (container.is_object() && !container.empty()) {
        return &std::prev(container.template get_ref<typename Json::object_t&>().end())->second;
    }
    return nullptr;
}

/// Takes the last value off `container`; that value holds no values, so freeing it allocates
/// nothing.
template <typename Json>
void drop_last(Json& container) noexcept {
    if (container.is_array()) {
        container.template get_ref<typename Json::array_t&>().pop_back();
        return;
    }
    auto& members = container.template get_ref<typename Json::object_t&>();
    if constexpr (requires { members.pop_back(); }) {
        members.pop_back();  // ordered_json: a vector of members
    } else {
        members.erase(std::prev(members.end()));
    }
}

}  // namespace

template <typename Json>
void dismantle(Json& tree) noexcept {
    // The containers from the root down, each entered through its last value. The trees the
    // library builds nest a few levels, a request at most about a thousand (deeper ones are
    // refused as they are read); below what this holds, the library's destructor does the rest.
    constexpr std::size_t capacity = 2048;
    std::array<Json*, capacity> open;
    std::size_t depth = 0;
    open[depth++] = &tree;
    while (depth > 0) {
        Json* last = last_value(*open[depth - 1]);
        if (last == nullptr) {  // emptied: off its own container
            if (--depth > 0) {
                drop_last(*open[depth - 1]);
            }
        } else if (last_value(*last) == nullptr) {
            drop_last(*open[depth - 1]);
        } else if (depth < capacity) {
            open[depth++] = last;
        } else {
            return;
        }
    }
}

template void dismantle<nlohmann::json>(nlohmann::json&) noexcept;
template void dismantle<nlohmann::ordered_json>(nlohmann::ordered_json&) noexcept;

}  // namespace onething::detail
