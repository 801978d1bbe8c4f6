// The C API (include/onething/onething.h): a thin exception-proof layer over the C++ API.
#define ONETHING_C_API_EXPORTS
#include "onething/onething.h"

#include <cstdlib>
#include <cstring>
#include <exception>
#include <new>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "onething/error.hpp"
#include "onething/form.hpp"
#include "onething/input.hpp"
#include "onething/load.hpp"
#include "onething/plan.hpp"
#include "onething/version.hpp"
#include "onething/write.hpp"

/// The opaque catalog handed to C: an immutable Catalog, shared freely between threads.
struct onething_catalog {
    onething::Catalog catalog;  ///< the loaded, checked catalog
};

namespace onething {
namespace {

using Json = nlohmann::ordered_json;

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

/// `{"errors": [...]}` with every diagnostic; invalid UTF-8 in messages is replaced.
std::string diagnostics_to_json(const std::vector<Diagnostic>& diagnostics) {
    Json errors = Json::array();
    for (const Diagnostic& diagnostic : diagnostics) {
        Json entry = Json::object();
        entry["file"] = diagnostic.location.file.str();
        entry["line"] = diagnostic.location.line;
        entry["column"] = diagnostic.location.column;
        entry["severity"] = severity_name(diagnostic.severity);
        entry["code"] = diagnostic.code;
        entry["message"] = diagnostic.message;
        errors.push_back(std::move(entry));
    }
    Json report = Json::object();
    report["errors"] = std::move(errors);
    return report.dump(-1, ' ', false, Json::error_handler_t::replace);
}

/// Stores the diagnostics as JSON in `*error_json` (when asked for); never throws.
void set_error(char** error_json, const std::vector<Diagnostic>& diagnostics) noexcept {
    if (error_json == nullptr) {
        return;
    }
    try {
        *error_json = copy_string(diagnostics_to_json(diagnostics));
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
    try {
        return body();
    } catch (const Error& error) {
        set_error(error_json, error.diagnostics());
    } catch (const std::bad_alloc&) {
        if (error_json != nullptr) {
            *error_json = copy_out_of_memory();
        }
    } catch (const std::exception& error) {
        set_error(error_json, "internal", error.what());
    } catch (...) {
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

static_assert(PlanOptions{}.max_search_nodes == ONETHING_DEFAULT_MAX_SEARCH_NODES &&
                  PlanOptions{}.max_search_work == ONETHING_DEFAULT_MAX_SEARCH_WORK,
              "the C API's default bounds are the planner's");
static_assert(PlanOptions::thorough().max_search_nodes == ONETHING_THOROUGH_MAX_SEARCH_NODES &&
                  PlanOptions::thorough().max_search_work == ONETHING_THOROUGH_MAX_SEARCH_WORK,
              "the C API's thorough bounds are the planner's");

/// The plan for `bundle` given facts as JSON (NULL: no facts), after checking the arguments.
Plan plan_from_json(const onething_catalog* handle, const char* bundle, const char* facts_json,
                    const PlanOptions& options = {}) {
    require(handle, "catalog");
    require(bundle, "bundle");
    Facts facts;
    if (facts_json != nullptr) {
        facts = read_facts(handle->catalog, SourceFile{"<facts>", facts_json});
    }
    return make_plan(handle->catalog, bundle, facts, options);
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
            throw InputError("invalid-argument", "no rule file or folder given");
        }
        require(paths, "paths");
        std::vector<std::string> path_list;
        path_list.reserve(n);
        for (size_t i = 0; i < n; ++i) {
            if (paths[i] == nullptr) {
                throw InputError("invalid-argument", "paths[" + std::to_string(i) + "] is NULL");
            }
            path_list.emplace_back(paths[i]);
        }
        LoadResult result = load_catalog(path_list);
        if (!result.ok()) {
            set_error(error_json, result.diagnostics);
            return nullptr;
        }
        return new onething_catalog{std::move(result.catalog)};
    });
}

char* onething_plan_json(const onething_catalog* catalog, const char* bundle,
                         const char* facts_json, char** error_json) {
    using namespace onething;
    return guarded(error_json, [&]() -> char* {
        const Plan plan = plan_from_json(catalog, bundle, facts_json);
        return copy_string(plan_to_json(plan, catalog->catalog, c_api_language));
    });
}

char* onething_plan_json_bounded(const onething_catalog* catalog, const char* bundle,
                                 const char* facts_json, unsigned long long max_search_nodes,
                                 unsigned long long max_search_work, char** error_json) {
    using namespace onething;
    return guarded(error_json, [&]() -> char* {
        PlanOptions options;
        options.max_search_nodes = max_search_nodes;
        options.max_search_work = max_search_work;
        const Plan plan = plan_from_json(catalog, bundle, facts_json, options);
        return copy_string(plan_to_json(plan, catalog->catalog, c_api_language));
    });
}

char* onething_form_json(const onething_catalog* catalog, const char* bundle,
                         const char* facts_json, char** error_json) {
    using namespace onething;
    return guarded(error_json, [&]() -> char* {
        const Plan plan = plan_from_json(catalog, bundle, facts_json);
        const Form form = merge_form(catalog->catalog, plan);
        return copy_string(form_to_json_schema(form, c_api_language));
    });
}

char* onething_dispatch_json(const onething_catalog* catalog, const char* bundle,
                             const char* facts_json, const char* answers_json, char** error_json) {
    using namespace onething;
    return guarded(error_json, [&]() -> char* {
        require(answers_json, "answers_json");
        const Plan plan = plan_from_json(catalog, bundle, facts_json);
        const Form form = merge_form(catalog->catalog, plan);
        const Answers answers = read_answers(form, SourceFile{"<answers>", answers_json});
        const std::vector<ItemPayload> payloads = dispatch(catalog->catalog, plan, answers, {});
        return copy_string(dispatch_to_json(payloads));
    });
}

void onething_catalog_free(onething_catalog* catalog) {
    delete catalog;
}

void onething_free(void* pointer) {
    std::free(pointer);
}

}  // extern "C"
