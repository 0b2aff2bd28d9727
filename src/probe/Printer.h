#pragma once
// The parse-tree dump of `stap -p1`, byte for byte: every operand parenthesized,
// one statement a line ending in `;`, preprocessor and arguments resolved.

#include <string>

#include "probe/Ast.h"

namespace kctx::probe {

// "# parse tree dump\n# file NAME\n" and the script.
[[nodiscard]] std::string print_parse_tree(const Script& script);

[[nodiscard]] std::string print_expr(const Expr& e);
[[nodiscard]] std::string print_stmt(const Stmt& s);
// One probe point as written: `timer.ms(100)`, `kernel.function("f").return?`.
[[nodiscard]] std::string print_point(const ProbePoint& pp);

}  // namespace kctx::probe
