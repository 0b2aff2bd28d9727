#include "lang/Compiler.h"

#include "lang/Ast.h"
#include "lang/CodeGen.h"
#include "lang/Limits.h"
#include "lang/Parser.h"
#include "lang/Preprocessor.h"
#include "lang/Type.h"

namespace kctx::lang {

std::shared_ptr<vm::Program> compile(SourceSet& sources, uint32_t file, const CompileOptions& options,
				     DiagnosticSink& diags)
{
	PreprocessOptions pp;
	pp.world = options.world;
	pp.defines = options.defines;
	TokenList tokens = preprocess(sources, file, pp, diags);
	// Parse even after preprocessor errors, to report more at once (up to the limit).
	TypeContext types;
	Unit unit;
	bool parsed = parse(std::move(tokens), options.world, types, unit, diags);
	if (!parsed || diags.has_errors())
		return nullptr;
	auto program = std::make_shared<vm::Program>();
	program->name = options.program_name;
	program->world = options.world;
	if (!generate(unit, sources, *program, diags) || diags.has_errors())
		return nullptr;
	program->layout();
	return program;
}

}  // namespace kctx::lang
