// Reads the benchmark results and the peak-memory lines and prints one summary table.
//
//   bench_summary --results FILE.json [--results FILE.json]... --memory FILE [--tsv FILE]
//                 [--load "LOADAVG"]
//
// FILE.json is Google Benchmark's JSON output of onething_bench (results of several runs are
// merged; a benchmark in two of them keeps the last); the memory file holds the
// lines peak_memory printed, one per catalog. The table states every target of issue 8 with
// the measured value and whether it is met; --tsv writes the scaling curve for the plot.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace {

using Json = nlohmann::json;

/// One benchmark's figures: the median of its repetitions when repeated.
struct Result {
    double real_ms = 0;   ///< wall time per iteration
    double cpu_ms = 0;    ///< CPU time per iteration
    double cv = 0;        ///< coefficient of variation of the wall time (0 when run once)
    int repetitions = 1;  ///< repetitions measured
    int threads = 1;      ///< threads running the benchmark at once
    std::string error;    ///< set when the benchmark was skipped with an error
    std::map<std::string, double> counters;  ///< user counters
};

/// Milliseconds in one unit of Google Benchmark's `time_unit`.
double unit_ms(const std::string& unit) {
    if (unit == "ns") {
        return 1e-6;
    }
    if (unit == "us") {
        return 1e-3;
    }
    if (unit == "s") {
        return 1e3;
    }
    return 1;
}

/// Adds every benchmark of one JSON output to `results`, by run name.
void read_results(const std::string& path, std::map<std::string, Result>& results) {
    std::ifstream input(path);
    if (!input) {
        std::cerr << "bench_summary: cannot read " << path << '\n';
        std::exit(2);
    }
    // Google Benchmark writes NaN and inf for some aggregates of counters; JSON has no such
    // literals, so they become null.
    std::string text((std::istreambuf_iterator<char>(input)), std::istreambuf_iterator<char>());
    for (const char* bad : {": -nan", ": nan", ": -NaN", ": NaN", ": -inf", ": inf"}) {
        for (auto at = text.find(bad); at != std::string::npos; at = text.find(bad, at)) {
            text.replace(at, std::char_traits<char>::length(bad), ": null");
        }
    }
    const Json document = Json::parse(text);
    for (const Json& entry : document.at("benchmarks")) {
        std::string name = entry.value("run_name", entry.value("name", ""));
        for (const char* suffix : {"/repeats:", "/iterations:"}) {
            if (const auto at = name.find(suffix); at != std::string::npos) {
                name.erase(at);  // "plan/closure-100/repeats:5" -> "plan/closure-100"
            }
        }
        Result& result = results[name];
        if (entry.contains("error_occurred") && entry.value("error_occurred", false)) {
            result.error = entry.value("error_message", "error");
            continue;
        }
        const double scale = unit_ms(entry.value("time_unit", "ms"));
        const std::string aggregate = entry.value("aggregate_name", "");
        if (aggregate == "cv") {
            result.cv = entry.value("real_time", 0.0);  // a ratio, reported in this field
            continue;
        }
        if (!aggregate.empty() && aggregate != "median") {
            continue;
        }
        result.real_ms = entry.value("real_time", 0.0) * scale;
        result.cpu_ms = entry.value("cpu_time", 0.0) * scale;
        result.repetitions = entry.value("repetitions", 1);
        result.threads = entry.value("threads", 1);
        for (const auto& [key, value] : entry.items()) {
            if (value.is_number() && key != "real_time" && key != "cpu_time" &&
                key != "iterations" && key != "repetitions" && key != "repetition_index" &&
                key != "threads" && key != "family_index" && key != "per_family_instance_index") {
                result.counters[key] = value.get<double>();
            }
        }
    }
}

/// One peak_memory line: items, bytes, load time and peak resident memory.
struct Memory {
    double items = 0, bytes = 0, load_ms = 0, maxrss_kib = 0;
};

/// The peak_memory lines by catalog size.
std::map<long, Memory> read_memory(const std::string& path) {
    std::map<long, Memory> memory;
    std::ifstream input(path);
    std::string line;
    while (std::getline(input, line)) {
        std::istringstream words(line);
        std::string word;
        Memory m;
        while (words >> word) {
            const auto equal = word.find('=');
            if (equal == std::string::npos) {
                continue;
            }
            const std::string key = word.substr(0, equal);
            const double value = std::atof(word.c_str() + equal + 1);
            if (key == "items") {
                m.items = value;
            } else if (key == "bytes") {
                m.bytes = value;
            } else if (key == "load_ms") {
                m.load_ms = value;
            } else if (key == "maxrss_kib") {
                m.maxrss_kib = value;
            }
        }
        if (m.items > 0) {
            memory[static_cast<long>(m.items)] = m;
        }
    }
    return memory;
}

