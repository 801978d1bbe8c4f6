// A quick lexical pass that bounds the nodes of flow collections before yaml-cpp parses them.
//
// yaml-cpp's scanner keeps every token of an outermost flow collection in its queue until the
// collection ends (the collection might turn out to be a mapping key), so a 3 MB `[0,0,...]`
// or a large JSON file is held as ~270 bytes per element before the first event reaches the
// tree builder and max_nodes can act. This pass counts, in flow context only, each `[`, `{`
// and `,`: each one stands for at least one node of the tree, so when the count passes
// max_nodes the file is refused with the same limit error, having used no memory.
//
// It is a lower bound only when the lexing is right, so it errs towards skipping: comments,
// quoted, plain and block scalars are skipped as wholes; a misread can only make the count
// smaller (weaker protection), never refuse a file that is within the limit.
#include <algorithm>
#include <cstdint>
#include <string_view>
#include <vector>

#include "yaml/yaml_tree.hpp"

namespace onething::detail {

namespace {

/// Blank: space or tab (CR only occurs before LF after the encoding check).
bool is_blank(char c) {
    return c == ' ' || c == '\t' || c == '\r';
}

/// Blank, line break or the end of the text at `i`.
bool is_space_or_end(std::string_view s, std::size_t i) {
    return i >= s.size() || is_blank(s[i]) || s[i] == '\n';
}

/// A flow indicator: , [ ] { }.
bool is_flow_indicator(char c) {
    return c == ',' || c == '[' || c == ']' || c == '{' || c == '}';
}

/// The lexer: a position, the flow depth and what the current line looks like.
class flow_lexer {
  public:
    flow_lexer(std::string_view source, std::size_t begin, std::uint64_t max_nodes,
               LexicalNotes* notes)
        : s_(source), i_(begin), max_nodes_(max_nodes), notes_(notes) {}

    /// Offset where the count first passes max_nodes, or npos.
    std::size_t run() {
        while (i_ < s_.size()) {
            if (line_start_) {
                start_line();
                continue;
            }
            const char c = s_[i_];
            if (c == '\n') {
                line_start_ = true;
                ++i_;
            } else if (is_blank(c)) {
                ++i_;
            } else if (c == '#') {
                if (depth_ > 0 && notes_ != nullptr &&
                    notes_->flow_comment == std::string_view::npos) {
                    notes_->flow_comment = i_;
                }
                skip_comment();
            } else if (c == '\'' || c == '"') {
                skip_quoted(c);
                note_token();
                json_like_ = true;
                continue;
            } else if (depth_ > 0 ? flow_token(c) : block_token(c)) {
                // handled
            } else {
                skip_plain();
            }
            if (count_ > max_nodes_) {
                return overflow_at_;
            }
        }
        if (notes_ != nullptr && depth_ > 0 && !open_.empty()) {
            notes_->unclosed_flow = open_.back();
        }
        return std::string_view::npos;
    }

  private:
    /// Measures the indentation of a new line; continues a plain scalar or skips a block one.
    void start_line() {
        line_start_ = false;
        const std::size_t begin = i_;
        while (i_ < s_.size() && s_[i_] == ' ') {
            ++i_;
        }
        indent_ = static_cast<long>(i_ - begin);
        line_begin_ = begin;
        has_dash_ = false;
        after_indicator_ = true;
        // Tabs after the indentation separate: a line may go on a plain scalar after them.
        std::size_t first = i_;
        while (first < s_.size() && is_blank(s_[first])) {
            ++first;
        }
        const bool blank = first >= s_.size() || s_[first] == '\n' || s_[first] == '#';
        if (!blank && plain_open_ && (depth_ > 0 || indent_ > plain_parent_)) {
            skip_plain();  // a continuation line of a multi-line plain scalar
        } else if (!blank) {
            plain_open_ = false;
        }
    }

    /// The 0-based column (bytes) of offset `at` on the current line.
    long column(std::size_t at) const { return static_cast<long>(at - line_begin_); }

    /// Records a token start: the first token after line start or `- ` sets the block column.
    void note_token() {
        if (after_indicator_) {
            block_col_ = column(token_start_);
            after_indicator_ = false;
        }
    }

    /// Column past which the lines of the current token's scalar are indented: its block
    /// parent's (the key's, the dash's, or one less than this line's indentation).
    long parent_column() const {
        if (block_col_ != column(token_start_)) {
            return block_col_;
        }
        return has_dash_ ? last_dash_ : indent_ - 1;
    }

    /// Counts one node-bearing indicator at the current offset.
    void count() {
        if (++count_ > max_nodes_) {
            overflow_at_ = i_;
        }
    }

    /// Notes the `[` or `{` at i_ as open (only when notes are kept).
    void open_bracket() {
        if (notes_ != nullptr) {
            open_.push_back(i_);
        }
    }

