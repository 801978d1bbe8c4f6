// What each endpoint answers: the route table, the operations over the request layer (plan,
// guide, form, dispatch), the catalog's bundles and summary, health, metrics, the OpenAPI
// document and the studio's compiled-in assets.
#include <algorithm>
#include <boost/beast/http/status.hpp>
#include <boost/beast/http/verb.hpp>
#include <new>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/input_excerpt.hpp"
#include "onething/error.hpp"
#include "onething/request.hpp"
#include "onething/version.hpp"
#include "request/language_note.hpp"
#include "request/request_json.hpp"
#include "request/response_warnings.hpp"
#include "serve/service.hpp"
#include "serve/target.hpp"
#include "serve/wire.hpp"
#include "write/json_teardown.hpp"

namespace onething {

namespace serve_detail {
extern const char* const openapi_json;
extern const char* const studio_html;
extern const char* const studio_js;
extern const char* const studio_css;

/// A diagnostic of the service itself (not of a rule file).
Diagnostic service_error(std::string code, std::string message) {
    return Diagnostic{Severity::error, std::move(code), std::move(message), {}};
}

Answer error_answer(http::status status, const std::vector<Diagnostic>& diagnostics) {
    Answer answer;
    answer.status = status;
    answer.body = errors_to_json(diagnostics);
    return answer;
}

}  // namespace serve_detail

using namespace serve_detail;

namespace {

/// The studio's Content-Security-Policy: its own scripts, styles and requests only, nothing
/// from another origin, no inline script or style, no framing.
constexpr const char* studio_policy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'none'";

/// An asset of the studio, compiled in, with its media type and the headers that lock it down.
Answer studio_asset(const char* body, const char* content_type) {
    Answer answer;
    answer.body = body;
    answer.content_type = content_type;
    answer.headers = {{"Content-Security-Policy", studio_policy},
                      {"X-Content-Type-Options", "nosniff"},
                      {"Referrer-Policy", "no-referrer"},
                      {"Cache-Control", "no-cache"}};
    return answer;
}

/// A path the service answers and the method it takes there.
struct Route {
    std::string_view path;
    http::verb method;
};

constexpr Route routes[] = {
    {"/v1/bundles", http::verb::get},
    {"/v1/plan", http::verb::post},
    {"/v1/guide", http::verb::post},
    {"/v1/form", http::verb::post},
    {"/v1/dispatch", http::verb::post},
    {"/v1/catalog", http::verb::get},
    {"/openapi.json", http::verb::get},
    {"/healthz", http::verb::get},
    {"/metrics", http::verb::get},
    {"/", http::verb::get},
    {"/studio", http::verb::get},
    {"/studio/studio.js", http::verb::get},
    {"/studio/studio.css", http::verb::get},
};

/// Why `written` (normalized: `path`) is no route, and which it may have meant: the same path
/// without a trailing slash, or else every path the service has.
std::string not_found_message(std::string_view written, std::string_view path) {
    std::string message = "no such path: " + detail::quoted_input(written);
    if (path.size() > 1 && path.back() == '/') {
        const std::string_view bare = path.substr(0, path.size() - 1);
        for (const Route& route : routes) {
            if (route.path == bare) {
                return message + "; the path is " + std::string(bare) + ", without the '/'";
            }
        }
    }
    message += "; the paths are";
    for (const Route& route : routes) {
        message += (&route == routes ? " " : ", ") + std::string(route.path);
    }
    return message + " (GET /openapi.json describes them)";
}

/// The route at `path` (normalized), or nullptr.
const Route* find_route(std::string_view path) {
    for (const Route& route : routes) {
        if (route.path == path) {
            return &route;
        }
    }
    return nullptr;
}

/// The most bytes of an X-Onething-Warning field's value (a warning quotes the request's
/// "lang", which may be long).
constexpr std::size_t warning_field_limit = 1024;

/// Adds `warning` (a warning's text, without the command line's "warning: ") to `answer` as an
/// X-Onething-Warning field, cut to the field's limit.
void add_warning(Answer& answer, std::string_view warning) {
    answer.headers.emplace_back("X-Onething-Warning",
                                field_value_text(warning, warning_field_limit));
}

/// The keys a POST body may have; dispatch adds "answers", "shared" and "by".
/// "format" names any format of the operation (`plan`: "svg" for the studio's figures).
constexpr std::string_view body_keys[] = {
    "bundle", "facts", "lang", "as_of", "format", "max_search_nodes", "max_search_work"};

}  // namespace

Answer Server::Impl::handle_operation(Operation operation, const std::string& body) {
    Answer answer;
    Json json;
    const detail::DismantleOnExit<Json> guard(json);  // freed without a stack, however it ends
    try {
        json = detail::parse_request_json(body, "request");
        if (!json.is_object()) {
            throw InputError("bad-request", "the request must be a JSON object",
                             Location{"request", 0, 0});
        }
        if (json.contains("bundle") && json.at("bundle").is_string()) {
            answer.bundle = json.at("bundle").get<std::string>();
        }
        const bool dispatch = operation == Operation::dispatch;
        for (const auto& [key, value] : json.items()) {
            bool known = dispatch && (key == "answers" || key == "shared" || key == "by");
            for (std::string_view name : body_keys) {
                known = known || key == name;
            }
            if (!known) {
                std::string list;
                for (std::string_view name : body_keys) {
                    list += (list.empty() ? "" : ", ") + std::string(name);
                }
                if (dispatch) {
                    list += ", answers, shared, by";
                }
                throw InputError("bad-request",
                                 "request field " + detail::quoted_input(key) +
                                     ": unknown key (the keys are " + list + ")",
                                 Location{"request", 0, 0});
            }
        }
        json["command"] = to_string(operation);
        Request request = detail::request_from_json_tree(json, body, options.limits);
        request.search.max_search_nodes =
            std::min(request.search.max_search_nodes, options.max_search.max_search_nodes);
        request.search.max_search_work =
            std::min(request.search.max_search_work, options.max_search.max_search_work);
        if (!request.as_of) {
            request.as_of = options.as_of;  // the service's day (`serve --as-of`), if it has one
        }
        answer.snapshot = current();
        Response response = respond(answer.snapshot->loaded, request);
        if (response.ok()) {
            answer.body = std::move(response.document);
            answer.content_type = std::string(media_type(response.format));
            // What the command line warns of on standard error (a "lang" none of the catalog's
            // texts is written in) goes with the answer, whose bytes stay the command line's.
            // Only warnings: a note is advice for a person at the command line (the plan's
            // `optimal` says what its note says, in the answer).
            for (const std::string_view warning : detail::warnings_among(response.notes)) {
                add_warning(answer, warning);
            }
            return answer;
        }
        http::status status = http::status::bad_request;
        for (const Diagnostic& diagnostic : response.diagnostics) {
            if (diagnostic.code == "unknown-bundle") {
                status = http::status::not_found;
            } else if (diagnostic.code == "internal") {
                status = http::status::internal_server_error;
            } else if (diagnostic.code == "out-of-memory") {
                status = http::status::service_unavailable;
            }
        }
        std::vector<Diagnostic> errors;
        for (const Diagnostic& diagnostic : response.diagnostics) {
            if (diagnostic.severity == Severity::error) {
                errors.push_back(diagnostic);
            }
        }
        Answer failed = error_answer(status, errors.empty() ? response.diagnostics : errors);
        failed.bundle = answer.bundle;
        failed.snapshot = std::move(answer.snapshot);
        // The command line prints its warnings beside its errors too.
        for (const std::string_view warning : detail::warnings_among(response.notes)) {
            add_warning(failed, warning);
        }
        return failed;
    } catch (const Error& error) {
        Answer failed = error_answer(http::status::bad_request, error.diagnostics());
        failed.bundle = answer.bundle;
        return failed;
    } catch (const std::bad_alloc&) {
        // Out of memory even for the request's own report: the memory of the request is free
        // again here (its tree freed without a stack), so the short fixed answer can be built
        // (503, as for a report).
        detail::dismantle(json);
        return error_answer(
            http::status::service_unavailable,
            {{Severity::error, "out-of-memory", "out of memory (see docs/limits.md)", {}}});
    }
}

std::string Server::Impl::endpoint_of(std::string_view target) const {
    const std::optional<std::string> path = normalized_path(target.substr(0, target.find('?')));
    return path && find_route(*path) != nullptr ? *path : "unknown";
}

Answer Server::Impl::handle(http::verb method, std::string_view target, const std::string& body) {
    const auto question = target.find('?');
    const std::string_view written_path = target.substr(0, question);
    const std::string_view query =
        question == std::string_view::npos ? std::string_view{} : target.substr(question + 1);
    const std::optional<std::string> normal_path = normalized_path(written_path);
    if (!normal_path) {
        return error_answer(
            http::status::bad_request,
            {service_error("bad-request", "the path " + detail::quoted_input(written_path) +
                                              " has a '%' not followed by two hexadecimal "
                                              "digits (RFC 3986, 2.1: write '%' as '%25')")});
    }
    const std::string_view path = *normal_path;
    const Route* route = find_route(path);
    if (route == nullptr) {
        return error_answer(http::status::not_found,
                            {service_error("not-found", not_found_message(written_path, path))});
    }
    if (route->method != method &&
        !(route->method == http::verb::get && method == http::verb::head)) {
        Answer answer = error_answer(
            http::status::method_not_allowed,
            {service_error("method-not-allowed", std::string(path) + " takes " +
                                                     std::string(http::to_string(route->method)))});
        answer.endpoint = std::string(path);
        // A GET route serves HEAD too (RFC 9110, 10.2.1: Allow lists every method served).
        answer.allow = route->method == http::verb::get
                           ? "GET, HEAD"
                           : std::string(http::to_string(route->method));
        return answer;
    }
    Answer answer;
    if (path == "/v1/plan") {
        answer = handle_operation(Operation::plan, body);
    } else if (path == "/v1/guide") {
        answer = handle_operation(Operation::guide, body);
    } else if (path == "/v1/form") {
        answer = handle_operation(Operation::form, body);
    } else if (path == "/v1/dispatch") {
        answer = handle_operation(Operation::dispatch, body);
    } else if (path == "/v1/bundles") {
        const QueryValue lang_value = query_value(query, "lang");
        // ?as_of=YYYY-MM-DD: the bundles in effect that day (a dated catalog); default the
        // service's day (`serve --as-of`), else today.
        const QueryValue as_of_value = query_value(query, "as_of");
        for (const auto& [name, given] :
             {std::pair{"lang", &lang_value}, {"as_of", &as_of_value}}) {
            if (given->repeated) {
                Answer refused = error_answer(
                    http::status::bad_request,
                    {service_error("bad-request", std::string("query parameter '") + name +
                                                      "' is given more than once; give it once")});
                refused.endpoint = std::string(path);
                return refused;
            }
            if (given->malformed) {
                Answer refused =
                    error_answer(http::status::bad_request,
                                 {service_error("bad-request",
                                                std::string("query parameter '") + name +
                                                    "': a '%' not followed by two hexadecimal "
                                                    "digits (RFC 3986, 2.1: write '%' as '%25')")});
                refused.endpoint = std::string(path);
                return refused;
            }
        }
        // Absent, not empty: an empty value is a language or a date as given (`--lang ''` warns,
        // `--as-of ''` is no date), as on the command line and in a POST body.
        const std::string given = lang_value.found ? lang_value.value : "zh";
        const std::string& as_of = as_of_value.value;
        const std::optional<Date> day =
            as_of_value.found ? Date::parse(as_of) : options.as_of.value_or(Date::today());
        if (!day) {
            Answer refused = error_answer(
                http::status::bad_request,
                {service_error("bad-request",
                               "query parameter 'as_of': expected a date written "
                               "YYYY-MM-DD (e.g. 2020-07-01), not " +
                                   detail::quoted_input(as_of) + Date::missing_day(as_of))});
            refused.endpoint = std::string(path);
            return refused;
        }
        answer.snapshot = current();
        const Catalog& version = answer.snapshot->loaded.catalog.as_of(*day);
        const std::string lang = detail::catalog_language(version, given);  // tags ignore case
        // A "lang" none of the texts is written in: the names fall back, as a plan's do, and
        // the answer says so as a plan's does.
        if (const std::optional<std::string> note = detail::language_note(version, lang)) {
            if (const std::optional<std::string_view> warning = detail::warning_in(*note)) {
                add_warning(answer, *warning);
            }
        }
        // Keys in the contract's order ({"id", "name", ...}), as `list --format json` writes.
        OrderedJson bundles = OrderedJson::array();
        for (const Bundle& bundle : version.bundles()) {
            OrderedJson goals = OrderedJson::array();
            for (const Ref& goal : bundle.goals) {
                goals.push_back(goal.id);
            }
            bundles.push_back(OrderedJson{
                {"id", bundle.id}, {"name", bundle.name.in(lang)}, {"goals", std::move(goals)}});
        }
        answer.body = OrderedJson{{"bundles", std::move(bundles)}}.dump(
                          2, ' ', false, OrderedJson::error_handler_t::replace) +
                      "\n";
    } else if (path == "/v1/catalog") {
        answer.snapshot = current();
        const Snapshot& snapshot = *answer.snapshot;
        // The version in effect on the service's day, as /v1/bundles without ?as_of= lists.
        const Catalog& rules = snapshot.loaded.catalog.as_of(options.as_of.value_or(Date::today()));
        OrderedJson out;  // the revision first, as the contract writes it
        out["revision"] = snapshot.revision;
        out["bundles"] = rules.bundles().size();
        out["items"] = rules.items().size();
        out["files"] = snapshot.files;
        out["loaded_at"] = snapshot.loaded_at;
        out["version"] = std::string(version_string);
        answer.body = out.dump(2) + "\n";
    } else if (path == "/openapi.json") {
        answer.body = serve_detail::openapi_json;
    } else if (path == "/healthz") {
        answer.body = stopping ? "{\"status\":\"draining\"}\n" : "{\"status\":\"ok\"}\n";
        if (stopping) {
            answer.status = http::status::service_unavailable;
        }
    } else if (path == "/metrics") {
        answer.content_type = "text/plain; version=0.0.4; charset=utf-8";
        answer.snapshot = current();
        answer.body = metrics.render(answer.snapshot->revision);
    } else if (path == "/") {
        // The root leads to the studio, keeping the query (`?bundle=ID&lang=en`).
        answer.status = http::status::found;
        answer.content_type = "text/plain; charset=utf-8";
        const std::string location =
            "/studio" + (query.empty() ? std::string() : "?" + location_query(query));
        answer.headers = {{"Location", location}};
        answer.body = "see " + location + "\n";
    } else if (path == "/studio") {
        answer = studio_asset(serve_detail::studio_html, "text/html; charset=utf-8");
    } else if (path == "/studio/studio.js") {
        answer = studio_asset(serve_detail::studio_js, "text/javascript; charset=utf-8");
    } else if (path == "/studio/studio.css") {
        answer = studio_asset(serve_detail::studio_css, "text/css; charset=utf-8");
    }
    answer.endpoint = std::string(path);
    return answer;
}

}  // namespace onething
