// The parser: preprocessed tokens to the typed AST of a translation unit. It keeps the
// scopes (names, typedefs, tags) and calls Sema for each construct. After an error it
// resynchronizes at the next ';' or '}' and goes on, up to kMaxErrors errors.
#pragma once

#include "abi/Builtins.h"
#include "base/Diagnostic.h"
#include "lang/Ast.h"
#include "lang/Token.h"
#include <optional>
#include <vector>

#include "lang/Type.h"

namespace kctx::lang {

// Parses `tokens` (the preprocessor's output) into `unit`. Returns false if any error
// was reported.
// `have_prelude` says whether a known header was included (if not, an undeclared name
// gets a hint to include one).
[[nodiscard]] bool parse(TokenList tokens, abi::World world, TypeContext& types, Unit& unit, DiagnosticSink& diags,
			 bool have_prelude = true);

// The translation units of a composite module, concatenated (lang/Compiler.cpp): where
// each unit after the first starts in `tokens`, and the prelude's file, whose
// declarations every unit shares. At each start the file scope forgets the previous
// unit's tags, typedefs, enumerators and statics, and keeps its external functions and
// objects, as the linker joins separately compiled files.
struct UnitBoundaries {
	std::vector<size_t> starts;
	std::optional<uint32_t> prelude_file;
};
[[nodiscard]] bool parse(TokenList tokens, abi::World world, TypeContext& types, Unit& unit, DiagnosticSink& diags,
			 bool have_prelude, const UnitBoundaries& units);

}  // namespace kctx::lang
