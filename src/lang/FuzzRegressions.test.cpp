// The inputs in fuzz/regressions/ (ones `make fuzz` found, or written to probe the same
// paths) stay fixed: each compiles, as a module and as a user program, to a program or
// to error diagnostics that all have a location, never a crash (the ASan build checks
// memory too: make test-asan).
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>

#include "lang/Compiler.h"

namespace kctx::lang {
namespace {

std::vector<std::filesystem::path> regression_inputs()
{
	std::vector<std::filesystem::path> out;
	std::filesystem::path dir = std::filesystem::path(KCTX_SOURCE_DIR) / "fuzz" / "regressions";
	for (const auto& e : std::filesystem::directory_iterator(dir))
		if (e.is_regular_file() && e.path().extension() != ".md")
			out.push_back(e.path());
	std::sort(out.begin(), out.end());
	return out;
}

void compile_as(const std::string& name, const std::string& text, abi::World world)
{
	SourceSet sources;
	uint32_t id = sources.add(name, text);
	CompileOptions options;
	options.world = world;
	options.program_name = "fuzz";
	DiagnosticSink diags;
	auto program = compile(sources, id, options, diags);
	std::string rendered = diags.render_all(sources);
	EXPECT_EQ(program != nullptr, !diags.has_errors()) << name << "\n" << rendered;
	for (const Diagnostic& d : diags.all()) {
		if (d.severity == Severity::Error) {
			EXPECT_TRUE(d.loc.line > 0 && d.loc.file < sources.size()) << name << ": " << d.message;
		}
	}
}

TEST(FuzzRegressions, EveryInputGetsAProgramOrDiagnostics)
{
	std::vector<std::filesystem::path> inputs = regression_inputs();
	ASSERT_FALSE(inputs.empty());
	for (const auto& p : inputs) {
		std::ifstream in(p, std::ios::binary);
		std::stringstream ss;
		ss << in.rdbuf();
		compile_as(p.filename().string(), ss.str(), abi::World::Kernel);
		compile_as(p.filename().string(), ss.str(), abi::World::User);
	}
}

}  // namespace
}  // namespace kctx::lang