/// printf into a std::string.
template <typename... Args>
std::string format(const char* pattern, Args... args) {
    char buffer[256];
    std::snprintf(buffer, sizeof buffer, pattern, args...);
    return buffer;
}

/// A row of the summary: what, measured, target, verdict.
struct Row {
    std::string what, measured, target, verdict;
};

/// Prints rows as an aligned Markdown table.
void print_table(const std::vector<Row>& rows) {
    std::size_t widths[4] = {4, 8, 6, 3};
    auto width = [](const std::string& text) {
        std::size_t count = 0;
        for (unsigned char c : text) {
            count += (c & 0xC0u) != 0x80u ? 1 : 0;
        }
        return count;
    };
    for (const Row& row : rows) {
        widths[0] = std::max(widths[0], width(row.what));
        widths[1] = std::max(widths[1], width(row.measured));
        widths[2] = std::max(widths[2], width(row.target));
        widths[3] = std::max(widths[3], width(row.verdict));
    }
    auto cell = [&](const std::string& text, std::size_t w) {
        return text + std::string(w - width(text), ' ');
    };
    auto line = [&](const Row& row) {
        std::cout << "| " << cell(row.what, widths[0]) << " | " << cell(row.measured, widths[1])
                  << " | " << cell(row.target, widths[2]) << " | " << cell(row.verdict, widths[3])
                  << " |\n";
    };
    line({"measure", "measured", "target", "met"});
    std::cout << "|" << std::string(widths[0] + 2, '-') << "|" << std::string(widths[1] + 2, '-')
              << "|" << std::string(widths[2] + 2, '-') << "|" << std::string(widths[3] + 2, '-')
              << "|\n";
    for (const Row& row : rows) {
        line(row);
    }
}

/// The exponent k of the least-squares fit y = a * x^k (log-log): 1 is linear.
double growth_exponent(const std::vector<std::pair<double, double>>& points) {
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (const auto& [x, y] : points) {
        sx += std::log(x);
        sy += std::log(y);
        sxx += std::log(x) * std::log(x);
        sxy += std::log(x) * std::log(y);
    }
    const double n = static_cast<double>(points.size());
    return (n * sxy - sx * sy) / (n * sxx - sx * sx);
}

/// " (cv 3%)" when the benchmark was repeated.
std::string noise(const Result& result) {
    return result.repetitions > 1 ? format(" ±%.0f%%", result.cv * 100) : std::string();
}

/// The plan rows for one catalog: closures of 100, 1,000 and 10,000 items; with `check_targets`,
/// checked against the latency targets.
void plan_rows(const std::map<std::string, Result>& results, const std::string& prefix,
               const std::string& label, std::vector<Row>& rows, bool check_targets = true) {
    const std::pair<const char*, double> targets[] = {
        {"closure-100", 0}, {"closure-1000", 5}, {"closure-10000", 50}};
    for (const auto& [bundle, target] : targets) {
        auto found = results.find(prefix + bundle);
        if (found == results.end()) {
            continue;
        }
        const Result& r = found->second;
        Row row;
        row.what = std::string("plan ") + bundle + " (" + label + ")";
        if (!r.error.empty()) {
            row.measured = r.error;
        } else {
            const auto counter = [&](const char* key) {
                auto at = r.counters.find(key);
                return at == r.counters.end() ? 0.0 : at->second;
            };
            row.measured = format("%.2f ms%s; %.0f items, %.0f nodes%s", r.real_ms,
                                  noise(r).c_str(), counter("plan_items"), counter("search_nodes"),
                                  counter("optimal") > 0 ? "" : ", not proven optimal");
            if (counter("failed") > 0) {
                row.measured = format("%.0f ms%s until it failed: no plan within the node bound",
                                      r.real_ms, noise(r).c_str());
            }
        }
        if (check_targets && target > 0) {
            const auto failed = r.counters.find("failed");
            row.target = format("≤ %.0f ms", target);
            row.verdict = r.error.empty() && (failed == r.counters.end() || failed->second == 0) &&
                                  r.real_ms <= target
                              ? "yes"
                              : "NO";
        }
        rows.push_back(row);
    }
}

}  // namespace

