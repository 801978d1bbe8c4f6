// The guide's questions as text and as JSON.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "onething/write.hpp"
#include "write/json_values.hpp"
#include "write/wording.hpp"

namespace onething {
namespace {

/// A fact value as the applicant would type it: yes/no for booleans, a date as YYYY-MM-DD,
/// else its literal text.
std::string shown_value(const Value& value, std::string_view language) {
    if (const bool* flag = std::get_if<bool>(&value)) {
        return std::string(detail::word(*flag ? detail::Word::yes : detail::Word::no, language));
    }
    if (const std::string* text = std::get_if<std::string>(&value)) {
        return *text;
    }
    if (const Date* day = std::get_if<Date>(&value)) {
        return day->to_string();  // YYYY-MM-DD, as --fact and the prompt read it
    }
    return to_literal(value);
}

/// The label of enum value `value` in `language`, or "" when none is declared.
std::string label_of(const Question& question, const std::string& value,
                     std::string_view language) {
    auto found = question.labels.find(value);
    return found == question.labels.end() ? std::string() : found->second.in(language);
}

/// "type: yes/no", "type: one of a (label), b", "type: date (YYYY-MM-DD)", ...
std::string type_line(const Question& question, std::string_view language) {
    using detail::Word;
    switch (question.type) {
        case FactType::boolean:
            return std::string(detail::word(Word::guide_type_boolean, language));
        case FactType::enumeration: {
            std::string list;
            for (const std::string& value : question.values) {
                list += (list.empty() ? "" : detail::word(Word::list_separator, language)) + value;
                const std::string label = label_of(question, value, language);
                if (!label.empty()) {
                    list += std::string(detail::word(Word::open_paren, language)) + label +
                            std::string(detail::word(Word::close_paren, language));
                }
            }
            return detail::phrase(Word::guide_type_enum, language, list);
        }
        case FactType::integer:
            return std::string(detail::word(Word::guide_type_integer, language));
        case FactType::number:
            return std::string(detail::word(Word::guide_type_number, language));
        case FactType::date:
            return std::string(detail::word(Word::guide_type_date, language));
        case FactType::string:
            break;
    }
    return std::string(detail::word(Word::guide_type_string, language));
}

/// A fact value as JSON: dates as YYYY-MM-DD text, numbers as numbers.
nlohmann::ordered_json value_json(const Value& value) {
    return std::visit(
        [](const auto& held) -> nlohmann::ordered_json {
            using T = std::decay_t<decltype(held)>;
            if constexpr (std::is_same_v<T, Date>) {
                return held.to_string();
            } else if constexpr (std::is_same_v<T, double>) {
                return detail::json_number(held);
            } else {
                return held;
            }
        },
        value);
}

}  // namespace

std::string questions_to_text(const std::vector<Question>& questions, std::string_view language) {
    using detail::Word;
    if (questions.empty()) {
        return std::string(detail::word(Word::guide_none, language)) + "\n";
    }
    std::string out;
    int number = 0;
    for (const Question& question : questions) {
        out += std::to_string(++number) + ". " + question.fact;
        const std::string& text = question.question.in(language);
        if (!text.empty()) {
            out += ": " + text;
        }
        out += "\n   " + type_line(question, language);
        if (question.default_value) {
            out += detail::word(Word::list_separator, language) +
                   detail::phrase(Word::guide_default, language,
                                  shown_value(*question.default_value, language));
            if (question.type == FactType::enumeration) {
                const std::string label =
                    label_of(question, std::get<std::string>(*question.default_value), language);
                if (!label.empty()) {
                    out += std::string(detail::word(Word::open_paren, language)) + label +
                           std::string(detail::word(Word::close_paren, language));
                }
            }
            out += detail::word(Word::guide_confirm, language);
        }
        if (question.gate) {
            out += "\n   " + std::string(detail::word(Word::guide_gate, language));
        }
        if (!question.gate || !question.items.empty()) {  // a gate may decide no item
            out += "\n   " + detail::phrase(Word::guide_decides, language, question.items.size());
            for (std::size_t i = 0; i < question.items.size(); ++i) {
                out += (i ? detail::word(Word::list_separator, language) : "") + question.items[i];
            }
        }
        out += "\n";
    }
    return out;
}

std::string questions_to_json(const std::vector<Question>& questions, std::string_view language) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const Question& question : questions) {
        nlohmann::ordered_json entry{{"fact", question.fact}, {"type", to_string(question.type)}};
        if (question.type == FactType::enumeration) {
            entry["values"] = question.values;
            nlohmann::ordered_json labels = nlohmann::ordered_json::object();
            for (const std::string& value : question.values) {
                const std::string label = label_of(question, value, language);
                labels[value] = label.empty() ? value : label;
            }
            entry["labels"] = std::move(labels);
        }
        if (question.default_value) {
            entry["default"] = value_json(*question.default_value);
        }
        entry["question"] = question.question.in(language);
        entry["gate"] = question.gate;
        entry["decides"] = question.items;
        list.push_back(std::move(entry));
    }
    return nlohmann::ordered_json{{"questions", list}}.dump(
               2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) +
           "\n";
}

}  // namespace onething
