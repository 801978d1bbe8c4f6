// Values of facts and form answers, and three-valued truth.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace onething {

/// A calendar date (proleptic Gregorian), compared chronologically.
struct Date {
    int year = 1970;  ///< four-digit year
    int month = 1;    ///< 1..12
    int day = 1;      ///< 1..31, valid for the month
    /// Chronological order.
    friend auto operator<=>(const Date&, const Date&) = default;
    /// ISO 8601 form, YYYY-MM-DD.
    std::string to_string() const;
    /// Parses exactly YYYY-MM-DD with a valid day for the month; nullopt otherwise.
    static std::optional<Date> parse(std::string_view text);
    /// For a text written YYYY-MM-DD that `parse` refuses, why, as a message goes on after it:
    /// ": there is no such day, as February 2019 has 28 days" (or "as months are 01 to 12"); ""
    /// for any other text.
    static std::string missing_day(std::string_view text);
    /// The day after (nullopt after 9999-12-31).
    std::optional<Date> next() const;
    /// The day before (nullopt before 0000-01-01).
    std::optional<Date> previous() const;
    /// Today on this machine's calendar (its local time zone).
    static Date today();
};

/// A fact or field value: bool, integer, number, string (also enum values) or date.
using Value = std::variant<bool, std::int64_t, double, std::string, Date>;

/// Renders a value the way conditions write literals (strings quoted, dates as date('...')).
std::string to_literal(const Value& value);

/// Three-valued logic for conditions over facts the applicant may not have answered.
enum class Truth { no, yes, unknown };

/// Kleene negation.
Truth operator!(Truth value);
/// Kleene conjunction: no wins over unknown.
Truth operator&&(Truth left, Truth right);
/// Kleene disjunction: yes wins over unknown.
Truth operator||(Truth left, Truth right);

}  // namespace onething
