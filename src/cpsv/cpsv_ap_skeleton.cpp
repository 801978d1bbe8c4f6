// The skeleton's text and the JSON pointer each of its lines comes from (cpsv_ap_skeleton.hpp).
#include "cpsv/cpsv_ap_skeleton.hpp"

#include <algorithm>

namespace onething::cpsv {

void Skeleton::add(const std::string& lines, const std::string& from) {
    text_ += lines;
    lines_.insert(lines_.end(), std::count(lines.begin(), lines.end(), '\n'), Line{from, {}});
}

void Skeleton::add_list(const std::string& prefix, const std::vector<std::string>& ids,
                        const std::string& from,
                        const std::function<std::string(std::size_t)>& element_at) {
    Line line{from, {}};
    std::string text = prefix + "[";
    for (std::size_t index = 0; index < ids.size(); ++index) {
        text += index > 0 ? ", " : "";
        line.elements.emplace_back(text.size() + 1, element_at(index));  // ids are ASCII
        text += ids[index];
    }
    text_ += text + "]\n";
    lines_.push_back(std::move(line));
}

std::string Skeleton::source_of(int line, int column) const {
    if (line < 1 || static_cast<std::size_t>(line) > lines_.size()) {
        return {};
    }
    const Line& each = lines_[static_cast<std::size_t>(line) - 1];
    std::string from = each.from;
    for (const auto& [start, element] : each.elements) {
        if (column >= 0 && static_cast<std::size_t>(column) >= start) {
            from = element;
        }
    }
    return from;
}

}  // namespace onething::cpsv
