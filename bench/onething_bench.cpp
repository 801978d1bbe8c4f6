// The onething benchmarks (Google Benchmark): load, lint, bare yaml-cpp, plan, form, dispatch.
//
//   onething_bench --catalogs DIR [--rules DIR] [--plan-catalog DIR] [--floor-catalog DIR]
//                  [--sweep-repetitions N] [--repetitions N] [--benchmark_* flags]
//
// DIR holds generated catalogs in folders named catalog-<items> (bench/run_all.sh makes them).
// Benchmarks, each named <what>/<case>:
//   load/<items>         load_catalog (read, parse, check, build the Catalog)
//   lint/<items>         what `onething lint` does: load_catalog and format every diagnostic
//   yaml_cpp/<items>     the baseline: YAML::LoadFile plus a recursive walk of every node
//   yaml_events/<items>  yaml-cpp's event parser with a handler that does nothing (the floor)
//   plan/closure-<n>     make_plan of the generated bundle whose plan holds about n items
//   plan_thorough/closure-<n> the same with PlanOptions::thorough(): what proving costs
//   plan_greedy/closure-<n> the same with max_search_nodes 1: the search's first plan (its
//                        greedy dive)
//   plan_floor/closure-<n>  the same on --floor-catalog, generated with every decision having
//                        a single option (--multi-producers 0 --paper-or-inside no): the cost
//                        of planning without search
//   plan/child-birth     make_plan of the shipped child-birth bundle with varied facts
//   plan_request/child-birth  make_plan with the facts of the request bench/serve_wrk.sh posts
//                        (the plan the service answers there)
//   answer/child-birth   the HTTP service's work without the network: the JSON body of
//                        `POST /v1/plan` read, answered by the request layer, the plan JSON
//                        written (what onething_call_json does)
//   plan_json/child-birth  plan_to_json alone: the plan that request gives, written as JSON
//                        with English names (as requested there); plan_json/child-birth-zh
//                        the same in Chinese, the default language
//   form/closure-<n>     merge_form and its JSON Schema for the plan of closure-<n> (on the
//                        --floor-catalog when given: its plans exist and are optimal)
//   answers/closure-<n>  read_answers: the answers document to that form, parsed and validated
//   dispatch/closure-<n> dispatch and its JSON for those answers
//   dot/closure-<n>      plan_to_dot of the plan of closure-<n>: its edges transitively reduced,
//                        stages as ranks; svg/closure-<n> plan_to_svg, the reduction and the
//                        figures' layout
#include <benchmark/benchmark.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/parser.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

#include "onething/diagnostic.hpp"
#include "onething/error.hpp"
#include "onething/form.hpp"
#include "onething/load.hpp"
#include "onething/plan.hpp"
#include "onething/request.hpp"
#include "onething/whatif.hpp"
#include "onething/write.hpp"

