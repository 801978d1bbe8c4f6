// The fast path of parse_yaml for a flat JSON object of plain text and scalars: the shape
// request facts arrive in ({"id": true, ...}, indented or compact, as clients write them). Builds
// the tree yaml-cpp's events would build, node for node and position for position, without
// yaml-cpp; anything outside that shape is left to yaml-cpp (tests/flat_json_test.cpp compares the
// two).
#include <cstddef>
#include <string_view>

#include "yaml/yaml_tree.hpp"

namespace onething::detail {
namespace {

/// Keys longer than this are left to yaml-cpp (YAML caps implicit keys at 1024 characters).
constexpr std::size_t longest_key = 1000;

/// Reads the restricted JSON text, appending nodes to a document; each `read_*` returns false
/// on anything outside the fast path's shape.
class FlatJsonReader {
  public:
    /// Reads `doc.source`.
    explicit FlatJsonReader(YamlDocument& doc) : doc_(doc), text_(doc.source) {}

    /// Reads the whole text: one object of scalars, blanks around it.
    bool read() {
        skip_blanks();
        if (at_ != text_.size() && text_[at_] == '{') {
            add(YamlKind::mapping, ScalarStyle::plain).flow = true;
        } else {
            return false;
        }
        ++at_;
        skip_blanks();
        if (at_ < text_.size() && text_[at_] == '}') {
            ++at_;
            return at_end();
        }
        while (true) {
            if (!read_text(true)) {
                return false;
            }
            // ':' right after the quoted key; the value after blanks or at once, as JSON.stringify
            // writes it (YAML 1.2 reads a value adjacent to a JSON-like key, and so does yaml-cpp).
            if (at_ >= text_.size() || text_[at_] != ':') {
                return false;
            }
            ++at_;
            skip_blanks();
            if (!read_value()) {
                return false;
            }
            skip_blanks();
            if (at_ < text_.size() && text_[at_] == ',') {
                ++at_;
                skip_blanks();
                continue;
            }
            if (at_ < text_.size() && text_[at_] == '}') {
                ++at_;
                return at_end();
            }
            return false;
        }
    }

  private:
    /// Skips spaces and line feeds, keeping the line and column.
    void skip_blanks() {
        while (at_ < text_.size() && (text_[at_] == ' ' || text_[at_] == '\n')) {
            if (text_[at_] == '\n') {
                ++line_;
                line_start_ = at_ + 1;
            }
            ++at_;
        }
    }

    /// True when only blanks are left.
    bool at_end() {
        skip_blanks();
        return at_ == text_.size();
    }

    /// Appends a node at the current position, as a child of the root unless it is the root.
    YamlNode& add(YamlKind kind, ScalarStyle style) {
        const auto index = static_cast<std::uint32_t>(doc_.nodes.size());
        YamlNode& node = doc_.nodes.emplace_back();
        node.kind = kind;
        node.style = style;
        node.line = line_;
        node.column = static_cast<std::uint32_t>(at_ - line_start_ + 1);  // ASCII: bytes
        node.offset = static_cast<std::uint32_t>(at_);
        if (index == 0) {
            doc_.root = 0;
        } else {
            doc_.nodes[0].children.push_back(index);
        }
        return node;
    }

    /// A double-quoted text of printable ASCII without escapes; `key` caps its length.
    bool read_text(bool key) {
        if (at_ >= text_.size() || text_[at_] != '"') {
            return false;
        }
        const std::size_t first = at_ + 1;
        std::size_t end = first;
        while (end < text_.size() && text_[end] != '"') {
            const auto byte = static_cast<unsigned char>(text_[end]);
            if (byte < 0x20 || byte > 0x7E || byte == '\\') {
                return false;
            }
            ++end;
        }
        if (end == text_.size() || (key && end - first > longest_key)) {
            return false;
        }
        add(YamlKind::scalar, ScalarStyle::double_quoted).value =
            std::string(text_.substr(first, end - first));
        at_ = end + 1;
        return true;
    }

    /// A value: a text, true, false, null or a JSON number.
    bool read_value() {
        if (at_ >= text_.size()) {
            return false;
        }
        if (text_[at_] == '"') {
            return read_text(false);
        }
        std::size_t end = at_;
        while (end < text_.size() && text_[end] != ',' && text_[end] != '}' && text_[end] != ' ' &&
               text_[end] != '\n') {
            ++end;
        }
        const std::string_view word = text_.substr(at_, end - at_);
        if (word == "null") {
            add(YamlKind::null, ScalarStyle::plain);
        } else if (word == "true" || word == "false" || is_json_number(word)) {
            add(YamlKind::scalar, ScalarStyle::plain).value = std::string(word);
        } else {
            return false;
        }
        at_ = end;
        return true;
    }

    /// True for JSON's number syntax: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
    static bool is_json_number(std::string_view word) {
        std::size_t k = 0;
        auto digits = [&] {
            const std::size_t start = k;
            while (k < word.size() && word[k] >= '0' && word[k] <= '9') {
                ++k;
            }
            return k - start;
        };
        if (k < word.size() && word[k] == '-') {
            ++k;
        }
        if (k < word.size() && word[k] == '0') {
            ++k;
        } else if (digits() == 0) {
            return false;
        }
        if (k < word.size() && word[k] == '.') {
            ++k;
            if (digits() == 0) {
                return false;
            }
        }
        if (k < word.size() && (word[k] == 'e' || word[k] == 'E')) {
            ++k;
            if (k < word.size() && (word[k] == '+' || word[k] == '-')) {
                ++k;
            }
            if (digits() == 0) {
                return false;
            }
        }
        return k == word.size();
    }

    YamlDocument& doc_;
    std::string_view text_;
    std::size_t at_ = 0;          ///< the byte read next
    std::uint32_t line_ = 1;      ///< its 1-based line
    std::size_t line_start_ = 0;  ///< the offset its line starts at
};

}  // namespace

bool read_flat_json(YamlDocument& doc, const Limits& limits) {
    if (limits.max_depth < 1 || doc.source.empty() || doc.source.front() != '{') {
        return false;
    }
    FlatJsonReader reader(doc);
    // Within the node limit (counted after reading, so a text near it is left to yaml-cpp,
    // which says where it was passed).
    if (!reader.read() || doc.nodes.size() > limits.max_nodes) {
        doc.nodes.clear();
        doc.root = 0;
        return false;
    }
    return true;
}

}  // namespace onething::detail
