// Limits that keep the front end finite on any input: nesting depth (so no stage
// recurses without bound) and the number of errors reported before giving up.
#pragma once

#include <algorithm>
#include <cstdint>

#include "base/Diagnostic.h"

namespace kctx::lang {

// Nesting of parentheses, brackets, braces, statements and declarators.
inline constexpr uint32_t kMaxNesting = 256;
// Depth of an expression tree (a + a + ... chains nest on the left).
inline constexpr uint32_t kMaxExprDepth = 1024;
// Errors reported before the compiler stops ("too many errors emitted").
inline constexpr size_t kMaxErrors = 20;
// Tokens a translation unit may grow by through macro expansion (a macro bomb), beyond
// the tokens of the files it reads (themselves bounded by kMaxSourceBytes a file).
inline constexpr size_t kMaxTokens = 512u << 10;
// Macro expansions in one translation unit beyond one per token read (expansions to
// nothing multiply too).
inline constexpr uint64_t kMaxExpansions = 256u << 10;

// A program's or module's static data (globals, statics, string literals).
inline constexpr uint64_t kMaxDataBytes = 1ull << 31;

[[nodiscard]] inline size_t error_count(const DiagnosticSink& diags)
{
	return static_cast<size_t>(std::count_if(diags.all().begin(), diags.all().end(),
						 [](const Diagnostic& d) { return d.severity == Severity::Error; }));
}

}  // namespace kctx::lang
