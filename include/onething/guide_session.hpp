// The guide one question at a time: what `onething guide --interactive` (and any front end that
// asks an applicant in turn) holds between answers. Each answer re-plans.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "onething/catalog.hpp"
#include "onething/plan.hpp"

namespace onething {

/// An applicant answering the guide's questions in turn: the facts so far, the questions still
/// open (in the guide's order) and the answers that can be taken back.
class GuideSession {
  public:
    /// Starts on `bundle` with the facts already given (answers); `language` words the texts
    /// (its case ignored, as a request's: `ZH` is the catalog's `zh`). Throws InputError for an
    /// unknown bundle or bad facts, as `open_questions` does.
    GuideSession(const Catalog& catalog, std::string bundle, Facts facts,
                 std::string language = "zh");

    /// The questions still open, the next one first (empty: the answers decide the plan).
    const std::vector<Question>& questions() const { return questions_; }
    /// The facts answered so far, the ones given at the start included.
    const Facts& facts() const { return facts_; }
    /// The language the texts are worded in, as the catalog writes its tag.
    const std::string& language() const { return language_; }
    /// How many answers this session has taken (the ones `back` can take back).
    std::size_t answered() const { return history_.size(); }

    /// Answers the next question with what the applicant typed: empty takes the declared
    /// default; a boolean takes yes/no/y/n/true/false/是/否; an enum its value, its label or
    /// its number in the list; other types as `--fact id=value` reads them. Returns the
    /// message explaining why the text is not an answer (and what to type), or nullopt when
    /// it was taken (the questions are then asked again from the new facts).
    std::optional<std::string> answer(std::string_view text);
    /// Takes back the last answer of this session; false when there is none.
    bool back();

    /// The next question as text: its number, the fact, the question, the type with values and
    /// labels, and the default to confirm.
    std::string prompt() const;
    /// The plan with the facts so far (defaults taken) in a few lines, or why there is none yet.
    std::string plan_summary() const;
    /// The facts so far as a facts file (YAML) that `--facts` reads back.
    std::string facts_file() const;

  private:
    /// Asks the guide again from the facts so far.
    void refresh();

    const Catalog& catalog_;
    std::string bundle_;
    Facts facts_;
    std::string language_;
    std::vector<Question> questions_;
    /// Each answer taken: the fact and its value before (nullopt: unanswered).
    std::vector<std::pair<std::string, std::optional<Value>>> history_;
};

}  // namespace onething
