// merge_form: the asked fields of a plan, each with its constraints intersected across items.
#include <algorithm>
#include <cmath>
#include <set>
#include <utility>
#include <vector>

#include "form/form_util.hpp"
#include "model/field_bounds.hpp"
#include "onething/error.hpp"
#include "onething/form.hpp"

namespace onething {
namespace {

/// Who set a constraint: "the definition of field 'x'" or "item 'y'", and where.
struct Source {
    std::string name;   ///< for messages
    Location location;  ///< where the constraint is written
};

/// Values as "[a, b]" for messages.
std::string bracketed(const std::vector<std::string>& values) {
    std::string text;
    for (const std::string& value : values) {
        text += (text.empty() ? "" : ", ") + value;
    }
    return "[" + text + "]";
}

/// Folds the definition and every narrowing of one field into a FormField, in a fixed order.
class FieldMerger {
  public:
    /// Starts from the field's definition.
    explicit FieldMerger(const Field& field) : field_(field) {
        out_.id = field.id;
        out_.type = field.type;
        out_.label = field.label;
        out_.labels = field.labels;
        apply(field.constraints, {"the field's definition", field.location}, nullptr);
    }

    /// Applies one item's narrowing; throws PlanError when the intersection becomes empty.
    void narrow(const std::string& item, const FieldNeed& need) {
        if (need.narrowing) {
            apply(need.narrowing->constraints, {"item '" + item + "'", need.field.location},
                  &need.narrowing->locations);
        }
    }

    /// The merged field.
    FormField take(std::vector<std::string> items) {
        out_.items = std::move(items);
        return std::move(out_);
    }

  private:
    /// Where `key` was written by `source` (the narrowing's key, else the source's place).
    static Location where(const Source& source, const std::map<std::string, Location>* locations,
                          const std::string& key) {
        if (locations) {
            auto found = locations->find(key);
            if (found != locations->end()) {
                return found->second;
            }
        }
        return source.location;
    }

    /// Throws the conflict between two sources.
    [[noreturn]] void conflict(const std::string& what, Location location) const {
        throw PlanError("conflicting-constraints",
                        "conflicting constraints on field '" + field_.id + "': " + what, location);
    }

    /// Intersects `constraints` from `source` into the merged field.
    void apply(const Constraints& constraints, const Source& source,
               const std::map<std::string, Location>* locations) {
        Constraints& merged = out_.constraints;
        if (constraints.pattern && std::find(out_.patterns.begin(), out_.patterns.end(),
                                             *constraints.pattern) == out_.patterns.end()) {
            out_.patterns.push_back(*constraints.pattern);
        }
        if (constraints.minimum && (!merged.minimum || *constraints.minimum > *merged.minimum)) {
            merged.minimum = constraints.minimum;
            minimum_source_ = source;
        }
        if (constraints.maximum && (!merged.maximum || *constraints.maximum < *merged.maximum)) {
            merged.maximum = constraints.maximum;
            maximum_source_ = source;
        }
        if (constraints.min_length &&
            (!merged.min_length || *constraints.min_length > *merged.min_length)) {
            merged.min_length = constraints.min_length;
            min_length_source_ = source;
        }
        if (constraints.max_length &&
            (!merged.max_length || *constraints.max_length < *merged.max_length)) {
            merged.max_length = constraints.max_length;
            max_length_source_ = source;
        }
        if (merged.minimum && merged.maximum) {
            if (detail::no_value_between(field_.type, *merged.minimum, *merged.maximum)) {
                const bool by_minimum = minimum_source_.name == source.name;
                const bool crossed = *merged.minimum > *merged.maximum;
                conflict("minimum " + detail::form::format_number(*merged.minimum) + " of " +
                             minimum_source_.name +
                             (crossed ? " is greater than maximum " : " and maximum ") +
                             detail::form::format_number(*merged.maximum) + " of " +
                             maximum_source_.name +
                             (crossed ? "" : " leave no whole number between them"),
                         where(source, locations, by_minimum ? "minimum" : "maximum"));
            }
        }
        if (merged.min_length && merged.max_length && *merged.min_length > *merged.max_length) {
            const bool by_min = min_length_source_.name == source.name;
            conflict("min_length " + std::to_string(*merged.min_length) + " of " +
                         min_length_source_.name + " is greater than max_length " +
                         std::to_string(*merged.max_length) + " of " + max_length_source_.name,
                     where(source, locations, by_min ? "min_length" : "max_length"));
        }
        if (constraints.values) {
            apply_values(*constraints.values, source, locations);
        }
    }

