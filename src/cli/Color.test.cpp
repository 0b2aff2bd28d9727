#include "cli/Color.h"

#include <cstdlib>
#include <gtest/gtest.h>
#include <unistd.h>

namespace kctx::cli {
namespace {

// gcc 12's own output for the same warning (gcc -fdiagnostics-color=always), but for its
// curly quotes.
TEST(Color, DiagnosticsAsGccColoursThem)
{
	std::string plain = "t.c:2:9: warning: initializing 'char *' from 'int' makes a pointer [-Wint-conversion]\n"
			    "    2 |  char *p = 5;\n"
			    "      |         ^\n";
	EXPECT_EQ(color_diagnostics(plain),
		  "\x1b[01m\x1b[Kt.c:2:9:\x1b[m\x1b[K \x1b[01;35m\x1b[Kwarning: \x1b[m\x1b[Kinitializing '\x1b[01m\x1b[Kchar "
		  "*\x1b[m\x1b[K' from '\x1b[01m\x1b[Kint\x1b[m\x1b[K' makes a pointer [\x1b[01;35m\x1b[K-Wint-conversion\x1b[m\x1b[K]\n"
		  "    2 |  char *p = 5;\n"
		  "      |         \x1b[01;35m\x1b[K^\x1b[m\x1b[K\n");
	EXPECT_EQ(color_diagnostics("a.c:1:1: error: x\n"), "\x1b[01m\x1b[Ka.c:1:1:\x1b[m\x1b[K \x1b[01;31m\x1b[Kerror: \x1b[m\x1b[Kx\n");
	EXPECT_EQ(color_diagnostics("a.c:1:1: note: y"), "\x1b[01m\x1b[Ka.c:1:1:\x1b[m\x1b[K \x1b[01;36m\x1b[Knote: \x1b[m\x1b[Ky");
	EXPECT_EQ(color_diagnostics("kctx: 1.0 s simulated\n"), "kctx: 1.0 s simulated\n");
}

TEST(Color, ConsoleAsDmesgColoursIt)
{
	EXPECT_EQ(color_console("[    1.004000] BUG: scheduling while atomic: a/1/0x00000101\n"),
		  "\x1b[32m[    1.004000]\x1b[0m \x1b[33mBUG:\x1b[0m \x1b[31mscheduling while atomic: a/1/0x00000101\x1b[0m\n");
	EXPECT_EQ(color_console("[    2.000000] WARNING: CPU: 0 PID: 1 at x.c:3 f+0x1/0x2\n"),
		  "\x1b[32m[    2.000000]\x1b[0m \x1b[33mWARNING:\x1b[0m \x1b[1mCPU: 0 PID: 1 at x.c:3 f+0x1/0x2\x1b[0m\n");
	EXPECT_EQ(color_console("[    0.000010] hello: loaded\n"),
		  "\x1b[32m[    0.000010]\x1b[0m \x1b[33mhello:\x1b[0m loaded\n");
	EXPECT_EQ(color_console("[    0.100000] Kernel panic - not syncing: x\n"),
		  "\x1b[32m[    0.100000]\x1b[0m \x1b[7m\x1b[31mKernel panic - not syncing: x\x1b[0m\n");
	// A program's output, and a line still being written, pass through.
	EXPECT_EQ(color_console("counter: 1\n...."), "counter: 1\n....");
}

TEST(Color, FlagsBeatNoColorAndAutoWantsATerminal)
{
	EXPECT_TRUE(color_enabled(ColorMode::Always, -1));
	EXPECT_FALSE(color_enabled(ColorMode::Never, STDERR_FILENO));
	setenv("NO_COLOR", "1", 1);
	EXPECT_TRUE(color_enabled(ColorMode::Always, -1));
	EXPECT_FALSE(color_enabled(ColorMode::Auto, STDERR_FILENO));
	unsetenv("NO_COLOR");
	EXPECT_FALSE(color_enabled(ColorMode::Auto, -1));   // not a terminal
}

}  // namespace
}  // namespace kctx::cli
