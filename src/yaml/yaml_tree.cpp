// Builds the compact YamlDocument from yaml-cpp's parser events, under the hard limits.
#include "yaml/yaml_tree.hpp"

#include "text/utf8.hpp"

#include <yaml-cpp/anchor.h>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <istream>
#include <limits>
#include <new>
#include <streambuf>

namespace onething::detail {

namespace {

/// Thrown from the event handler to stop parsing at the first limit or alias error.
struct parse_stop {
    Diagnostic diagnostic;
};

/// A resolved position: 1-based line and column (characters), 0-based byte offset.
struct position {
    std::uint32_t line = 1;
    std::uint32_t column = 1;
    std::uint32_t offset = 0;
};

/// A read-only stream buffer over bytes owned elsewhere (avoids copying the source).
class view_streambuf final : public std::streambuf {
  public:
    /// Exposes [begin, end) as the get area.
    view_streambuf(const char* begin, const char* end) {
        char* first = const_cast<char*>(begin);
        setg(first, first, const_cast<char*>(end));
    }
};

/// True when `source` starts with the UTF-8 byte order mark.
bool has_utf8_bom(std::string_view source) {
    return source.size() >= 3 && source.compare(0, 3, "\xEF\xBB\xBF") == 0;
}

/// True when byte `i` of `source` ends a line ('\n', or a '\r' not followed by '\n').
bool is_line_break_at(std::string_view source, std::size_t i) {
    const char c = source[i];
    return c == '\n' || (c == '\r' && (i + 1 >= source.size() || source[i + 1] != '\n'));
}

/// The style of a scalar whose text starts with `first`.
ScalarStyle style_of(char first) {
    const std::string_view indicators = "'\"|>";
    constexpr ScalarStyle styles[] = {ScalarStyle::single_quoted, ScalarStyle::double_quoted,
                                      ScalarStyle::literal, ScalarStyle::folded};
    const std::size_t at = indicators.find(first);
    return at == std::string_view::npos ? ScalarStyle::plain : styles[at];
}

/// A located error diagnostic.
Diagnostic make_error(std::string code, std::string message, Location location) {
    Diagnostic diagnostic;
    diagnostic.code = std::move(code);
    diagnostic.message = std::move(message);
    diagnostic.location = std::move(location);
    return diagnostic;
}

/// The node limit in force: max_nodes, at most what 32-bit node indices can address.
std::uint64_t node_limit(const Limits& limits) {
    return std::min<std::uint64_t>(limits.max_nodes, std::numeric_limits<std::uint32_t>::max() - 1);
}

/// The message of the max_nodes error.
std::string nodes_message(std::uint64_t max_nodes) {
    return "the file has more than the limit of " + std::to_string(max_nodes) +
           " YAML nodes (max_nodes, aliases expanded)";
}

/// True for the errors yaml-cpp gives when a key is too long to be read without `?`: its `:`
/// is then no value indicator, and the mapping or collection around it does not end.
bool is_long_key_symptom(const std::string& message) {
    return message == YAML::ErrorMsg::MAP_VALUE || message == YAML::ErrorMsg::END_OF_MAP_FLOW ||
           message == YAML::ErrorMsg::END_OF_SEQ_FLOW;
}

/// The message for a key longer than yaml-cpp reads without `?`.
std::string long_key_message() {
    return "this mapping key is longer than the " + std::to_string(simple_key_limit) +
           " characters YAML allows a key written without '?' (JSON has no such limit, but "
           "documents are read as YAML); no id, and no key of rule files, facts or answers, is "
           "longer than 128 characters";
}

/// The UTF-8 length of a sequence led by `lead`, or 0 when `lead` leads none.
std::size_t utf8_sequence_length(unsigned char lead) {
    return lead < 0x80             ? 1
           : (lead & 0xE0) == 0xC0 ? 2
           : (lead & 0xF0) == 0xE0 ? 3
           : (lead & 0xF8) == 0xF0 ? 4
                                   : 0;
}

/// Writes as UTF-8 the two characters yaml-cpp decodes to a single byte: `\N` (U+0085, byte
/// 0x85) and `\_` (U+00A0, byte 0xA0). Every other piece of a decoded double-quoted scalar is
/// whole UTF-8 (the file is checked to be), so such a byte is never part of a character.
void encode_lone_escape_bytes(std::string& value) {
    if (value.find_first_of("\x85\xA0") == std::string::npos) {
        return;
    }
    std::string encoded;
    encoded.reserve(value.size() + 8);
    for (std::size_t i = 0; i < value.size();) {
        const auto byte = static_cast<unsigned char>(value[i]);
        const std::size_t length = utf8_sequence_length(byte);
        bool whole = length > 0 && i + length <= value.size();
        for (std::size_t k = 1; whole && k < length; ++k) {
            whole = (static_cast<unsigned char>(value[i + k]) & 0xC0) == 0x80;
        }
        if (whole) {
            encoded.append(value, i, length);
            i += length;
        } else {
            encoded += static_cast<char>(0xC2);  // 0x85 and 0xA0 are U+0085 and U+00A0
            encoded += value[i];
            ++i;
        }
    }
    value = std::move(encoded);
}

/// Receives yaml-cpp's events and appends nodes to a YamlDocument.
class tree_builder final : public YAML::EventHandler {
  public:
    /// Builds into `doc`, whose source is parsed from byte `base` on (after a byte order mark);
    /// `rewrite` maps yaml-cpp's offsets back when it reads a rewritten copy (else nullptr).
    tree_builder(YamlDocument& doc, const Limits& limits, std::size_t base,
                 const EscapeRewrite* rewrite)
        : doc_(doc),
          limits_(limits),
          max_nodes_(node_limit(limits)),
          source_(doc.source),
          base_(base),
          rewrite_(rewrite) {
        cursor_.offset = static_cast<std::uint32_t>(base);
    }