    /// Intersects an enum's values, keeping the order of the earlier list.
    void apply_values(const std::vector<std::string>& values, const Source& source,
                      const std::map<std::string, Location>* locations) {
        Constraints& merged = out_.constraints;
        if (!merged.values) {
            merged.values = values;
            values_sources_.push_back(source.name);
            return;
        }
        std::vector<std::string> kept;
        for (const std::string& value : *merged.values) {
            if (std::find(values.begin(), values.end(), value) != values.end()) {
                kept.push_back(value);
            }
        }
        if (kept.empty()) {
            std::string earlier;
            for (std::size_t i = 0; i < values_sources_.size(); ++i) {
                earlier += (i == 0                            ? ""
                            : i + 1 == values_sources_.size() ? " and "
                                                              : ", ") +
                           values_sources_[i];
            }
            conflict("values " + bracketed(values) + " of " + source.name +
                         " have nothing in common with values " + bracketed(*merged.values) +
                         " of " + earlier,
                     where(source, locations, "values"));
        }
        merged.values = std::move(kept);
        values_sources_.push_back(source.name);
    }

    const Field& field_;
    FormField out_;
    Source minimum_source_;
    Source maximum_source_;
    Source min_length_source_;
    Source max_length_source_;
    std::vector<std::string> values_sources_;
};

/// The merged field for `field`, narrowed by each need of it that holds in `plan`, of each of
/// `items` (sorted) in order.
FormField merge_field(const Catalog& catalog, const Plan& plan, const Field& field,
                      std::vector<std::string> items) {
    FieldMerger merger(field);
    for (const std::string& id : items) {
        const Item* item = catalog.find_item(id);
        const PlannedItem* planned = plan.find(id);
        if (!item || !planned) {
            continue;
        }
        const std::vector<std::uint32_t>& absent = planned->absent_field_needs;
        for (std::uint32_t at = 0; at < item->needs_fields.size(); ++at) {
            const FieldNeed& need = item->needs_fields[at];
            // A need whose `when` is false does not exist for this plan (rule format 1.1).
            if (need.field.id == field.id &&
                !std::binary_search(absent.begin(), absent.end(), at)) {
                merger.narrow(item->id, need);
            }
        }
    }
    return merger.take(std::move(items));
}

}  // namespace

Form merge_form(const Catalog& catalog, const Plan& plan) {
    Form form;
    form.bundle = plan.bundle;
    if (const Bundle* bundle = catalog.find_bundle(plan.bundle)) {
        form.title = bundle->name;
    }
    std::map<std::string, std::set<std::string>> asked;
    std::set<std::string> shared;
    std::map<std::string, std::string> produced;
    for (const FieldUse& use : plan.fields) {
        if (use.provision == Provision::asked) {
            asked[std::string(use.field)].insert(use.needed_by.begin(), use.needed_by.end());
        } else if (use.provision == Provision::shared) {
            shared.emplace(use.field);
        } else if (use.provision == Provision::produced && !use.producers.empty()) {
            const std::string first(*std::min_element(use.producers.begin(), use.producers.end()));
            auto [place, inserted] = produced.emplace(std::string(use.field), first);
            if (!inserted && first < place->second) {
                place->second = first;
            }
        }
    }
    // Every field whose constraints conflict is reported at once (each field's first conflict:
    // past it the field has no merged constraints to compare with), in field order.
    std::vector<Diagnostic> conflicts;
    for (const auto& [id, items] : asked) {
        const Field* field = catalog.find_field(id);
        if (!field) {
            throw PlanError("unknown-field",
                            "the plan asks field '" + id + "', which the catalog does not define");
        }
        for (const std::string& group : detail::form::id_groups(id)) {
            if (asked.count(group)) {
                throw PlanError("nesting-conflict",
                                "field '" + group +
                                    "' is asked and is also the group of asked field '" + id +
                                    "'; the merged form cannot nest both (rename one)",
                                field->location);
            }
        }
        try {
            form.asked.push_back(merge_field(catalog, plan, *field,
                                             std::vector<std::string>(items.begin(), items.end())));
        } catch (const PlanError& conflict) {
            conflicts.insert(conflicts.end(), conflict.diagnostics().begin(),
                             conflict.diagnostics().end());
        }
    }
    if (!conflicts.empty()) {
        throw PlanError(std::move(conflicts));
    }
    for (const std::string& id : shared) {
        if (!asked.count(id)) {
            form.prefilled.push_back(id);
        }
    }
    for (const auto& [id, item] : produced) {
        if (!asked.count(id)) {
            form.produced.emplace(id, item);
        }
    }
    return form;
}

}  // namespace onething
