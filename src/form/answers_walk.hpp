// Walking an answers document, nested by id segments or flat with dotted keys (or both).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "load/node_reader.hpp"

namespace onething::detail::form {

/// What a dotted id is to the document being read.
enum class IdKind { field, group, other };

/// One answered field: its id and its key and value nodes.
struct AnswerEntry {
    std::string id;           ///< the field id
    std::uint32_t key = 0;    ///< the key node
    std::uint32_t value = 0;  ///< the value node
};

/// The fields found in a document, and the mapping node of each group met.
struct AnswerTree {
    std::vector<AnswerEntry> entries;             ///< in document order
    std::map<std::string, std::uint32_t> groups;  ///< group id → first mapping node
    std::set<std::string> broken;                 ///< groups given something else than a mapping
};

/// Collects the answered fields under `root` (a mapping): a key is joined to its parent's id
/// with '.'; `classify` tells fields from groups (whose values must be mappings); other keys go
/// to `unknown`. A field given twice is reported as "duplicate-field", "<given> twice". The
/// document is named `document` ("the answers", "the shared data"; "answered", "given").
AnswerTree collect_answers(NodeReader& reader, const YamlNode& root,
                           const std::function<IdKind(const std::string&)>& classify,
                           const std::function<void(const YamlNode&, const std::string&)>& unknown,
                           std::string_view document = "the answers",
                           std::string_view given = "answered");

/// True when a group of `id` was given something else than a mapping (already reported).
bool under_broken_group(const AnswerTree& tree, const std::string& id);

/// Where a missing field would go: the mapping of its deepest group present, else the root.
Location missing_location(const NodeReader& reader, const AnswerTree& tree, const YamlNode& root,
                          const std::string& id);

}  // namespace onething::detail::form
