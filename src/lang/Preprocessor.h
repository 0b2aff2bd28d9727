// The preprocessor: directives, macro expansion and the known #includes (the prelude of
// the world). Produces the token list the parser reads. Expanded tokens carry the
// location of the macro's use, so a diagnostic inside an expansion points at the line
// the user wrote.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "abi/Builtins.h"
#include "base/Diagnostic.h"
#include "lang/Token.h"

namespace kctx::lang {

struct PreprocessOptions {
	abi::World world = abi::World::User;
	// Predefined macros (name, replacement text), after the built-in ones.
	std::vector<std::pair<std::string, std::string>> defines;
	// Real files #include may read (PpInclude.cpp): none unless `root` is set, and only
	// inside it. `include_dirs` are the -I directories, searched after the including
	// file's own directory for "x.h" and before kctx's headers for <x.h>.
	std::string root;
	std::vector<std::string> include_dirs;
};

// Preprocesses sources.file(file). The prelude and a "<built-in>" file with the
// predefined macros are added to `sources`. Errors go to `diags`; the result always ends
// with a Tok::Eof token, and keywords are not yet recognized (they are Tok::Ident).
[[nodiscard]] TokenList preprocess(SourceSet& sources, uint32_t file, const PreprocessOptions& options,
				   DiagnosticSink& diags);

}  // namespace kctx::lang