namespace {

namespace fs = std::filesystem;

/// Options of this program (the `--benchmark_*` flags go to Google Benchmark).
struct Options {
    std::string catalogs;                          ///< folder of catalog-<items> folders
    std::string rules = ONETHING_BENCH_RULES_DIR;  ///< the shipped catalog
    std::string plan_catalog;      ///< catalog for plan/form/dispatch (default: largest)
    std::string floor_catalog;     ///< single-option catalog for plan_floor/ (optional)
    std::string everyday_catalog;  ///< a large catalog for plan_everyday/ (optional)
    int sweep_repetitions = 1;     ///< repetitions of load/lint/yaml_* (slow at scale)
    int repetitions = 5;           ///< repetitions of the fast benchmarks
};

/// A generated catalog: its size, folder, files and bytes.
struct CatalogDir {
    std::size_t items = 0;
    std::string path;
    std::vector<std::string> files;
    std::uint64_t bytes = 0;
};

/// The generated catalogs under `folder`, smallest first.
std::vector<CatalogDir> find_catalogs(const std::string& folder) {
    std::vector<CatalogDir> found;
    for (const auto& entry : fs::directory_iterator(folder)) {
        const std::string name = entry.path().filename().string();
        if (!entry.is_directory() || name.rfind("catalog-", 0) != 0) {
            continue;
        }
        CatalogDir catalog;
        catalog.items = std::strtoull(name.c_str() + 8, nullptr, 10);
        catalog.path = entry.path().string();
        const std::vector<std::string> paths{catalog.path};
        catalog.files = onething::find_rule_files(paths);
        for (const std::string& file : catalog.files) {
            catalog.bytes += fs::file_size(file);
        }
        found.push_back(std::move(catalog));
    }
    std::sort(found.begin(), found.end(),
              [](const CatalogDir& a, const CatalogDir& b) { return a.items < b.items; });
    return found;
}

/// Loads a catalog and exits with a message when it has errors (a benchmark needs a good one).
std::unique_ptr<onething::LoadResult> load_or_exit(const std::string& path) {
    const std::vector<std::string> paths{path};
    auto result = std::make_unique<onething::LoadResult>(onething::load_catalog(paths));
    if (!result->ok()) {
        for (const auto& diagnostic : result->diagnostics) {
            std::cerr << onething::format_diagnostic(diagnostic) << '\n';
        }
        std::cerr << "onething_bench: " << path << " has errors\n";
        std::exit(1);
    }
    return result;
}

/// Counts the nodes and scalar bytes of a yaml-cpp tree, visiting every node.
void walk(const YAML::Node& node, std::size_t& nodes, std::size_t& bytes) {
    ++nodes;
    switch (node.Type()) {
        case YAML::NodeType::Scalar:
            bytes += node.Scalar().size();
            break;
        case YAML::NodeType::Sequence:
            for (const YAML::Node& child : node) {
                walk(child, nodes, bytes);
            }
            break;
        case YAML::NodeType::Map:
            for (const auto& pair : node) {
                walk(pair.first, nodes, bytes);
                walk(pair.second, nodes, bytes);
            }
            break;
        default:
            break;
    }
}

/// A yaml-cpp event handler that only counts events: parsing with it is yaml-cpp's floor.
class CountingHandler final : public YAML::EventHandler {
  public:
    std::size_t events = 0;  ///< events received
    /// Counts.
    void OnDocumentStart(const YAML::Mark&) override { ++events; }
    /// Counts.
    void OnDocumentEnd() override { ++events; }
    /// Counts.
    void OnNull(const YAML::Mark&, YAML::anchor_t) override { ++events; }
    /// Counts.
    void OnAlias(const YAML::Mark&, YAML::anchor_t) override { ++events; }
    /// Counts.
    void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  const std::string&) override {
        ++events;
    }
    /// Counts.
    void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                         YAML::EmitterStyle::value) override {
        ++events;
    }
    /// Counts.
    void OnSequenceEnd() override { ++events; }
    /// Counts.
    void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                    YAML::EmitterStyle::value) override {
        ++events;
    }
    /// Counts.
    void OnMapEnd() override { ++events; }
};

/// Sets the size counters every sweep benchmark reports.
void size_counters(benchmark::State& state, const CatalogDir& catalog) {
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * catalog.bytes));
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * catalog.items));
    state.counters["catalog_items"] = static_cast<double>(catalog.items);
    state.counters["catalog_bytes"] = static_cast<double>(catalog.bytes);
}

/// load/<items>.
void bench_load(benchmark::State& state, const CatalogDir& catalog) {
    const std::vector<std::string> paths{catalog.path};
    for (auto _ : state) {
        auto result = onething::load_catalog(paths);
        benchmark::DoNotOptimize(result.catalog.items().size());
    }
    size_counters(state, catalog);
}

