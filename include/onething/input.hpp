// Reading the applicant's facts from files and `--fact id=value` assignments.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "onething/catalog.hpp"
#include "onething/limits.hpp"
#include "onething/load.hpp"
#include "onething/plan.hpp"

namespace onething {

/// Reads a YAML or JSON mapping from fact id to value, typed by the catalog's declarations;
/// a null value means "not answered". Throws InputError carrying every located problem.
Facts read_facts(const Catalog& catalog, const SourceFile& file, const Limits& limits = {});

/// Reads a facts file (YAML or JSON). Throws IoError when it cannot be read.
Facts read_facts_file(const Catalog& catalog, const std::string& path, const Limits& limits = {});

/// Parses `id=value` (true/false, decimal numbers, YYYY-MM-DD, text) into `facts`, replacing
/// an earlier value. Throws InputError (located at `--fact`) when it is malformed, names an
/// unknown fact or a value not of the fact's type.
void apply_fact_assignment(const Catalog& catalog, std::string_view assignment, Facts& facts);

/// Applies several `id=value` assignments (the `--fact` options) to `facts`, replacing values
/// read earlier (from a facts file). Throws InputError carrying every problem, one fact given
/// twice among the assignments included; `facts` is unchanged then.
void apply_fact_assignments(const Catalog& catalog, std::span<const std::string> assignments,
                            Facts& facts);

/// Reads a whole file; throws IoError when it cannot be read or is larger than `max_bytes`.
std::string read_input_file(const std::string& path, std::uint64_t max_bytes);

}  // namespace onething
