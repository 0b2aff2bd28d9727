// stap 4.8's own parser tests: every parseok/ file must print the parse tree stap
// printed (golden/parseok/*.p1.out, byte for byte); every parseko/ file must be
// rejected with stap's first error line (golden/parseko/*.p1.err).
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>

#include "probe/FrontEnd.h"

namespace kctx::probe {
namespace {

namespace fs = std::filesystem;

const fs::path kDir = KCTX_STAP_CONFORMANCE_DIR;

std::string slurp(const fs::path& p)
{
	std::ifstream in(p, std::ios::binary);
	std::ostringstream s;
	s << in.rdbuf();
	return s.str();
}

std::vector<fs::path> scripts(const char* sub)
{
	std::vector<fs::path> out;
	for (const auto& entry : fs::directory_iterator(kDir / sub))
		if (entry.path().extension() == ".stp")
			out.push_back(entry.path());
	std::sort(out.begin(), out.end());
	return out;
}

Pass1 run_file(const fs::path& p)
{
	ScriptInput input;
	input.name = p.filename().string();  // the goldens were made from inside the folder
	input.text = slurp(p);
	return run_pass1(input);
}

// stderr without Debian's closing tip line, which kctx does not print.
std::string golden_err(const fs::path& p)
{
	std::string text = slurp(p);
	size_t tip = text.find("Tip: ");
	return tip == std::string::npos ? text : text.substr(0, tip);
}

TEST(StapConformance, ParseokPrintsStapsParseTree)
{
	if (!fs::exists(kDir / "parseok"))
		GTEST_SKIP() << "no conformance data at " << kDir;
	size_t identical = 0;
	auto files = scripts("parseok");
	for (const fs::path& p : files) {
		Pass1 r = run_file(p);
		std::string golden = slurp(kDir / "golden/parseok" / (p.stem().string() + ".p1.out"));
		EXPECT_TRUE(r.ok) << p.filename() << "\n" << r.err;
		EXPECT_EQ(r.out, golden) << p.filename();
		identical += r.ok && r.out == golden;
	}
	std::printf("parseok: %zu/%zu identical to stap -p1\n", identical, files.size());
	EXPECT_EQ(files.size(), 37u);
}

TEST(StapConformance, ParsekoIsRejectedWithStapsMessage)
{
	if (!fs::exists(kDir / "parseko"))
		GTEST_SKIP() << "no conformance data at " << kDir;
	size_t rejected = 0;
	size_t first_line = 0;
	size_t identical = 0;
	auto files = scripts("parseko");
	for (const fs::path& p : files) {
		Pass1 r = run_file(p);
		std::string golden = golden_err(kDir / "golden/parseko" / (p.stem().string() + ".p1.err"));
		EXPECT_FALSE(r.ok) << p.filename();
		EXPECT_EQ(r.err.substr(0, r.err.find('\n')), golden.substr(0, golden.find('\n'))) << p.filename();
		rejected += !r.ok;
		first_line += r.err.substr(0, r.err.find('\n')) == golden.substr(0, golden.find('\n'));
		identical += r.err == golden;
	}
	std::printf("parseko: %zu/%zu rejected, %zu with stap's first line, %zu with stap's whole stderr\n", rejected,
		    files.size(), first_line, identical);
	EXPECT_EQ(files.size(), 121u);
}

}  // namespace
}  // namespace kctx::probe
