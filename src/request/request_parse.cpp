// The JSON text of a request read into a tree, refusing a key written twice in one object.
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
        return builder_.parse_error(position, token, error);
    }

  private:
    nlohmann::detail::json_sax_dom_parser<Json> builder_;
    std::size_t keys_ = 0;
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

/// The first key written twice in one object of `text` (valid JSON that has one), and the
/// path of that object ("request.facts", "request.sources[]"). Read again, event by event, only
/// when the tree showed a repeat.
std::pair<std::string, std::string> first_repeat(std::string_view text) {
    // Per open object or array: whether it is an object, and how its parent names it (its key,
    // or empty in an array). A path is spelled only for the message: bodies nest deep.
    std::vector<bool> object;
    std::vector<std::string> steps;
    std::vector<std::set<std::string, std::less<>>> keys;  // per open object: the keys read
    std::string last_key;  // of the innermost object: the key of the value read next
    std::optional<std::pair<std::string, std::string>> repeat;
    const auto spelled_path = [&] {
        std::string path = "request";
        for (std::size_t level = 1; level < steps.size(); ++level) {
            if (!object[level - 1]) {
                path += "[]";
                continue;
            }
            // A key past the quoting limit is named by its start, as a message quotes it.
            const std::string& key = steps[level];
            const std::size_t kept = utf8_cut(key, quoted_input_limit);
            path += "." + key.substr(0, kept) + (kept < key.size() ? "…" : "");
        }
        return path;
    };
    const auto note = [&](int /*depth*/, Json::parse_event_t event, Json& parsed) {
        switch (event) {
            case Json::parse_event_t::object_start:
            case Json::parse_event_t::array_start:
                steps.push_back(!object.empty() && object.back() ? last_key : std::string());
                object.push_back(event == Json::parse_event_t::object_start);
                if (object.back()) {
                    keys.emplace_back();
                }
                break;
            case Json::parse_event_t::object_end:
            case Json::parse_event_t::array_end:
                if (object.back()) {
                    keys.pop_back();
                }
                object.pop_back();
                steps.pop_back();
                break;
            case Json::parse_event_t::key:
                last_key = parsed.get<std::string>();
                if (!repeat && !keys.back().insert(last_key).second) {
                    repeat.emplace(spelled_path(), last_key);
                }
                break;
            case Json::parse_event_t::value:
                break;
        }
        return !repeat;  // nothing more is kept once a repeat is found
    };
    const Json kept = Json::parse(text.begin(), text.end(), note);  // what came before it
    static_cast<void>(kept);
    return repeat.value_or(std::pair<std::string, std::string>{"request", ""});
}

}  // namespace

Json parse_request_json(std::string_view text, std::string_view what) {
    Json body;
    KeyCountingBuilder builder(body);
    try {
        Json::sax_parse(text.begin(), text.end(), &builder);
    } catch (const Json::exception& error) {  // a syntax error, or a number out of range
        throw InputError("bad-json",
                         "the " + std::string(what) + " is not valid JSON: " + error.what(),
                         Location{"request", 0, 0});
    }
    if (object_members(body) != builder.keys()) {
        const auto [path, key] = first_repeat(text);
        throw InputError("duplicate-key",
                         "duplicate key " + quoted_input(key) + " in " + path +
                             "; a key may be written once in an object",
                         Location{path, 0, 0});
    }
    return body;
}

}  // namespace onething::detail
