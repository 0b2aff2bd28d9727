// #include of real files (PpInclude.cpp): the search order, #pragma once, include guards,
// and the scenario directory as a fence.
#include "lang/Preprocessor.h"

#include <filesystem>
#include <fstream>
#include <unistd.h>
#include <gtest/gtest.h>

namespace kctx::lang {
namespace {

namespace fs = std::filesystem;

struct TempTree {
	fs::path root;
	TempTree()
	{
		root = fs::temp_directory_path() / fmt_name();
		fs::remove_all(root);
		fs::create_directories(root / "inc");
		fs::create_directories(root / "sub");
	}
	~TempTree() { fs::remove_all(root); }
	static std::string fmt_name() { return "kctx-ppinclude-" + std::to_string(::getpid()); }
	void write(const std::string& rel, const std::string& text) const { std::ofstream(root / rel) << text; }
};

struct IncludeRun {
	SourceSet sources;
	DiagnosticSink diags;
	std::string out;
	IncludeRun(const TempTree& t, const std::string& main, std::vector<std::string> include_dirs = {})
	{
		fs::path p = t.root / main;
		std::ifstream in(p);
		std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
		uint32_t id = sources.add(p.string(), text);
		PreprocessOptions opt;
		opt.world = abi::World::User;
		opt.root = t.root.string();
		opt.include_dirs = std::move(include_dirs);
		for (const Token& tok : preprocess(sources, id, opt, diags)) {
			if (tok.kind == Tok::Eof)
				break;
			out += (out.empty() ? "" : " ") + tok.text;
		}
	}
	std::string errors() const { return diags.render_all(sources); }
};

TEST(PpInclude, QuotedSearchesTheIncludersDirectoryThenTheIncludeDirs)
{
	TempTree t;
	t.write("sub/local.h", "int from_sub;\n#include \"deep.h\"\n");
	t.write("sub/deep.h", "int deep_in_sub;\n");
	t.write("inc/deep.h", "int deep_in_inc;\n");
	t.write("inc/only.h", "int only_in_inc;\n");
	t.write("m.c", "#include \"sub/local.h\"\n#include \"only.h\"\n");
	IncludeRun r(t, "m.c", {(t.root / "inc").string()});
	EXPECT_EQ(r.out, "int from_sub ; int deep_in_sub ; int only_in_inc ;") << r.errors();
}

TEST(PpInclude, PragmaOnceAndGuardsKeepAHeaderToOneCopy)
{
	TempTree t;
	t.write("once.h", "#pragma once\nint once;\n");
	t.write("guard.h", "#ifndef G\n#define G\nint guard;\n#endif\n");
	t.write("m.c", "#include \"once.h\"\n#include \"guard.h\"\n#include \"once.h\"\n#include \"guard.h\"\n");
	IncludeRun r(t, "m.c");
	EXPECT_EQ(r.out, "int once ; int guard ;") << r.errors();
}

TEST(PpInclude, FilesOutsideTheScenarioAreRefused)
{
	TempTree t;
	t.write("m.c", "#include \"../../../../../../etc/passwd\"\n#include \"/etc/hostname\"\n");
	IncludeRun r(t, "m.c");
	std::string e = r.errors();
	EXPECT_NE(e.find("m.c:1:10: error: '../../../../../../etc/passwd' is outside the scenario directory"),
		  std::string::npos)
		<< e;
	EXPECT_NE(e.find("m.c:2:10: error: '/etc/hostname' is outside the scenario directory"), std::string::npos) << e;
}

// LDD3's misc-modules/Makefile: `EXTRA_CFLAGS += -I$(PWD)/../include`, a directory beside
// the scenario. gcc searches it and, not finding <stdio.h> there, goes on to the system
// headers; a file that IS there is still outside the fence and refused.
TEST(PpInclude, AnIncludeDirOutsideTheScenarioIsSearchedNotRefused)
{
	TempTree t;
	fs::create_directories(t.root / "scen");
	fs::create_directories(t.root / "include");
	std::ofstream(t.root / "include" / "there.h") << "int there;\n";
	std::ofstream(t.root / "scen" / "m.c") << "#include <stdio.h>\nint after;\n";
	std::ofstream(t.root / "scen" / "n.c") << "#include \"there.h\"\n";
	SourceSet sources;
	DiagnosticSink diags;
	PreprocessOptions opt;
	opt.world = abi::World::User;
	opt.root = (t.root / "scen").string();
	opt.include_dirs = {(t.root / "scen" / ".." / "include").lexically_normal().string()};
	uint32_t m = sources.add((t.root / "scen" / "m.c").string(), "#include <stdio.h>\nint after;\n");
	std::vector<Token> toks = preprocess(sources, m, opt, diags);
	EXPECT_EQ(diags.render_all(sources), "");
	uint32_t n = sources.add((t.root / "scen" / "n.c").string(), "#include \"there.h\"\n");
	(void)preprocess(sources, n, opt, diags);
	EXPECT_NE(diags.render_all(sources).find("'there.h' is outside the scenario directory"), std::string::npos)
		<< diags.render_all(sources);
}

TEST(PpInclude, AMissingHeaderNamesTheDirectoriesSearched)
{
	TempTree t;
	t.write("m.c", "#include \"nope.h\"\n");
	IncludeRun r(t, "m.c", {(t.root / "inc").string()});
	std::string e = r.errors();
	EXPECT_NE(e.find("error: 'nope.h' file not found (searched " + t.root.string() + "/, " +
			 (t.root / "inc").string() + "/, then kctx's headers)"),
		  std::string::npos)
		<< e;
}

}  // namespace
}  // namespace kctx::lang