    /// Adds a null root for a file without any document.
    void finish() {
        if (!has_root_) {
            add_node(YamlKind::null, position_at(base_));
        }
    }

    /// Refuses a second document.
    void OnDocumentStart(const YAML::Mark& mark) override {
        if (documents_++ > 0) {
            fail("multiple-documents",
                 "only one YAML document is allowed per file; a second one starts here",
                 position_at(offset_of(mark)));
        }
    }

    /// Nothing to do at the end of the document.
    void OnDocumentEnd() override {}

    /// Remembers the name of the anchor the next node event carries.
    void OnAnchor(const YAML::Mark& /*mark*/, const std::string& anchor_name) override {
        pending_anchor_name_ = anchor_name;
    }

    /// Adds a null node (explicit `~`/`null` or an empty value).
    void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        const std::size_t start = offset_of(mark);
        const std::size_t content = skip_properties(start);
        position at;
        if (is_null_literal_at(content)) {
            at = position_at(content);
        } else if (content != start) {
            at = position_at(start);  // `&a` or `!tag` followed by nothing: point at them
        } else if (const YamlNode* key = pending_key()) {
            at = position{key->line, key->column, key->offset};  // empty value: at its key
        } else {
            at = position_at(start);
        }
        const std::uint32_t index = add_node(YamlKind::null, at);
        define_anchor(anchor, index, false);
    }

