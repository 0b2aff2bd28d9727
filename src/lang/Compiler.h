// The kernel-C compiler: one translation unit (a module's NAME.c or a program's
// PROGRAM.c) to a vm::Program. The pipeline is preprocess -> parse (with Sema) ->
// generate; each stage reports user errors to the DiagnosticSink.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "abi/Builtins.h"
#include "base/Diagnostic.h"
#include "lang/Ast.h"
#include "lang/Type.h"
#include "vm/Program.h"

namespace kctx::lang {

struct CompileOptions {
	abi::World world = abi::World::User;   // Kernel for NAME.ko sources, User for programs
	std::string program_name;              // "cst" (module) or "cst_test" (program)
	// Predefined macros, e.g. {"HZ", "250"}, {"KBUILD_MODNAME", "\"cst\""}. A module
	// without them gets HZ=250 and KBUILD_MODNAME="<program_name>".
	std::vector<std::pair<std::string, std::string>> defines;
	// Real files #include may read: the scenario directory (`root`) and the -I
	// directories of its Kbuild file (lang/PpInclude.cpp). Empty root: none.
	std::string root;
	std::vector<std::string> include_dirs;
};

// Compiles one translation unit (sources.file(file)). Returns null on errors; `diags`
// then says why (every error has a location). Warnings may accompany a success. The
// prelude (and a "<built-in>" file of predefined macros) are added to `sources`.
[[nodiscard]] std::shared_ptr<vm::Program> compile(SourceSet& sources, uint32_t file, const CompileOptions& options,
						   DiagnosticSink& diags);
// Compiles the files of a composite module (Kbuild's NAME-objs) into one program. Each
// file is preprocessed on its own (its own macros and includes); the results are then
// parsed as one unit, so each file's non-static functions and variables are visible to
// the files after it, as the linker makes them. Two files' statics with the same name
// collide (a redefinition error), which a real link would allow.
[[nodiscard]] std::shared_ptr<vm::Program> compile(SourceSet& sources, const std::vector<uint32_t>& files,
						   const CompileOptions& options, DiagnosticSink& diags);

// The typed AST of a translation unit, for tools that read it (lint): every expression
// carries its type, implicit conversions are Cast nodes, calls name their Symbol (whose
// `builtin` says which builtin, if any).
struct ParsedUnit {
	TypeContext types;
	Unit unit;
};
// Preprocesses and parses; null on errors (see `diags`).
[[nodiscard]] std::unique_ptr<ParsedUnit> parse_unit(SourceSet& sources, uint32_t file, const CompileOptions& options,
						     DiagnosticSink& diags);
[[nodiscard]] std::unique_ptr<ParsedUnit> parse_unit(SourceSet& sources, const std::vector<uint32_t>& files,
						     const CompileOptions& options, DiagnosticSink& diags);

}  // namespace kctx::lang
