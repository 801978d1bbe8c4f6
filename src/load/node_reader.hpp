// Typed, located reading of YAML nodes into model values; every problem becomes a diagnostic.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "onething/catalog.hpp"
#include "onething/diagnostic.hpp"
#include "yaml/scalar_positions.hpp"
#include "yaml/scalars.hpp"
#include "yaml/yaml_tree.hpp"

namespace onething::detail {

/// Where a `when` expression was written, so errors inside it can be located exactly.
struct ConditionSite {
    std::string text;    ///< the expression
    Location start;      ///< where the expression's first character is (quotes skipped)
    bool exact = false;  ///< offsets map to columns (one-line scalar without escapes)
    /// Otherwise, where each byte of `text` (and its end) is written: through escapes, doubled
    /// quotes and folded lines; null when the source could not be followed (then `start`).
    /// Shared, so that the copies of a dated catalog's versions do not copy it.
    std::shared_ptr<const std::vector<SourcePosition>> positions;
};

/// Key/value index pairs of a YAML mapping, in file order.
using Entries = std::vector<std::pair<std::uint32_t, std::uint32_t>>;

/// Reads nodes of one document, appending diagnostics; never throws on bad input.
class NodeReader {
  public:
    /// Reads from `document`, reporting into `diagnostics`.
    NodeReader(const YamlDocument& document, std::vector<Diagnostic>& diagnostics);

    /// The document read.
    const YamlDocument& document() const { return document_; }
    /// The node at `index`.
    const YamlNode& node(std::uint32_t index) const { return document_.at(index); }
    /// The location of a node.
    Location where(const YamlNode& node) const { return document_.location_of(node); }
    /// Reports an error at a node.
    void error(const YamlNode& node, std::string code, std::string message);
    /// Reports an error at a location (one that belongs to no node, e.g. a missing key).
    void error_at(Location where, std::string code, std::string message);
    /// Lists at most `limit` of the errors reported from now on and only counts the rest (for
    /// the applicant's documents; a rule file lists every error).
    void limit_errors(std::uint64_t limit);
    /// True when the next error will only be counted: its caller may skip writing its message.
    bool errors_full() const { return listed_errors_ >= error_limit_; }
    /// When errors went unlisted, reports one `limit-errors` error at the first of them, saying
    /// how many; `limit_name` is the limit's name in the messages (max_input_errors).
    void report_unlisted(std::string_view limit_name);
    /// Reports a warning at a node.
    void warning(const YamlNode& node, std::string code, std::string message);

    /// True when the node is a mapping; otherwise reports "`what` must be a mapping".
    bool expect_mapping(const YamlNode& node, std::string_view what);
    /// True when the node is a sequence; otherwise reports "`what` must be a list".
    bool expect_sequence(const YamlNode& node, std::string_view what);

    /// Key/value index pairs of a mapping whose keys are scalars; reports non-scalar keys and
    /// duplicate keys (naming the first place) and skips them.
    Entries entries(const YamlNode& mapping, std::string_view what);
    /// The value for `key` in `entries`, or nullptr.
    const YamlNode* find(const Entries& entries, std::string_view key) const;
    /// Reports every key of `entries` not in `allowed` (with a suggestion); returns false if any.
    bool check_keys(const Entries& entries, std::initializer_list<std::string_view> allowed,
                    std::string_view what);
    /// Reports when a required key is missing from `entries` (at the mapping).
    bool require_key(const YamlNode& mapping, const Entries& entries, std::string_view key,
                     std::string_view what);

    /// A boolean: only plain `true` or `false`.
    std::optional<bool> read_bool(const YamlNode& node, std::string_view what);
    /// A decimal integer (no leading zeros, no sign but '-', within int64). `bounds` ("between
    /// 1 and 1000000"), when given, is what an integer past int64 is told it must be instead.
    std::optional<std::int64_t> read_int(const YamlNode& node, std::string_view what,
                                         std::string_view bounds = {});
    /// A decimal number (integer or decimal fraction, optional exponent), finite. `bounds`, when
    /// given, is what a number past a double is told it must be instead.
    std::optional<double> read_number(const YamlNode& node, std::string_view what,
                                      std::string_view bounds = {});
    /// A calendar date written YYYY-MM-DD (quoted or not).
    std::optional<Date> read_date(const YamlNode& node, std::string_view what);
    /// A string: any non-null scalar.
    std::optional<std::string> read_string(const YamlNode& node, std::string_view what);
    /// Text: a string, or a mapping from language tag to string.
    std::optional<Text> read_text(const YamlNode& node, std::string_view what);
    /// An id matching ^[a-z0-9][a-z0-9_.-]{0,127}$.
    std::optional<std::string> read_id(const YamlNode& node, std::string_view what);
    /// A list of ids, each located.
    std::vector<Ref> read_id_list(const YamlNode& node, std::string_view what);
    /// A list of strings (e.g. enum values), rejecting duplicates.
    std::optional<std::vector<std::string>> read_string_list(const YamlNode& node,
                                                             std::string_view what);
    /// The position of the scalar among `names` ("invalid-value" with a suggestion otherwise).
    std::optional<std::size_t> read_choice(const YamlNode& node,
                                           std::initializer_list<std::string_view> names,
                                           std::string_view what);
    /// A `when` expression with its site (compiled later, once all facts are known).
    std::optional<ConditionSite> read_condition(const YamlNode& node, std::string_view what);

  private:
    /// Warns when `text` (the value of `node`) leaves an override or isolate open at a line's
    /// end: what follows it on the line would be shown reordered.
    void warn_unclosed_bidi(const YamlNode& node, std::string_view what, std::string_view text);
    /// Reports a number past what its type holds as out of `bounds`.
    void past_bounds(const YamlNode& node, std::string_view what, std::string_view bounds);
    const YamlDocument& document_;
    std::vector<Diagnostic>& diagnostics_;
    std::uint64_t error_limit_ = UINT64_MAX;  ///< errors listed at most (see limit_errors)
    std::uint64_t listed_errors_ = 0;         ///< errors listed since limit_errors
    std::uint64_t unlisted_errors_ = 0;       ///< errors counted past the limit
    Location first_unlisted_;                 ///< where the first unlisted error was
};

/// What a node is, for messages about what was found instead: "'yes'", "a list", ...
std::string describe_node(const YamlNode& node);

}  // namespace onething::detail