    /// Adds a scalar node; the style comes from the character the scalar starts with.
    void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  const std::string& value) override {
        const std::size_t start = offset_of(mark);
        const std::size_t content = skip_properties(start);
        const ScalarStyle style =
            content < source_.size() ? style_of(source_[content]) : ScalarStyle::plain;
        const bool empty_tagged = value.empty() && style == ScalarStyle::plain && content != start;
        const position at = position_at(empty_tagged ? start : content);
        // yaml-cpp gives "?" to a plain scalar and "!" to a quoted one; "!" on a plain one was
        // written, and makes it a string as YAML says, which the reader would not know.
        refuse_tag(tag, style == ScalarStyle::plain ? "?" : "!", start);
        std::string decoded = value;
        if (style == ScalarStyle::double_quoted) {
            encode_lone_escape_bytes(decoded);
            // Escapes must not bring in what the file may not hold raw (a name that forges a
            // line or a terminal sequence in the text output).
            if (auto character = escaped_control_character(decoded)) {
                fail("encoding", *character + ", written as an escape, is not allowed; remove it",
                     at);
            }
        }
        const std::uint32_t index = add_node(YamlKind::scalar, at);
        YamlNode& node = doc_.nodes[index];
        node.style = style;
        node.value = std::move(decoded);
        define_anchor(anchor, index, false);
    }

