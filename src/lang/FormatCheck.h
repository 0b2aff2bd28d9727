// gcc's -Wformat checks of calls to printf-like functions (gcc/c-family/c-format.cc):
// each conversion of a literal format against the argument it consumes, as a kernel
// build with gcc 12 reports them:
//
//   m.c:9:22: warning: format '%d' expects argument of type 'int', but argument 2 has type 'long int' [-Wformat=]
//   m.c:9:17: warning: too many arguments for format [-Wformat-extra-args]
//
// The functions are those Linux and glibc declare with __attribute__((format(printf,
// F, A))): printk, seq_printf, sprintf, snprintf, _dev_printk (dev_info ...), printf ...
// The kernel's %p extensions (%pS, %pK, %pI4, ...) are checked as gcc checks them under
// the kernel's __printf(): a %p, which takes a pointer, followed by ordinary characters.
#pragma once

#include <string_view>
#include <vector>

#include "base/Diagnostic.h"
#include "lang/Ast.h"

namespace kctx::lang {

// A call about to be checked: the callee's name, its arguments converted (variadic ones
// promoted), and the unit that holds the string literals' source maps.
struct FormatCall {
	std::string_view callee;
	const std::vector<Expr*>& args;
	const Unit& unit;
};

// Reports the format's mismatches as warnings; does nothing for a function without a
// format attribute or a format that is not a string literal.
void check_format(const FormatCall& call, DiagnosticSink& diags);

// A type as gcc names it in these messages: 'long int', 'long unsigned int', 'char *'.
[[nodiscard]] std::string gcc_type_name(const Type* t);

}  // namespace kctx::lang
