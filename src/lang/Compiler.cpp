#include "lang/Compiler.h"

#include <optional>

#include <fmt/format.h>

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
	return parse_unit(sources, std::vector<uint32_t>{file}, options, diags);
}

std::unique_ptr<ParsedUnit> parse_unit(SourceSet& sources, const std::vector<uint32_t>& files,
				       const CompileOptions& options, DiagnosticSink& diags)
{
	PreprocessOptions pp;
	pp.world = options.world;
	pp.root = options.root;
	pp.include_dirs = options.include_dirs;
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
	// Each file is preprocessed alone; the prelude's declarations are kept from the first
	// file that includes a header (the later files' copies would redefine them).
	TokenList tokens;
	UnitBoundaries units;
	Token eof;
	std::optional<uint32_t> prelude;
	for (size_t k = 0; k < files.size(); k++) {
		uint32_t file = files[k];
		size_t first_new = sources.size();
		// Names the prelude's module metadata macros give each file of a composite module.
		PreprocessOptions file_pp = pp;
		file_pp.defines.push_back({"__KCTX_UNIT", k == 0 ? "" : fmt::format("_{}", k + 1)});
		TokenList part = preprocess(sources, file, file_pp, diags);
		eof = part.back();   // the last file's end is the unit's
		part.pop_back();
		std::optional<uint32_t> this_prelude;
		for (size_t i = first_new; i < sources.size(); i++)
			if (sources.file(static_cast<uint32_t>(i)).name == abi::prelude_name(options.world))
				this_prelude = static_cast<uint32_t>(i);
		if (k > 0)
			units.starts.push_back(tokens.size());
		bool drop = prelude && this_prelude;
		for (Token& t : part)
			if (!drop || t.loc.file != *this_prelude)
				tokens.push_back(std::move(t));
		if (!prelude)
			prelude = this_prelude;
	}
	tokens.push_back(std::move(eof));
	// Parse even after preprocessor errors, to report more at once (up to the limit).
	auto parsed = std::make_unique<ParsedUnit>();
	units.prelude_file = prelude;
	bool ok = parse(std::move(tokens), options.world, parsed->types, parsed->unit, diags, prelude.has_value(), units);
	if (!ok || diags.has_errors())
		return nullptr;
	if (prelude)
		drop_unused_library_functions(parsed->unit, *prelude);
	return parsed;
}

std::shared_ptr<vm::Program> compile(SourceSet& sources, uint32_t file, const CompileOptions& options,
				     DiagnosticSink& diags)
{
	return compile(sources, std::vector<uint32_t>{file}, options, diags);
}

std::shared_ptr<vm::Program> compile(SourceSet& sources, const std::vector<uint32_t>& files,
				     const CompileOptions& options, DiagnosticSink& diags)
{
	std::unique_ptr<ParsedUnit> parsed = parse_unit(sources, files, options, diags);
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