    /// Copies the anchored subtree in place of the alias (the result stays a tree).
    void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        const position at = position_at(offset_of(mark));
        if (anchor == YAML::NullAnchor || anchor >= anchors_.size() || !anchors_[anchor].defined) {
            fail("syntax", "alias to an undefined anchor", at);
        }
        const anchor_record record = anchors_[anchor];
        const std::string alias = "'*" + record.name + "'";
        if (record.open) {
            fail("recursive-alias", "alias " + alias + " refers to a node that contains it", at);
        }
        if (alias_nodes_ + record.size > limits_.max_alias_nodes) {
            fail("limit-alias",
                 "expanding alias " + alias + " would make " +
                     std::to_string(alias_nodes_ + record.size) +
                     " nodes from aliases, more than the limit of " +
                     std::to_string(limits_.max_alias_nodes) + " (max_alias_nodes)",
                 at);
        }
        if (doc_.nodes.size() + record.size > max_nodes_) {
            fail_nodes(at);
        }
        if (stack_.size() + record.height > limits_.max_depth) {
            fail_depth(stack_.size() + record.height, at);
        }
        alias_nodes_ += record.size;
        std::vector<YamlNode>& nodes = doc_.nodes;
        const std::size_t needed = nodes.size() + record.size;
        if (nodes.capacity() < needed) {
            nodes.reserve(std::max(needed, nodes.capacity() * 2));
        }
        const auto first = static_cast<std::uint32_t>(nodes.size());
        const std::uint32_t delta = first - record.index;
        for (std::uint32_t k = 0; k < record.size; ++k) {
            nodes.push_back(nodes[record.index + k]);  // no reallocation: reserved above
            for (std::uint32_t& child : nodes.back().children) {
                child += delta;
            }
        }
        nodes[first].line = at.line;
        nodes[first].column = at.column;
        nodes[first].offset = at.offset;
        link(first);
        if (!stack_.empty()) {
            stack_.back().height = std::max(stack_.back().height, record.height);
        }
    }

    /// Opens a sequence.
    void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value style) override {
        refuse_tag(tag, "?", offset_of(mark));
        open_collection(YamlKind::sequence, mark, anchor, style);
    }

    /// Closes the innermost sequence.
    void OnSequenceEnd() override { close_collection(); }

    /// Opens a mapping.
    void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value style) override {
        refuse_tag(tag, "?", offset_of(mark));
        open_collection(YamlKind::mapping, mark, anchor, style);
    }

    /// Closes the innermost mapping.
    void OnMapEnd() override { close_collection(); }

  private:
    /// Refuses an explicit tag (`!!str true`, `!!int "1"`, `!custom`): the catalog gives every
    /// value its type, so a tag would be either ignored or contradicted. `untagged` is the tag
    /// yaml-cpp reports for the node when none is written ("?", or "!" for a quoted scalar);
    /// the error is located at `offset`, where the node's properties start.
    void refuse_tag(const std::string& tag, std::string_view untagged, std::size_t offset) {
        if (tag.empty() || tag == untagged) {
            return;
        }
        constexpr std::string_view core = "tag:yaml.org,2002:";
        const std::string written = tag.rfind(core, 0) == 0 ? "!!" + tag.substr(core.size()) : tag;
        fail("syntax",
             "explicit tag '" + written +
                 "' is not supported: the catalog gives every value its type; remove the tag "
                 "(quote a value to make it text)",
             position_at(offset));
    }

    /// An open collection: its node, anchor and the height of its tallest child collection.
    struct frame {
        std::uint32_t index = 0;
        YAML::anchor_t anchor = YAML::NullAnchor;
        std::uint32_t height = 0;
    };

    /// What an anchor refers to: a contiguous run of nodes (the subtree, in document order).
    struct anchor_record {
        std::uint32_t index = 0;   ///< first node of the subtree
        std::uint32_t size = 1;    ///< nodes in the subtree
        std::uint32_t height = 0;  ///< collection nesting inside it (0 for scalars)
        bool defined = false;
        bool open = false;  ///< the anchored collection has not ended yet
        std::string name;
    };

    /// Byte offset in the source of a yaml-cpp mark (which does not count a byte order mark).
    std::size_t offset_of(const YAML::Mark& mark) const {
        std::size_t offset = base_ + static_cast<std::size_t>(std::max(mark.pos, 0));
        if (rewrite_ != nullptr) {
            offset = rewrite_->original_offset(offset);
        }
        return std::min(offset, source_.size());
    }

    /// Resolves `offset` to line and column, moving a cursor (forward moves are incremental).
    position position_at(std::size_t offset) {
        offset = std::min(offset, source_.size());
        if (offset >= cursor_.offset) {
            for (std::size_t i = cursor_.offset; i < offset; ++i) {
                if (is_line_break_at(source_, i)) {
                    ++cursor_.line;
                    cursor_.column = 1;
                } else if (!utf8_continuation(static_cast<unsigned char>(source_[i]))) {
                    ++cursor_.column;
                }
            }
        } else {
            for (std::size_t i = offset; i < cursor_.offset; ++i) {
                cursor_.line -= is_line_break_at(source_, i) ? 1 : 0;
            }
            cursor_.column = column_of(source_, offset);
        }
        cursor_.offset = static_cast<std::uint32_t>(offset);
        return cursor_;
    }

    /// Skips an anchor (`&a`) and a tag (`!t`) with the blanks and comments after them.
    std::size_t skip_properties(std::size_t offset) const {
        const std::size_t size = source_.size();
        std::size_t p = offset;
        while (p < size && (source_[p] == '&' || source_[p] == '!')) {
            if (source_[p] == '!' && p + 1 < size && source_[p + 1] == '<') {
                while (p < size && source_[p] != '>') {  // verbatim tag !<...>
                    ++p;
                }
            }
            while (p < size &&
                   std::string_view(" \t\r\n,[]{}").find(source_[p]) == std::string_view::npos) {
                ++p;
            }
            while (p < size) {
                const char c = source_[p];
                if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                    ++p;
                } else if (c == '#') {
                    while (p < size && source_[p] != '\n' && source_[p] != '\r') {
                        ++p;
                    }
                } else {
                    break;
                }
            }
        }
        return p;
    }

    /// True when `~`, `null`, `Null` or `NULL` stands at `offset` as a whole plain scalar.
    bool is_null_literal_at(std::size_t offset) const {
        for (std::string_view word : {"~", "null", "Null", "NULL"}) {
            if (source_.compare(offset, word.size(), word) == 0) {
                const std::size_t end = offset + word.size();
                return end == source_.size() ||
                       std::string_view(" \t\r\n,]}#").find(source_[end]) != std::string_view::npos;
            }
        }
        return false;
    }

    /// The key node when the next node becomes a mapping value, else nullptr.
    const YamlNode* pending_key() const {
        if (stack_.empty()) {
            return nullptr;
        }
        const YamlNode& parent = doc_.nodes[stack_.back().index];
        if (parent.kind != YamlKind::mapping || parent.children.size() % 2 == 0) {
            return nullptr;
        }
        return &doc_.nodes[parent.children.back()];
    }

    /// Throws a limit or alias error located at `at`.
    [[noreturn]] void fail(std::string code, std::string message, const position& at) const {
        throw parse_stop{make_error(
            std::move(code), std::move(message),
            Location{doc_.file, static_cast<int>(at.line), static_cast<int>(at.column)})};
    }

    /// Throws the max_nodes error.
    [[noreturn]] void fail_nodes(const position& at) const {
        fail("limit-nodes", nodes_message(max_nodes_), at);
    }

    /// Throws the max_depth error for a collection at nesting `depth`.
    [[noreturn]] void fail_depth(std::size_t depth, const position& at) const {
        fail("limit-depth",
             "nesting depth " + std::to_string(depth) + " is more than the limit of " +
                 std::to_string(limits_.max_depth) + " (max_depth)",
             at);
    }

    /// Appends a node under the innermost open collection (or as the root) and returns its index.
    std::uint32_t add_node(YamlKind kind, const position& at) {
        if (doc_.nodes.size() >= max_nodes_) {
            fail_nodes(at);
        }
        const auto index = static_cast<std::uint32_t>(doc_.nodes.size());
        YamlNode& node = doc_.nodes.emplace_back();
        node.kind = kind;
        node.line = at.line;
        node.column = at.column;
        node.offset = at.offset;
        link(index);
        return index;
    }

    /// Makes node `index` a child of the innermost open collection, or the root.
    void link(std::uint32_t index) {
        if (stack_.empty()) {
            doc_.root = index;
            has_root_ = true;
        } else {
            doc_.nodes[stack_.back().index].children.push_back(index);
        }
    }

    /// Records what anchor `anchor` (if any) names; `open` for a collection not yet ended.
    void define_anchor(YAML::anchor_t anchor, std::uint32_t index, bool open) {
        if (anchor == YAML::NullAnchor) {
            return;
        }
        if (anchor >= anchors_.size()) {
            anchors_.resize(anchor + 1);
        }
        anchor_record& record = anchors_[anchor];
        record = anchor_record{};
        record.index = index;
        record.defined = true;
        record.open = open;
        record.name =
            pending_anchor_name_.empty() ? std::to_string(anchor) : std::move(pending_anchor_name_);
        pending_anchor_name_.clear();
    }

    /// Adds a collection node and opens it, refusing nesting deeper than max_depth.
    void open_collection(YamlKind kind, const YAML::Mark& mark, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value style) {
        const position at = position_at(skip_properties(offset_of(mark)));
        if (stack_.size() + 1 > limits_.max_depth) {
            fail_depth(stack_.size() + 1, at);
        }
        const std::uint32_t index = add_node(kind, at);
        doc_.nodes[index].flow = style == YAML::EmitterStyle::Flow;
        define_anchor(anchor, index, true);
        stack_.push_back(frame{index, anchor, 0});
    }

    /// Closes the innermost collection, completing its anchor record.
    void close_collection() {
        if (stack_.empty()) {
            return;
        }
        const frame done = stack_.back();
        stack_.pop_back();
        const std::uint32_t height = done.height + 1;
        if (done.anchor != YAML::NullAnchor && done.anchor < anchors_.size()) {
            anchor_record& record = anchors_[done.anchor];
            record.size = static_cast<std::uint32_t>(doc_.nodes.size() - done.index);
            record.height = height;
            record.open = false;
        }
        if (!stack_.empty()) {
            stack_.back().height = std::max(stack_.back().height, height);
        }
    }

    YamlDocument& doc_;
    const Limits& limits_;
    std::uint64_t max_nodes_;  ///< limits.max_nodes, at most what 32-bit node indices address
    std::string_view source_;
    std::size_t base_;
    const EscapeRewrite* rewrite_;  ///< the copy yaml-cpp reads, when not the source itself
    position cursor_;
    std::vector<frame> stack_;
    std::vector<anchor_record> anchors_;
    std::string pending_anchor_name_;
    std::uint64_t alias_nodes_ = 0;
    int documents_ = 0;
    bool has_root_ = false;
};

}  // namespace

