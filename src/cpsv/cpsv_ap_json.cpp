// The CPSV-AP document read as JSON (cpsv_ap_json.hpp): the size and depth limits, and the
// first key written twice in one object, found while the document is built.
#include "cpsv/cpsv_ap_json.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <set>
#include <string_view>
#include <vector>

#include "onething/error.hpp"
#include "yaml/yaml_tree.hpp"

namespace onething::cpsv {
namespace {

using Json = nlohmann::json;
using Pointer = nlohmann::json::json_pointer;

/// Thrown by RepeatedKeyFinder when a container opens deeper than the limit allows.
struct TooDeep {};

/// Where the first key written twice in one object of a JSON text is: the object's pointer and
/// the key. The JSON library keeps one value of such a key silently (the last), so a document
/// with one would import without a word about what was dropped. It also stops the parse, by
/// throwing TooDeep, at the first container nested deeper than `max_depth` (the document's
/// object is depth 1). Memory is linear in the depth: one pointer text, each open container
/// recording where its own part of it ends.
class RepeatedKeyFinder {
  public:
    /// A finder that throws TooDeep at a container deeper than `max_depth` (the root is 1).
    explicit RepeatedKeyFinder(std::uint64_t max_depth) : max_depth_(max_depth) {}

    /// The parser's callback: follows the open containers and the keys of each object.
    bool operator()(int /*depth*/, Json::parse_event_t event, Json& parsed) {
        switch (event) {
            case Json::parse_event_t::object_start:
            case Json::parse_event_t::array_start:
                if (open_.size() >= max_depth_) {
                    throw TooDeep{};
                }
                append_child();
                open_.push_back({event == Json::parse_event_t::object_start, {}, at_.size()});
                break;
            case Json::parse_event_t::key:
                last_key_ = parsed.get<std::string>();
                if (!open_.back().keys.insert(last_key_).second && !repeat_) {
                    repeat_ = {Pointer(at_), last_key_};
                }
                break;
            case Json::parse_event_t::value:
                if (!open_.empty() && !open_.back().object) {
                    ++open_.back().elements;
                }
                break;
            case Json::parse_event_t::object_end:
            case Json::parse_event_t::array_end:
                open_.pop_back();
                // Back to the parent's pointer: the part this container added is dropped.
                at_.resize(open_.empty() ? 0 : open_.back().at_size);
                break;
        }
        return true;
    }

    /// The first repeat: the object's pointer and the key; nullopt when there is none.
    const std::optional<std::pair<Pointer, std::string>>& repeat() const { return repeat_; }

  private:
    /// An open object or array.
    struct Open {
        bool object;                 // an object, else an array
        std::set<std::string> keys;  // an object's keys read so far
        std::size_t at_size;         // the length of `at_` while it is the innermost
        std::size_t elements = 0;    // an array's elements begun so far
    };

    /// Extends `at_` from the innermost open container's pointer to the container that begins
    /// now: its key (escaped as a JSON pointer token) or its index.
    void append_child() {
        if (open_.empty()) {
            return;
        }
        Open& parent = open_.back();
        at_.resize(parent.at_size);
        at_ += '/';
        if (!parent.object) {
            at_ += std::to_string(parent.elements++);
            return;
        }
        for (const char c : last_key_) {
            if (c == '~') {
                at_ += "~0";
            } else if (c == '/') {
                at_ += "~1";
            } else {
                at_ += c;
            }
        }
    }

    std::uint64_t max_depth_;
    std::vector<Open> open_;
    std::string at_;  // the pointer of the innermost open container
    std::string last_key_;
    std::optional<std::pair<Pointer, std::string>> repeat_;
};

/// Builds the document into a value as the JSON library's own builder does, telling a
/// RepeatedKeyFinder of each event. The library's builder with a callback scans the elements of
/// a container each time one of them ends (to drop a discarded one), quadratic in a long array;
/// this one never discards.
class CheckedBuilder {
  public:
    using Event = Json::parse_event_t;

    CheckedBuilder(Json& root, RepeatedKeyFinder& repeats) : dom_(root, true), repeats_(repeats) {}

