// The rule-file skeleton an import writes, line by line, with the JSON pointer in the document
// each line (and each element of a flow list) comes from (cpsv_ap_skeleton.cpp). Internal to
// the import.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace onething::cpsv {

/// The skeleton's text, and where in the document each of its lines comes from.
class Skeleton {
  public:
    /// Appends `lines` (each ending in a line break), all from the value at the JSON pointer
    /// `from` ("" for the document as a whole).
    void add(const std::string& lines, const std::string& from = {});

    /// Appends one line, `prefix` and `ids` as a YAML flow list (`[a, b]`), from `from`; the
    /// `index`th id from `element_at(index)`.
    void add_list(const std::string& prefix, const std::vector<std::string>& ids,
                  const std::string& from,
                  const std::function<std::string(std::size_t)>& element_at);

    /// The JSON pointer of what the text at `line`:`column` (1-based) comes from: the list
    /// element there, else its line's value; "" when the document as a whole.
    std::string source_of(int line, int column) const;

    /// The skeleton's text: every line added so far.
    const std::string& text() const { return text_; }

  private:
    /// Where one line comes from.
    struct Line {
        std::string from;                                           // the value's JSON pointer
        std::vector<std::pair<std::size_t, std::string>> elements;  // a list's: column, pointer
    };

    std::string text_;
    std::vector<Line> lines_;
};

}  // namespace onething::cpsv