/// Reads the inputs and prints the table (and the curve, with --tsv).
int main(int argc, char** argv) {
    std::vector<std::string> results_paths;
    std::string memory_path, tsv_path, load;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string arg = argv[i];
        if (arg == "--results") {
            results_paths.push_back(argv[i + 1]);
        } else if (arg == "--memory") {
            memory_path = argv[i + 1];
        } else if (arg == "--tsv") {
            tsv_path = argv[i + 1];
        } else if (arg == "--load") {
            load = argv[i + 1];
        }
    }
    if (results_paths.empty()) {
        std::cerr << "usage: bench_summary --results FILE.json [--memory FILE] [--tsv FILE] "
                     "[--load LOADAVG]\n";
        return 2;
    }
    std::map<std::string, Result> results;
    for (const std::string& path : results_paths) {
        read_results(path, results);
    }
    const auto memory = memory_path.empty() ? std::map<long, Memory>{} : read_memory(memory_path);
    auto get = [&](const std::string& name) -> const Result* {
        auto found = results.find(name);
        return found == results.end() || !found->second.error.empty() ? nullptr : &found->second;
    };

    // The scaling sweep: every catalog size with all four load measures.
    struct Point {
        long items;
        double bytes, events, yaml, load, lint, peak_mib;
    };
    std::vector<Point> curve;
    for (const auto& [name, result] : results) {
        if (name.rfind("lint/", 0) != 0) {
            continue;
        }
        const std::string size = name.substr(5);
        const Result* events = get("yaml_events/" + size);
        const Result* yaml = get("yaml_cpp/" + size);
        const Result* loaded = get("load/" + size);
        if (!events || !yaml || !loaded || !result.error.empty()) {
            continue;
        }
        const long items = std::atol(size.c_str());
        auto peak = memory.find(items);
        curve.push_back(
            {items,
             result.counters.count("catalog_bytes") ? result.counters.at("catalog_bytes") : 0,
             events->real_ms, yaml->real_ms, loaded->real_ms, result.real_ms,
             peak == memory.end() ? 0 : peak->second.maxrss_kib / 1024});
    }
    std::sort(curve.begin(), curve.end(),
              [](const Point& a, const Point& b) { return a.items < b.items; });

    std::vector<Row> rows;
    if (!curve.empty()) {
        double worst = 0;
        long worst_at = 0;
        for (const Point& p : curve) {
            if (p.lint / p.yaml > worst) {
                worst = p.lint / p.yaml;
                worst_at = p.items;
            }
        }
        const Point& largest = curve.back();
        rows.push_back({"load + lint ÷ bare yaml-cpp (LoadFile + walk)",
                        format("%.2f× at %ld items; worst %.2f× (%ld items)",
                               largest.lint / largest.yaml, largest.items, worst, worst_at),
                        "≤ 1.5×", worst <= 1.5 ? "yes" : "NO"});
        rows.push_back({"load + lint ÷ yaml-cpp event parse (no tree)",
                        format("%.2f× at %ld items", largest.lint / largest.events, largest.items),
                        "(floor)", ""});
        // Linearity: the exponent of a power-law fit over every size, and the per-item cost.
        std::vector<std::pair<double, double>> lint, yaml, events;
        for (const Point& p : curve) {
            lint.emplace_back(static_cast<double>(p.items), p.lint);
            yaml.emplace_back(static_cast<double>(p.items), p.yaml);
            events.emplace_back(static_cast<double>(p.items), p.events);
        }
        const Point& smallest = curve.front();
        const double k = growth_exponent(lint);
        rows.push_back({"load + lint growth: time ∝ items^k, fit over all sizes",
                        format("k = %.3f (yaml-cpp %.3f, events %.3f); %.0f → %.0f µs/item", k,
                               growth_exponent(yaml), growth_exponent(events),
                               smallest.lint * 1000 / static_cast<double>(smallest.items),
                               largest.lint * 1000 / static_cast<double>(largest.items)),
                        "linear (k ≤ 1.10)",
                        curve.size() < 3 ? "too few sizes"
                        : k <= 1.10      ? "yes"
                                         : "NO"});
    }
    if (!memory.empty()) {
        const auto& [items, m] = *memory.rbegin();
        std::vector<std::pair<double, double>> peaks;
        for (const auto& [n, point] : memory) {
            peaks.emplace_back(point.items, point.maxrss_kib);
        }
        const double k = growth_exponent(peaks);
        rows.push_back(
            {format("peak memory, %ld-item catalog loaded", items),
             format("%.0f MiB (%.2f KiB/item)", m.maxrss_kib / 1024, m.maxrss_kib / m.items),
             items >= 200000 ? "≤ 1024 MiB" : "≤ 1024 MiB (at 200,000)",
             items < 200000                ? "not measured"
             : m.maxrss_kib <= 1024 * 1024 ? "yes"
                                           : "NO"});
        rows.push_back({"peak memory growth: RSS ∝ items^k, fit over all sizes",
                        format("k = %.3f", k), "linear (k ≤ 1.10)",
                        peaks.size() < 3 ? "too few sizes"
                        : k <= 1.10      ? "yes"
                                         : "NO"});
    }
    plan_rows(results, "plan/", "generated shape, default bounds", rows);
    plan_rows(results, "plan_thorough/", "generated shape, --thorough: the cost of proofs", rows,
              false);
    plan_rows(results, "plan_greedy/", "generated shape, first plan: --max-search-nodes 1", rows);
    plan_rows(results, "plan_floor/", "single-option shape", rows);
    if (const Result* r = get("plan/child-birth")) {
        const double rate = r->counters.count("plans_per_s") ? r->counters.at("plans_per_s") : 0;
        rows.push_back(
            {"plan child-birth, varied facts, 1 thread",
             format("%.0f plans/s (%.1f µs each)%s", rate, r->real_ms * 1000, noise(*r).c_str()),
             "≥ 20,000 plans/s", rate >= 20000 ? "yes" : "NO"});
    }
    for (const auto& [name, result] : results) {
        if (name.rfind("plan/child-birth/", 0) == 0 && result.error.empty()) {
            // Google Benchmark divides the wall time by the iterations of all threads together.
            const double rate = 1000 / result.real_ms;
            rows.push_back({format("plan child-birth, %d threads at once", result.threads),
                            format("%.0f plans/s in all (%.1f µs per plan per thread)", rate,
                                   result.real_ms * 1000 * result.threads),
                            "", ""});
        }
    }
    for (const auto& [name, result] : results) {
        if (name.rfind("plan_everyday/", 0) == 0 && result.error.empty() &&
            result.counters.count("bundles") && result.counters.at("bundles") > 0) {
            const double bundles = result.counters.at("bundles");
            const double items =
                result.counters.count("plan_items") ? result.counters.at("plan_items") : 0;
            rows.push_back({"plan everyday bundles, " + name.substr(14),
                            format("%.3f ms per plan%s; %.0f bundles, %.1f items on average",
                                   result.real_ms / bundles, noise(result).c_str(), bundles, items),
                            "", ""});
        }
    }
    for (const char* what : {"form", "answers", "dispatch"}) {
        for (const char* bundle : {"closure-100", "closure-1000", "closure-10000"}) {
            if (const Result* r = get(std::string(what) + "/" + bundle)) {
                const double asked =
                    r->counters.count("asked_fields") ? r->counters.at("asked_fields") : 0;
                rows.push_back({std::string(what) + " " + bundle,
                                format("%.2f ms%s", r->real_ms, noise(*r).c_str()) +
                                    (asked > 0 ? format(" (%.0f asked fields)", asked) : ""),
                                "", ""});
            }
        }
    }
    if (!load.empty()) {
        std::cout << "load average when the benchmarks started: " << load << "\n\n";
    }
    print_table(rows);
    if (!curve.empty()) {
        std::cout << "\n| items | MB | yaml events ms | yaml-cpp ms | load ms | lint ms | "
                     "lint ÷ yaml-cpp | lint µs/item | peak MiB |\n"
                     "|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n";
        for (const Point& p : curve) {
            std::cout << format("| %ld | %.1f | %.0f | %.0f | %.0f | %.0f | %.2f | %.1f | %.0f |\n",
                                p.items, p.bytes / 1e6, p.events, p.yaml, p.load, p.lint,
                                p.lint / p.yaml, p.lint * 1000 / static_cast<double>(p.items),
                                p.peak_mib);
        }
    }
    if (!tsv_path.empty()) {
        std::ofstream tsv(tsv_path);
        tsv << "# items\tbytes\tyaml_events_ms\tyaml_cpp_ms\tload_ms\tlint_ms\tpeak_mib\n";
        for (const Point& p : curve) {
            tsv << p.items << '\t' << p.bytes << '\t' << p.events << '\t' << p.yaml << '\t'
                << p.load << '\t' << p.lint << '\t' << p.peak_mib << '\n';
        }
    }
    return 0;
}
