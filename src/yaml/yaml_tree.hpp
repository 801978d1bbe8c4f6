// A compact YAML tree with exact positions, built from yaml-cpp's event API under hard limits.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "onething/diagnostic.hpp"
#include "onething/limits.hpp"

namespace onething::detail {

/// Kind of a YAML node.
enum class YamlKind : std::uint8_t { null, scalar, sequence, mapping };

/// How a scalar was written; only plain scalars can be booleans, numbers or null.
enum class ScalarStyle : std::uint8_t { plain, single_quoted, double_quoted, literal, folded };

/// One node. Mapping children alternate key, value; sequence children are the elements.
struct YamlNode {
    YamlKind kind = YamlKind::null;          ///< null, scalar, sequence or mapping
    ScalarStyle style = ScalarStyle::plain;  ///< scalars only
    bool flow = false;                       ///< collections written in flow style ([..], {..})
    std::uint8_t origin = 0;   ///< 0: the document's own file; n: copied from `origins[n - 1]`
    std::uint32_t line = 0;    ///< 1-based line of the node's first character
    std::uint32_t column = 0;  ///< 1-based column (in characters) of it
    std::uint32_t offset = 0;  ///< 0-based byte offset of it in the source
    std::string value;         ///< scalar text (after unescaping)
    std::vector<std::uint32_t> children;  ///< indices into YamlDocument::nodes

    /// True when every member is equal (two parses of a text compared node by node).
    bool operator==(const YamlNode&) const = default;
};

/// Another file some nodes of a document were copied from (an overlay's, docs/overlays.md).
struct YamlOrigin {
    FileName file;            ///< its name, for the copied nodes' locations
    std::string_view source;  ///< its bytes, owned by its own document
};

/// At most this many other files can lend nodes to one document (YamlNode::origin).
inline constexpr std::size_t max_yaml_origins = 255;

/// A parsed file: its nodes (root first) and the source kept for positions inside scalars.
struct YamlDocument {
    FileName file;                    ///< name used in diagnostics, shared by its locations
    std::string source;               ///< the file's bytes (validated UTF-8)
    std::vector<YamlNode> nodes;      ///< all nodes; children refer to indices here
    std::uint32_t root = 0;           ///< index of the root node (a null node for an empty file)
    std::vector<YamlOrigin> origins;  ///< files some nodes were copied from (an overlay merge)

