// Typed, located reading of YAML nodes into model values.
#include "load/node_reader.hpp"

#include <charconv>
#include <cmath>
#include <map>
#include <unordered_map>

#include "model/id_syntax.hpp"
#include "model/input_excerpt.hpp"
#include "model/suggest.hpp"
#include "text/bidi.hpp"

namespace onething::detail {
namespace {

/// True for a plain scalar (only those can be booleans or numbers).
bool is_plain_scalar(const YamlNode& node) {
    return node.kind == YamlKind::scalar && node.style == ScalarStyle::plain;
}

}  // namespace

std::string describe_node(const YamlNode& node) {
    switch (node.kind) {
        case YamlKind::null:
            return "nothing (null)";
        case YamlKind::scalar:
            return node.style == ScalarStyle::plain ? quoted_input(node.value)
                                                    : "the quoted text " + quoted_input(node.value);
        case YamlKind::sequence:
            return "a list";
        case YamlKind::mapping:
            return "a mapping";
    }
    return "something else";
}

NodeReader::NodeReader(const YamlDocument& document, std::vector<Diagnostic>& diagnostics)
    : document_(document), diagnostics_(diagnostics) {}

void NodeReader::error(const YamlNode& node, std::string code, std::string message) {
    error_at(where(node), std::move(code), std::move(message));
}

void NodeReader::error_at(Location where, std::string code, std::string message) {
    if (errors_full()) {
        if (unlisted_errors_++ == 0) {
            first_unlisted_ = std::move(where);
        }
        return;
    }
    ++listed_errors_;
    diagnostics_.push_back(
        {Severity::error, std::move(code), std::move(message), std::move(where)});
}

void NodeReader::limit_errors(std::uint64_t limit) {
    error_limit_ = limit;
    listed_errors_ = 0;
    unlisted_errors_ = 0;
}

void NodeReader::report_unlisted(std::string_view limit_name) {
    if (unlisted_errors_ == 0) {
        return;
    }
    diagnostics_.push_back(
        {Severity::error, "limit-errors",
         std::to_string(unlisted_errors_) + " error" + (unlisted_errors_ == 1 ? "" : "s") +
             " not listed past the limit of " + std::to_string(error_limit_) + " (" +
             std::string(limit_name) +
             "), the first of them here; fix the errors listed, or raise the limit, to see the "
             "rest",
         first_unlisted_});
}

void NodeReader::warning(const YamlNode& node, std::string code, std::string message) {
    diagnostics_.push_back({Severity::warning, std::move(code), std::move(message), where(node)});
}

bool NodeReader::expect_mapping(const YamlNode& node, std::string_view what) {
    if (node.kind == YamlKind::mapping) {
        return true;
    }
    error(node, "type", std::string(what) + " must be a mapping, not " + describe_node(node));
    return false;
}

bool NodeReader::expect_sequence(const YamlNode& node, std::string_view what) {
    if (node.kind == YamlKind::sequence) {
        return true;
    }
    error(node, "type", std::string(what) + " must be a list, not " + describe_node(node));
    return false;
}

Entries NodeReader::entries(const YamlNode& mapping, std::string_view what) {
    Entries result;
    result.reserve(mapping.children.size() / 2);
    std::unordered_map<std::string_view, std::uint32_t> seen;
    seen.reserve(mapping.children.size() / 2);
    for (std::size_t i = 0; i + 1 < mapping.children.size(); i += 2) {
        const std::uint32_t key_index = mapping.children[i];
        const YamlNode& key = node(key_index);
        if (key.kind != YamlKind::scalar) {
            error(
                key, "type",
                "keys in " + std::string(what) + " must be plain text, not " + describe_node(key));
            continue;
        }
        auto [place, inserted] = seen.emplace(key.value, key_index);
        if (!inserted) {
            const YamlNode& first = node(place->second);
            error(key, "duplicate-key",
                  "duplicate key '" + key.value + "' in " + std::string(what) +
                      " (first defined at line " + std::to_string(first.line) + ", column " +
                      std::to_string(first.column) + ")");
            continue;
        }
        result.emplace_back(key_index, mapping.children[i + 1]);
    }
    return result;
}

const YamlNode* NodeReader::find(const Entries& entries, std::string_view key) const {
    for (const auto& [key_index, value_index] : entries) {
        if (node(key_index).value == key) {
            return &node(value_index);
        }
    }
    return nullptr;
}

bool NodeReader::check_keys(const Entries& entries, std::initializer_list<std::string_view> allowed,
                            std::string_view what) {
    bool ok = true;
    std::vector<std::string_view> candidates(allowed.begin(), allowed.end());
    for (const auto& [key_index, value_index] : entries) {
        const YamlNode& key = node(key_index);
        bool known = false;
        for (std::string_view name : allowed) {
            known = known || key.value == name;
        }
        if (!known && key.value == "<<" && key.style == ScalarStyle::plain) {
            error(key, "unknown-key",
                  "a YAML merge key ('<<') in " + std::string(what) +
                      ": the rule format does not merge mappings (YAML 1.2 has no merge keys); "
                      "write the keys out in each mapping");
            ok = false;
            continue;
        }
        if (!known) {
            std::string list;
            if (auto suggestion = nearest(key.value, candidates)) {
                list = "; did you mean '" + *suggestion + "'?";
            } else {
                for (std::string_view name : allowed) {
                    list += (list.empty() ? "; expected one of: " : ", ") + std::string(name);
                }
            }
            error(key, "unknown-key",
                  "unknown key '" + key.value + "' in " + std::string(what) + list);
            ok = false;
        }
    }
    return ok;
}

bool NodeReader::require_key(const YamlNode& mapping, const Entries& entries, std::string_view key,
                             std::string_view what) {
    for (const auto& entry : entries) {
        if (node(entry.first).value == key) {
            return true;
        }
    }
    error(mapping, "missing-key", std::string(what) + " needs the key '" + std::string(key) + "'");
    return false;
}

std::optional<bool> NodeReader::read_bool(const YamlNode& node, std::string_view what) {
    if (is_plain_scalar(node) && (node.value == "true" || node.value == "false")) {
        return node.value == "true";
    }
    error(node, "type", std::string(what) + " must be true or false, not " + describe_node(node));
    return std::nullopt;
}

/// The error for a number past what its type holds: "out-of-range" naming `bounds` when given.
void NodeReader::past_bounds(const YamlNode& node, std::string_view what, std::string_view bounds) {
    error(node, "out-of-range",
          std::string(what) + " must be " + std::string(bounds) + ", not " + describe_node(node));
}

std::optional<std::int64_t> NodeReader::read_int(const YamlNode& node, std::string_view what,
                                                 std::string_view bounds) {
    if (is_plain_scalar(node)) {
        if (auto value = parse_decimal_int(node.value)) {
            return value;
        }
    }
    const bool too_large = is_plain_scalar(node) && is_decimal_integer_text(node.value);
    if (too_large && !bounds.empty()) {
        past_bounds(node, what, bounds);
        return std::nullopt;
    }
    error(node, "type",
          std::string(what) + " must be " +
              (too_large ? int64_range_phrase() : std::string("a decimal integer")) + ", not " +
              describe_node(node));
    return std::nullopt;
}

std::optional<double> NodeReader::read_number(const YamlNode& node, std::string_view what,
                                              std::string_view bounds) {
    if (is_plain_scalar(node)) {
        if (auto value = parse_decimal_number(node.value)) {
            return value;
        }
    }
    const bool unheld = is_plain_scalar(node) && is_decimal_number_text(node.value);
    if (unheld && !bounds.empty()) {
        past_bounds(node, what, bounds);
        return std::nullopt;
    }
    error(node, "type",
          std::string(what) + " must be " +
              (unheld ? double_range_phrase() : std::string("a number")) + ", not " +
              describe_node(node));
    return std::nullopt;
}

std::optional<Date> NodeReader::read_date(const YamlNode& node, std::string_view what) {
    if (node.kind == YamlKind::scalar) {
        if (auto day = Date::parse(node.value)) {
            return day;
        }
    }
    error(node, "type",
          std::string(what) + " must be a date written YYYY-MM-DD (e.g. 2020-07-01), not " +
              describe_node(node) +
              (node.kind == YamlKind::scalar ? Date::missing_day(node.value) : std::string()));
    return std::nullopt;
}

std::optional<std::string> NodeReader::read_string(const YamlNode& node, std::string_view what) {
    if (node.kind == YamlKind::scalar) {
        return node.value;
    }
    error(node, "type", std::string(what) + " must be text, not " + describe_node(node));
    return std::nullopt;
}

void NodeReader::warn_unclosed_bidi(const YamlNode& node, std::string_view what,
                                    std::string_view text) {
    const std::optional<detail::OpenBidi> open = detail::unclosed_bidi(text);
    if (!open) {
        return;
    }
    warning(node, "unclosed-bidi",
            std::string(what) + " opens a " + std::string(detail::bidi_name(open->code)) +
                " and does not close it with a " +
                std::string(detail::bidi_closer_name(open->code)) +
                " before its line ends: a plan, a page or a terminal would show what follows "
                "it on the line reordered; close it, or take it out");
}

std::optional<Text> NodeReader::read_text(const YamlNode& node, std::string_view what) {
    Text text;
    if (node.kind == YamlKind::scalar) {
        warn_unclosed_bidi(node, what, node.value);
        text.translations.emplace("", node.value);
        return text;
    }
    if (node.kind != YamlKind::mapping) {
        error(node, "type",
              std::string(what) + " must be text or a mapping from language to text, not " +
                  describe_node(node));
        return std::nullopt;
    }
    bool ok = true;
    std::vector<std::pair<std::string, std::string>>
        tags;  // the keys so far: lower case, as written
    for (const auto& [key_index, value_index] : entries(node, what)) {
        const YamlNode& key = this->node(key_index);
        if (!is_language_tag(key.value)) {
            const auto lowered = lower_case_language_tag(key.value);
            error(key, "invalid-language",
                  "'" + key.value + "' is not a language tag (such as zh, en or zh-Hant)" +
                      (lowered ? "; write '" + *lowered + "': a tag's first part is in lower case"
                               : std::string()));
            ok = false;
            continue;
        }
        std::string lower = ascii_lower(key.value);
        for (const auto& [earlier_lower, earlier] : tags) {
            if (earlier_lower == lower) {
                // Both load (a file that loads keeps loading), but a request's tag ignores case.
                warning(key, "language-case",
                        std::string(what) + " has the language tags '" + earlier + "' and '" +
                            key.value +
                            "', which differ only in case: tags ignore case (BCP 47), so a "
                            "request in another spelling gets one of them only; keep one");
                break;
            }
        }
        tags.emplace_back(std::move(lower), key.value);
        const std::string translation = std::string(what) + "." + key.value;
        auto value = read_string(this->node(value_index), translation);
        if (!value) {
            ok = false;
            continue;
        }
        warn_unclosed_bidi(this->node(value_index), translation, *value);
        text.translations.emplace(key.value, std::move(*value));
    }
    if (ok && text.translations.empty()) {
        error(node, "type", std::string(what) + " must not be empty");
        return std::nullopt;
    }
    return ok ? std::optional<Text>(std::move(text)) : std::nullopt;
}

std::optional<std::string> NodeReader::read_id(const YamlNode& node, std::string_view what) {
    if (node.kind != YamlKind::scalar) {
        error(node, "type", std::string(what) + " must be an id, not " + describe_node(node));
        return std::nullopt;
    }
    if (!is_valid_id(node.value)) {
        error(node, "invalid-id",
              quoted_input(node.value) + " is not a valid id (" + std::string(what) +
                  "): use 1 to 128 of a-z, 0-9, '_', '.', '-', starting with a letter or digit");
        return std::nullopt;
    }
    return node.value;
}

std::vector<Ref> NodeReader::read_id_list(const YamlNode& node, std::string_view what) {
    std::vector<Ref> refs;
    if (!expect_sequence(node, what)) {
        return refs;
    }
    refs.reserve(node.children.size());
    for (std::uint32_t child : node.children) {
        const YamlNode& element = this->node(child);
        if (auto id = read_id(element, what)) {
            refs.push_back({std::move(*id), where(element)});
        }
    }
    return refs;
}

std::optional<std::vector<std::string>> NodeReader::read_string_list(const YamlNode& node,
                                                                     std::string_view what) {
    if (!expect_sequence(node, what)) {
        return std::nullopt;
    }
    std::vector<std::string> values;
    std::map<std::string, std::uint32_t> seen;
    bool ok = true;
    for (std::uint32_t child : node.children) {
        const YamlNode& element = this->node(child);
        auto value = read_string(element, what);
        if (!value) {
            ok = false;
            continue;
        }
        if (!seen.emplace(*value, element.line).second) {
            error(element, "duplicate-value",
                  "'" + *value + "' appears twice in " + std::string(what));
            ok = false;
            continue;
        }
        values.push_back(std::move(*value));
    }
    if (ok && values.empty()) {
        error(node, "type", std::string(what) + " must not be empty");
        return std::nullopt;
    }
    return ok ? std::optional(std::move(values)) : std::nullopt;
}

std::optional<std::size_t> NodeReader::read_choice(const YamlNode& node,
                                                   std::initializer_list<std::string_view> names,
                                                   std::string_view what) {
    if (node.kind == YamlKind::scalar) {
        std::size_t position = 0;
        for (std::string_view name : names) {
            if (node.value == name) {
                return position;
            }
            ++position;
        }
    }
    std::string list;
    for (std::string_view name : names) {
        list += (list.empty() ? "" : ", ") + std::string(name);
    }
    std::vector<std::string_view> candidates(names.begin(), names.end());
    std::string hint = node.kind == YamlKind::scalar ? did_you_mean(node.value, candidates) : "";
    error(node, "invalid-value",
          std::string(what) + " must be one of: " + list + " (not " + describe_node(node) + ")" +
              hint);
    return std::nullopt;
}

std::optional<ConditionSite> NodeReader::read_condition(const YamlNode& node,
                                                        std::string_view what) {
    if (node.kind != YamlKind::scalar) {
        error(node, "type",
              std::string(what) + " must be an expression in text, not " + describe_node(node));
        return std::nullopt;
    }
    ConditionSite site;
    site.text = node.value;
    site.start = where(node);
    const bool one_line = node.value.find('\n') == std::string::npos;
    const std::string_view source = document_.source_of(node);
    if (one_line && node.style == ScalarStyle::plain) {
        site.exact = source.substr(node.offset, node.value.size()) == node.value;
    } else if (one_line && (node.style == ScalarStyle::single_quoted ||
                            node.style == ScalarStyle::double_quoted)) {
        site.start.column += 1;
        site.exact = source.substr(node.offset + 1, node.value.size()) == node.value;
    }
    if (!site.exact) {
        auto positions = scalar_value_positions(document_, node);
        if (!positions.empty()) {
            site.positions =
                std::make_shared<const std::vector<SourcePosition>>(std::move(positions));
        }
    }
    return site;
}

}  // namespace onething::detail