/// lint/<items>: load, check and format every diagnostic, as `onething lint` does.
void bench_lint(benchmark::State& state, const CatalogDir& catalog) {
    const std::vector<std::string> paths{catalog.path};
    std::size_t diagnostics = 0;
    for (auto _ : state) {
        auto result = onething::load_catalog(paths);
        std::string report;
        for (const auto& diagnostic : result.diagnostics) {
            report += onething::format_diagnostic(diagnostic);
            report += '\n';
        }
        diagnostics = result.diagnostics.size();
        benchmark::DoNotOptimize(report.data());
        benchmark::DoNotOptimize(result.ok());
    }
    size_counters(state, catalog);
    state.counters["diagnostics"] = static_cast<double>(diagnostics);
}

/// yaml_cpp/<items>: YAML::LoadFile of every file and a walk of every node.
void bench_yaml_cpp(benchmark::State& state, const CatalogDir& catalog) {
    std::size_t nodes = 0, bytes = 0;
    for (auto _ : state) {
        nodes = bytes = 0;
        for (const std::string& file : catalog.files) {
            walk(YAML::LoadFile(file), nodes, bytes);
        }
        benchmark::DoNotOptimize(bytes);
    }
    size_counters(state, catalog);
    state.counters["yaml_nodes"] = static_cast<double>(nodes);
}

/// yaml_events/<items>: yaml-cpp's event parser only, reading each file into memory first.
void bench_yaml_events(benchmark::State& state, const CatalogDir& catalog) {
    std::size_t events = 0;
    for (auto _ : state) {
        CountingHandler handler;
        for (const std::string& file : catalog.files) {
            std::ifstream input(file, std::ios::binary);
            YAML::Parser parser(input);
            while (parser.HandleNextDocument(handler)) {
            }
        }
        events = handler.events;
        benchmark::DoNotOptimize(events);
    }
    size_counters(state, catalog);
    state.counters["yaml_events"] = static_cast<double>(events);
}

/// The catalog plan/form/dispatch use, loaded once on first use (loading is not timed).
class PlanCatalog {
  public:
    /// Remembers where the catalog is.
    explicit PlanCatalog(std::string path) : path_(std::move(path)) {}

    /// The loaded catalog.
    const onething::Catalog& catalog() { return loaded().catalog; }

    /// The whole load result (what the request layer answers over).
    const onething::LoadResult& loaded() {
        std::call_once(loaded_, [&] { result_ = load_or_exit(path_); });
        return *result_;
    }

    /// The plan of `bundle` with default facts, made once; nullptr (and `error` set) when the
    /// planner gives none.
    const onething::Plan* plan(const std::string& bundle, std::string& error) {
        std::lock_guard lock(mutex_);
        auto found = plans_.find(bundle);
        if (found == plans_.end()) {
            try {
                found = plans_.emplace(bundle, onething::make_plan(catalog(), bundle, {})).first;
            } catch (const onething::Error& failure) {
                errors_[bundle] = failure.what();
            }
        }
        if (found == plans_.end()) {
            error = errors_[bundle];
            return nullptr;
        }
        return &found->second;
    }

  private:
    std::string path_;
    std::once_flag loaded_;
    std::unique_ptr<onething::LoadResult> result_;
    std::mutex mutex_;
    std::map<std::string, onething::Plan> plans_;
    std::map<std::string, std::string> errors_;
};

/// False (and the benchmark skipped) when the catalog has no such bundle.
bool has_bundle(benchmark::State& state, PlanCatalog& source, const std::string& bundle) {
    if (source.catalog().find_bundle(bundle)) {
        return true;
    }
    state.SkipWithError(
        ("no bundle '" + bundle + "' in this catalog (generate a larger one)").c_str());
    return false;
}

/// The plan of `bundle`, or nullptr (and the benchmark skipped) when there is none.
const onething::Plan* plan_or_skip(benchmark::State& state, PlanCatalog& source,
                                   const std::string& bundle) {
    if (!has_bundle(state, source, bundle)) {
        return nullptr;
    }
    std::string error;
    const onething::Plan* plan = source.plan(bundle, error);
    if (!plan) {
        state.SkipWithError(("no plan: " + error).c_str());
    }
    return plan;
}

