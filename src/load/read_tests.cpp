// The `tests:` section: expected outcomes that `onething test` checks.
#include "load/load_state.hpp"

namespace onething::detail {
namespace {

/// Reads a list of ids into an expectation.
std::optional<Expected<std::vector<std::string>>> read_id_set(NodeReader& reader,
                                                              const YamlNode& node,
                                                              const std::string& what) {
    if (node.kind != YamlKind::sequence) {
        reader.expect_sequence(node, what);
        return std::nullopt;
    }
    Expected<std::vector<std::string>> expected;
    expected.location = reader.where(node);
    for (const Ref& ref : reader.read_id_list(node, what)) {
        expected.value.push_back(ref.id);
    }
    return expected;
}

/// Reads an ordered list of ids, each located (`critical_path:`, `questions:`).
std::optional<Expected<std::vector<Ref>>> read_id_sequence(NodeReader& reader, const YamlNode& node,
                                                           const std::string& what) {
    if (!reader.expect_sequence(node, what)) {
        return std::nullopt;
    }
    return Expected<std::vector<Ref>>{reader.read_id_list(node, what), reader.where(node)};
}

/// Reads `choices:`, a mapping from item id to the list of its chosen materials.
std::optional<Expected<std::vector<ExpectedChoices>>> read_choices(NodeReader& reader,
                                                                   const YamlNode& node,
                                                                   const std::string& what) {
    if (!reader.expect_mapping(node, what)) {
        return std::nullopt;
    }
    Expected<std::vector<ExpectedChoices>> expected;
    expected.location = reader.where(node);
    for (const auto& [key_index, value_index] : reader.entries(node, what)) {
        const YamlNode& key = reader.node(key_index);
        auto item = reader.read_id(key, what + " item");
        if (!item) {
            continue;
        }
        const std::string label = what + " of '" + *item + "'";
        if (auto materials = read_id_sequence(reader, reader.node(value_index), label)) {
            expected.value.push_back(
                {Ref{std::move(*item), reader.where(key)}, std::move(*materials)});
        }
    }
    return expected;
}

/// Warns that the expectation `what` at `value` is below zero: a plan's counts and days never
/// are, so the case can never pass. A warning, not an error: a catalog that loaded still loads.
void warn_negative(NodeReader& reader, const YamlNode& value, const std::string& what) {
    reader.warning(value, "impossible-expectation",
                   what + " " + value.value +
                       " is below zero, which no plan gives, so the case can never pass; "
                       "expect the count or the days the plan should give (0 or more)");
}

/// Reads a `before:` or `after:` mapping from metric name to number.
void read_metrics(NodeReader& reader, const YamlNode& node, std::map<Metric, Expected<double>>& out,
                  const std::string& what) {
    if (!reader.expect_mapping(node, what)) {
        return;
    }
    const auto entries = reader.entries(node, what);
    reader.check_keys(entries, {"steps", "forms", "fields", "materials", "visits", "days"}, what);
    for (const auto& [key_index, value_index] : entries) {
        const YamlNode& key = reader.node(key_index);
        for (Metric metric : all_metrics) {
            if (key.value == metric_name(metric)) {
                const YamlNode& value = reader.node(value_index);
                if (auto number = reader.read_number(value, what + " " + key.value)) {
                    out[metric] = {*number, reader.where(value)};
                    if (*number < 0) {
                        warn_negative(reader, value, what + " " + key.value);
                    }
                }
            }
        }
    }
}

/// Reads `expect:` of a test case.
void read_expect(NodeReader& reader, const YamlNode& node, Expectation& expect,
                 const std::string& what) {
    if (!reader.expect_mapping(node, what)) {
        return;
    }
    const auto entries = reader.entries(node, what);
    reader.check_keys(
        entries,
        {"items", "includes", "excludes", "stages", "before", "after", "asked_fields",
         "submitted_materials", "error", "choices", "critical_path", "optimal", "questions"},
        what);
    for (const auto& [key_index, value_index] : entries) {
        const std::string& key = reader.node(key_index).value;
        const YamlNode& value = reader.node(value_index);
        const std::string label = what + " " + key;
        if (key == "items") {
            expect.items = read_id_set(reader, value, label);
        } else if (key == "includes") {
            expect.includes = read_id_set(reader, value, label);
        } else if (key == "excludes") {
            expect.excludes = read_id_set(reader, value, label);
        } else if (key == "asked_fields") {
            expect.asked_fields = read_id_set(reader, value, label);
        } else if (key == "submitted_materials") {
            expect.submitted_materials = read_id_set(reader, value, label);
        } else if (key == "stages") {
            if (auto stages = reader.read_int(value, label)) {
                expect.stages = Expected<std::int64_t>{*stages, reader.where(value)};
                if (*stages < 0) {
                    warn_negative(reader, value, label);
                }
            }
        } else if (key == "before") {
            read_metrics(reader, value, expect.before, label);
        } else if (key == "after") {
            read_metrics(reader, value, expect.after, label);
        } else if (key == "choices") {
            expect.choices = read_choices(reader, value, label);
        } else if (key == "critical_path") {
            expect.critical_path = read_id_sequence(reader, value, label);
        } else if (key == "questions") {
            expect.questions = read_id_sequence(reader, value, label);
        } else if (key == "optimal") {
            if (auto optimal = reader.read_bool(value, label)) {
                expect.optimal = Expected<bool>{*optimal, reader.where(value)};
            }
        } else if (key == "error") {
            if (auto code = reader.read_string(value, label)) {
                expect.error = Expected<std::string>{*code, reader.where(value)};
            }
        }
    }
}

}  // namespace

void read_tests(NodeReader& reader, const YamlNode& section, LoadState& state) {
    if (!reader.expect_sequence(section, "tests")) {
        return;
    }
    for (std::uint32_t child : section.children) {
        const YamlNode& body = reader.node(child);
        if (!reader.expect_mapping(body, "a test case")) {
            continue;
        }
        if (!count_definition(reader, body, state)) {
            return;
        }
        const auto entries = reader.entries(body, "a test case");
        reader.check_keys(entries, {"name", "bundle", "facts", "expect", "as_of"}, "a test case");
        PendingTest pending;
        TestCase& test = pending.test;
        test.location = reader.where(body);
        bool complete = reader.require_key(body, entries, "name", "a test case");
        complete = reader.require_key(body, entries, "bundle", "a test case") && complete;
        if (const YamlNode* name = reader.find(entries, "name")) {
            test.name = reader.read_string(*name, "test name").value_or("");
        }
        const std::string what = "test '" + test.name + "'";
        if (const YamlNode* bundle = reader.find(entries, "bundle")) {
            if (auto id = reader.read_id(*bundle, what + " bundle")) {
                test.bundle = {std::move(*id), reader.where(*bundle)};
            } else {
                complete = false;  // its error is said; a case with no bundle is checked no more
            }
        }
        if (const YamlNode* facts = reader.find(entries, "facts")) {
            if (facts->kind != YamlKind::null && reader.expect_mapping(*facts, what + " facts")) {
                for (const auto& [key_index, value_index] :
                     reader.entries(*facts, what + " facts")) {
                    const YamlNode& key = reader.node(key_index);
                    const YamlNode& value = reader.node(value_index);
                    auto id = reader.read_id(key, what + " fact");
                    if (!id) {
                        continue;
                    }
                    RawScalar raw{value.kind, value.style, value.value, reader.where(value)};
                    pending.raw_facts.emplace_back(Ref{std::move(*id), reader.where(key)},
                                                   std::move(raw));
                }
            }
        }
        if (const YamlNode* as_of = reader.find(entries, "as_of")) {
            if (auto day = reader.read_date(*as_of, what + " as_of")) {
                test.as_of = Expected<Date>{*day, reader.where(*as_of)};
            }
        }
        if (const YamlNode* expect = reader.find(entries, "expect")) {
            read_expect(reader, *expect, test.expect, what + " expect");
        }
        if (complete) {
            state.tests.push_back(std::move(pending));
        }
    }
}

}  // namespace onething::detail
