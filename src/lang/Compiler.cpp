#include "lang/Compiler.h"

#include <optional>

#include "abi/Prelude.h"
#include "lang/Ast.h"
#include "lang/CodeGen.h"
#include "lang/Limits.h"
#include "lang/Link.h"
#include "lang/Parser.h"
#include "lang/Preprocessor.h"
#include "lang/Type.h"
#include "vm/Fuse.h"

namespace kctx::lang {

std::unique_ptr<ParsedUnit> parse_unit(SourceSet& sources, uint32_t file, const CompileOptions& options,
				       DiagnosticSink& diags)
{
	PreprocessOptions pp;
	pp.world = options.world;
	// A module gets the default profile's HZ and its own KBUILD_MODNAME unless the
	// caller defines them (the prelude relies on both).
	auto given = [&](std::string_view name) {
		for (const auto& d : options.defines)
			if (d.first == name)
				return true;
		return false;
	};
	if (options.world == abi::World::Kernel) {
		if (!given("HZ"))
			pp.defines.push_back({"HZ", "250"});
		if (!given("KBUILD_MODNAME") && !options.program_name.empty())
			pp.defines.push_back({"KBUILD_MODNAME", "\"" + options.program_name + "\""});
	}
	pp.defines.insert(pp.defines.end(), options.defines.begin(), options.defines.end());
	TokenList tokens = preprocess(sources, file, pp, diags);
	// Parse even after preprocessor errors, to report more at once (up to the limit).
	std::optional<uint32_t> prelude;
	for (size_t i = 0; i < sources.size(); i++)
		if (sources.file(static_cast<uint32_t>(i)).name == abi::prelude_name(options.world))
			prelude = static_cast<uint32_t>(i);
	auto parsed = std::make_unique<ParsedUnit>();
	bool ok = parse(std::move(tokens), options.world, parsed->types, parsed->unit, diags, prelude.has_value());
	if (!ok || diags.has_errors())
		return nullptr;
	if (prelude)
		drop_unused_library_functions(parsed->unit, *prelude);
	return parsed;
}

std::shared_ptr<vm::Program> compile(SourceSet& sources, uint32_t file, const CompileOptions& options,
				     DiagnosticSink& diags)
{
	std::unique_ptr<ParsedUnit> parsed = parse_unit(sources, file, options, diags);
	if (!parsed)
		return nullptr;
	auto program = std::make_shared<vm::Program>();
	program->name = options.program_name;
	program->world = options.world;
	if (!generate(parsed->unit, sources, *program, diags) || diags.has_errors())
		return nullptr;
	vm::fuse(*program);   // superinstructions: same pcs, same simulated time, fewer dispatches
	program->layout();
	return program;
}

}  // namespace kctx::lang
