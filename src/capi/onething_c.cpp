// The C API (include/onething/onething.h): a thin exception-proof layer over the C++ API.
#define ONETHING_C_API_EXPORTS
#include "onething/onething.h"

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <new>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "onething/error.hpp"
#include "onething/form.hpp"
#include "onething/input.hpp"
#include "onething/load.hpp"
#include "onething/plan.hpp"
#include "onething/request.hpp"
#include "onething/version.hpp"
#include "onething/write.hpp"
#include "request/response_warnings.hpp"
#include "write/json_string.hpp"

/// The opaque catalog handed to C: an immutable loaded catalog (with its warnings, for lint)
/// and the limits its requests read documents under; shared freely between threads.
struct onething_catalog {
    onething::LoadResult loaded;  ///< the loaded, checked catalog and its diagnostics
    onething::Limits limits;      ///< limits on the facts and answers of requests
};

namespace onething {
namespace {

/// The language of names and labels in the C API's outputs (the CLI's default).
constexpr std::string_view c_api_language = "zh";

/// Reported when even the error report cannot be allocated; copied with malloc when possible.
constexpr std::string_view out_of_memory_json =
    R"({"errors":[{"file":"","line":0,"column":0,"severity":"error","code":"out-of-memory",)"
    R"("message":"out of memory"}]})";

/// A malloc'ed, NUL-terminated copy of `text`; throws std::bad_alloc when malloc fails.
char* copy_string(std::string_view text) {
    auto* copy = static_cast<char*>(std::malloc(text.size() + 1));
    if (copy == nullptr) {
        throw std::bad_alloc();
    }
    std::memcpy(copy, text.data(), text.size());
    copy[text.size()] = '\0';
    return copy;
}

/// A malloc'ed copy of the out-of-memory report, or NULL when even that fails.
char* copy_out_of_memory() noexcept {
    auto* copy = static_cast<char*>(std::malloc(out_of_memory_json.size() + 1));
    if (copy != nullptr) {
        std::memcpy(copy, out_of_memory_json.data(), out_of_memory_json.size());
        copy[out_of_memory_json.size()] = '\0';
    }
    return copy;
}

/// Stores the diagnostics as JSON in `*error_json` (when asked for); never throws.
void set_error(char** error_json, const std::vector<Diagnostic>& diagnostics) noexcept {
    if (error_json == nullptr) {
        return;
    }
    try {
        *error_json = copy_string(errors_to_json(diagnostics));
    } catch (...) {
        *error_json = copy_out_of_memory();
    }
}

/// Stores one error without a location; never throws.
void set_error(char** error_json, const char* code, const char* message) noexcept {
    try {
        set_error(error_json, {Diagnostic{Severity::error, code, message, {}}});
    } catch (...) {
        if (error_json != nullptr) {
            *error_json = copy_out_of_memory();
        }
    }
}

/// Runs `body`, turning every exception into NULL and an error report.
template <typename Body>
auto guarded(char** error_json, Body&& body) noexcept -> decltype(body()) {
    if (error_json != nullptr) {
        *error_json = nullptr;
    }
    // A report already made when a later step threw is replaced, not leaked.
    const auto drop_report = [error_json] {
        if (error_json != nullptr) {
            std::free(*error_json);
            *error_json = nullptr;
        }
    };
    try {
        return body();
    } catch (const Error& error) {
        drop_report();
        set_error(error_json, error.diagnostics());
    } catch (const std::bad_alloc&) {
        drop_report();
        if (error_json != nullptr) {
            *error_json = copy_out_of_memory();
        }
    } catch (const std::exception& error) {
        drop_report();
        set_error(error_json, "internal", error.what());
    } catch (...) {
        drop_report();
        set_error(error_json, "internal", "unknown exception");
    }
    return nullptr;
}

/// Throws InputError "invalid-argument" when a required pointer argument is NULL.
void require(const void* argument, const char* name) {
    if (argument == nullptr) {
        throw InputError("invalid-argument", std::string(name) + " is NULL");
    }
}

/// A search bound of the C API: from 1 to 2^63 - 1, as in a JSON request; InputError
/// "invalid-argument" naming the argument otherwise.
std::uint64_t c_bound(unsigned long long bound, const char* name) {
    if (bound < 1 || bound > static_cast<unsigned long long>(INT64_MAX)) {
        throw InputError("invalid-argument", std::string(name) + " is " + std::to_string(bound) +
                                                 "; give an integer from 1 to " +
                                                 std::to_string(INT64_MAX));
    }
    return bound;
}

static_assert(PlanOptions{}.max_search_nodes == ONETHING_DEFAULT_MAX_SEARCH_NODES &&
                  PlanOptions{}.max_search_work == ONETHING_DEFAULT_MAX_SEARCH_WORK,
              "the C API's default bounds are the planner's");
static_assert(PlanOptions::thorough().max_search_nodes == ONETHING_THOROUGH_MAX_SEARCH_NODES &&
                  PlanOptions::thorough().max_search_work == ONETHING_THOROUGH_MAX_SEARCH_WORK,
              "the C API's thorough bounds are the planner's");

/// A request of `operation` for `bundle` with facts as JSON (NULL: no facts), in Chinese and
/// as JSON (the C API's functions before onething_call_json), after checking the arguments.
Request c_request(Operation operation, const onething_catalog* handle, const char* bundle,
                  const char* facts_json) {
    require(handle, "catalog");
    require(bundle, "bundle");
    Request request;
    request.operation = operation;
    request.bundle = bundle;
    if (facts_json != nullptr) {
        request.facts_file = SourceFile{"<facts>", facts_json};
    }
    request.lang = std::string(c_api_language);
    request.format = "json";
    request.limits = handle->limits;
    return request;
}

/// The answer's document as a malloc'ed string (NULL when there is none); its errors, when
/// there are any, in `*error_json`.
char* deliver(const Response& response, char** error_json) {
    if (!response.ok() && error_json != nullptr) {
        std::vector<Diagnostic> errors;
        for (const Diagnostic& diagnostic : response.diagnostics) {
            if (diagnostic.severity == Severity::error) {
                errors.push_back(diagnostic);
            }
        }
        if (!errors.empty()) {
            set_error(error_json, errors);
        }
    }
    return response.document.empty() ? nullptr : copy_string(response.document);
}

/// The warnings among `notes` (the command line's lines on standard error) as
/// {"warnings": ["...", ...]}, each without its "warning: "; "" when there is none.
std::string warnings_of(const std::vector<std::string>& notes) {
    std::string json;
    for (const std::string_view warning : detail::warnings_among(notes)) {
        json += json.empty() ? R"({"warnings":[)" : ",";
        detail::append_json_string(json, warning);
    }
    return json.empty() ? json : json + "]}";
}

/// Answers `request` over the handle's catalog.
char* answer(const onething_catalog* handle, const Request& request, char** error_json) {
    return deliver(respond(handle->loaded, request), error_json);
}

/// The handle of a load, or NULL with its diagnostics in `*error_json`.
onething_catalog* handle_of(LoadResult result, const Limits& limits, char** error_json) {
    if (!result.ok()) {
        set_error(error_json, result.diagnostics);
        return nullptr;
    }
    return new onething_catalog{std::move(result), limits};
}

}  // namespace
}  // namespace onething