    /// Closes the innermost open bracket with `closer` at i_, noting the first that does not
    /// match it.
    void close_bracket(char closer) {
        if (notes_ == nullptr || open_.empty()) {
            return;
        }
        const char expected = s_[open_.back()] == '[' ? ']' : '}';
        if (closer != expected && notes_->mismatched_close == std::string_view::npos) {
            notes_->mismatched_close = i_;
            notes_->mismatched_open = open_.back();
        }
        open_.pop_back();
    }

    /// Notes that a scalar starts at `at` (a key, if a `:` follows it).
    void start_scalar(std::size_t at) {
        scalar_start_ = at;
        scalar_line_ = line_begin_;
        explicit_key_ = question_pending_;
        question_pending_ = false;
    }

    /// An indicator `-`, `?` or `:` at i_: a `:` ends the key before it on its line, which
    /// yaml-cpp reads only up to `simple_key_limit` bytes unless a `?` introduced it.
    void indicator(char c) {
        if (c == ':' && notes_ != nullptr && notes_->long_key == std::string_view::npos &&
            scalar_start_ != std::string_view::npos && !explicit_key_ &&
            scalar_line_ == line_begin_ && i_ - scalar_start_ > simple_key_limit) {
            notes_->long_key = scalar_start_;
        }
        question_pending_ = c == '?';
        scalar_start_ = std::string_view::npos;
    }

    /// A token in flow context; false for a plain scalar.
    bool flow_token(char c) {
        const bool json_like_before = json_like_;  // `"a":b` and `[a]:b` need no blank
        json_like_ = c == ']' || c == '}';
        token_start_ = i_;
        plain_open_ = false;
        if (c == '[' || c == '{') {
            ++depth_;
            count();
            open_bracket();
            scalar_start_ = std::string_view::npos;
        } else if (c == ']' || c == '}') {
            --depth_;
            close_bracket(c);
            scalar_start_ = std::string_view::npos;
        } else if (c == ',') {
            count();
            scalar_start_ = std::string_view::npos;
        } else if ((c == ':' || c == '?') &&
                   (is_space_or_end(s_, i_ + 1) || is_flow_indicator(s_[i_ + 1]) ||
                    (c == ':' && json_like_before))) {
            indicator(c);
        } else if (c == '&' || c == '!' || c == '*') {
            skip_property();
            return true;
        } else {
            return false;
        }
        ++i_;
        return true;
    }

    /// A token in block context; false for a plain scalar.
    bool block_token(char c) {
        token_start_ = i_;
        plain_open_ = false;
        const bool at_line_start = i_ == line_begin_;
        if (c == '[' || c == '{') {
            note_token();
            depth_ = 1;
            count();
            open_.clear();
            open_bracket();
            ++i_;
            return true;
        }
        if ((c == ']' || c == '}') && notes_ != nullptr &&
            notes_->stray_close == std::string_view::npos) {
            notes_->stray_close = i_;  // read on as a plain scalar, as before
        }
        if ((c == '-' || c == '?' || c == ':') && is_space_or_end(s_, i_ + 1)) {
            indicator(c);
            if (c != ':') {
                has_dash_ = true;
                last_dash_ = column(i_);
                after_indicator_ = true;
            } else {
                // A `:` that starts its block node (an empty key: `: v`) places the node, so
                // its value's continuation lines are indented past it, as after a key.
                note_token();
            }
            // The document's root is a block collection: every later node is inside it.
            collection_col_ = std::min(collection_col_, c == ':' ? block_col_ : column(i_));
            ++i_;
            return true;
        }
        if (at_line_start && (s_.compare(i_, 3, "---") == 0 || s_.compare(i_, 3, "...") == 0) &&
            is_space_or_end(s_, i_ + 3)) {
            has_dash_ = true;  // a root node may follow on the same line
            last_dash_ = -1;
            collection_col_ = no_collection;  // a new document
            after_indicator_ = true;
            i_ += 3;
            return true;
        }
        if (at_line_start && c == '%') {
            skip_comment();  // a directive: to the end of the line
            return true;
        }
        if (c == '&' || c == '!' || c == '*') {
            skip_property();
            return true;
        }
        if ((c == '|' || c == '>') && block_scalar_header()) {
            note_token();
            skip_block_scalar(parent_column());
            return true;
        }
        return false;
    }

    /// True when a `|` or `>` at i_ ends its line as a block scalar header (`|2-  # c`).
    bool block_scalar_header() const {
        std::size_t p = i_ + 1;
        while (p < s_.size() && (s_[p] == '+' || s_[p] == '-' || (s_[p] >= '0' && s_[p] <= '9'))) {
            ++p;
        }
        if (p < s_.size() && !is_blank(s_[p]) && s_[p] != '\n') {
            return false;
        }
        while (p < s_.size() && is_blank(s_[p])) {
            ++p;
        }
        return p >= s_.size() || s_[p] == '\n' || s_[p] == '#';
    }

