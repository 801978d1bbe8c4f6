// The warnings among a response's notes, as the service and the C API send them beside the
// answer: what the command line prints on standard error, without its "warning: ".
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace onething::detail {

/// How a warning among a response's notes starts, as the command line prints it.
inline constexpr std::string_view warning_prefix = "warning: ";

/// The text of `note` without its "warning: " when it is a warning; nullopt for advice.
std::optional<std::string_view> warning_in(std::string_view note);

/// The text of each warning among `notes` (the command line's lines on standard error), in
/// order, without its "warning: "; advice that is no warning is left out.
std::vector<std::string_view> warnings_among(const std::vector<std::string>& notes);
/// Refused: the views would outlive the notes they point into.
std::vector<std::string_view> warnings_among(std::vector<std::string>&& notes) = delete;

}  // namespace onething::detail
