// Exceptions thrown for API misuse and fatal errors; each carries a code and a location.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "onething/diagnostic.hpp"

namespace onething {

/// Base of every exception the library throws; `what()` is the formatted first diagnostic.
class Error : public std::runtime_error {
  public:
    /// Wraps one or more diagnostics (at least one).
    explicit Error(std::vector<Diagnostic> diagnostics);
    /// Convenience: one error with a code, a message and an optional location.
    Error(std::string code, std::string message, Location location = {});
    /// The code of the first diagnostic.
    const std::string& code() const { return diagnostics_.front().code; }
    /// The location of the first diagnostic.
    const Location& location() const { return diagnostics_.front().location; }
    /// Every diagnostic carried.
    const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

  private:
    std::vector<Diagnostic> diagnostics_;
};

/// Bad input from the user (facts, answers, an unknown bundle id): exit status 2 in the CLI.
class InputError : public Error {
  public:
    using Error::Error;
};

/// The rules cannot give a plan (a cycle, a material nobody can provide, a deferral conflict):
/// exit status 1 in the CLI.
class PlanError : public Error {
  public:
    using Error::Error;
};

/// A file could not be read (missing, unreadable): exit status 2 in the CLI.
class IoError : public Error {
  public:
    using Error::Error;
};

}  // namespace onething
