/* The onething C API: JSON in, JSON out, a stable C ABI for Java, Go, Python, C# and C.
 *
 * Every function catches every exception: nothing crosses this boundary but return values.
 * On failure a function returns NULL and, when `error_json` is not NULL, sets `*error_json` to
 * a report {"errors": [...]}, each error an object with the keys "file", "line", "column",
 * "severity", "code" and "message" (to be freed with onething_free); on success `*error_json`
 * is set to NULL. Strings are UTF-8. Returned strings are allocated with malloc and freed with
 * onething_free. A loaded catalog is immutable: any number of threads may use one catalog at
 * once (docs/api.md). */
#ifndef ONETHING_ONETHING_H
#define ONETHING_ONETHING_H

#include <stddef.h>

#if defined(_WIN32)
#if defined(ONETHING_C_API_EXPORTS)
#define ONETHING_C_API __declspec(dllexport)
#else
#define ONETHING_C_API
#endif
#elif defined(__GNUC__)
#define ONETHING_C_API __attribute__((visibility("default")))
#else
#define ONETHING_C_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* A loaded, checked, immutable catalog of rule files; opaque. */
typedef struct onething_catalog onething_catalog;

/* The library version as "major.minor.patch"; a static string, never freed. */
ONETHING_C_API const char* onething_version(void);

/* Loads and checks the rule files under `paths` (n files or folders, searched recursively).
 * Returns NULL with every diagnostic in `*error_json` when a path cannot be read or a file
 * has an error; free the catalog with onething_catalog_free. */
ONETHING_C_API onething_catalog* onething_catalog_load(const char* const* paths, size_t n,
                                                       char** error_json);

/* Plans `bundle` for the facts (a JSON object fact id -> value; NULL means no facts) and
 * returns the plan as JSON (docs/plan-json.md), names in Chinese ("zh"). The facts text is
 * read as the command line reads a facts file (`--facts`): JSON, or YAML (of which JSON is a
 * part), a text of only blanks or comments being no facts; so are `answers_json` and each
 * function's facts below. */
ONETHING_C_API char* onething_plan_json(const onething_catalog* catalog, const char* bundle,
                                        const char* facts_json, char** error_json);

/* The default bounds of the optimizer (docs/planning.md, "Search bounds"): milliseconds. */
#define ONETHING_DEFAULT_MAX_SEARCH_NODES 20000ULL
#define ONETHING_DEFAULT_MAX_SEARCH_WORK 10000ULL
/* The thorough bounds: up to about a second, to prove larger plans optimal. */
#define ONETHING_THOROUGH_MAX_SEARCH_NODES 20000ULL
#define ONETHING_THOROUGH_MAX_SEARCH_WORK 2000000ULL

/* As onething_plan_json, with the optimizer's bounds: the search nodes and the work (selected
 * items read) it may spend. Past either the plan has "optimal": false. The ONETHING_DEFAULT_
 * values give the plan of onething_plan_json; the ONETHING_THOROUGH_ ones prove more plans
 * optimal, in up to about a second; 1 and 1 give the first (greedy) plan. Each bound is from 1
 * to 2^63 - 1; another is refused (NULL, "invalid-argument" naming it). */
ONETHING_C_API char* onething_plan_json_bounded(const onething_catalog* catalog, const char* bundle,
                                                const char* facts_json,
                                                unsigned long long max_search_nodes,
                                                unsigned long long max_search_work,
                                                char** error_json);

/* Plans `bundle` for the facts and returns its merged form as a JSON Schema (draft 2020-12). */
ONETHING_C_API char* onething_form_json(const onething_catalog* catalog, const char* bundle,
                                        const char* facts_json, char** error_json);

/* Plans `bundle` for the facts, checks `answers_json` (the filled form, nested or flat) against
 * its form and returns one payload per planned item:
 * {"<item>": {"fields": {...}, "pending": {...}, "prefill": [...], "department": "...",
 * "materials": [...]}, ...}; no shared data is passed, so `source: shared` fields are listed in
 * "prefill" for the receiving system. Payloads keyed by department: onething_call_json with
 * "by": "department". */
ONETHING_C_API char* onething_dispatch_json(const onething_catalog* catalog, const char* bundle,
                                            const char* facts_json, const char* answers_json,
                                            char** error_json);

/* Loads and checks a catalog as a JSON load request says (docs/api.md):
 *   {"paths": ["rules", ...]}                              rule files and folders, or
 *   {"sources": [{"name": "a.yaml", "content": "..."}]}     rule files in memory,
 * and optionally "overlays": ["overlay.yaml", ...] or "overlay_sources": [{"name", "content"}]
 * (docs/overlays.md), and "limits": {"max_file_bytes": N, ...} with the names of
 * docs/limits.md, which also bound the facts and answers of later requests on this catalog. Returns NULL with every
 * diagnostic in `*error_json` when the request is malformed, a path cannot be read or a file has
 * an error; free the catalog with onething_catalog_free. */
ONETHING_C_API onething_catalog* onething_catalog_load_json(const char* load_json,
                                                            char** error_json);

/* Answers a request written as JSON, exactly as the command line answers the same request with
 * --format json (and the HTTP service its body):
 *   {"command": "plan" | "guide" | "form" | "dispatch" | "list" | "lint" | "test" | "report" |
 *               "schema" | "whatif" | "export",
 *    "bundle": "...", "facts": {...}, "answers": {...}, "shared": {...},
 *    "by": "item" (default) | "department", "lang": "zh" | "en", "as_of": "YYYY-MM-DD",
 *    "format": "json" (the default; "cpsv-ap" for export) or another format of the command,
 *    "max_search_nodes": N, "max_search_work": N, "all_cases": true | false,
 *    "coverage": true | false, "min_coverage": 0 to 100, "max_warnings": N, "top": N}
 * A field the command does not read is ignored.
 * Returns the document whenever the command produced one, else NULL. `*error_json` is set to
 * {"errors": [...]} when the request failed: a malformed request (the field named), an unknown
 * bundle, bad facts or answers, rules that give no plan. Outcomes inside a document are not
 * errors of the call: read "failed" in the test document and "error" in a report's rows. A
 * catalog with errors does not load (onething_catalog_load_json reports them), so "lint" here
 * reports the warnings of a catalog that loaded. A test run below its "min_coverage" returns
 * its document and the error coverage-below-minimum; a lint run with more warnings than
 * "max_warnings" its document and the error too-many-warnings. */
ONETHING_C_API char* onething_call_json(const onething_catalog* catalog, const char* request_json,
                                        char** error_json);

/* onething_call_json, and in `*warnings_json` (when it is not NULL) what the command line warns
 * of on standard error beside the same answer, which the HTTP service sends in X-Onething-Warning
 * fields: {"warnings": ["the catalog has no text in language 'fr' (its texts are in en, zh): ..."]}
 * (each warning without its "warning: "), or NULL when there is none or no document. Free both
 * strings with onething_free. */
ONETHING_C_API char* onething_call_json_warned(const onething_catalog* catalog,
                                               const char* request_json, char** error_json,
                                               char** warnings_json);

/* Frees a catalog; NULL is allowed. No other thread may be using it. */
ONETHING_C_API void onething_catalog_free(onething_catalog* catalog);

/* Frees a string returned by this API (results and error JSON); NULL is allowed. */
ONETHING_C_API void onething_free(void* pointer);

#ifdef __cplusplus
}
#endif

#endif /* ONETHING_ONETHING_H */
