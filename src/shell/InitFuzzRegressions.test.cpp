// The inputs in fuzz/regressions-init/ (ones `make fuzz` found in init.sh, or written to
// probe the same paths) and every example's init.sh keep the init fuzzer's contract
// (fuzz/InitScriptFuzzer.cpp): a script that does not parse gets errors at its own
// lines; one that parses becomes a program that compiles without an error.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>

#include "lang/Compiler.h"
#include "shell/InitScript.h"

namespace kctx::shell {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> inputs()
{
	std::vector<fs::path> out;
	fs::path root(KCTX_SOURCE_DIR);
	for (const auto& e : fs::directory_iterator(root / "fuzz" / "regressions-init"))
		if (e.is_regular_file() && e.path().extension() != ".md")
			out.push_back(e.path());
	for (const auto& e : fs::recursive_directory_iterator(root / "examples"))
		if (e.is_regular_file() && e.path().filename() == "init.sh")
			out.push_back(e.path());
	std::sort(out.begin(), out.end());
	return out;
}

std::string read(const fs::path& p)
{
	std::ifstream in(p, std::ios::binary);
	std::stringstream ss;
	ss << in.rdbuf();
	return ss.str();
}

void check_contract(const std::string& name, const std::string& text)
{
	SourceSet sources;
	uint32_t id = sources.add(name, text);
	DiagnosticSink diags;
	std::optional<InitScript> script = compile_init_script(sources, id, diags);
	std::string rendered = diags.render_all(sources);
	if (!script) {
		EXPECT_TRUE(diags.has_errors()) << name;
		for (const Diagnostic& d : diags.all()) {
			if (d.severity == Severity::Error) {
				EXPECT_TRUE(d.loc.line > 0 && d.loc.file == id) << name << ": " << d.message;
			}
		}
		return;
	}
	EXPECT_FALSE(diags.has_errors()) << name << "\n" << rendered;
	SourceSet generated;
	uint32_t gen = generated.add(name + " (pid 1)", script->c_source);
	lang::CompileOptions options;
	options.world = abi::World::User;
	options.program_name = "init";
	DiagnosticSink cdiags;
	auto program = lang::compile(generated, gen, options, cdiags);
	EXPECT_TRUE(program && !cdiags.has_errors()) << name << "\n" << cdiags.render_all(generated);
}

TEST(InitFuzzRegressions, EveryScriptParsesToCompilingCOrGetsErrorsAtItsLines)
{
	std::vector<fs::path> all = inputs();
	ASSERT_GT(all.size(), 20u);
	for (const fs::path& p : all)
		check_contract(p.string(), read(p));
}

}  // namespace
}  // namespace kctx::shell