/// plan/<bundle> with default facts and the given planner options.
void bench_plan(benchmark::State& state, PlanCatalog& source, const std::string& bundle,
                onething::PlanOptions options) {
    if (!has_bundle(state, source, bundle)) {
        return;
    }
    const onething::Catalog& catalog = source.catalog();
    onething::Plan plan;
    bool failed = false;
    for (auto _ : state) {
        try {
            plan = onething::make_plan(catalog, bundle, {}, options);
        } catch (const onething::PlanError& error) {
            failed = true;  // timed all the same: the search ran to its bound
            state.SetLabel(error.what());
        }
        benchmark::DoNotOptimize(plan.items.data());
    }
    state.counters["failed"] = failed ? 1 : 0;
    state.counters["plan_items"] = static_cast<double>(plan.items.size());
    state.counters["search_nodes"] = static_cast<double>(plan.search_nodes);
    state.counters["optimal"] = plan.optimal ? 1 : 0;
    state.counters["plans_per_s"] =
        benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

/// Fact sets for child-birth: its own facts and every other fact of the catalog varied.
std::vector<onething::Facts> varied_facts(const onething::Catalog& catalog, std::size_t count) {
    std::vector<onething::Facts> sets;
    std::uint64_t state = 0x2545F4914F6CDD1Dull;
    auto next = [&] {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        return state;
    };
    for (std::size_t k = 0; k < count; ++k) {
        onething::Facts facts;
        for (const onething::Fact& fact : catalog.facts()) {
            if (fact.type == onething::FactType::boolean) {
                facts[fact.id] = (next() & 1) != 0;
            } else if (fact.type == onething::FactType::enumeration && !fact.values.empty()) {
                facts[fact.id] = fact.values[next() % fact.values.size()];
            }
        }
        sets.push_back(std::move(facts));
    }
    return sets;
}

/// plan/child-birth: the shipped bundle, a different fact set each time.
void bench_child_birth(benchmark::State& state, PlanCatalog& source) {
    const onething::Catalog& catalog = source.catalog();
    const auto sets = varied_facts(catalog, 256);
    std::size_t next = static_cast<std::size_t>(state.thread_index()) * 17;
    std::size_t items = 0;
    for (auto _ : state) {
        const onething::Plan plan =
            onething::make_plan(catalog, "child-birth", sets[next++ % sets.size()]);
        items += plan.items.size();
        benchmark::DoNotOptimize(plan.items.data());
    }
    state.counters["plans_per_s"] =
        benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
    // Per plan: averaged over the threads, not summed.
    state.counters["plan_items"] =
        benchmark::Counter(static_cast<double>(items) /
                               static_cast<double>(std::max<std::int64_t>(1, state.iterations())),
                           benchmark::Counter::kAvgThreads);
}

/// The facts of the request bench/serve_wrk.sh posts.
onething::Facts request_facts() {
    return {{"mother.maternity_insured", true}, {"parents.hukou_local", true}};
}

/// plan_request/child-birth: make_plan of the plan the service answers under wrk.
void bench_child_birth_request(benchmark::State& state, PlanCatalog& source) {
    const onething::Catalog& catalog = source.catalog();
    const onething::Facts facts = request_facts();
    for (auto _ : state) {
        const onething::Plan plan = onething::make_plan(catalog, "child-birth", facts);
        benchmark::DoNotOptimize(plan.items.data());
    }
    state.counters["plans_per_s"] =
        benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

/// answer/child-birth: the request body bench/serve_wrk.sh posts, read and answered in-process.
void bench_child_birth_answer(benchmark::State& state, PlanCatalog& source) {
    const onething::LoadResult& loaded = source.loaded();
    const std::string body =
        R"({"command": "plan", "bundle": "child-birth", "facts": {"mother.maternity_insured": )"
        R"(true, "parents.hukou_local": true}, "lang": "en"})";
    std::size_t bytes = 0;
    for (auto _ : state) {
        const onething::Response response =
            onething::respond(loaded, onething::request_from_json(body));
        if (!response.ok()) {
            state.SkipWithError("the request was refused");
            break;
        }
        bytes = response.document.size();
        benchmark::DoNotOptimize(response.document.data());
    }
    state.counters["answers_per_s"] =
        benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
    state.counters["answer_bytes"] =  // per answer: averaged over the threads, not summed
        benchmark::Counter(static_cast<double>(bytes), benchmark::Counter::kAvgThreads);
}

/// plan_json/child-birth: the plan of the request above, written as JSON (its share of the answer).
void bench_child_birth_json(benchmark::State& state, PlanCatalog& source,
                            const std::string& language) {
    const onething::Catalog& catalog = source.catalog();
    const onething::Plan plan = onething::make_plan(catalog, "child-birth", request_facts());
    std::size_t bytes = 0;
    for (auto _ : state) {
        const std::string document = onething::plan_to_json(plan, catalog, language);
        bytes = document.size();
        benchmark::DoNotOptimize(document.data());
    }
    state.counters["documents_per_s"] =
        benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
    state.counters["document_bytes"] = static_cast<double>(bytes);
}

/// whatif/shipped: the what-if analysis of the shipped catalog with its defaults (every
/// candidate change planned across the bundles it touches, the best 10, the greedy set of 5).
void bench_whatif(benchmark::State& state, PlanCatalog& source) {
    const onething::Catalog& catalog = source.catalog();
    std::size_t candidates = 0;
    for (auto _ : state) {
        const onething::WhatIf result = onething::what_if(catalog);
        candidates = result.candidates;
        benchmark::DoNotOptimize(result.changes.data());
    }
    state.counters["candidates"] = static_cast<double>(candidates);
}

/// The folder name of a catalog path ("catalog-200000"), a trailing slash ignored.
std::string catalog_name(const std::string& path) {
    std::filesystem::path folder = std::filesystem::path(path).lexically_normal();
    if (folder.filename().empty()) {
        folder = folder.parent_path();
    }
    return folder.filename().string();
}

/// plan_everyday/<catalog>: the everyday bundles of a generated catalog (every bundle but the
/// closures, at most 12), default options; one iteration plans each once. What a service
/// planning small bundles on a national catalog pays per plan.
void bench_everyday(benchmark::State& state, PlanCatalog& source) {
    const onething::Catalog& catalog = source.catalog();
    std::vector<std::string> bundles;
    for (const onething::Bundle& bundle : catalog.bundles()) {
        if (bundle.id.rfind("closure-", 0) != 0 && bundles.size() < 12) {
            bundles.push_back(bundle.id);
        }
    }
    std::size_t items = 0, plans = 0;
    for (auto _ : state) {
        for (const std::string& bundle : bundles) {
            const onething::Plan plan = onething::make_plan(catalog, bundle, {});
            items += plan.items.size();
            ++plans;
            benchmark::DoNotOptimize(plan.items.data());
        }
    }
    state.counters["plans_per_s"] =
        benchmark::Counter(static_cast<double>(plans), benchmark::Counter::kIsRate);
    state.counters["plan_items"] =
        static_cast<double>(items) / static_cast<double>(std::max<std::size_t>(1, plans));
    state.counters["bundles"] = static_cast<double>(bundles.size());
}

/// form/<bundle>: merge the plan's fields and write the JSON Schema.
void bench_form(benchmark::State& state, PlanCatalog& source, const std::string& bundle) {
    const onething::Plan* found = plan_or_skip(state, source, bundle);
    if (!found) {
        return;
    }
    const onething::Catalog& catalog = source.catalog();
    const onething::Plan& plan = *found;
    std::size_t asked = 0;
    for (auto _ : state) {
        const onething::Form form = onething::merge_form(catalog, plan);
        const std::string schema = onething::form_to_json_schema(form, "en");
        asked = form.asked.size();
        benchmark::DoNotOptimize(schema.data());
    }
    state.counters["plan_items"] = static_cast<double>(plan.items.size());
    state.counters["asked_fields"] = static_cast<double>(asked);
}

/// dot/<bundle> and svg/<bundle>: the plan drawn by `draw` (plan_to_dot or plan_to_svg).
void bench_drawing(benchmark::State& state, PlanCatalog& source, const std::string& bundle,
                   std::string (*draw)(const onething::Plan&, const onething::Catalog&,
                                       std::string_view)) {
    const onething::Plan* plan = plan_or_skip(state, source, bundle);
    if (!plan) {
        return;
    }
    std::size_t bytes = 0;
    for (auto _ : state) {
        const std::string drawing = draw(*plan, source.catalog(), "en");
        bytes = drawing.size();
        benchmark::DoNotOptimize(drawing.data());
    }
    state.counters["plan_items"] = static_cast<double>(plan->items.size());
    state.counters["drawing_bytes"] = static_cast<double>(bytes);
}

/// A valid answer for a merged field of the generated catalogs (bench/generator/build.cpp).
std::pair<onething::Value, std::string> answer_for(const onething::FormField& field) {
    switch (field.type) {
        case onething::FieldType::integer: {
            const double low = field.constraints.minimum.value_or(0);
            const auto value = static_cast<std::int64_t>(std::max(low, 60.0));
            return {value, std::to_string(value)};
        }
        case onething::FieldType::number:
            return {1.5, "1.5"};
        case onething::FieldType::boolean:
            return {true, "true"};
        case onething::FieldType::date:
            return {onething::Date{2024, 1, 31}, "\"2024-01-31\""};
        case onething::FieldType::enumeration: {
            const std::string value = field.constraints.values && !field.constraints.values->empty()
                                          ? field.constraints.values->front()
                                          : "a";
            return {value, "\"" + value + "\""};
        }
        default:
            return {std::string("ABC123"), "\"ABC123\""};
    }
}

/// The answers to a form, as values and as a flat JSON document.
struct FormAnswers {
    onething::Form form;
    onething::Answers answers;
    onething::SourceFile document;
};

/// Builds valid answers for every asked field of `plan`.
FormAnswers make_answers(PlanCatalog& source, const onething::Plan& plan) {
    const std::string& bundle = plan.bundle;
    FormAnswers out;
    out.form = onething::merge_form(source.catalog(), plan);
    out.document.name = bundle + "-answers.json";
    out.document.content = "{";
    for (const onething::FormField& field : out.form.asked) {
        auto [value, json] = answer_for(field);
        out.answers.emplace(field.id, std::move(value));
        out.document.content +=
            (out.document.content.size() > 1 ? ",\n\"" : "\n\"") + field.id + "\": " + json;
    }
    out.document.content += "\n}\n";
    return out;
}

/// answers/<bundle>: read and validate the answers document.
void bench_answers(benchmark::State& state, PlanCatalog& source, const std::string& bundle) {
    const onething::Plan* plan = plan_or_skip(state, source, bundle);
    if (!plan) {
        return;
    }
    const FormAnswers input = make_answers(source, *plan);
    for (auto _ : state) {
        const onething::Answers answers = onething::read_answers(input.form, input.document);
        benchmark::DoNotOptimize(answers.size());
    }
    state.counters["asked_fields"] = static_cast<double>(input.form.asked.size());
}

/// dispatch/<bundle>: split the answers into one payload per item and write them as JSON.
void bench_dispatch(benchmark::State& state, PlanCatalog& source, const std::string& bundle) {
    const onething::Plan* found = plan_or_skip(state, source, bundle);
    if (!found) {
        return;
    }
    const onething::Catalog& catalog = source.catalog();
    const onething::Plan& plan = *found;
    const FormAnswers input = make_answers(source, plan);
    const onething::Answers shared;
    for (auto _ : state) {
        const auto payloads = onething::dispatch(catalog, plan, input.answers, shared);
        const std::string json = onething::dispatch_to_json(payloads);
        benchmark::DoNotOptimize(json.data());
    }
    state.counters["plan_items"] = static_cast<double>(plan.items.size());
}

/// Reads this program's own options out of argv, leaving the rest for Google Benchmark.
Options take_options(int& argc, char** argv) {
    Options options;
    int kept = 1;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        auto value = [&](const std::string& name) -> std::optional<std::string> {
            if (arg.rfind(name + "=", 0) == 0) {
                return arg.substr(name.size() + 1);
            }
            if (arg == name && i + 1 < argc) {
                return std::string(argv[++i]);
            }
            return std::nullopt;
        };
        if (auto v = value("--catalogs")) {
            options.catalogs = *v;
        } else if (auto r = value("--rules")) {
            options.rules = *r;
        } else if (auto p = value("--plan-catalog")) {
            options.plan_catalog = *p;
        } else if (auto f = value("--floor-catalog")) {
            options.floor_catalog = *f;
        } else if (auto e = value("--everyday-catalog")) {
            options.everyday_catalog = *e;
        } else if (auto s = value("--sweep-repetitions")) {
            options.sweep_repetitions = std::max(1, std::atoi(s->c_str()));
        } else if (auto n = value("--repetitions")) {
            options.repetitions = std::max(1, std::atoi(n->c_str()));
        } else {
            argv[kept++] = argv[i];
        }
    }
    argc = kept;
    return options;
}

/// Applies the repetition settings to a benchmark.
void repeat(benchmark::internal::Benchmark* benchmark, int repetitions) {
    benchmark->Unit(benchmark::kMillisecond);
    if (repetitions > 1) {
        benchmark->Repetitions(repetitions)->ReportAggregatesOnly(true);
    }
}

}  // namespace

