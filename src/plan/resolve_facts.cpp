// Checking the applicant's facts against their declarations and applying defaults.
#include <string_view>
#include <vector>

#include "onething/error.hpp"
#include "onething/plan.hpp"
#include "model/suggest.hpp"

namespace onething {
namespace {

/// True when `value` has the representation of `type` (an int is accepted for a number).
bool has_type(const Value& value, FactType type) {
    switch (type) {
        case FactType::boolean:
            return std::holds_alternative<bool>(value);
        case FactType::integer:
            return std::holds_alternative<std::int64_t>(value);
        case FactType::number:
            return std::holds_alternative<double>(value) ||
                   std::holds_alternative<std::int64_t>(value);
        case FactType::string:
        case FactType::enumeration:
            return std::holds_alternative<std::string>(value);
        case FactType::date:
            return std::holds_alternative<Date>(value);
    }
    return false;
}

}  // namespace

FactValues resolve_facts(const Catalog& catalog, const Facts& facts) {
    const auto declared = catalog.facts();
    FactValues values(declared.size());
    std::vector<Diagnostic> problems;
    std::vector<std::string_view> ids;
    for (const auto& [id, value] : facts) {
        const Fact* fact = catalog.find_fact(id);
        if (!fact) {
            if (ids.empty()) {
                for (const Fact& f : declared) {
                    ids.push_back(f.id);
                }
            }
            problems.push_back({Severity::error,
                                "unknown-fact",
                                "unknown fact '" + id + "'" + detail::did_you_mean(id, ids),
                                {}});
            continue;
        }
        if (!has_type(value, fact->type)) {
            problems.push_back(
                {Severity::error,
                 "invalid-fact",
                 "fact '" + id + "' is a " + to_string(fact->type) + ", not " + to_literal(value),
                 {}});
            continue;
        }
        if (fact->type == FactType::enumeration) {
            const auto& text = std::get<std::string>(value);
            bool allowed = false;
            for (const auto& candidate : fact->values) {
                allowed = allowed || candidate == text;
            }
            if (!allowed) {
                std::string list;
                for (const auto& candidate : fact->values) {
                    list += (list.empty() ? "" : ", ") + candidate;
                }
                problems.push_back(
                    {Severity::error,
                     "invalid-fact",
                     "fact '" + id + "' must be one of: " + list + " (not '" + text + "')",
                     {}});
                continue;
            }
        }
        Value stored = value;
        if (fact->type == FactType::number && std::holds_alternative<std::int64_t>(value)) {
            stored = static_cast<double>(std::get<std::int64_t>(value));
        }
        values[static_cast<std::size_t>(fact - declared.data())] = std::move(stored);
    }
    if (!problems.empty()) {
        throw InputError(std::move(problems));
    }
    for (std::size_t i = 0; i < declared.size(); ++i) {
        if (!values[i] && declared[i].default_value) {
            values[i] = declared[i].default_value;
        }
    }
    return values;
}

}  // namespace onething
