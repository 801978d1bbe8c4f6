// Generates a synthetic national catalog of a given size, deterministic by seed
// (docs/performance.md).
//
//   generate_catalog --items N [--seed S] [--multi-producers PERCENT] [--paper-or-inside yes|no]
//                    --out DIR
//
// Writes DIR/facts.yaml, fields.yaml, materials.yaml, items/<department>.yaml and bundles.yaml.
// Shape: departments; items in layers whose outputs (materials, fields) feed later layers; some
// materials with several producers; `any_of` needs (mostly e-licence vs paper, some paper vs a
// document produced inside the bundle); conditions over a few facts, all with defaults; a shared
// data dictionary with `source: shared` fields; everyday bundles of a few goals; and bundles
// `closure-100`, `closure-1000`, `closure-10000` whose plans hold about that many items.
//
// This file is the command line; the generator itself is in bench/generator/.
#include <charconv>
#include <cstdint>
#include <iostream>
#include <string>
#include <string_view>
#include <system_error>

#include "generator/generator.hpp"

namespace {

/// Parses a whole unsigned number; false when `text` is not one.
bool parse_number(std::string_view text, std::uint64_t& value) {
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    return error == std::errc{} && end == text.data() + text.size();
}

/// Prints the usage and returns the usage exit status.
int usage() {
    std::cerr << "usage: generate_catalog --items N [--seed S] [--multi-producers PERCENT]\n"
                 "                        [--paper-or-inside yes|no] --out DIR\n"
                 "  N from 1000 to 200000; PERCENT of produced documents with 2-3 producers "
                 "(default 10);\n"
                 "  --paper-or-inside no: needs of a document produced inside the bundle offer no "
                 "paper alternative\n";
    return 2;
}

}  // namespace

/// Reads the options, generates and writes the catalog.
int main(int argc, char** argv) {
    std::uint64_t items = 0, seed = 1, multi_producers = 10;
    bool paper_or_inside = true;
    std::string out;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (i + 1 >= argc) {
            return usage();
        }
        const std::string_view value = argv[++i];
        if (arg == "--items" && parse_number(value, items)) {
            continue;
        }
        if (arg == "--seed" && parse_number(value, seed)) {
            continue;
        }
        if (arg == "--multi-producers" && parse_number(value, multi_producers) &&
            multi_producers <= 100) {
            continue;
        }
        if (arg == "--paper-or-inside" && (value == "yes" || value == "no")) {
            paper_or_inside = value == "yes";
            continue;
        }
        if (arg == "--out") {
            out = value;
            continue;
        }
        return usage();
    }
    if (items < 1000 || items > 200000 || out.empty()) {
        return usage();
    }
    onething::bench::Generator generator(items, seed, static_cast<double>(multi_producers) / 100.0,
                                         paper_or_inside);
    generator.build();
    generator.write(out);
    generator.summary(std::cerr);
    return 0;
}
