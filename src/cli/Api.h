// `kctx api [PATTERN]`: the functions, macros and headers a module or a program can use,
// from the tables the compiler itself reads (abi/ApiIndex.h, abi/Headers.def).
#pragma once

#include <string>

#include "abi/Builtins.h"
#include "cli/Options.h"

namespace kctx::cli {

// Prints the matching entries; 0 when something matched, 1 when nothing did.
[[nodiscard]] int api_command(const ApiOptions& opts);
// docs/api.md: both worlds' functions, macros and headers as Markdown tables.
[[nodiscard]] std::string api_markdown_document();

}  // namespace kctx::cli
