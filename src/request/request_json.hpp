// A request read from a JSON tree already parsed: the HTTP service parses each body once.
#pragma once

#include <array>
#include <nlohmann/json_fwd.hpp>
#include <string_view>

#include "onething/request.hpp"

namespace onething::detail {

/// The request's document members: each is handed on as the text the request wrote it with and
/// read as a facts or answers file of the command line is (its keys checked there).
inline constexpr std::array<std::string_view, 3> document_members{"facts", "answers", "shared"};

/// request_from_json of a body already parsed from `text`, whose documents (facts, answers,
/// shared) are read as `text` writes them; throws InputError as request_from_json does.
Request request_from_json_tree(const nlohmann::json& body, std::string_view text,
                               const Limits& limits);

/// Parses the JSON text of a request (`what` names it in messages: "request", "load request").
/// Throws InputError `bad-json` for text that is not JSON, and `duplicate-key`, located at the
/// object ("request.facts"), for a key written twice in one object: the JSON library would keep
/// one of the values silently, where a facts or answers file on the command line is refused.
nlohmann::json parse_request_json(std::string_view text, std::string_view what);

}  // namespace onething::detail
