// `onething guide --interactive`: the guide's questions asked one at a time on a terminal.
#pragma once

#include <iosfwd>

#include "common.hpp"
#include "onething/catalog.hpp"

namespace onething::cli {

/// Asks the invocation's bundle's questions one at a time on `in`/`out` (a terminal, or piped
/// lines): a default is taken with Enter, `<` goes back one question, `q` stops; each answer
/// re-plans. Ends with the plan and the facts as a facts file, written to -o FILE or to a path
/// typed at the end. Returns the exit status (1 when the input ends or stops first).
int run_interactive_guide(const Catalog& catalog, const Request& request,
                          const Invocation& invocation, std::istream& in, std::ostream& out);

}  // namespace onething::cli