    /// The node at `index`.
    const YamlNode& at(std::uint32_t index) const { return nodes[index]; }
    /// The location of a node (in the file it came from).
    Location location_of(const YamlNode& node) const;
    /// The bytes of the file a node came from (its `offset` is into them).
    std::string_view source_of(const YamlNode& node) const;
};

/// Checks that `bytes` is strict UTF-8 input (no BOM except UTF-8's at the start, no NUL, no
/// control characters but tab and LF, CR only in CRLF); on failure returns the diagnostic
/// located at the first bad byte.
std::optional<Diagnostic> check_text_encoding(std::string_view file, std::string_view bytes);

/// The first character of a decoded double-quoted scalar that the file could not hold raw
/// (a control character, NUL, DEL, U+0080 to U+009F, a byte order mark), described as
/// "control character U+001B"; nullopt when there is none. Tab and line feed are allowed.
std::optional<std::string> escaped_control_character(std::string_view value);

/// Parses one YAML document (a second document is an error) under `limits`. On failure appends
/// located diagnostics and returns nullopt. Never throws for bad input; std::bad_alloc is
/// turned into a diagnostic too.
std::optional<YamlDocument> parse_yaml(std::string file, std::string source, const Limits& limits,
                                       std::vector<Diagnostic>& diagnostics);

/// parse_yaml without its fast path for a flat JSON object (src/yaml/flat_json.cpp): always
/// through yaml-cpp's events. The tests compare the two.
std::optional<YamlDocument> parse_yaml_events(std::string file, std::string source,
                                              const Limits& limits,
                                              std::vector<Diagnostic>& diagnostics);

/// Reads `doc.source` when it is one flat JSON object of scalars (printable ASCII texts without
/// escapes, numbers, true, false, null; how request facts arrive) into `doc.nodes`, exactly the
/// tree yaml-cpp's events give; false, with `doc` unchanged, for anything else.
bool read_flat_json(YamlDocument& doc, const Limits& limits);

/// What the lexical pass before yaml-cpp notes of a document (src/yaml/flow_bound.cpp).
struct LexicalNotes {
    /// The offsets of the surrogate-pair escapes inside double-quoted scalars
    /// (`"\ud840\udc00"`), in order.
    std::vector<std::size_t> surrogate_pairs;
    /// The offset of the first mapping key that yaml-cpp cannot read: written without `?` and
    /// more than `simple_key_limit` bytes from its start to its `:` (YAML 1.2 limits such
    /// implicit keys to 1,024 characters; JSON does not); npos when there is none.
    std::size_t long_key = std::string_view::npos;
    /// The offset of a quoted scalar with no closing quote before the end of the text (yaml-cpp
    /// reads one to the end without a word); npos when every quote is closed.
    std::size_t unterminated_quote = std::string_view::npos;
    /// The offset of the first `]` or `}` in flow context that closes a bracket of the other
    /// kind, and of the bracket it meets; npos when every closing bracket matches.
    std::size_t mismatched_close = std::string_view::npos;
    std::size_t mismatched_open = std::string_view::npos;  ///< see mismatched_close
    /// The offset of the first `]` or `}` that starts a token outside any flow collection.
    std::size_t stray_close = std::string_view::npos;
    /// The offset of the innermost `[` or `{` still open at the end of the text, or npos.
    std::size_t unclosed_flow = std::string_view::npos;
    /// The offset of the first `#` that starts a comment inside a flow collection, or npos.
    std::size_t flow_comment = std::string_view::npos;
};

/// The most bytes yaml-cpp reads from the start of a key written without `?` to its `:`.
inline constexpr std::size_t simple_key_limit = 1024;

/// Offset in `source` (parsed from byte `begin`) where a lower bound of the YAML nodes of its
/// flow collections first passes `max_nodes`, or npos. Run before yaml-cpp, which buffers a
/// whole flow collection before reporting any of it (src/yaml/flow_bound.cpp). When `notes`
/// is given, what the pass saw is noted in it.
std::size_t flow_node_overflow(std::string_view source, std::size_t begin, std::uint64_t max_nodes,
                               LexicalNotes* notes = nullptr);

/// Bytes of a surrogate-pair escape: `\uD840\uDC00`.
inline constexpr std::size_t surrogate_pair_escape_size = 12;

/// True when `source` holds, at `at`, a high surrogate escape followed by a low one
/// (`\uD800`-`\uDBFF` then `\uDC00`-`\uDFFF`, hex digits in either case).
bool is_surrogate_pair_escape(std::string_view source, std::size_t at);

/// The text yaml-cpp reads when a document has surrogate-pair escapes, which yaml-cpp refuses:
/// each pair written as the one `\U` escape of its code point (two bytes shorter), and the map
/// from offsets in that text back to the document's (src/yaml/surrogate_pairs.cpp).
struct EscapeRewrite {
    std::string text;                ///< the document with every pair as one `\U0001XXXX`
    std::vector<std::size_t> after;  ///< offsets in `text` just past each rewritten escape

    /// The offset in the document of offset `rewritten` of `text`.
    std::size_t original_offset(std::size_t rewritten) const;
};

/// `source` with the surrogate-pair escape at each offset of `pairs` (ascending, as
/// flow_node_overflow notes them) written as one `\U` escape.
EscapeRewrite rewrite_surrogate_pairs(std::string_view source,
                                      const std::vector<std::size_t>& pairs);

/// 1-based column, in characters (UTF-8 code points), of byte `offset` in `source`.
std::uint32_t column_of(std::string_view source, std::size_t offset);

/// 1-based line of byte `offset`, counted from the start of `source`.
std::uint32_t line_of(std::string_view source, std::size_t offset);

/// yaml-cpp's message for a syntax error at byte `offset` of `source`, with what it usually
/// means and how to mend it where the message alone does not say (src/yaml/syntax_hints.cpp).
std::string explain_syntax_error(const std::string& yaml_message, std::string_view source,
                                 std::size_t offset, const LexicalNotes& notes);

}  // namespace onething::detail
