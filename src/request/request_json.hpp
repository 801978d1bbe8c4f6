// A request read from a JSON tree already parsed: the HTTP service parses each body once.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include "onething/request.hpp"

namespace onething::detail {

/// request_from_json of a body already parsed; throws InputError as request_from_json does.
Request request_from_json_tree(const nlohmann::json& body, const Limits& limits);

}  // namespace onething::detail