extern "C" {

const char* onething_version(void) {
    return onething::version_string;
}

onething_catalog* onething_catalog_load(const char* const* paths, size_t n, char** error_json) {
    using namespace onething;
    return guarded(error_json, [&]() -> onething_catalog* {
        if (n == 0) {
            throw InputError("invalid-argument",
                             "n is 0: no rule file or folder given; pass at least one path");
        }
        require(paths, "paths");
        std::vector<std::string> path_list;  // not reserved to n: a wrong n is found at a NULL
        for (size_t i = 0; i < n; ++i) {
            if (paths[i] == nullptr) {
                throw InputError("invalid-argument", "paths[" + std::to_string(i) + "] is NULL");
            }
            path_list.emplace_back(paths[i]);
        }
        return handle_of(load_catalog(path_list), Limits{}, error_json);
    });
}

char* onething_plan_json(const onething_catalog* catalog, const char* bundle,
                         const char* facts_json, char** error_json) {
    using namespace onething;
    return guarded(error_json, [&]() -> char* {
        return answer(catalog, c_request(Operation::plan, catalog, bundle, facts_json), error_json);
    });
}

char* onething_plan_json_bounded(const onething_catalog* catalog, const char* bundle,
                                 const char* facts_json, unsigned long long max_search_nodes,
                                 unsigned long long max_search_work, char** error_json) {
    using namespace onething;
    return guarded(error_json, [&]() -> char* {
        Request request = c_request(Operation::plan, catalog, bundle, facts_json);
        request.search.max_search_nodes = c_bound(max_search_nodes, "max_search_nodes");
        request.search.max_search_work = c_bound(max_search_work, "max_search_work");
        return answer(catalog, request, error_json);
    });
}

char* onething_form_json(const onething_catalog* catalog, const char* bundle,
                         const char* facts_json, char** error_json) {
    using namespace onething;
    return guarded(error_json, [&]() -> char* {
        return answer(catalog, c_request(Operation::form, catalog, bundle, facts_json), error_json);
    });
}

char* onething_dispatch_json(const onething_catalog* catalog, const char* bundle,
                             const char* facts_json, const char* answers_json, char** error_json) {
    using namespace onething;
    return guarded(error_json, [&]() -> char* {
        // The arguments in their order, as every function checks them: the catalog first.
        Request request = c_request(Operation::dispatch, catalog, bundle, facts_json);
        require(answers_json, "answers_json");
        request.answers = SourceFile{"<answers>", answers_json};
        return answer(catalog, request, error_json);
    });
}

onething_catalog* onething_catalog_load_json(const char* load_json, char** error_json) {
    using namespace onething;
    return guarded(error_json, [&]() -> onething_catalog* {
        require(load_json, "load_json");
        const LoadRequest request = load_request_from_json(load_json);
        return handle_of(load(request), request.limits, error_json);
    });
}

char* onething_call_json(const onething_catalog* catalog, const char* request_json,
                         char** error_json) {
    using namespace onething;
    return guarded(error_json, [&]() -> char* {
        require(catalog, "catalog");
        require(request_json, "request_json");
        return answer(catalog, request_from_json(request_json, catalog->limits), error_json);
    });
}

char* onething_call_json_warned(const onething_catalog* catalog, const char* request_json,
                                char** error_json, char** warnings_json) {
    using namespace onething;
    if (warnings_json != nullptr) {
        *warnings_json = nullptr;
    }
    return guarded(error_json, [&]() -> char* {
        require(catalog, "catalog");
        require(request_json, "request_json");
        const Response response =
            respond(catalog->loaded, request_from_json(request_json, catalog->limits));
        // The warnings first: once the document is allocated, nothing may throw.
        const std::string warnings = warnings_of(response.notes);
        char* copied_warnings =
            warnings_json != nullptr && !warnings.empty() ? copy_string(warnings) : nullptr;
        char* document = nullptr;
        try {
            document = deliver(response, error_json);
        } catch (...) {
            std::free(copied_warnings);
            throw;
        }
        if (document == nullptr) {
            std::free(copied_warnings);  // no answer, nothing it warns of
        } else if (warnings_json != nullptr) {
            *warnings_json = copied_warnings;
        }
        return document;
    });
}

void onething_catalog_free(onething_catalog* catalog) {
    delete catalog;
}

void onething_free(void* pointer) {
    std::free(pointer);
}

}  // extern "C"
