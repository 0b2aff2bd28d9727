// Every scenario's C files compile without errors, in the world their role implies.
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>

#include "lang/Compiler.h"

namespace kctx::lang {
namespace {

std::filesystem::path scenarios_dir()
{
	// The scenarios live beside the repository in the shared workspace; examples/ may
	// hold copies later.
	std::filesystem::path repo = KCTX_SOURCE_DIR;
	for (auto p : {repo / "examples", repo / ".." / "shared" / "scenarios"})
		if (std::filesystem::exists(p / "cst" / "cst.c"))
			return p;
	return {};
}

std::string read_file(const std::filesystem::path& p)
{
	std::ifstream in(p);
	std::stringstream ss;
	ss << in.rdbuf();
	return ss.str();
}

struct Case {
	const char* dir;
	const char* file;
	abi::World world;
};

class ScenarioCompiles : public ::testing::TestWithParam<Case> {};

TEST_P(ScenarioCompiles, WithoutErrors)
{
	std::filesystem::path dir = scenarios_dir();
	if (dir.empty())
		GTEST_SKIP() << "scenarios not found";
	const Case& c = GetParam();
	std::filesystem::path path = dir / c.dir / c.file;
	SourceSet sources;
	uint32_t id = sources.add(c.file, read_file(path));
	CompileOptions opt;
	opt.world = c.world;
	std::string name = std::filesystem::path(c.file).stem().string();
	opt.program_name = name;
	opt.defines = {{"HZ", "250"}, {"KBUILD_MODNAME", "\"" + name + "\""}};
	DiagnosticSink diags;
	auto prog = compile(sources, id, opt, diags);
	EXPECT_TRUE(prog) << diags.render_all(sources);
	EXPECT_FALSE(diags.has_errors()) << diags.render_all(sources);
}

INSTANTIATE_TEST_SUITE_P(All, ScenarioCompiles,
			 ::testing::Values(Case{"cst", "cst.c", abi::World::Kernel}, Case{"cst", "cst_test.c", abi::World::User},
					   Case{"spin_sleep_up", "spin_sleep.c", abi::World::Kernel},
					   Case{"restart", "waiter.c", abi::World::Kernel},
					   Case{"restart", "reader.c", abi::World::User}),
			 [](const auto& info) {
				 std::string n = std::string(info.param.dir) + "_" + info.param.file;
				 for (char& ch : n)
					 if (!isalnum(static_cast<unsigned char>(ch)))
						 ch = '_';
				 return n;
			 });

}  // namespace
}  // namespace kctx::lang
