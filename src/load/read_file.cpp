// The top level of a rule file: its sections, in any order.
#include "load/load_state.hpp"

namespace onething::detail {

void read_rule_file(const YamlDocument& document, LoadState& state) {
    NodeReader reader(document, state.diagnostics);
    const YamlNode& root = document.at(document.root);
    if (root.kind == YamlKind::null) {
        return;  // an empty file defines nothing
    }
    if (!reader.expect_mapping(root, "a rule file")) {
        return;
    }
    const auto entries = reader.entries(root, "the rule file");
    reader.check_keys(entries,
                      {"format", "facts", "fields", "materials", "items", "bundles", "tests"},
                      "the rule file");
    for (const auto& [key_index, value_index] : entries) {
        const std::string& key = reader.node(key_index).value;
        const YamlNode& value = reader.node(value_index);
        if (key == "format") {
            auto version = reader.read_int(value, "format");
            if (version && *version != 1) {
                reader.error(value, "format-version",
                             "format " + std::to_string(*version) +
                                 " is not supported; this engine reads format 1");
            }
        } else if (key == "facts") {
            read_facts(reader, value, state);
        } else if (key == "fields") {
            read_fields(reader, value, state);
        } else if (key == "materials") {
            read_materials(reader, value, state);
        } else if (key == "items") {
            read_items(reader, value, state);
        } else if (key == "bundles") {
            read_bundles(reader, value, state);
        } else if (key == "tests") {
            read_tests(reader, value, state);
        }
    }
}

}  // namespace onething::detail
