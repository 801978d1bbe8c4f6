// The words of a dependency cycle in a message.
#include "model/cycle_text.hpp"

namespace onething::detail {

std::string cycle_text(std::span<const std::string_view> ids) {
    std::string text = "dependency cycle: ";
    const bool cut = ids.size() > cycle_items_named;
    constexpr std::size_t head = 20;
    constexpr std::size_t tail = 3;
    for (std::size_t n = 0; n < ids.size(); ++n) {
        if (cut && n == head) {
            text += "… (" + std::to_string(ids.size() - head - tail) + " more items) -> ";
            n = ids.size() - tail;
        }
        text.append(ids[n]);
        text += " -> ";
    }
    if (!ids.empty()) {
        text.append(ids.front());
    }
    return text;
}

std::string produced_link_text(std::string_view consumer, std::string_view producer, bool field,
                               std::string_view produced) {
    std::string text = "; ";
    text.append(consumer).append(" waits for ").append(producer).append(", which produces ");
    text.append(field ? "field '" : "material '").append(produced).append("' that ");
    text.append(consumer).append(" needs");
    return text;
}

}  // namespace onething::detail
