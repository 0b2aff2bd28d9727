// libFuzzer target over the init.sh front end: every input is parsed as a scenario's
// init.sh and, when it parses, the C program it becomes (pid 1's, shell/InitScript.h) is
// compiled as kctx compiles it. The properties checked, besides the sanitizers' (no
// crash, no undefined behaviour, no leak, no hang):
//   - a script that does not parse gets at least one error, each at a line of the script
//     itself (never in generated code);
//   - a script that parses becomes a program that compiles without an error: whatever
//     the script quotes or escapes, the generated C is kctx's own and must be valid.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>

#include "lang/Compiler.h"
#include "shell/InitScript.h"

namespace {

[[noreturn]] void fail(const char* what, const std::string& detail)
{
	fprintf(stderr, "%s\n%s\n", what, detail.c_str());
	abort();
}

void compile_generated(const std::string& c_source)
{
	kctx::SourceSet sources;
	uint32_t id = sources.add("init.sh (pid 1)", c_source);
	kctx::lang::CompileOptions options;
	options.world = kctx::abi::World::User;
	options.program_name = "init";
	kctx::DiagnosticSink diags;
	std::shared_ptr<kctx::vm::Program> program = kctx::lang::compile(sources, id, options, diags);
	if (!program || diags.has_errors())
		fail("the program a parsed init.sh becomes does not compile:", diags.render_all(sources));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
	kctx::SourceSet sources;
	uint32_t id = sources.add("init.sh", std::string(reinterpret_cast<const char*>(data), size));
	kctx::DiagnosticSink diags;
	std::optional<kctx::shell::InitScript> script = kctx::shell::compile_init_script(sources, id, diags);
	// Rendering reads every location back from the sources: a bad one shows up here.
	std::string rendered = diags.render_all(sources);
	if (!script) {
		if (!diags.has_errors())
			fail("compile_init_script() returned nothing and no error", "");
		for (const kctx::Diagnostic& d : diags.all())
			if (d.severity == kctx::Severity::Error && (d.loc.line == 0 || d.loc.file != id))
				fail("an error that is not at a line of the script:", d.message);
		return 0;
	}
	if (diags.has_errors())
		fail("compile_init_script() returned a script despite errors:", rendered);
	compile_generated(script->c_source);
	return 0;
}
