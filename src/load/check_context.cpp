// Lookups and reporting shared by the catalog-wide checks.
#include "load/check_context.hpp"

#include <algorithm>

#include "model/suggest.hpp"

namespace onething::detail {
namespace {

/// Builds an id → position map over definitions with an `id` member.
template <typename Range, typename GetId>
std::unordered_map<std::string_view, std::size_t> index_of(const Range& range, GetId get_id) {
    std::unordered_map<std::string_view, std::size_t> index;
    index.reserve(range.size());
    for (std::size_t i = 0; i < range.size(); ++i) {
        index.emplace(get_id(range[i]), i);
    }
    return index;
}

}  // namespace

CheckContext::CheckContext(LoadState& checked)
    : state(checked),
      facts(index_of(checked.facts, [](const Fact& f) -> std::string_view { return f.id; })),
      fields(index_of(checked.fields, [](const Field& f) -> std::string_view { return f.id; })),
      materials(
          index_of(checked.materials, [](const Material& m) -> std::string_view { return m.id; })),
      items(index_of(checked.items,
                     [](const PendingItem& i) -> std::string_view { return i.item.id; })),
      bundles(index_of(checked.bundles,
                       [](const PendingBundle& b) -> std::string_view { return b.bundle.id; })) {}

bool CheckContext::refused_in_effect(std::string_view kind, std::string_view id) const {
    const auto refused = state.refused_duplicates.find(std::string(kind) + " " + std::string(id));
    return dated != nullptr && refused != state.refused_duplicates.end() &&
           std::any_of(refused->second.begin(), refused->second.end(),
                       [this](const Period& period) { return period.overlaps(dated->period); });
}

void CheckContext::error(const Location& where, std::string code, std::string message) {
    state.diagnostics.push_back({Severity::error, std::move(code), std::move(message), where});
}

void CheckContext::warning(const Location& where, std::string code, std::string message) {
    state.diagnostics.push_back({Severity::warning, std::move(code), std::move(message), where});
}

std::optional<std::size_t> CheckContext::resolve(
    const Ref& ref, const std::unordered_map<std::string_view, std::size_t>& index,
    std::string_view kind, std::string_view context) {
    auto found = index.find(ref.id);
    if (found != index.end()) {
        return found->second;
    }
    if (state.unreadable_definitions.contains(std::string(kind) + " " + ref.id)) {
        return std::nullopt;  // defined, but not as a mapping: that error stands for this one
    }
    if (dated && dated->dated->contains(std::string(kind) + " " + ref.id)) {
        if (!refused_in_effect(kind, ref.id)) {
            error(ref.location, "not-in-effect",
                  case_day
                      ? dated->not_on_case_day(context, kind, ref.id, *case_day, case_day_written)
                      : dated->not_in_effect(context, kind, ref.id));
        }
        return std::nullopt;
    }
    std::string hint;
    if (suggestions.spend(index.size())) {
        std::vector<std::string_view> candidates;
        candidates.reserve(index.size());
        for (const auto& entry : index) {
            candidates.push_back(entry.first);
        }
        hint = did_you_mean(ref.id, candidates);
    }
    error(ref.location, "unknown-" + std::string(kind),
          std::string(context) + " refers to unknown " + std::string(kind) + " '" + ref.id + "'" +
              hint + unparsed_files_note());
    return std::nullopt;
}

std::string CheckContext::unparsed_files_note() const {
    const std::vector<std::string>& files = state.unparsed_files;
    if (files.empty()) {
        return {};
    }
    const std::string more = files.size() > 1 ? " and " + std::to_string(files.size() - 1) +
                                                    " more file" + (files.size() > 2 ? "s" : "")
                                              : "";
    return " (" + files.front() + more +
           " could not be read, so what it defines is missing: mend its error first)";
}

std::string DatedCheck::first_days() const {
    if (period.from) {
        return "on " + period.from->to_string();
    }
    const std::optional<Date> next = period.until ? period.until->next() : std::nullopt;
    return next ? "on every day before " + next->to_string() : "on any day";
}

std::string DatedCheck::not_in_effect(std::string_view context, std::string_view kind,
                                      std::string_view id) const {
    return std::string(context) + " refers to " + std::string(kind) + " '" + std::string(id) +
           "', which has no definition in effect " + first_days() +
           " (the first such day of the referrer's period); " + defined_at(kind, id) + "; give '" +
           std::string(id) + "' a definition for that day, or end the referrer's period before it";
}

std::string DatedCheck::not_on_case_day(std::string_view context, std::string_view kind,
                                        std::string_view id, const Date& day, bool written) const {
    const std::string fix = kind == "bundle"
                                ? "give the case an as_of inside those days"
                                : "give the case an as_of inside those days, or leave '" +
                                      std::string(id) + "' out of it";
    return std::string(context) + " refers to " + std::string(kind) + " '" + std::string(id) +
           "', which has no definition in effect on " + day.to_string() +
           (written ? ", the case's as_of; "
                    : ", the day the case is planned on (it has no as_of); ") +
           defined_at(kind, id) + "; " + fix;
}

Date DatedCheck::undated_case_day() const {
    if (period.contains(today)) {
        return today;
    }
    // The version is the latest before today, else the first after it (finish_dated.cpp).
    return period.until && *period.until < today ? *period.until : period.from.value_or(today);
}

std::string DatedCheck::defined_at(std::string_view kind, std::string_view id) const {
    constexpr std::size_t named = 3;  // places named; past them, how many more
    const auto found = dated->find(std::string(kind) + " " + std::string(id));
    std::string text = "'" + std::string(id) + "' is in effect";
    if (found == dated->end()) {
        return text + " on other days";
    }
    const std::vector<Definition>& definitions = found->second;
    for (std::size_t i = 0; i < definitions.size() && i < named; ++i) {
        const Period& days = definitions[i].period;
        text += std::string(i == 0 ? " " : ", ") + days_phrase(days) + " (" +
                place(definitions[i].location) + ")";
    }
    if (definitions.size() > named) {
        text += ", and " + std::to_string(definitions.size() - named) + " more";
    }
    return text;
}

std::string place(const Location& where) {
    return where.file.str() + ":" + std::to_string(where.line) + ":" + std::to_string(where.column);
}

const std::vector<std::string_view>& plan_error_codes() {
    static const std::vector<std::string_view> codes{
        "cycle",     "no-provider",  "deferred-dependency", "not-applicable",
        "undecided", "invalid-fact", "unknown-fact",        "conflicting-constraints"};
    return codes;
}

}  // namespace onething::detail
