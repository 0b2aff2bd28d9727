#pragma once
// Strings as stap's runtime makes them: escapes in literals, printf's conversions
// (runtime/vsprintf.c), MAXSTRINGLEN truncation.

#include <optional>
#include <span>
#include <string>

#include "probe/run/Value.h"

namespace kctx::probe {

// A literal's text with its escapes (\n \t \\ \" \a \b \f \r \v, octal \NNN, hex \xHH)
// turned into the bytes they name.
[[nodiscard]] std::string unescape(const std::string& raw);

// printf's result for `format` (already unescaped) and its arguments; nullopt with
// `error` set when an argument is missing or of the wrong type.
[[nodiscard]] std::optional<std::string> format_printf(const std::string& format, std::span<const Value> args,
						       std::string& error);

}  // namespace kctx::probe
