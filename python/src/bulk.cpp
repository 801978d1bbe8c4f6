// Bulk runs: each thread keeps one Request whose facts it rewrites in place row by row (map
// nodes parked and reused, so a row allocates nothing for its facts) and asks the request layer
// for the plan's figures; figures go straight into NumPy arrays, errors into a short list.
#include "bulk.hpp"

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <exception>
#include <limits>
#include <memory>
#include <new>
#include <optional>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include "catalog.hpp"
#include "convert.hpp"
#include "errors.hpp"
#include "onething/error.hpp"

namespace onething::python {
namespace {

/// How a column holds its values.
enum class Kind { boolean, integer, real, date, category, object };

/// One fact column of the rows being planned, readable without the GIL.
struct Column {
    std::string fact;                     ///< the fact id
    Kind kind = Kind::object;             ///< how the values are held
    const void* values = nullptr;         ///< bool, int64 or double values (row 0 of the chunk)
    const bool* mask = nullptr;           ///< true where missing (bool, integer, date), or null
    const std::int64_t* codes = nullptr;  ///< category codes (row 0 of the chunk)
    std::vector<Cell> cells;              ///< object: one per row of the chunk
    /// category: one per category, read once per run (plan_rows' `cells`)
    std::shared_ptr<const std::vector<Cell>> categories;
    bool integer_fact = false;  ///< the fact is declared an int (floats with no fraction fit)
};

/// The kind named `name`.
Kind kind_of(const std::string& name) {
    if (name == "bool")
        return Kind::boolean;
    if (name == "int")
        return Kind::integer;
    if (name == "float")
        return Kind::real;
    if (name == "date")
        return Kind::date;
    if (name == "category")
        return Kind::category;
    if (name == "object")
        return Kind::object;
    throw py::value_error("unknown column kind '" + name + "'");
}

/// The array `object` as a 1-D C-contiguous array of T with at least `rows` entries.
template <typename T>
py::array_t<T> checked_array(py::handle object, std::size_t rows, const std::string& what) {
    if (!py::isinstance<py::array_t<T>>(object)) {
        throw py::type_error(what + ": expected a NumPy array of " +
                             py::str(py::dtype::of<T>()).cast<std::string>());
    }
    auto array = py::reinterpret_borrow<py::array_t<T>>(object);
    if (array.ndim() != 1 || (array.flags() & py::array::c_style) == 0 ||
        static_cast<std::size_t>(array.shape(0)) < rows) {
        throw py::value_error(what + ": expected a contiguous 1-D array of " +
                              std::to_string(rows) + " entries or more");
    }
    return array;
}

/// The facts of one thread's request, rewritten in place: column i's map node is in the map
/// while the row has a value for it, parked (extracted) while it has none.
class RowFacts {
  public:
    /// Nodes for the columns' facts, all parked.
    RowFacts(Facts& facts, const std::vector<Column>& columns) : facts_(facts) {
        facts_.clear();
        for (const Column& column : columns) {
            auto [at, inserted] = facts_.emplace(column.fact, false);
            parked_.push_back(facts_.extract(at));
            live_.push_back(facts_.end());
        }
    }
    /// Sets column i's fact to `value`.
    template <typename V>
    void set(std::size_t i, V&& value) {
        if (live_[i] == facts_.end()) {
            parked_[i].mapped() = std::forward<V>(value);
            live_[i] = facts_.insert(std::move(parked_[i])).position;
        } else {
            live_[i]->second = std::forward<V>(value);
        }
    }
    /// Leaves column i's fact unanswered.
    void clear(std::size_t i) {
        if (live_[i] != facts_.end()) {
            parked_[i] = facts_.extract(live_[i]);
            live_[i] = facts_.end();
        }
    }

