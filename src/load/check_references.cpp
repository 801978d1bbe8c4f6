// Every reference must name a definition; narrowings must suit their field; test facts typed.
#include <algorithm>
#include <map>

#include "facts/fact_check.hpp"
#include "load/check_context.hpp"
#include "model/field_bounds.hpp"
#include "model/suggest.hpp"

namespace onething::detail {
namespace {

/// `value` as the shortest text that reads back the same (200, 0.5).
std::string shortest(double value) {
    return to_literal(Value(value));
}

/// Warns when a narrowing leaves no value of its field: a bound past the field's own other
/// bound. Its plans are made, but no form with the item (form gives conflicting-constraints);
/// a warning, as such a file loaded before.
template <typename Where>
void warn_empty_narrowing(CheckContext& context, const Narrowing& narrowing, const Field& field,
                          const std::string& what, const Where& at) {
    const Constraints& own = field.constraints;
    const Constraints& narrow = narrowing.constraints;
    const auto warn = [&](const std::string& key, const std::string& bound,
                          const std::string& other) {
        context.warning(at(key), "conflicting-constraints",
                        what + " narrowing of '" + field.id + "': " + bound +
                            " contradicts the field's " + other +
                            ": no value is left, so no form with this item can be made (form "
                            "refuses it); narrow within the field's bounds");
    };
    const auto empty_range = [&](double minimum, double maximum) {
        return no_value_between(field.type, minimum, maximum);
    };
    if (narrow.minimum && own.maximum && empty_range(*narrow.minimum, *own.maximum)) {
        warn("minimum", "minimum " + shortest(*narrow.minimum),
             "maximum " + shortest(*own.maximum));
    }
    if (narrow.maximum && own.minimum && empty_range(*own.minimum, *narrow.maximum)) {
        warn("maximum", "maximum " + shortest(*narrow.maximum),
             "minimum " + shortest(*own.minimum));
    }
    if (narrow.min_length && own.max_length && *narrow.min_length > *own.max_length) {
        warn("min_length", "min_length " + std::to_string(*narrow.min_length),
             "max_length " + std::to_string(*own.max_length));
    }
    if (narrow.max_length && own.min_length && *narrow.max_length < *own.min_length) {
        warn("max_length", "max_length " + std::to_string(*narrow.max_length),
             "min_length " + std::to_string(*own.min_length));
    }
}

/// Checks a field need: the field exists and the narrowing suits its type and values.
void check_field_need(CheckContext& context, const FieldNeed& need, const std::string& what) {
    auto index = context.resolve(need.field, context.fields, "field", what + " needs.fields");
    if (!index || !need.narrowing) {
        return;
    }
    const Narrowing& narrowing = *need.narrowing;
    const Field& field = context.state.fields[*index];
    const std::vector<std::string>* values =
        field.constraints.values ? &*field.constraints.values : nullptr;
    const ConstraintProblems problems =
        constraint_problems(narrowing.constraints, field.type, values);
    const auto at = [&](const std::string& key) {
        auto where = narrowing.locations.find(key);
        return where != narrowing.locations.end() ? where->second : need.field.location;
    };
    for (const auto& [key, message] : problems.errors) {
        context.error(at(key), "invalid-narrowing",
                      what + " narrowing of '" + field.id + "': " + message);
    }
    if (problems.pattern_warning) {
        context.warning(at("pattern"), "pattern-not-portable",
                        what + " narrowing of '" + field.id + "': " + *problems.pattern_warning);
    }
    if (problems.no_whole_number) {
        context.warning(at("maximum"), "conflicting-constraints",
                        what + " narrowing of '" + field.id + "': " + *problems.no_whole_number);
    }
    if (problems.errors.empty()) {
        warn_empty_narrowing(context, narrowing, field, what, at);
    }
}

/// Reports a list entry repeated: named at the repeat, with the first place. A repeated need
/// is a warning ending with `need_note` (what the repeat does): it loads as before.
void check_repeats(CheckContext& context, const std::vector<Ref>& refs, const std::string& what,
                   std::string_view need_note = {}) {
    std::map<std::string_view, const Ref*> first;
    for (const Ref& ref : refs) {
        auto [place, inserted] = first.emplace(ref.id, &ref);
        if (inserted) {
            continue;
        }
        const std::string message = what + " lists '" + ref.id + "' twice; first at " +
                                    detail::place(place->second->location);
        if (!need_note.empty()) {
            context.warning(ref.location, "repeated-need",
                            message + "; " + std::string(need_note) + ", so list it once");
        } else {
            context.error(ref.location, "duplicate-value", message);
        }
    }
}

/// Warns of needs of `item` listed twice: unconditional ones (two with `when`s may hold on
/// different facts) and the alternatives of one `any_of`.
void check_repeated_needs(CheckContext& context, const Item& item, const std::string& what) {
    std::vector<Ref> items, materials, fields;
    for (const ItemNeed& need : item.needs_items) {
        if (need.when.always()) {
            items.push_back(need.item);
        }
    }
    for (const MaterialNeed& need : item.needs_materials) {
        if (need.any_of) {
            std::vector<Ref> alternatives;  // those without a `when` of their own
            for (std::size_t k = 0; k < need.alternatives.size(); ++k) {
                if (k >= need.alternative_when.size() || need.alternative_when[k].always()) {
                    alternatives.push_back(need.alternatives[k]);
                }
            }
            check_repeats(context, alternatives, what + " needs.materials any_of",
                          "it is one alternative");
        } else if (need.when.always()) {
            materials.push_back(need.alternatives.front());
        }
    }
    for (const FieldNeed& need : item.needs_fields) {
        if (need.when.always()) {
            fields.push_back(need.field);
        }
    }
    check_repeats(context, item.produces_materials, what + " produces.materials",
                  "it is one output");
    check_repeats(context, item.produces_fields, what + " produces.fields", "it is one output");
    check_repeats(context, items, what + " needs.items", "it is one prerequisite");
    const std::string_view counted = "the before-figures count each entry";
    check_repeats(context, materials, what + " needs.materials", counted);
    check_repeats(context, fields, what + " needs.fields", counted);
}

/// Checks the references of one item.
void check_item(CheckContext& context, const Item& item) {
    const std::string what = "item '" + item.id + "'";
    for (const ItemNeed& need : item.needs_items) {
        const Ref& ref = need.item;
        if (ref.id == item.id) {
            context.error(ref.location, "cycle", "dependency cycle: " + item.id + " -> " + item.id);
            continue;
        }
        context.resolve(ref, context.items, "item", what + " needs.items");
    }
    for (const MaterialNeed& need : item.needs_materials) {
        for (const Ref& ref : need.alternatives) {
            context.resolve(ref, context.materials, "material", what + " needs.materials");
        }
    }
    for (const FieldNeed& need : item.needs_fields) {
        check_field_need(context, need, what);
    }
    for (const Ref& ref : item.produces_materials) {
        context.resolve(ref, context.materials, "material", what + " produces.materials");
    }
    for (const Ref& ref : item.produces_fields) {
        context.resolve(ref, context.fields, "field", what + " produces.fields");
    }
    check_repeated_needs(context, item, what);
}

/// Checks the references of one bundle.
void check_bundle(CheckContext& context, const Bundle& bundle) {
    const std::string what = "bundle '" + bundle.id + "'";
    for (const Ref& ref : bundle.goals) {
        context.resolve(ref, context.items, "item", what + " goals");
    }
    for (const Ref& ref : bundle.defer) {
        context.resolve(ref, context.items, "item", what + " defer");
    }
    check_repeats(context, bundle.goals, what + " goals");
    check_repeats(context, bundle.defer, what + " defer");
}

/// Converts a test's raw facts to typed values, reporting unknown facts and bad values.
void type_test_facts(CheckContext& context, PendingTest& pending) {
    const std::string what = "test '" + pending.test.name + "'";
    for (auto& [ref, raw] : pending.raw_facts) {
        auto index = context.resolve(ref, context.facts, "fact", what + " facts");
        if (!index) {
            continue;
        }
        if (raw.kind == YamlKind::null) {
            continue;  // `null` (or nothing) leaves the fact unanswered, as in a facts file
        }
        const Fact& fact = context.state.facts[*index];
        auto checked = type_fact_value(fact, written_as(raw.kind, raw.style), raw.text,
                                       what + " " + fact_subject(fact.id));
        if (checked.value) {
            pending.test.facts[fact.id] = std::move(*checked.value);
            pending.test.fact_locations[fact.id] = ref.location;
        } else {
            context.error(raw.location, "type", std::move(checked.error));
        }
    }
}

/// Checks every id of an expected set against a section.
void check_expected_ids(CheckContext& context,
                        const std::optional<Expected<std::vector<std::string>>>& expected,
                        const std::unordered_map<std::string_view, std::size_t>& index,
                        std::string_view kind, const std::string& what) {
    if (!expected) {
        return;
    }
    for (const std::string& id : expected->value) {
        context.resolve(Ref{id, expected->location}, index, kind, what);
    }
}

/// Checks every id of an expected sequence against a section; an id listed twice can never
/// match (a path and the guide name each id once) and is reported at the repeat.
void check_expected_sequence(CheckContext& context,
                             const std::optional<Expected<std::vector<Ref>>>& expected,
                             const std::unordered_map<std::string_view, std::size_t>& index,
                             std::string_view kind, const std::string& what) {
    if (!expected) {
        return;
    }
    for (const Ref& ref : expected->value) {
        context.resolve(ref, index, kind, what);
    }
    check_repeats(context, expected->value, what);
}

/// Checks the items and materials of `expect.choices`.
void check_expected_choices(CheckContext& context,
                            const std::optional<Expected<std::vector<ExpectedChoices>>>& expected,
                            const std::string& what) {
    if (!expected) {
        return;
    }
    for (const ExpectedChoices& choices : expected->value) {
        context.resolve(choices.item, context.items, "item", what);
        for (const Ref& material : choices.materials.value) {
            context.resolve(material, context.materials, "material",
                            what + " of '" + choices.item.id + "'");
        }
    }
}

/// Checks one test case's references and expectation.
void check_test(CheckContext& context, PendingTest& pending) {
    TestCase& test = pending.test;
    const std::string what = "test '" + test.name + "'";
    context.case_day_written = test.as_of.has_value();
    context.case_day = test.as_of                 ? std::optional(test.as_of->value)
                       : context.dated != nullptr ? std::optional(context.dated->undated_case_day())
                                                  : std::nullopt;
    context.resolve(test.bundle, context.bundles, "bundle", what);
    type_test_facts(context, pending);
    const Expectation& expect = test.expect;
    check_expected_ids(context, expect.items, context.items, "item", what + " expect.items");
    check_expected_ids(context, expect.includes, context.items, "item", what + " expect.includes");
    check_expected_ids(context, expect.excludes, context.items, "item", what + " expect.excludes");
    check_expected_ids(context, expect.asked_fields, context.fields, "field",
                       what + " expect.asked_fields");
    check_expected_ids(context, expect.submitted_materials, context.materials, "material",
                       what + " expect.submitted_materials");
    check_expected_choices(context, expect.choices, what + " expect.choices");
    check_expected_sequence(context, expect.critical_path, context.items, "item",
                            what + " expect.critical_path");
    check_expected_sequence(context, expect.questions, context.facts, "fact",
                            what + " expect.questions");
    if (expect.error) {
        const auto& codes = plan_error_codes();
        if (std::find(codes.begin(), codes.end(), expect.error->value) == codes.end()) {
            std::string list;
            for (std::string_view code : codes) {
                list += (list.empty() ? "" : ", ") + std::string(code);
            }
            context.error(expect.error->location, "invalid-value",
                          what + " expects unknown error code '" + expect.error->value +
                              "'; plan error codes are: " + list +
                              did_you_mean(expect.error->value, codes));
        }
    }
}

/// Warns of two test cases of one bundle with one name: they share one JUnit test case (a case
/// per bundle and name), which CI reports then merge.
void check_test_names(CheckContext& context) {
    std::map<std::pair<std::string_view, std::string_view>, const TestCase*> first;
    for (const PendingTest& pending : context.state.tests) {
        const TestCase& test = pending.test;
        const auto [place, inserted] = first.emplace(
            std::pair(std::string_view(test.bundle.id), std::string_view(test.name)), &test);
        if (inserted) {
            continue;
        }
        const Location& earlier = place->second->location;
        const bool same_place =
            earlier.file == test.location.file && earlier.line == test.location.line &&
            earlier.column == test.location.column;  // a file overlaid on itself
        if (!same_place) {
            context.warning(test.location, "repeated-test-name",
                            "test '" + test.name + "' of bundle '" + test.bundle.id +
                                "' has the name of the case at " +
                                detail::place(place->second->location) +
                                "; the two share one JUnit test case (classname and name), so "
                                "name them apart");
        }
    }
}

}  // namespace

void check_references(CheckContext& context) {
    for (const PendingItem& pending : context.state.items) {
        check_item(context, pending.item);
    }
    for (const PendingBundle& pending : context.state.bundles) {
        check_bundle(context, pending.bundle);
    }
    for (PendingTest& pending : context.state.tests) {
        check_test(context, pending);
        context.case_day.reset();
    }
    check_test_names(context);
}

}  // namespace onething::detail
