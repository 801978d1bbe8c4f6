// Plans the child-birth bundle of the shipped catalog and prints its after-metrics.
// Usage: cpp_consumer <rules folder>, e.g. <prefix>/share/onething/rules.
#include <iostream>
#include <string>
#include <vector>

#include <onething/onething.hpp>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: cpp_consumer <rules folder>\n";
        return 2;
    }
    try {
        // Load and check every rule file under the folder; diagnostics instead of exceptions.
        const std::vector<std::string> paths{argv[1]};
        onething::LoadResult loaded = onething::load_catalog(paths);
        for (const onething::Diagnostic& diagnostic : loaded.diagnostics) {
            std::cerr << onething::format_diagnostic(diagnostic) << '\n';
        }
        if (!loaded.ok()) {
            return 1;
        }
        const onething::Catalog& catalog = loaded.catalog;

        // The applicant's facts, typed as the catalog declares them.
        const onething::Facts facts{{"mother.maternity_insured", true},
                                    {"parents.hukou_local", true}};
        const onething::Plan plan = onething::make_plan(catalog, "child-birth", facts);

        std::cout << "onething " << onething::version_string << ", bundle " << plan.bundle << ", "
                  << plan.items.size() << " items\nmetric: before -> after\n";
        for (onething::Metric metric : onething::all_metrics) {
            std::cout << onething::metric_name(metric) << ": " << plan.before.get(metric) << " -> "
                      << plan.after.get(metric) << '\n';
        }
        return 0;
    } catch (const onething::Error& error) {
        for (const onething::Diagnostic& diagnostic : error.diagnostics()) {
            std::cerr << onething::format_diagnostic(diagnostic) << '\n';
        }
        // As the command line: rules that give no plan are 1; bad input (an unknown bundle, a
        // bad fact) and a path that cannot be read are 2.
        return dynamic_cast<const onething::PlanError*>(&error) != nullptr ? 1 : 2;
    }
}