    bool null() { return value() && dom_.null(); }
    bool boolean(bool given) { return value() && dom_.boolean(given); }
    bool number_integer(Json::number_integer_t given) {
        return value() && dom_.number_integer(given);
    }
    bool number_unsigned(Json::number_unsigned_t given) {
        return value() && dom_.number_unsigned(given);
    }
    bool number_float(Json::number_float_t given, const Json::string_t& text) {
        return value() && dom_.number_float(given, text);
    }
    bool string(Json::string_t& given) { return value() && dom_.string(given); }
    bool binary(Json::binary_t& given) { return value() && dom_.binary(given); }
    bool start_object(std::size_t size) {
        return event(Event::object_start) && dom_.start_object(size);
    }
    bool key(Json::string_t& given) {
        Json key(given);
        return repeats_(0, Event::key, key) && dom_.key(given);
    }
    bool end_object() { return dom_.end_object() && event(Event::object_end); }
    bool start_array(std::size_t size) {
        return event(Event::array_start) && dom_.start_array(size);
    }
    bool end_array() { return dom_.end_array() && event(Event::array_end); }
    template <class Exception>
    bool parse_error(std::size_t position, const std::string& token, const Exception& error) {
        return dom_.parse_error(position, token, error);  // throws `error`
    }

  private:
    bool event(Event kind) {
        Json unused;
        return repeats_(0, kind, unused);
    }
    bool value() { return event(Event::value); }

    nlohmann::detail::json_sax_dom_parser<Json> dom_;
    RepeatedKeyFinder& repeats_;
};

/// The byte offset of the first `[` or `{` of `text` nested deeper than `max_depth`. Called
/// when the parser stopped there, so every byte before it is valid JSON and a scan that skips
/// strings finds it.
std::size_t too_deep_offset(std::string_view text, std::uint64_t max_depth) {
    std::uint64_t depth = 0;
    bool in_string = false;
    for (std::size_t at = 0; at < text.size(); ++at) {
        const char c = text[at];
        if (in_string) {
            if (c == '\\') {
                ++at;  // the escaped character, a quote included
            } else if (c == '"') {
                in_string = false;
            }
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > max_depth) {
                return at;
            }
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return text.size();
}

}  // namespace

std::optional<RepeatedKey> read_bounded_json(const SourceFile& document, const Limits& limits,
                                             Json& root) {
    if (document.content.size() > limits.max_file_bytes) {  // as every reader checks it
        throw InputError("limit-file-size",
                         "file is " + std::to_string(document.content.size()) +
                             " bytes, more than the limit of " +
                             std::to_string(limits.max_file_bytes) + " (max_file_bytes)",
                         Location{document.name, 1, 1});
    }
    RepeatedKeyFinder repeats(limits.max_depth);
    try {
        // Built into `root` itself (Json::parse would build into a local of its own, which
        // unwinding frees with that stack).
        CheckedBuilder builder(root, repeats);
        Json::sax_parse(document.content, &builder);
    } catch (const TooDeep&) {
        const std::string_view text = document.content;
        const std::size_t offset = too_deep_offset(text, limits.max_depth);
        const auto line = 1 + std::count(text.begin(), text.begin() + offset, '\n');
        throw InputError("limit-depth",
                         "nesting depth " + std::to_string(std::uint64_t{limits.max_depth} + 1) +
                             " is more than the limit of " + std::to_string(limits.max_depth) +
                             " (max_depth); the export's documents nest 5 levels deep, so "
                             "nest this one less, or raise --max-depth",
                         Location{document.name, static_cast<int>(line),
                                  static_cast<int>(detail::column_of(text, offset))});
    } catch (const Json::exception& error) {  // a syntax error, or a number out of range
        // The parser's own position ("... parse error at line L, column C: ..."), the message
        // without its code.
        std::string what = error.what();
        int line = 0;
        int column = 0;
        if (const auto at = what.find(" at line "); at != std::string::npos) {
            std::sscanf(what.c_str() + at, " at line %d, column %d", &line, &column);
        }
        if (const auto colon = what.find(": "); colon != std::string::npos) {
            what = what.substr(colon + 2);  // after "[json.exception...] parse error at ...: "
        } else if (const auto bracket = what.find("] "); bracket != std::string::npos) {
            what = what.substr(bracket + 2);  // after "[json.exception.out_of_range.406] "
        }
        throw InputError("cpsv-ap", "not JSON: " + what + "; give the JSON-LD document",
                         Location{document.name, line, column});
    }
    if (const auto& repeat = repeats.repeat()) {
        return RepeatedKey{repeat->first, repeat->second};
    }
    return std::nullopt;
}

}  // namespace onething::cpsv
