#include <fmt/format.h>
#include <gtest/gtest.h>

#include "shell/InitScript.h"

namespace kctx::shell {
namespace {

// Compiles a script and returns its rendered diagnostics.
std::string diagnostics_of(std::string text)
{
	SourceSet sources;
	uint32_t file = sources.add("init.sh", std::move(text));
	DiagnosticSink diags;
	(void)compile_init_script(sources, file, diags);
	return diags.render_all(sources);
}

std::string apply_error(std::string_view key, std::string_view value)
{
	Settings s;
	Result<void> r = apply_setting(s, key, value);
	return r.ok() ? "" : r.error().message;
}

TEST(Settings, HeaderSetsEveryKey)
{
	SourceSet sources;
	uint32_t file = sources.add("init.sh",
				    "#!kctx cpus=8 hz=1000 seconds=2.5 seed=0x2a preempt=full config=debian "
				    "panic_on_warn=1 softlockup_panic=false mem_pressure=true kasan_multi_shot=1 mem=64M  # comment\n");
	DiagnosticSink diags;
	std::optional<InitScript> script = compile_init_script(sources, file, diags);
	ASSERT_TRUE(script) << diags.render_all(sources);
	EXPECT_EQ(diags.all().size(), 0u);
	Settings want;
	want.cpus = 8;
	want.hz = 1000;
	want.seconds = 2.5;
	want.seed = 42;
	want.preempt = "full";
	want.config = "debian";
	want.panic_on_warn = true;
	want.softlockup_panic = false;
	want.mem_pressure = true;
	want.kasan_multi_shot = true;
	want.mem = 64ull << 20;
	EXPECT_EQ(script->settings, want);
}

TEST(Settings, NoHeaderMeansDefaults)
{
	SourceSet sources;
	uint32_t file = sources.add("init.sh", "#!/bin/sh\nsleep 1\n");
	DiagnosticSink diags;
	std::optional<InitScript> script = compile_init_script(sources, file, diags);
	ASSERT_TRUE(script);
	EXPECT_EQ(script->settings, Settings{});
}

TEST(Settings, ValueRules)
{
	EXPECT_EQ(apply_error("cpus", "1"), "");
	EXPECT_EQ(apply_error("cpus", "64"), "");
	EXPECT_EQ(apply_error("cpus", "65"), "cpus must be an integer from 1 to 64, got '65'");
	EXPECT_EQ(apply_error("cpus", "0"), "cpus must be an integer from 1 to 64, got '0'");
	EXPECT_EQ(apply_error("cpus", "4x"), "cpus must be an integer from 1 to 64, got '4x'");
	for (const char* hz : {"100", "250", "300", "1000"})
		EXPECT_EQ(apply_error("hz", hz), "") << hz;
	EXPECT_EQ(apply_error("hz", "200"), "hz must be one of 100, 250, 300 or 1000 (CONFIG_HZ), got '200'");
	EXPECT_EQ(apply_error("seconds", "0.001"), "");
	EXPECT_EQ(apply_error("seconds", "0"), "seconds must be a number from 0.000001 to 86400 (one simulated day), got '0'");
	EXPECT_EQ(apply_error("seconds", "inf"), "seconds must be a number from 0.000001 to 86400 (one simulated day), got 'inf'");
	EXPECT_EQ(apply_error("seconds", "-1"), "seconds must be a number from 0.000001 to 86400 (one simulated day), got '-1'");
	EXPECT_EQ(apply_error("seed", "18446744073709551615"), "");
	EXPECT_EQ(apply_error("seed", "18446744073709551616"),
		  "seed must be an integer from 0 to 18446744073709551615 (2^64-1), got '18446744073709551616'");
	EXPECT_EQ(apply_error("preempt", "ful"),
		  "preempt must be none, voluntary or full, got 'ful'; did you mean 'full'?");
	EXPECT_EQ(apply_error("config", "release"), "config must be debug or debian, got 'release'");
	EXPECT_EQ(apply_error("kernel", "4.4"), "");
	EXPECT_EQ(apply_error("kernel", "6.1"), "");
	EXPECT_EQ(apply_error("kernel", "5.10"), "kernel must be 4.4 or 6.1, got '5.10'");
	EXPECT_EQ(apply_error("kernel", "4,4"), "kernel must be 4.4 or 6.1, got '4,4'; did you mean '4.4'?");
	EXPECT_EQ(apply_error("mem_pressure", "yes"), "mem_pressure must be 0, 1, true or false, got 'yes'");
	EXPECT_EQ(apply_error("mem", "32M"), "");
	EXPECT_EQ(apply_error("mem", "16g"), "");
	EXPECT_EQ(apply_error("mem", "65536k"), "");
	EXPECT_EQ(apply_error("mem", "1073741824"), "");
	for (const char* bad : {"16M", "17G", "64X", "M", "", "-64M", "99999999999999999999G"})
		EXPECT_EQ(apply_error("mem", bad),
			  fmt::format("mem must be a size from 32M to 16G (bytes, or with a K, M or G suffix), got '{}'", bad))
			<< bad;
	EXPECT_EQ(apply_error("cpu", "4"), "unknown setting 'cpu'; did you mean 'cpus'?");
	EXPECT_EQ(apply_error("frobnicate", "1"),
		  "unknown setting 'frobnicate' (the settings are cpus, hz, seconds, seed, preempt, config, "
		  "kernel, panic_on_warn, softlockup_panic, mem_pressure, kasan_multi_shot, mem, pid_max, threads_max, log_buf_len, irq)");
}

TEST(Settings, IrqIsALineAndAPeriodWithItsUnit)
{
	Settings s;
	ASSERT_TRUE(apply_setting(s, "irq", "7:10us").ok());
	EXPECT_EQ(s.irq_line, 7u);
	EXPECT_EQ(s.irq_period_ns, 10'000u);
	for (auto [text, ns] : {std::pair{"1:1us", 1'000ull}, {"23:1000s", 1'000'000'000'000ull}, {"5:250000ns", 250'000ull},
				{"5:4ms", 4'000'000ull}}) {
		ASSERT_TRUE(apply_setting(s, "irq", text).ok()) << text;
		EXPECT_EQ(s.irq_period_ns, ns) << text;
	}
	for (const char* bad : {"0:1ms", "24:1ms", "5", "5:", "5:10", "5:999ns", "5:1001s", "5:1.5ms", ":1ms", "5:-1ms", "x:1ms"})
		EXPECT_EQ(apply_error("irq", bad),
			  fmt::format("irq must be LINE:PERIOD, a line from 1 to 23 and a period from 1us to 1000s with its unit "
				      "(ns, us, ms or s), as irq=5:10ms; got '{}'",
				      bad))
			<< bad;
}

TEST(Settings, HeaderErrorsRenderAtTheirColumns)
{
	EXPECT_EQ(diagnostics_of("#!kctx cpus=0 hz=200 cpu=4 preempt=ful\n"),
		  "init.sh:1:13: error: cpus must be an integer from 1 to 64, got '0'\n"
		  "    1 | #!kctx cpus=0 hz=200 cpu=4 preempt=ful\n"
		  "      |             ^\n"
		  "init.sh:1:18: error: hz must be one of 100, 250, 300 or 1000 (CONFIG_HZ), got '200'\n"
		  "    1 | #!kctx cpus=0 hz=200 cpu=4 preempt=ful\n"
		  "      |                  ^~~\n"
		  "init.sh:1:22: error: unknown setting 'cpu'; did you mean 'cpus'?\n"
		  "    1 | #!kctx cpus=0 hz=200 cpu=4 preempt=ful\n"
		  "      |                      ^~~\n"
		  "init.sh:1:36: error: preempt must be none, voluntary or full, got 'ful'; did you mean "
		  "'full'?\n"
		  "    1 | #!kctx cpus=0 hz=200 cpu=4 preempt=ful\n"
		  "      |                                    ^~~\n");
}

TEST(Settings, HeaderSyntaxErrors)
{
	EXPECT_EQ(diagnostics_of("#!kctx cpus=2 seconds cpus=4\n"),
		  "init.sh:1:15: error: expected key=value in the '#!kctx' line, got 'seconds'\n"
		  "    1 | #!kctx cpus=2 seconds cpus=4\n"
		  "      |               ^~~~~~~\n"
		  "init.sh:1:23: error: 'cpus' is set twice in the '#!kctx' line\n"
		  "    1 | #!kctx cpus=2 seconds cpus=4\n"
		  "      |                       ^~~~\n"
		  "init.sh:1:8: note: set here first\n"
		  "    1 | #!kctx cpus=2 seconds cpus=4\n"
		  "      |        ^~~~\n");
	EXPECT_EQ(diagnostics_of("#!kctxcpus=2\n"), "init.sh:1:1: error: expected a space after '#!kctx'\n"
						    "    1 | #!kctxcpus=2\n"
						    "      | ^~~~~~~\n");
}

// issue 17 item 4: out-of-range numbers are refused with the limits in the message.
TEST(Settings, NumbersOutOfRangeNameTheLimits)
{
	const std::string seconds = "seconds must be a number from 0.000001 to 86400 (one simulated day), got ";
	for (const char* v : {"1e30", "1e-10", "18446744073.709551616", "86400.5", "nan", "-0.5", ""})
		EXPECT_EQ(apply_error("seconds", v), seconds + "'" + v + "'") << v;
	EXPECT_EQ(apply_error("seconds", "86400"), "");
	EXPECT_EQ(apply_error("seconds", "0.000001"), "");
	EXPECT_EQ(apply_error("seed", "-5"),
		  "seed must be an integer from 0 to 18446744073709551615 (2^64-1), got '-5'");
	EXPECT_EQ(apply_error("cpus", "-1"), "cpus must be an integer from 1 to 64, got '-1'");
	EXPECT_EQ(apply_error("cpus", "4294967297"), "cpus must be an integer from 1 to 64, got '4294967297'");
}

// fs/binfmt_script.c skips blanks after "#!", so "#! kctx" is the header too.
TEST(Settings, HeaderWithBlankAfterHashBang)
{
	SourceSet sources;
	uint32_t file = sources.add("init.sh", "#! kctx seconds=0.5\nsleep 1\n");
	DiagnosticSink diags;
	std::optional<InitScript> script = compile_init_script(sources, file, diags);
	ASSERT_TRUE(script) << diags.render_all(sources);
	EXPECT_EQ(script->settings.seconds, 0.5);
	EXPECT_EQ(diagnostics_of("#!\tkctx  cpus=99\n"),
		  "init.sh:1:15: error: cpus must be an integer from 1 to 64, got '99'\n"
		  "    1 | #! kctx  cpus=99\n"
		  "      |               ^~\n");
}

TEST(Settings, HeaderOnlyOnLineOne)
{
	EXPECT_EQ(diagnostics_of("#!/bin/sh\n#!kctx cpus=2\n"),
		  "init.sh:2:1: error: the '#!kctx' settings line must be the first line of the script\n"
		  "    2 | #!kctx cpus=2\n"
		  "      | ^~~~~~\n");
}

}   // namespace
}   // namespace kctx::shell
