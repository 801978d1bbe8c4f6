// Dates, literal rendering of values, and Kleene three-valued logic.
#include "onething/value.hpp"

#include <array>
#include <charconv>
#include <cstdio>
#include <ctime>

namespace onething {
namespace {

/// True for a Gregorian leap year.
bool is_leap_year(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

/// Days in `month` (1..12) of `year`.
int days_in_month(int year, int month) {
    static constexpr std::array<int, 12> days{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap_year(year) ? 29 : days[static_cast<std::size_t>(month - 1)];
}

/// Reads `count` decimal digits starting at `position`; -1 when any is not a digit.
int read_digits(std::string_view text, std::size_t position, std::size_t count) {
    int result = 0;
    for (std::size_t i = position; i < position + count; ++i) {
        if (text[i] < '0' || text[i] > '9') {
            return -1;
        }
        result = result * 10 + (text[i] - '0');
    }
    return result;
}

/// A string literal in single quotes with `\` and `'` escaped.
std::string quote(const std::string& text) {
    std::string result = "'";
    for (char c : text) {
        if (c == '\\' || c == '\'') {
            result += '\\';
        }
        result += c;
    }
    result += '\'';
    return result;
}

/// The shortest text that reads back as the same double.
std::string number_text(double value) {
    std::array<char, 64> buffer{};
    const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
    return std::string(buffer.data(), result.ptr);
}

}  // namespace

std::string Date::to_string() const {
    std::array<char, 32> buffer{};
    std::snprintf(buffer.data(), buffer.size(), "%04d-%02d-%02d", year, month, day);
    return std::string(buffer.data());
}

std::optional<Date> Date::parse(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
        return std::nullopt;
    }
    const int year = read_digits(text, 0, 4);
    const int month = read_digits(text, 5, 2);
    const int day = read_digits(text, 8, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) {
        return std::nullopt;
    }
    return Date{year, month, day};
}

std::string Date::missing_day(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
        return {};
    }
    const int year = read_digits(text, 0, 4);
    const int month = read_digits(text, 5, 2);
    const int day = read_digits(text, 8, 2);
    if (year < 0 || month < 0 || day < 0) {
        return {};  // not digits where digits are written
    }
    if (month < 1 || month > 12) {
        return ": there is no such day, as months are 01 to 12";
    }
    static constexpr const char* month_names[] = {"January",   "February", "March",    "April",
                                                  "May",       "June",     "July",     "August",
                                                  "September", "October",  "November", "December"};
    const int days = days_in_month(year, month);
    if (day < 1 || day > days) {
        return ": there is no such day, as " + std::string(month_names[month - 1]) + " " +
               std::string(text.substr(0, 4)) + " has " + std::to_string(days) + " days";
    }
    return {};
}

std::optional<Date> Date::next() const {
    if (day < days_in_month(year, month)) {
        return Date{year, month, day + 1};
    }
    if (month < 12) {
        return Date{year, month + 1, 1};
    }
    if (year >= 9999) {
        return std::nullopt;
    }
    return Date{year + 1, 1, 1};
}

std::optional<Date> Date::previous() const {
    if (day > 1) {
        return Date{year, month, day - 1};
    }
    if (month > 1) {
        return Date{year, month - 1, days_in_month(year, month - 1)};
    }
    if (year <= 0) {
        return std::nullopt;
    }
    return Date{year - 1, 12, 31};
}

Date Date::today() {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    if (::localtime_r(&now, &local) == nullptr) {
        return Date{};
    }
    return Date{local.tm_year + 1900, local.tm_mon + 1, local.tm_mday};
}

std::string to_literal(const Value& value) {
    if (const bool* flag = std::get_if<bool>(&value)) {
        return *flag ? "true" : "false";
    }
    if (const std::int64_t* integer = std::get_if<std::int64_t>(&value)) {
        return std::to_string(*integer);
    }
    if (const double* number = std::get_if<double>(&value)) {
        return number_text(*number);
    }
    if (const std::string* text = std::get_if<std::string>(&value)) {
        return quote(*text);
    }
    return "date('" + std::get<Date>(value).to_string() + "')";
}

Truth operator!(Truth value) {
    switch (value) {
        case Truth::no:
            return Truth::yes;
        case Truth::yes:
            return Truth::no;
        default:
            return Truth::unknown;
    }
}

Truth operator&&(Truth left, Truth right) {
    if (left == Truth::no || right == Truth::no) {
        return Truth::no;
    }
    return left == Truth::yes && right == Truth::yes ? Truth::yes : Truth::unknown;
}

Truth operator||(Truth left, Truth right) {
    if (left == Truth::yes || right == Truth::yes) {
        return Truth::yes;
    }
    return left == Truth::no && right == Truth::no ? Truth::no : Truth::unknown;
}

}  // namespace onething
