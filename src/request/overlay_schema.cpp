// The overlay file's JSON Schema: the rule file's, with every definition's keys optional.
#include "request/overlay_schema.hpp"

#include <nlohmann/json.hpp>

#include "onething/request.hpp"

namespace onething::detail {

std::string overlay_schema() {
    // Ordered: the keys keep the rule format schema's order, so the text is the same every time.
    auto schema = nlohmann::ordered_json::parse(rule_format_schema());
    schema["$id"] = "https://onething.example/schemas/overlay-1.1.json";
    schema["title"] = "onething overlay file (format 1 with the 1.1 additions)";
    schema["description"] =
        "An overlay: a rule file read on top of a catalog (docs/overlays.md). A definition of an "
        "id the catalog has gives only the keys it changes, so no key of a definition is "
        "required, and a fact's or field's values are not tied to a type the overlay may not "
        "give (onething lint checks the merged catalog). Everything else is the rule file's "
        "schema: a key given replaces the catalog's as a whole, so its value has the full shape.";
    // The only definitions with required keys, or with keys tied to another key (`values` to
    // `type: enum`): facts and fields need a type, bundles goals (rule_format.schema.json).
    for (const char* definition : {"fact", "field", "bundle"}) {
        auto& keys = schema["$defs"][definition];
        for (const char* constraint : {"required", "if", "then", "else"}) {
            keys.erase(constraint);
        }
    }
    return schema.dump(2) + "\n";
}

}  // namespace onething::detail
