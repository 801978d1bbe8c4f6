// Chunked storage of a plan's id characters (see id_storage.hpp).
#include "plan/id_storage.hpp"

#include <algorithm>
#include <cstring>

namespace onething::detail {

IdStorage::IdStorage() : chunks_(std::make_shared<std::vector<std::unique_ptr<char[]>>>()) {}

std::string_view IdStorage::add(std::string_view id) {
    if (id.empty()) {
        return std::string_view("", 0);  // a non-null view: PlanIds marks unmade views with null
    }
    if (id.size() > left_) {
        const std::size_t size = std::max(next_chunk_, id.size());
        next_chunk_ = std::min(next_chunk_ * 2, max_chunk);
        chunks_->push_back(std::make_unique_for_overwrite<char[]>(size));
        free_ = chunks_->back().get();
        left_ = size;
    }
    std::memcpy(free_, id.data(), id.size());
    const std::string_view view(free_, id.size());
    free_ += id.size();
    left_ -= id.size();
    return view;
}

}  // namespace onething::detail
