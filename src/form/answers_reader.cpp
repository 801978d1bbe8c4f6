// read_answers and read_shared: answers files checked against the form, shared data against
// the field definitions.
#include <set>

#include "form/answers_walk.hpp"
#include "form/form_util.hpp"
#include "form/value_check.hpp"
#include "model/input_excerpt.hpp"
#include "model/suggest.hpp"
#include "onething/error.hpp"

namespace onething {
namespace {

using detail::YamlKind;
using detail::YamlNode;
using detail::form::IdKind;

/// The fields a document may answer, keyed by id, with the groups they form.
struct Targets {
    std::map<std::string, FormField> fields;  ///< field id → rule
    std::set<std::string> groups;             ///< every proper prefix of a field id
    std::vector<std::string_view> ids;        ///< field ids, for suggestions

    /// Adds one field.
    void add(FormField field) {
        for (std::string& group : detail::form::id_groups(field.id)) {
            groups.insert(std::move(group));
        }
        std::string id = field.id;
        fields.emplace(std::move(id), std::move(field));
    }
    /// Fills `ids` once every field is added.
    void finish() {
        for (const auto& entry : fields) {
            ids.push_back(entry.first);
        }
    }
    /// What `id` is.
    IdKind classify(const std::string& id) const {
        return fields.count(id) ? IdKind::field : groups.count(id) ? IdKind::group : IdKind::other;
    }
};

/// Why a known id may not be given here: a diagnostic code and message; empty when unknown.
using Explain = std::function<std::pair<std::string, std::string>(const std::string&)>;

/// Reads `file` against `targets`: explains unknown keys with `explain`, checks each value;
/// reports missing fields when `require_all`. Names the document `named` ("the answers"),
/// a field in it `given` ("answered"). Throws InputError carrying every problem.
Answers read_document(const SourceFile& file, const Limits& limits, const Targets& targets,
                      bool require_all, const Explain& explain, std::string_view named,
                      std::string_view given) {
    std::vector<Diagnostic> problems;
    auto document = detail::parse_yaml(file.name, file.content, limits, problems);
    if (!document) {
        throw InputError(std::move(problems));
    }
    detail::NodeReader reader(*document, problems);
    reader.limit_errors(limits.max_input_errors);
    const YamlNode& root = document->at(document->root);
    detail::form::AnswerTree tree;
    if (root.kind == YamlKind::mapping) {
        tree = detail::form::collect_answers(
            reader, root, [&](const std::string& id) { return targets.classify(id); },
            [&](const YamlNode& key, const std::string& id) {
                if (reader.errors_full()) {  // counted only: no suggestion to look for
                    reader.error(key, "unknown-field", std::string());
                    return;
                }
                auto [code, why] = explain(id);
                if (code.empty()) {
                    reader.error(key, "unknown-field",
                                 "unknown field " + detail::quoted_input(id) +
                                     detail::did_you_mean(id, targets.ids));
                } else {
                    reader.error(key, std::move(code), std::move(why));
                }
            },
            named, given);
    } else if (root.kind != YamlKind::null) {
        reader.error(
            root, "invalid-type",
            std::string(named) + " must be a mapping, not " + detail::form::describe_node(root));
    }
    Answers answers;
    detail::form::ValueChecker checker;
    for (const detail::form::AnswerEntry& entry : tree.entries) {
        const YamlNode& value = reader.node(entry.value);
        std::vector<detail::form::ValueProblem> found;
        auto typed = checker.check(value, targets.fields.at(entry.id), found);
        for (detail::form::ValueProblem& problem : found) {
            reader.error(value, std::move(problem.code), std::move(problem.message));
        }
        if (typed && found.empty()) {
            answers.emplace(entry.id, std::move(*typed));
        }
    }
    if (require_all && (root.kind == YamlKind::mapping || root.kind == YamlKind::null)) {
        std::set<std::string> answered;
        for (const detail::form::AnswerEntry& entry : tree.entries) {
            answered.insert(entry.id);
        }
        for (const auto& [id, field] : targets.fields) {
            if (!answered.count(id) && !detail::form::under_broken_group(tree, id)) {
                reader.error_at(detail::form::missing_location(reader, tree, root, id),
                                "missing-field", "missing field '" + id + "'");
            }
        }
    }
    for (Diagnostic& problem : problems) {
        if (problem.code == "type") {
            problem.code = "invalid-type";
        }
    }
    sort_diagnostics(problems);
    reader.report_unlisted("max_input_errors");  // last, after the errors listed
    if (has_errors(problems)) {
        throw InputError(std::move(problems));
    }
    return answers;
}

}  // namespace

Answers read_answers(const Form& form, const SourceFile& file, const Limits& limits) {
    Targets targets;
    for (const FormField& field : form.asked) {
        targets.add(field);
    }
    targets.finish();
    const std::set<std::string> prefilled(form.prefilled.begin(), form.prefilled.end());
    auto explain = [&](const std::string& id) -> std::pair<std::string, std::string> {
        if (prefilled.count(id)) {
            return {"not-asked",
                    "field '" + id + "' is prefilled from shared data, not asked on this form"};
        }
        auto produced = form.produced.find(id);
        if (produced != form.produced.end()) {
            return {"not-asked", "field '" + id + "' is produced by item '" + produced->second +
                                     "', not asked on this form"};
        }
        return {};
    };
    return read_document(file, limits, targets, true, explain, "the answers", "answered");
}

Answers read_shared(const Catalog& catalog, const SourceFile& file, const Limits& limits) {
    Targets targets;
    for (const Field& field : catalog.fields()) {
        if (field.source == FieldSource::shared) {
            targets.add(detail::form::definition_rule(field));
        }
    }
    targets.finish();
    auto explain = [&](const std::string& id) -> std::pair<std::string, std::string> {
        if (catalog.find_field(id)) {
            return {"not-shared",
                    "field '" + id + "' is not shared data (its source is the applicant)"};
        }
        return {};
    };
    return read_document(file, limits, targets, false, explain, "the shared data", "given");
}

}  // namespace onething
