// The guide's questions as text and as JSON.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "onething/write.hpp"
#include "write/wording.hpp"

namespace onething {

std::string questions_to_text(const std::vector<Question>& questions, std::string_view language) {
    if (questions.empty()) {
        return std::string(detail::word(detail::Word::guide_none, language)) + "\n";
    }
    std::string out;
    int number = 0;
    for (const Question& question : questions) {
        out += std::to_string(++number) + ". " + question.fact;
        const std::string& text = question.question.in(language);
        if (!text.empty()) {
            out += ": " + text;
        }
        out +=
            "\n   " + detail::phrase(detail::Word::guide_decides, language, question.items.size());
        for (std::size_t i = 0; i < question.items.size(); ++i) {
            out +=
                (i ? detail::word(detail::Word::list_separator, language) : "") + question.items[i];
        }
        out += "\n";
    }
    return out;
}

std::string questions_to_json(const std::vector<Question>& questions, std::string_view language) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const Question& question : questions) {
        list.push_back({{"fact", question.fact},
                        {"question", question.question.in(language)},
                        {"decides", question.items}});
    }
    return nlohmann::ordered_json{{"questions", list}}.dump(
               2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) +
           "\n";
}

}  // namespace onething
