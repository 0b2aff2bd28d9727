// Timing of the benchmark programs (bench/scenarios) on the interpreter, against Lua's
// figures from bench/run.sh. Skipped unless KCTX_LANG_BENCH is set; build Release.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>

#include "lang/TestRun.h"

namespace kctx::lang {
namespace {

std::string read_file(const std::filesystem::path& p)
{
	std::ifstream in(p);
	std::stringstream ss;
	ss << in.rdbuf();
	return ss.str();
}

void bench(const char* name)
{
	if (!std::getenv("KCTX_LANG_BENCH"))
		GTEST_SKIP() << "set KCTX_LANG_BENCH=1 to time the benchmark programs";
	std::filesystem::path p = std::filesystem::path(KCTX_SOURCE_DIR) / "bench" / "scenarios" / name / (std::string(name) + ".c");
	testing::Snippet r(read_file(p));
	ASSERT_TRUE(r.ok()) << r.diagnostics();
	auto start = std::chrono::steady_clock::now();
	(void)r.call("main", {}, 100000000000ull);
	double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
	printf("%s: %.3f s, %llu instructions, %.2f ns/insn; output tail: %s\n", name, secs,
	       static_cast<unsigned long long>(r.executed()), secs * 1e9 / static_cast<double>(r.executed()),
	       r.output().substr(r.output().size() > 40 ? r.output().size() - 40 : 0).c_str());
}

TEST(Bench, CstLoop) { bench("cst_loop"); }
TEST(Bench, Fib) { bench("fib"); }
TEST(Bench, ArraySum) { bench("array_sum"); }

}  // namespace
}  // namespace kctx::lang