    /// Skips a block scalar: its header line, then blank lines and lines indented past `parent`.
    void skip_block_scalar(long parent) {
        skip_comment();
        while (i_ < s_.size()) {
            const std::size_t line = i_ + 1;  // i_ is at '\n'
            std::size_t p = line;
            while (p < s_.size() && s_[p] == ' ') {
                ++p;
            }
            std::size_t q = p;
            while (q < s_.size() && is_blank(s_[q])) {
                ++q;
            }
            const bool blank = q >= s_.size() || s_[q] == '\n';
            if (!blank && static_cast<long>(p - line) <= parent) {
                break;
            }
            i_ = line;
            skip_comment();
        }
    }

    /// Skips to the line break (not past it).
    void skip_comment() {
        while (i_ < s_.size() && s_[i_] != '\n') {
            ++i_;
        }
        plain_open_ = false;
    }

    /// Skips a quoted scalar, which may span lines ('' and \" escape the quote).
    void skip_quoted(char quote) {
        token_start_ = i_;
        start_scalar(i_);
        plain_open_ = false;
        ++i_;
        while (i_ < s_.size()) {
            const char c = s_[i_];
            if (quote == '"' && c == '\\') {
                if (notes_ != nullptr && is_surrogate_pair_escape(s_, i_)) {
                    notes_->surrogate_pairs.push_back(i_);
                    i_ += surrogate_pair_escape_size;
                } else {
                    i_ += 2;
                }
            } else if (c == quote) {
                if (quote == '\'' && i_ + 1 < s_.size() && s_[i_ + 1] == '\'') {
                    i_ += 2;
                } else {
                    ++i_;
                    return;
                }
            } else {
                ++i_;
            }
        }
        if (notes_ != nullptr) {
            notes_->unterminated_quote = token_start_;
        }
    }

    /// Skips an anchor, tag or alias: up to a blank (or a flow indicator in flow context).
    void skip_property() {
        note_token();
        while (i_ < s_.size() && !is_space_or_end(s_, i_) &&
               !(depth_ > 0 && is_flow_indicator(s_[i_]))) {
            ++i_;
        }
    }

    /// Skips a plain scalar up to `: `, ` #`, the line end (or a flow indicator in flow
    /// context); one ended by the line end may go on on the next line.
    void skip_plain() {
        if (!plain_open_) {
            token_start_ = i_;
            start_scalar(i_);
            note_token();
            // A scalar that begins its line has a parent somewhere left of it, which this pass
            // does not track: any line indented past the root collection may go on with it,
            // any line at all when the root is no collection (` v\n[a]` is one scalar).
            const bool begins_line = block_col_ == column(token_start_) && !has_dash_;
            const long outermost = collection_col_ == no_collection ? -1 : collection_col_;
            plain_parent_ = begins_line ? outermost : parent_column();
        }
        plain_open_ = false;
        while (i_ < s_.size()) {
            const char c = s_[i_];
            if (c == '\n') {
                plain_open_ = true;
                return;
            }
            if (c == ':' &&
                (is_space_or_end(s_, i_ + 1) || (depth_ > 0 && is_flow_indicator(s_[i_ + 1])))) {
                return;
            }
            if (is_blank(c) && i_ + 1 < s_.size() && s_[i_ + 1] == '#') {
                return;
            }
            if (depth_ > 0 && is_flow_indicator(c)) {
                return;
            }
            ++i_;
        }
    }

    std::string_view s_;
    std::size_t i_;
    std::uint64_t max_nodes_;
    LexicalNotes* notes_;  ///< where to note surrogate-pair escapes and a long key, or null
    std::uint64_t count_ = 0;
    std::size_t overflow_at_ = std::string_view::npos;
    static constexpr long no_collection = 1L << 40;
    long collection_col_ = no_collection;  ///< column of the root block collection, once seen
    long depth_ = 0;                       ///< flow nesting (0: block context)
    std::vector<std::size_t> open_;        ///< offsets of the open `[` and `{` (only with notes)
    bool line_start_ = true;               ///< at the start of a line, before its indentation
    std::size_t line_begin_ = 0;           ///< offset of the current line
    long indent_ = 0;                      ///< indentation of the current line
    bool has_dash_ = false;                ///< a `- `, `? ` or `---` came before on this line
    long last_dash_ = -1;                  ///< column of the last of them
    bool after_indicator_ = true;          ///< the next token starts a block node on this line
    long block_col_ = 0;                   ///< column of the block node the line's tokens belong to
    std::size_t token_start_ = 0;          ///< offset of the current token
    bool plain_open_ = false;              ///< a plain scalar ended at a line end and may go on
    long plain_parent_ = -1;               ///< its continuation lines are indented past this column
    bool json_like_ = false;               ///< the last token was quoted or a closing bracket
    std::size_t scalar_start_ = std::string_view::npos;  ///< the last scalar, if a key may end
    std::size_t scalar_line_ = 0;                        ///< the offset of the line it starts on
    bool explicit_key_ = false;                          ///< a `?` introduced it
    bool question_pending_ = false;  ///< a `?` came last: the next scalar is an explicit key
};

}  // namespace

std::size_t flow_node_overflow(std::string_view source, std::size_t begin, std::uint64_t max_nodes,
                               LexicalNotes* notes) {
    return flow_lexer(source, begin, max_nodes, notes).run();
}

}  // namespace onething::detail
