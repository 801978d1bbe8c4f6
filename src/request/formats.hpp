// The registry of output formats: per operation, each format's name and its writer. The first
// format of each table is the operation's default.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "onething/form.hpp"
#include "onething/load.hpp"
#include "onething/plan.hpp"
#include "onething/report.hpp"
#include "onething/request.hpp"
#include "onething/testing.hpp"
#include "onething/whatif.hpp"

namespace onething::detail {

/// A named writer of one operation's result.
template <typename... Args>
struct Writer {
    std::string_view name;          ///< the format, as `--format` and `"format"` name it
    std::string (*write)(Args...);  ///< renders the result
};

/// Writers of a plan.
using PlanWriter = Writer<const Plan&, const Catalog&, std::string_view>;
/// Writers of the guide's questions.
using QuestionsWriter = Writer<const std::vector<Question>&, std::string_view>;
/// Writers of the merged form.
using FormWriter = Writer<const Form&, std::string_view>;
/// Writers of dispatched payloads.
using DispatchWriter = Writer<const std::vector<ItemPayload>&, DispatchGrouping>;
/// Writers of the catalog listing.
using ListWriter = Writer<const Catalog&, std::string_view>;
/// Writers of a lint run.
using LintWriter = Writer<const LoadResult&>;
/// Writers of a test run.
using TestWriter = Writer<const TestReport&>;
/// Writers of the catalog report.
using ReportWriter = Writer<const Report&, const Catalog&, std::string_view>;
/// Writers of the what-if analysis.
using WhatIfWriter = Writer<const WhatIf&, const Catalog&, std::string_view>;
/// Writers of the catalog in an exchange format.
using ExportWriter = Writer<const Catalog&>;
/// Writers of the rule format's schema.
using SchemaWriter = Writer<>;

/// The plan's formats.
std::span<const PlanWriter> plan_writers();
/// The guide's formats.
std::span<const QuestionsWriter> guide_writers();
/// The form's formats.
std::span<const FormWriter> form_writers();
/// The dispatch's formats.
std::span<const DispatchWriter> dispatch_writers();
/// The listing's formats.
std::span<const ListWriter> list_writers();
/// The lint's formats.
std::span<const LintWriter> lint_writers();
/// The test run's formats.
std::span<const TestWriter> test_writers();
/// The report's formats.
std::span<const ReportWriter> report_writers();
/// The what-if analysis's formats.
std::span<const WhatIfWriter> whatif_writers();
/// The export's formats.
std::span<const ExportWriter> export_writers();
/// The rule format schema's formats.
std::span<const SchemaWriter> schema_writers();

/// Throws InputError "unknown-format" naming `format` and the operation's formats; with a
/// `field`, located at the request and naming that field, as the JSON front ends' errors are.
[[noreturn]] void throw_unknown_format(Operation operation, std::string_view format,
                                       std::string_view field = {});

/// The writer named `format` in `writers`; "" names the first. Throws InputError
/// "unknown-format" listing the formats there are.
template <typename WriterType>
const WriterType& find_writer(std::span<const WriterType> writers, Operation operation,
                              std::string_view format) {
    for (const WriterType& writer : writers) {
        if (format.empty() || writer.name == format) {
            return writer;
        }
    }
    throw_unknown_format(operation, format);
}

}  // namespace onething::detail
