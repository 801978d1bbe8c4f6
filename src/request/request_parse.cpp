// The JSON text of a request read into a tree, refusing a key written twice in one object.
#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "model/input_excerpt.hpp"
#include "onething/error.hpp"
#include "request/request_json.hpp"
#include "text/utf8.hpp"
#include "write/json_teardown.hpp"

namespace onething::detail {
namespace {

using Json = nlohmann::json;

/// The JSON library's own tree builder (what Json::parse uses), counting the keys it reads. A
/// key written twice in one object is read twice and kept once, so a tree with fewer members
/// than keys read had a repeat: the check costs a counter, not a set of keys per object.
class KeyCountingBuilder {
  public:
    /// Builds into `root`.
    explicit KeyCountingBuilder(Json& root) : builder_(root, true) {}

    /// The keys read, in every object.
    std::size_t keys() const { return keys_; }
    /// Where the error the reader reported starts: the byte offset of its token.
    std::size_t error_at() const { return error_at_; }

    // The SAX interface of nlohmann::json, forwarded to the tree builder.
    bool null() { return builder_.null(); }
    bool boolean(bool value) { return builder_.boolean(value); }
    bool number_integer(Json::number_integer_t value) { return builder_.number_integer(value); }
    bool number_unsigned(Json::number_unsigned_t value) { return builder_.number_unsigned(value); }
    bool number_float(Json::number_float_t value, const Json::string_t& text) {
        return builder_.number_float(value, text);
    }
    bool string(Json::string_t& value) { return builder_.string(value); }
    bool binary(Json::binary_t& value) { return builder_.binary(value); }
    bool start_object(std::size_t size) { return builder_.start_object(size); }
    bool key(Json::string_t& value) {
        ++keys_;
        return builder_.key(value);
    }
    bool end_object() { return builder_.end_object(); }
    bool start_array(std::size_t size) { return builder_.start_array(size); }
    bool end_array() { return builder_.end_array(); }
    template <typename Exception>
    bool parse_error(std::size_t position, const std::string& token, const Exception& error) {
        // `position` is the bytes read, the token included (a number too large for a double
        // is reported after it is read).
        error_at_ = position >= token.size() ? position - token.size() : 0;
        return builder_.parse_error(position, token, error);
    }

  private:
    nlohmann::detail::json_sax_dom_parser<Json> builder_;
    std::size_t keys_ = 0;
    std::size_t error_at_ = 0;
};

/// The members of every object in `root`, walked without recursion (bodies nest deep).
std::size_t object_members(const Json& root) {
    std::size_t members = 0;
    std::vector<const Json*> work{&root};
    while (!work.empty()) {
        const Json& value = *work.back();
        work.pop_back();
        if (value.is_object()) {
            members += value.size();
        }
        if (value.is_structured()) {
            for (const Json& inner : value) {
                work.push_back(&inner);
            }
        }
    }
    return members;
}

/// A SAX reader of nlohmann::json that builds nothing and stops at the first key written twice
/// in one object, keeping that key and the path of its object ("request.facts",
/// "request.sources[]"). Linear in the text: it keeps, per open object or array, how its parent
/// names it and, per open object, the keys read.
class RepeatFinder {
  public:
    /// The repeated key's object path and the key, once found.
    const std::optional<std::pair<std::string, std::string>>& repeat() const { return repeat_; }

    bool null() { return true; }
    bool boolean(bool /*value*/) { return true; }
    bool number_integer(Json::number_integer_t /*value*/) { return true; }
    bool number_unsigned(Json::number_unsigned_t /*value*/) { return true; }
    bool number_float(Json::number_float_t /*value*/, const Json::string_t& /*text*/) {
        return true;
    }
    bool string(Json::string_t& /*value*/) { return true; }
    bool binary(Json::binary_t& /*value*/) { return true; }
    bool start_object(std::size_t /*size*/) {
        open(true);
        keys_.emplace_back();
        return true;
    }
    bool key(Json::string_t& value) {
        if (!keys_.back().insert(value).second && !inside_document()) {
            repeat_.emplace(spelled_path(), value);
            return false;  // found: stop reading
        }
        last_key_ = value;
        return true;
    }
    bool end_object() {
        keys_.pop_back();
        return close();
    }
    bool start_array(std::size_t /*size*/) {
        open(false);
        return true;
    }
    bool end_array() { return close(); }
    template <typename Exception>
    bool parse_error(std::size_t /*position*/, const std::string& /*token*/,
                     const Exception& /*error*/) {
        return false;  // the text was read once already: it parses
    }