/// Registers every benchmark for the catalogs found, then runs Google Benchmark.
int main(int argc, char** argv) {
    const Options options = take_options(argc, argv);
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) {
        return 2;
    }
    static std::vector<CatalogDir> catalogs;
    if (!options.catalogs.empty()) {
        std::error_code error;
        if (!fs::is_directory(options.catalogs, error)) {
            std::cerr << "onething_bench: --catalogs " << options.catalogs
                      << ": not a folder (bench/run_all.sh generates catalogs into one)\n";
            return 2;
        }
        catalogs = find_catalogs(options.catalogs);
    }
    for (const CatalogDir& catalog : catalogs) {
        const std::string size = std::to_string(catalog.items);
        repeat(benchmark::RegisterBenchmark(("yaml_events/" + size).c_str(), bench_yaml_events,
                                            catalog),
               options.sweep_repetitions);
        repeat(benchmark::RegisterBenchmark(("yaml_cpp/" + size).c_str(), bench_yaml_cpp, catalog),
               options.sweep_repetitions);
        repeat(benchmark::RegisterBenchmark(("load/" + size).c_str(), bench_load, catalog),
               options.sweep_repetitions);
        repeat(benchmark::RegisterBenchmark(("lint/" + size).c_str(), bench_lint, catalog),
               options.sweep_repetitions);
    }
    std::string plan_path = options.plan_catalog;
    if (plan_path.empty() && !catalogs.empty()) {
        plan_path = catalogs.back().path;
    }
    static const char* const closures[] = {"closure-100", "closure-1000", "closure-10000"};
    static std::unique_ptr<PlanCatalog> generated;
    if (!plan_path.empty()) {
        generated = std::make_unique<PlanCatalog>(plan_path);
        for (const std::string bundle : closures) {
            repeat(
                benchmark::RegisterBenchmark(("plan/" + bundle).c_str(), bench_plan,
                                             std::ref(*generated), bundle, onething::PlanOptions{}),
                options.repetitions);
        }
        for (const std::string bundle : closures) {
            // A search that runs to the thorough bounds takes about a second: measured once.
            const bool slow = bundle == "closure-10000";
            auto* benchmark = benchmark::RegisterBenchmark(("plan_thorough/" + bundle).c_str(),
                                                           bench_plan, std::ref(*generated), bundle,
                                                           onething::PlanOptions::thorough());
            if (slow) {
                benchmark->Iterations(1);
            }
            repeat(benchmark, slow ? 1 : options.repetitions);
        }
        onething::PlanOptions greedy;
        greedy.max_search_nodes = 1;
        for (const std::string bundle : closures) {
            repeat(benchmark::RegisterBenchmark(("plan_greedy/" + bundle).c_str(), bench_plan,
                                                std::ref(*generated), bundle, greedy),
                   options.repetitions);
        }
    }
    static std::unique_ptr<PlanCatalog> floor;
    if (!options.floor_catalog.empty()) {
        floor = std::make_unique<PlanCatalog>(options.floor_catalog);
        for (const std::string bundle : closures) {
            repeat(benchmark::RegisterBenchmark(("plan_floor/" + bundle).c_str(), bench_plan,
                                                std::ref(*floor), bundle, onething::PlanOptions{}),
                   options.repetitions);
        }
    }
    PlanCatalog* forms = floor ? floor.get() : generated.get();
    if (forms) {
        for (const std::string bundle : closures) {
            repeat(benchmark::RegisterBenchmark(("form/" + bundle).c_str(), bench_form,
                                                std::ref(*forms), bundle),
                   options.repetitions);
            repeat(benchmark::RegisterBenchmark(("answers/" + bundle).c_str(), bench_answers,
                                                std::ref(*forms), bundle),
                   options.repetitions);
            repeat(benchmark::RegisterBenchmark(("dispatch/" + bundle).c_str(), bench_dispatch,
                                                std::ref(*forms), bundle),
                   options.repetitions);
            repeat(benchmark::RegisterBenchmark(("dot/" + bundle).c_str(), bench_drawing,
                                                std::ref(*forms), bundle, &onething::plan_to_dot),
                   options.repetitions);
            repeat(benchmark::RegisterBenchmark(("svg/" + bundle).c_str(), bench_drawing,
                                                std::ref(*forms), bundle, &onething::plan_to_svg),
                   options.repetitions);
        }
    }
    static PlanCatalog shipped(options.rules);
    repeat(benchmark::RegisterBenchmark("plan/child-birth", bench_child_birth, std::ref(shipped)),
           options.repetitions);
    benchmark::RegisterBenchmark("plan/child-birth", bench_child_birth, std::ref(shipped))
        ->Unit(benchmark::kMicrosecond)
        ->Threads(2)
        ->UseRealTime();
    repeat(benchmark::RegisterBenchmark("plan_request/child-birth", bench_child_birth_request,
                                        std::ref(shipped)),
           options.repetitions);
    repeat(benchmark::RegisterBenchmark("answer/child-birth", bench_child_birth_answer,
                                        std::ref(shipped)),
           options.repetitions);
    benchmark::RegisterBenchmark("answer/child-birth", bench_child_birth_answer, std::ref(shipped))
        ->Unit(benchmark::kMicrosecond)
        ->Threads(2)
        ->UseRealTime();
    repeat(benchmark::RegisterBenchmark("plan_json/child-birth", bench_child_birth_json,
                                        std::ref(shipped), "en"),
           options.repetitions);
    repeat(benchmark::RegisterBenchmark("plan_json/child-birth-zh", bench_child_birth_json,
                                        std::ref(shipped), "zh"),
           options.repetitions);
    repeat(benchmark::RegisterBenchmark("whatif/shipped", bench_whatif, std::ref(shipped))
               ->Unit(benchmark::kMillisecond),
           options.repetitions);
    // Last: the everyday bundles, on the planning catalog and on a large one (loaded only
    // when this runs, so the other benchmarks do not share a process with it).
    static std::unique_ptr<PlanCatalog> everyday;
    if (!options.everyday_catalog.empty()) {
        everyday = std::make_unique<PlanCatalog>(options.everyday_catalog);
    }
    for (PlanCatalog* source : {generated.get(), everyday.get()}) {
        if (source != nullptr) {
            const std::string& path =
                source == everyday.get() ? options.everyday_catalog : plan_path;
            repeat(benchmark::RegisterBenchmark(("plan_everyday/" + catalog_name(path)).c_str(),
                                                bench_everyday, std::ref(*source)),
                   options.repetitions);
        }
    }
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
