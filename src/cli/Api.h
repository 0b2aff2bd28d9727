// `kctx api [PATTERN]`: the functions, macros and headers a module or a program can use,
// from the tables the compiler itself reads (abi/ApiIndex.h, abi/Headers.def).
#pragma once

#include <string>

#include "abi/Builtins.h"

namespace kctx::cli {

struct ApiOptions {
	std::string pattern;     // a glob (spin_*) or a substring (kstrto)
	bool user = false;       // the programs' libc instead of the kernel's API
	bool headers = false;    // list the #include names instead
	bool markdown = false;   // one Markdown table (docs/api.md is this for both worlds)
};

// Prints the matching entries; 0 when something matched, 1 when nothing did.
[[nodiscard]] int api_command(const ApiOptions& opts);
// docs/api.md: both worlds' functions, macros and headers as Markdown tables.
[[nodiscard]] std::string api_markdown_document();

}  // namespace kctx::cli