std::uint32_t line_of(std::string_view source, std::size_t offset) {
    std::uint32_t line = 1;
    for (std::size_t i = 0; i < offset && i < source.size(); ++i) {
        line += is_line_break_at(source, i) ? 1 : 0;
    }
    return line;
}

namespace {

/// The location of byte `offset` of `doc`'s source.
Location offset_location(const YamlDocument& doc, std::size_t offset) {
    return Location{doc.file, static_cast<int>(line_of(doc.source, offset)),
                    static_cast<int>(column_of(doc.source, offset))};
}

/// The offset in `doc` of a yaml-cpp error mark (0, the file's start, when the mark is
/// unknown); `rewrite` maps the offset back when yaml-cpp read a rewritten copy (else nullptr).
std::size_t error_offset(const YamlDocument& doc, std::size_t base, const YAML::Mark& mark,
                         const EscapeRewrite* rewrite) {
    if (mark.is_null() || mark.pos < 0) {
        return 0;
    }
    std::size_t offset = base + static_cast<std::size_t>(mark.pos);
    if (rewrite != nullptr) {
        offset = rewrite->original_offset(offset);
    }
    return std::min(offset, doc.source.size());
}

/// The location of a yaml-cpp error mark in `doc` (1:1 when the mark is unknown).
Location error_location(const YamlDocument& doc, std::size_t base, const YAML::Mark& mark,
                        const EscapeRewrite* rewrite) {
    return offset_location(doc, error_offset(doc, base, mark, rewrite));
}

}  // namespace

