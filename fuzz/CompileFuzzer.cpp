// libFuzzer target over the kernel-C front end: every input is compiled once as a module
// (NAME.ko) and once as a user program, through the preprocessor, parser, Sema and code
// generation. The property checked, besides the sanitizers' (no crash, no undefined
// behaviour, no leak, no hang): an input gets either a program or at least one error
// diagnostic with a location in a known file, never nullptr without a reason.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "lang/Compiler.h"

namespace {

void compile_as(const std::string& text, kctx::abi::World world)
{
	kctx::SourceSet sources;
	uint32_t id = sources.add("fuzz.c", text);
	kctx::lang::CompileOptions options;
	options.world = world;
	options.program_name = "fuzz";
	kctx::DiagnosticSink diags;
	std::shared_ptr<kctx::vm::Program> program = kctx::lang::compile(sources, id, options, diags);
	// Rendering reads every location back from the sources: a bad one shows up here.
	std::string rendered = diags.render_all(sources);
	if (!program && !diags.has_errors()) {
		fprintf(stderr, "compile() returned no program and no error\n");
		abort();
	}
	for (const kctx::Diagnostic& d : diags.all()) {
		if (d.severity == kctx::Severity::Error && (d.loc.line == 0 || d.loc.file >= sources.size())) {
			fprintf(stderr, "an error without a location: %s\n", d.message.c_str());
			abort();
		}
	}
	if (program && diags.has_errors()) {
		fprintf(stderr, "compile() returned a program despite errors:\n%s", rendered.c_str());
		abort();
	}
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
	std::string text(reinterpret_cast<const char*>(data), size);
	compile_as(text, kctx::abi::World::Kernel);
	compile_as(text, kctx::abi::World::User);
	return 0;
}
