// The text of one member's value in a JSON object: a scan of the top level that steps over
// strings and nested containers without building them.
#include "request/member_text.hpp"

#include <nlohmann/json.hpp>
#include <string>

namespace onething::detail {
namespace {

/// A cursor over valid JSON text.
class Scan {
  public:
    /// Scans `text` from its start.
    explicit Scan(std::string_view text) : text_(text) {}

    /// The position.
    std::size_t at() const { return at_; }
    /// True when the next byte, after white space, is `c`.
    bool next_is(char c) {
        skip_space();
        return at_ < text_.size() && text_[at_] == c;
    }
    /// Steps over one byte.
    void step() { ++at_; }
    /// Steps over the string that starts here (at its quote), returning its text with quotes.
    std::string_view string() {
        const std::size_t start = at_++;
        while (at_ < text_.size() && text_[at_] != '"') {
            at_ += text_[at_] == '\\' ? 2 : 1;
        }
        at_ = std::min(at_ + 1, text_.size());
        return text_.substr(start, at_ - start);
    }
    /// Steps over the value that starts here, after white space, returning its text.
    std::string_view value() {
        skip_space();
        const std::size_t start = at_;
        if (at_ < text_.size() && text_[at_] == '"') {
            string();
        } else if (at_ < text_.size() && (text_[at_] == '{' || text_[at_] == '[')) {
            std::size_t depth = 0;
            do {
                const char c = text_[at_];
                if (c == '"') {
                    string();
                    continue;
                }
                depth += c == '{' || c == '[';
                depth -= c == '}' || c == ']';
                ++at_;
            } while (depth > 0 && at_ < text_.size());
        } else {  // a number, true, false or null
            while (at_ < text_.size() && !space(text_[at_]) && text_[at_] != ',' &&
                   text_[at_] != '}' && text_[at_] != ']') {
                ++at_;
            }
        }
        return text_.substr(start, at_ - start);
    }

  private:
    static bool space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
    void skip_space() {
        while (at_ < text_.size() && space(text_[at_])) {
            ++at_;
        }
    }

    std::string_view text_;
    std::size_t at_ = 0;
};

/// True when the quoted key `written` (with its quotes) names `key`.
bool names(std::string_view written, std::string_view key) {
    const std::string_view inside = written.substr(1, written.size() - 2);
    if (inside.find('\\') == std::string_view::npos) {
        return inside == key;
    }
    return nlohmann::json::parse(written).get_ref<const std::string&>() == key;
}

}  // namespace

std::optional<std::string_view> member_text(std::string_view json, std::string_view key) {
    static constexpr std::string_view byte_order_mark = "\xEF\xBB\xBF";
    if (json.substr(0, byte_order_mark.size()) == byte_order_mark) {
        json.remove_prefix(byte_order_mark.size());
    }
    Scan scan(json);
    if (!scan.next_is('{')) {
        return std::nullopt;
    }
    scan.step();
    while (scan.next_is('"')) {
        const std::string_view written = scan.string();
        if (!scan.next_is(':')) {
            return std::nullopt;
        }
        scan.step();
        const std::string_view value = scan.value();
        if (names(written, key)) {
            return value;
        }
        if (scan.next_is(',')) {
            scan.step();
        }
    }
    return std::nullopt;
}

}  // namespace onething::detail