  private:
    /// True inside the value of a top-level document member (`facts`, `answers`, `shared`): its
    /// reader reads it from the request's bytes as a facts or answers file, and refuses a key
    /// written twice there in the command line's words, at the line and column within the value.
    bool inside_document() const {
        return steps_.size() >= 2 && object_.front() &&
               std::find(document_members.begin(), document_members.end(), steps_[1]) !=
                   document_members.end();
    }
    /// Enters an object or array, named by the key just read when its parent is an object.
    void open(bool object) {
        steps_.push_back(!object_.empty() && object_.back() ? last_key_ : std::string());
        object_.push_back(object);
    }
    /// Leaves the innermost object or array.
    bool close() {
        object_.pop_back();
        steps_.pop_back();
        return true;
    }
    /// The path of the innermost object, a key past the quoting limit named by its start.
    std::string spelled_path() const {
        std::string path = "request";
        for (std::size_t level = 1; level < steps_.size(); ++level) {
            if (!object_[level - 1]) {
                path += "[]";
                continue;
            }
            path += "." + input_start(steps_[level]);
        }
        return path;
    }

    std::vector<bool> object_;                              ///< per open level: an object
    std::vector<std::string> steps_;                        ///< per open level: its key, or ""
    std::vector<std::set<std::string, std::less<>>> keys_;  ///< per open object: keys read
    std::string last_key_;  ///< in the innermost object: the key of the value read next
    std::optional<std::pair<std::string, std::string>> repeat_;
};

/// The location in the request `text` of its byte `at`: line, and column in characters.
Location location_at(std::string_view text, std::size_t at) {
    const std::string_view before = text.substr(0, std::min(at, text.size()));
    const std::size_t line_start = before.rfind('\n') + 1;  // npos + 1 is 0
    const auto line = 1 + std::count(before.begin(), before.end(), '\n');
    const auto column = 1 + count_code_points(before.substr(line_start));
    return Location{"request", static_cast<int>(line), static_cast<int>(column)};
}

}  // namespace

Json parse_request_json(std::string_view text, std::string_view what) {
    Json body;
    const DismantleOnUnwind<Json> guard(body);  // out of memory while reading: no stack
    KeyCountingBuilder builder(body);
    try {
        Json::sax_parse(text.begin(), text.end(), &builder);
    } catch (const Json::parse_error& error) {  // a syntax error: at its byte
        // The reader's own words without its place, which counts bytes: the location counts
        // characters, as every other location does.
        std::string_view reason = error.what();
        if (const auto after = reason.find(": ");
            reason.find("parse error at line") < after && after != std::string_view::npos) {
            reason.remove_prefix(after + 2);
        }
        throw InputError("bad-json",
                         "the " + std::string(what) + " is not valid JSON: " + std::string(reason),
                         location_at(text, error.byte > 0 ? error.byte - 1 : 0));
    } catch (const Json::out_of_range&) {  // a number too large for a double: at the number
        const std::size_t at = std::min(builder.error_at(), text.size());
        std::size_t end = at;
        while (end < text.size() &&
               std::string_view("+-.0123456789eE").find(text[end]) != std::string_view::npos) {
            ++end;
        }
        throw InputError("bad-json",
                         "the " + std::string(what) + " holds the number " +
                             quoted_input(text.substr(at, end - at)) +
                             ", too large for a number (a double holds at most about 1.8e308); "
                             "write a smaller number, or the value as a string",
                         location_at(text, at));
    }
    if (object_members(body) != builder.keys()) {
        RepeatFinder finder;
        Json::sax_parse(text.begin(), text.end(), &finder);
        if (!finder.repeat()) {
            return body;  // every repeat is inside facts, answers or shared: their readers say
        }
        const auto& [path, key] = *finder.repeat();
        throw InputError("duplicate-key",
                         "duplicate key " + quoted_input(key) + " in " + path +
                             "; a key may be written once in an object",
                         Location{path, 0, 0});
    }
    return body;
}

}  // namespace onething::detail