  private:
    Facts& facts_;                          ///< the request's facts
    std::vector<Facts::node_type> parked_;  ///< per column: its node while not in the map
    std::vector<Facts::iterator> live_;     ///< per column: its entry, or end()
};

/// Puts column `i`'s value of chunk row `row` into `facts`; the message when it has none.
const std::string* apply(const Column& column, std::size_t i, std::size_t row, RowFacts& facts) {
    if (column.mask != nullptr && column.mask[row]) {
        facts.clear(i);
        return nullptr;
    }
    switch (column.kind) {
        case Kind::boolean:
            facts.set(i, static_cast<const bool*>(column.values)[row]);
            return nullptr;
        case Kind::integer:
            facts.set(i, static_cast<const std::int64_t*>(column.values)[row]);
            return nullptr;
        case Kind::real: {
            const double number = static_cast<const double*>(column.values)[row];
            if (std::isnan(number)) {
                facts.clear(i);
            } else if (const auto whole =
                           column.integer_fact ? whole_int64(number) : std::nullopt) {
                facts.set(i, *whole);
            } else {
                facts.set(i, number);
            }
            return nullptr;
        }
        case Kind::date:  // checked when the column was read: a day of the years 0000 to 9999
            facts.set(i, *date_from_days(static_cast<const std::int64_t*>(column.values)[row]));
            return nullptr;
        case Kind::category:
        case Kind::object: {
            const std::int64_t code =
                column.kind == Kind::category ? column.codes[row] : static_cast<std::int64_t>(row);
            if (code < 0) {
                facts.clear(i);
                return nullptr;
            }
            const Cell& cell = column.kind == Kind::category
                                   ? (*column.categories)[static_cast<std::size_t>(code)]
                                   : column.cells[static_cast<std::size_t>(code)];
            if (cell.state == Cell::State::missing) {
                facts.clear(i);
            } else if (cell.state == Cell::State::value) {
                facts.set(i, cell.value);
            } else {
                return &cell.error;
            }
            return nullptr;
        }
    }
    return nullptr;
}

/// The output arrays of a bulk run, checked.
struct Output {
    std::int64_t* counts = nullptr;  ///< 10 x rows
    double* days = nullptr;          ///< 2 x rows
    std::int64_t* items = nullptr;   ///< rows
    bool* optimal = nullptr;         ///< rows
    bool* failed = nullptr;          ///< rows
    std::size_t rows = 0;            ///< the frame's rows
};

/// The arrays of `out`, checked against `rows`.
Output output_of(py::dict out) {
    Output output;
    auto items = checked_array<std::int64_t>(out["items"], 0, "out['items']");
    output.rows = static_cast<std::size_t>(items.shape(0));
    auto counts = py::reinterpret_borrow<py::array_t<std::int64_t>>(out["counts"]);
    auto days = py::reinterpret_borrow<py::array_t<double>>(out["days"]);
    if (!py::isinstance<py::array_t<std::int64_t>>(out["counts"]) || counts.ndim() != 2 ||
        counts.shape(0) != 10 || static_cast<std::size_t>(counts.shape(1)) != output.rows ||
        (counts.flags() & py::array::c_style) == 0) {
        throw py::value_error("out['counts']: expected a contiguous int64 array of 10 x rows");
    }
    if (!py::isinstance<py::array_t<double>>(out["days"]) || days.ndim() != 2 ||
        days.shape(0) != 2 || static_cast<std::size_t>(days.shape(1)) != output.rows ||
        (days.flags() & py::array::c_style) == 0) {
        throw py::value_error("out['days']: expected a contiguous float64 array of 2 x rows");
    }
    output.counts = counts.mutable_data();
    output.days = days.mutable_data();
    output.items = items.mutable_data();
    output.optimal =
        checked_array<bool>(out["optimal"], output.rows, "out['optimal']").mutable_data();
    output.failed = checked_array<bool>(out["failed"], output.rows, "out['failed']").mutable_data();
    return output;
}

/// The count metrics, in the order of the "counts" array.
constexpr Metric count_metrics[] = {Metric::steps, Metric::forms, Metric::fields, Metric::materials,
                                    Metric::visits};

/// Writes row `row`'s figures.
void write_figures(const Output& out, std::size_t row, const PlanFigures& figures) {
    for (std::size_t k = 0; k < 5; ++k) {
        out.counts[k * out.rows + row] =
            static_cast<std::int64_t>(std::llround(figures.before.get(count_metrics[k])));
        out.counts[(k + 5) * out.rows + row] =
            static_cast<std::int64_t>(std::llround(figures.after.get(count_metrics[k])));
    }
    out.days[row] = figures.before.days;
    out.days[out.rows + row] = figures.after.days;
    out.items[row] = static_cast<std::int64_t>(figures.items);
    out.optimal[row] = figures.optimal;
    out.failed[row] = false;
}

/// Marks row `row` as failed: no figures.
void write_failure(const Output& out, std::size_t row) {
    for (std::size_t k = 0; k < 10; ++k) {
        out.counts[k * out.rows + row] = 0;
    }
    out.days[row] = std::numeric_limits<double>::quiet_NaN();
    out.days[out.rows + row] = std::numeric_limits<double>::quiet_NaN();
    out.items[row] = 0;
    out.optimal[row] = false;
    out.failed[row] = true;
}

/// Rows handed to a thread at a time.
constexpr std::size_t block_rows = 64;

}  // namespace

py::list plan_rows(const PyCatalog& catalog, const TextArgument& bundle_argument, py::list columns,
                   std::size_t offset, std::size_t count, py::dict out, std::size_t threads,
                   py::handle max_search_nodes, py::handle max_search_work, py::handle thorough,
                   py::handle as_of, py::handle cells) {
    const std::string bundle = text_argument(bundle_argument, "bundle");
    if (!cells.is_none() && !py::isinstance<py::dict>(cells)) {
        throw py::type_error("cells: expected a dict or None");
    }
    // Every row is planned on one day, in the catalog's version of that day.
    const std::optional<Date> day = day_from_python(as_of);
    const Catalog& on_day = catalog.catalog().as_of(day ? *day : Date::today());
    const PlanOptions search = search_options(max_search_nodes, max_search_work, thorough);
    const Output output = output_of(out);
    if (offset > output.rows || count > output.rows - offset) {
        throw py::value_error("rows " + std::to_string(offset) + ".." +
                              std::to_string(offset + count) + " are outside the output arrays");
    }
    if (threads < 1) {
        throw py::value_error("threads must be 1 or more");
    }
    // The columns, read into what threads can use without the GIL (the arrays stay referenced
    // by `columns` until this returns).
    std::vector<Column> read;
    for (py::handle entry : columns) {
        auto tuple = py::reinterpret_borrow<py::tuple>(entry);
        Column column;
        column.fact = tuple[0].cast<std::string>();
        column.kind = kind_of(tuple[1].cast<std::string>());
        const Fact* declared = on_day.find_fact(column.fact);
        column.integer_fact = declared != nullptr && declared->type == FactType::integer;
        const std::string what = "column '" + column.fact + "'";
        const std::size_t end = offset + count;
        if (!tuple[3].is_none()) {
            column.mask = checked_array<bool>(tuple[3], end, what + " mask").data() + offset;
        }
        switch (column.kind) {
            case Kind::boolean:
                column.values = checked_array<bool>(tuple[2], end, what).data() + offset;
                break;
            case Kind::integer:
                column.values = checked_array<std::int64_t>(tuple[2], end, what).data() + offset;
                break;
            case Kind::date: {
                // The module hands over only days of the years a date is written in (a column
                // with others goes as objects, refused row by row, naming the value).
                const std::int64_t* days =
                    checked_array<std::int64_t>(tuple[2], end, what).data() + offset;
                for (std::size_t row = 0; row < count; ++row) {
                    if ((column.mask == nullptr || !column.mask[row]) &&
                        !date_from_days(days[row])) {
                        throw py::value_error(what + ": a day outside the years 0000 to 9999");
                    }
                }
                column.values = days;
                break;
            }
            case Kind::real:
                column.values = checked_array<double>(tuple[2], end, what).data() + offset;
                break;
            case Kind::category: {
                column.codes = checked_array<std::int64_t>(tuple[2], end, what).data() + offset;
                // Read in the run's first chunk and kept in `cells` (by fact id) for the others.
                const py::str key(column.fact);
                if (!cells.is_none() && cells.contains(key)) {
                    column.categories =
                        *py::reinterpret_borrow<py::capsule>(cells[key])
                             .get_pointer<std::shared_ptr<const std::vector<Cell>>>();
                } else {
                    auto read_cells = std::make_shared<std::vector<Cell>>();
                    for (py::handle category : py::reinterpret_borrow<py::list>(tuple[4])) {
                        read_cells->push_back(
                            cell_from_python(on_day, column.fact, category, true));
                    }
                    column.categories = read_cells;
                    if (!cells.is_none()) {
                        py::reinterpret_borrow<py::dict>(cells)[key] = py::capsule(
                            new std::shared_ptr<const std::vector<Cell>>(read_cells),
                            [](void* held) {
                                delete static_cast<std::shared_ptr<const std::vector<Cell>>*>(held);
                            });
                    }
                }
                for (std::size_t row = 0; row < count; ++row) {
                    if (column.codes[row] >= static_cast<std::int64_t>(column.categories->size())) {
                        throw py::value_error(what + ": a category code is out of range");
                    }
                }
                break;
            }
            case Kind::object: {
                auto objects = py::reinterpret_borrow<py::array>(tuple[2]);
                if (objects.dtype().kind() != 'O' || objects.ndim() != 1 ||
                    static_cast<std::size_t>(objects.shape(0)) < end) {
                    throw py::type_error(what + ": expected a 1-D NumPy array of objects");
                }
                column.cells.reserve(count);
                // Python values, read as plan() reads them: 60.0 is not an int here (a float
                // column's whole numbers are, as pandas stores integers with NaN as floats).
                for (std::size_t row = 0; row < count; ++row) {
                    column.cells.push_back(cell_from_python(
                        on_day, column.fact, objects[py::int_(offset + row)], false));
                }
                break;
            }
        }
        read.push_back(std::move(column));
    }

    std::vector<std::vector<std::pair<std::size_t, std::string>>> failures;
    std::optional<py::error_already_set> interrupt;  // what a signal's handler raised
    {
        py::gil_scoped_release unlocked;
        const std::size_t blocks = (count + block_rows - 1) / block_rows;
        const std::size_t workers = std::max<std::size_t>(1, std::min(threads, blocks));
        failures.resize(workers);
        std::atomic<std::size_t> next_block{0};
        std::vector<std::exception_ptr> crashed(workers);
        // Ctrl-C (or any signal a Python handler raises for) stops the chunk, however large:
        // the calling thread checks for it between its blocks, the others stop at their next.
        std::atomic<bool> interrupted{false};
        constexpr auto signal_check_interval = std::chrono::milliseconds(20);
        auto next_check = std::chrono::steady_clock::now() + signal_check_interval;
        auto work = [&](std::size_t worker) noexcept {
            try {
                auto& failed = failures[worker];
                Request request;
                request.operation = Operation::plan;
                request.bundle = bundle;
                request.search = search;
                RowFacts facts(request.facts, read);
                for (std::size_t block = next_block++; block < blocks && !interrupted;
                     block = next_block++) {
                    // At most every 20 ms: each check takes the GIL from other Python threads.
                    if (worker == 0 && std::chrono::steady_clock::now() >= next_check) {
                        next_check = std::chrono::steady_clock::now() + signal_check_interval;
                        const py::gil_scoped_acquire locked;
                        if (PyErr_CheckSignals() != 0) {
                            interrupt.emplace();  // takes the error the handler raised
                            interrupted = true;
                            break;
                        }
                    }
                    const std::size_t last = std::min(count, (block + 1) * block_rows);
                    for (std::size_t row = block * block_rows; row < last; ++row) {
                        const std::size_t at = offset + row;
                        // Every bad fact of the row, in column order, as plan() lists them.
                        std::string problems;
                        for (std::size_t i = 0; i < read.size(); ++i) {
                            if (const std::string* problem = apply(read[i], i, row, facts)) {
                                problems +=
                                    (problems.empty() ? "" : "; ") + *problem + " [invalid-fact]";
                            }
                        }
                        if (!problems.empty()) {
                            write_failure(output, at);
                            failed.emplace_back(at, std::move(problems));
                            continue;
                        }
                        try {
                            write_figures(output, at, plan_figures(on_day, request));
                        } catch (const Error& error) {
                            write_failure(output, at);
                            failed.emplace_back(at, short_text(error.diagnostics()));
                        } catch (const std::bad_alloc&) {
                            write_failure(output, at);
                            failed.emplace_back(at, "out of memory [out-of-memory]");
                        } catch (const std::exception& error) {
                            write_failure(output, at);
                            failed.emplace_back(at, std::string(error.what()) + " [internal]");
                        }
                    }
                }
            } catch (...) {
                crashed[worker] = std::current_exception();  // setting up the thread failed
            }
        };
        std::vector<std::thread> pool;
        pool.reserve(workers - 1);
        for (std::size_t worker = 1; worker < workers; ++worker) {
            try {
                pool.emplace_back(work, worker);
            } catch (const std::system_error&) {
                break;  // no more threads to be had (a process limit): the running ones take
                        // every block, as they take the blocks in turn
            }
        }
        work(0);
        for (std::thread& thread : pool) {
            thread.join();
        }
        for (const std::exception_ptr& crash : crashed) {
            if (crash) {
                std::rethrow_exception(crash);
            }
        }
    }
    if (interrupt) {
        throw std::move(*interrupt);  // KeyboardInterrupt, as Python raises it
    }
    std::vector<std::pair<std::size_t, std::string>> all;
    for (auto& failed : failures) {
        std::move(failed.begin(), failed.end(), std::back_inserter(all));
    }
    std::sort(all.begin(), all.end());
    py::list list;
    for (const auto& [row, message] : all) {
        list.append(py::make_tuple(row, message));
    }
    return list;
}

void check_bundle(const PyCatalog& catalog, const TextArgument& bundle, py::handle as_of) {
    const std::string id = text_argument(bundle, "bundle");
    const std::optional<Date> day = day_from_python(as_of);
    if (catalog.catalog().as_of(day ? *day : Date::today()).find_bundle(id) == nullptr) {
        // The guide of an unknown bundle fails with the engine's message and suggestion.
        catalog.answer(catalog.request(Operation::guide, bundle, py::none(), py::str("en"),
                                       PlanOptions{}, as_of));
    }
}

void check_fact(const PyCatalog& catalog, const TextArgument& fact_argument, py::handle as_of) {
    const std::string fact = text_argument(fact_argument, "fact");
    const std::optional<Date> day = day_from_python(as_of);
    const Catalog& on_day = catalog.catalog().as_of(day ? *day : Date::today());
    if (on_day.find_fact(fact) != nullptr) {
        return;
    }
    try {
        answered_facts(on_day, Facts{{fact, Value(false)}});
    } catch (const Error& error) {
        raise(ErrorKind::input, error.diagnostics());
    }
    raise(ErrorKind::input, {{Severity::error, "unknown-fact", "unknown fact '" + fact + "'", {}}});
}

namespace {

/// True when every item's durations in `catalog` (one version) are whole numbers.
bool whole_durations(const Catalog& catalog) {
    const auto whole = [](double days) { return days == std::floor(days); };
    return std::all_of(catalog.items().begin(), catalog.items().end(), [&](const Item& item) {
        return whole(item.duration_days) &&
               (!item.bundled_duration_days || whole(*item.bundled_duration_days));
    });
}

}  // namespace

bool whole_days(const PyCatalog& held) {
    const Catalog& catalog = held.catalog();
    // A dated catalog's own sections are one of its versions: each version is read once.
    if (catalog.versions().empty()) {
        return whole_durations(catalog);
    }
    return std::all_of(
        catalog.versions().begin(), catalog.versions().end(),
        [](const CatalogVersion& version) { return whole_durations(*version.catalog); });
}

}  // namespace onething::python