Location YamlDocument::location_of(const YamlNode& node) const {
    const FileName& name = node.origin == 0 ? file : origins[node.origin - 1].file;
    return Location{name, static_cast<int>(node.line), static_cast<int>(node.column)};
}

std::string_view YamlDocument::source_of(const YamlNode& node) const {
    return node.origin == 0 ? std::string_view(source) : origins[node.origin - 1].source;
}

namespace {

/// The offset of a quoted scalar of `doc` that the lexical pass found running to the end of the
/// text, when yaml-cpp read a quoted scalar starting there too (so that a misread of the pass
/// never refuses a file), else nullopt.
std::optional<std::size_t> unclosed_quoted_scalar(const YamlDocument& doc,
                                                  const LexicalNotes& notes) {
    if (notes.unterminated_quote == std::string_view::npos) {
        return std::nullopt;
    }
    for (const YamlNode& node : doc.nodes) {
        if (node.origin == 0 && node.offset == notes.unterminated_quote &&
            (node.style == ScalarStyle::double_quoted ||
             node.style == ScalarStyle::single_quoted)) {
            return node.offset;
        }
    }
    return std::nullopt;
}

/// Parses one document; with `flat_json`, a flat JSON object is read without yaml-cpp.
std::optional<YamlDocument> parse_yaml_document(std::string file, std::string source,
                                                const Limits& limits,
                                                std::vector<Diagnostic>& diagnostics,
                                                bool flat_json) {
    constexpr std::uint64_t supported_bytes = std::numeric_limits<std::int32_t>::max() - 1;
    if (source.size() > limits.max_file_bytes || source.size() > supported_bytes) {
        const bool by_limit = source.size() > limits.max_file_bytes;
        diagnostics.push_back(make_error(
            "limit-file-size",
            "file is " + std::to_string(source.size()) + " bytes, more than the " +
                (by_limit
                     ? "limit of " + std::to_string(limits.max_file_bytes) + " (max_file_bytes)"
                     : "largest supported size of " + std::to_string(supported_bytes)),
            Location{std::move(file), 1, 1}));
        return std::nullopt;
    }
    if (auto problem = check_text_encoding(file, source)) {
        diagnostics.push_back(std::move(*problem));
        return std::nullopt;
    }
    YamlDocument doc;
    doc.file = std::move(file);
    doc.source = std::move(source);
    if (flat_json && read_flat_json(doc, limits)) {
        return std::optional<YamlDocument>(std::move(doc));
    }
    const std::size_t base = has_utf8_bom(doc.source) ? 3 : 0;
    const std::uint64_t max_nodes = node_limit(limits);
    LexicalNotes notes;
    if (const std::size_t at = flow_node_overflow(doc.source, base, max_nodes, &notes);
        at != std::string_view::npos) {
        diagnostics.push_back(
            make_error("limit-nodes", nodes_message(max_nodes), offset_location(doc, at)));
        return std::nullopt;
    }
    std::optional<EscapeRewrite> rewrite;
    try {
        const std::uint64_t guess = doc.source.size() / 16 + 1;
        doc.nodes.reserve(static_cast<std::size_t>(std::min(guess, max_nodes + 1)));
        if (!notes.surrogate_pairs.empty()) {
            rewrite = rewrite_surrogate_pairs(doc.source, notes.surrogate_pairs);
        }
        const std::string_view read = rewrite ? std::string_view(rewrite->text) : doc.source;
        view_streambuf buffer(read.data() + base, read.data() + read.size());
        std::istream input(&buffer);
        YAML::Parser parser(input);
        tree_builder builder(doc, limits, base, rewrite ? &*rewrite : nullptr);
        if (parser.HandleNextDocument(builder)) {
            parser.HandleNextDocument(builder);  // a second document throws at its start
        }
        builder.finish();
        if (const auto open = unclosed_quoted_scalar(doc, notes)) {
            diagnostics.push_back(make_error(
                "syntax",
                "this quoted text has no closing quote before the end of the file; end it with "
                "the same quote it starts with",
                offset_location(doc, *open)));
            return std::nullopt;
        }
        return std::optional<YamlDocument>(std::move(doc));
    } catch (const parse_stop& stop) {
        diagnostics.push_back(stop.diagnostic);
    } catch (const YAML::DeepRecursion& error) {
        diagnostics.push_back(make_error(
            "limit-depth",
            "nesting is deeper than the YAML parser supports (its own limit, about 500 levels, "
            "which max_depth cannot raise)",
            error_location(doc, base, error.mark, rewrite ? &*rewrite : nullptr)));
    } catch (const YAML::Exception& error) {
        if (notes.long_key != std::string_view::npos && is_long_key_symptom(error.msg)) {
            diagnostics.push_back(
                make_error("syntax", long_key_message(), offset_location(doc, notes.long_key)));
            return std::nullopt;
        }
        const std::size_t offset =
            error_offset(doc, base, error.mark, rewrite ? &*rewrite : nullptr);
        diagnostics.push_back(make_error("syntax",
                                         explain_syntax_error(error.msg, doc.source, offset, notes),
                                         offset_location(doc, offset)));
    } catch (const std::bad_alloc&) {
        std::vector<YamlNode>().swap(doc.nodes);
        diagnostics.push_back(
            make_error("out-of-memory",
                       "out of memory while parsing (the file is too large for this machine; see "
                       "docs/limits.md)",
                       Location{doc.file, 1, 1}));
    } catch (const std::exception& error) {
        diagnostics.push_back(make_error("syntax", error.what(), Location{doc.file, 1, 1}));
    }
    return std::nullopt;
}

}  // namespace

std::optional<YamlDocument> parse_yaml(std::string file, std::string source, const Limits& limits,
                                       std::vector<Diagnostic>& diagnostics) {
    return parse_yaml_document(std::move(file), std::move(source), limits, diagnostics, true);
}

std::optional<YamlDocument> parse_yaml_events(std::string file, std::string source,
                                              const Limits& limits,
                                              std::vector<Diagnostic>& diagnostics) {
    return parse_yaml_document(std::move(file), std::move(source), limits, diagnostics, false);
}

}  // namespace onething::detail
