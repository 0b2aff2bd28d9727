// The parser: preprocessed tokens to the typed AST of a translation unit. It keeps the
// scopes (names, typedefs, tags) and calls Sema for each construct. After an error it
// resynchronizes at the next ';' or '}' and goes on, up to kMaxErrors errors.
#pragma once

#include "abi/Builtins.h"
#include "base/Diagnostic.h"
#include "lang/Ast.h"
#include "lang/Token.h"
#include "lang/Type.h"

namespace kctx::lang {

// Parses `tokens` (the preprocessor's output) into `unit`. Returns false if any error
// was reported.
// `have_prelude` says whether a known header was included (if not, an undeclared name
// gets a hint to include one).
[[nodiscard]] bool parse(TokenList tokens, abi::World world, TypeContext& types, Unit& unit, DiagnosticSink& diags,
			 bool have_prelude = true);

}  // namespace kctx::lang
