#pragma once
// The stap parser: preprocessed tokens to a Script.

#include "probe/Ast.h"
#include "probe/Errors.h"

namespace kctx::probe {

// Parses what it can; every error goes to `errors` (the script is usable only when
// none was added). Never throws, never loops: each error skips to the next
// top-level keyword.
[[nodiscard]] Script parse(const Tokens& tokens, const std::string& file_name, ScriptErrors& errors);

}  // namespace kctx::probe
