// The guide one question at a time: typed answers checked, re-planning after each, going back.
#include "onething/guide_session.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "model/id_syntax.hpp"
#include "onething/error.hpp"
#include "onething/input.hpp"
#include "onething/write.hpp"
#include "request/language_note.hpp"

namespace onething {
namespace {

/// The session's own sentences, in Chinese and English.
struct Sentences {
    const char* needs_answer;  ///< an empty answer to a question without a default
    const char* yes_or_no;     ///< a boolean answer not understood
    const char* one_of;        ///< an enum answer not among the values
    const char* one_of_named;  ///< the same, for values written as numbers: no places listed
    const char* undecided;     ///< the facts so far do not decide the plan yet
    const char* no_plan;       ///< the facts so far give no plan
    const char* items;         ///< the plan's items, their count first
};

constexpr Sentences chinese{"请回答（此问题没有默认值）",
                            "请回答 是 或 否（yes/no）",
                            "请回答以下之一（值、标签或序号）：",
                            "请回答以下之一（值或标签）：",
                            "方案尚未确定：还有问题未回答",
                            "无法制定方案：",
                            "方案事项（{} 个）"};
constexpr Sentences english{"please answer: this question has no default",
                            "please answer yes or no",
                            "please answer one of (value, label or number): ",
                            "please answer one of (value or label): ",
                            "no plan yet: questions that decide it are still open",
                            "no plan: ",
                            "items in the plan ({})"};

/// The sentences of `language` (Chinese unless English is asked for).
const Sentences& sentences(std::string_view language) {
    return language == "en" ? english : chinese;
}

/// `text` without surrounding spaces.
std::string_view trimmed(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) {
        return {};
    }
    return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

/// The boolean `text` means, if any.
std::optional<bool> read_yes_no(std::string_view text) {
    const std::string word = detail::ascii_lower(text);
    if (word == "yes" || word == "y" || word == "true" || word == "是") {
        return true;
    }
    if (word == "no" || word == "n" || word == "false" || word == "否") {
        return false;
    }
    return std::nullopt;
}

/// The enum value `text` names: the value, else a label in any language, else its 1-based
/// number, in that order over all values, so that a value written as a number (`'1'` of
/// `['0', '1', '2']`) is that value, never the one at its position.
std::optional<std::string> read_enum(const Question& question, std::string_view text) {
    for (const std::string& value : question.values) {
        if (text == value) {
            return value;
        }
    }
    for (const std::string& value : question.values) {
        auto label = question.labels.find(value);
        if (label != question.labels.end()) {
            for (const auto& [language, words] : label->second.translations) {
                if (text == words) {
                    return value;
                }
            }
        }
    }
    for (std::size_t i = 0; i < question.values.size(); ++i) {
        if (text == std::to_string(i + 1)) {
            return question.values[i];
        }
    }
    return std::nullopt;
}

/// A fact value as a YAML scalar that `read_facts` types back to the same value.
std::string yaml_scalar(const Value& value) {
    if (const std::string* text = std::get_if<std::string>(&value)) {
        return nlohmann::json(*text).dump();  // a JSON string is a YAML double-quoted scalar
    }
    if (const Date* date = std::get_if<Date>(&value)) {
        return date->to_string();
    }
    return to_literal(value);
}

}  // namespace

GuideSession::GuideSession(const Catalog& catalog, std::string bundle, Facts facts,
                           std::string language)
    : catalog_(catalog),
      bundle_(std::move(bundle)),
      facts_(std::move(facts)),
      language_(detail::catalog_language(catalog, language)) {
    refresh();
}

void GuideSession::refresh() {
    questions_ = open_questions(catalog_, bundle_, facts_);
}

std::optional<std::string> GuideSession::answer(std::string_view typed) {
    if (questions_.empty()) {
        return std::nullopt;
    }
    const Question& question = questions_.front();
    const Sentences& say = sentences(language_);
    const std::string_view text = trimmed(typed);
    std::optional<Value> value;
    if (text.empty()) {
        if (!question.default_value) {
            return say.needs_answer;
        }
        value = question.default_value;
    } else if (question.type == FactType::boolean) {
        if (auto flag = read_yes_no(text)) {
            value = *flag;
        } else {
            return say.yes_or_no;
        }
    } else if (question.type == FactType::enumeration) {
        if (auto chosen = read_enum(question, text)) {
            value = *chosen;
        } else {
            // Values written as numbers are listed without places: `2) 1` would say that 2
            // is '1', where typing 2 gives the value '2'.
            const bool numeric = std::any_of(
                question.values.begin(), question.values.end(), [](const std::string& written) {
                    return !written.empty() &&
                           written.find_first_not_of("0123456789") == std::string::npos;
                });
            std::string list;
            for (std::size_t i = 0; i < question.values.size(); ++i) {
                list += (i ? ", " : "") + (numeric ? std::string() : std::to_string(i + 1) + ") ") +
                        question.values[i];
            }
            return (numeric ? say.one_of_named : say.one_of) + list;
        }
    } else {
        Facts typed_fact;
        try {
            apply_fact_assignment(catalog_, question.fact + "=" + std::string(text), typed_fact);
        } catch (const InputError& error) {
            // The problem with what was typed, not located at --fact: nothing was given there.
            return error.diagnostics().empty() ? std::string(error.what())
                                               : error.diagnostics().front().message;
        }
        value = typed_fact.begin()->second;
    }
    auto before = facts_.find(question.fact);
    history_.emplace_back(question.fact, before == facts_.end()
                                             ? std::nullopt
                                             : std::optional<Value>(before->second));
    facts_.insert_or_assign(question.fact, std::move(*value));
    refresh();
    return std::nullopt;
}

bool GuideSession::back() {
    if (history_.empty()) {
        return false;
    }
    auto [fact, before] = std::move(history_.back());
    history_.pop_back();
    if (before) {
        facts_.insert_or_assign(fact, std::move(*before));
    } else {
        facts_.erase(fact);
    }
    refresh();
    return true;
}

std::string GuideSession::prompt() const {
    if (questions_.empty()) {
        return questions_to_text(questions_, language_);
    }
    std::string text = questions_to_text({questions_.front()}, language_);
    // The writer numbers from 1; the session counts the answers it took.
    return std::to_string(history_.size() + 1) + text.substr(text.find('.'));
}

std::string GuideSession::plan_summary() const {
    const Sentences& say = sentences(language_);
    try {
        const Plan plan = make_plan(catalog_, bundle_, facts_);
        std::string items;
        for (const PlannedItem& item : plan.items) {
            items += (items.empty() ? "" : ", ") + std::string(item.id);
        }
        std::string count = say.items;
        count.replace(count.find("{}"), 2, std::to_string(plan.items.size()));
        return count + (items.empty() ? "" : ": " + items) + "\n" +
               metrics_to_text(plan, language_);
    } catch (const Error& error) {
        if (error.code() == "undecided") {
            return std::string(say.undecided) + "\n";
        }
        return say.no_plan + error.diagnostics().front().message + "\n";
    }
}

std::string GuideSession::facts_file() const {
    std::string out;
    for (const auto& [id, value] : facts_) {
        out += id + ": " + yaml_scalar(value) + "\n";
    }
    return out.empty() ? "{}\n" : out;
}

}  // namespace onething
