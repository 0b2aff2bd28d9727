#include "shell/InitScript.h"

#include "shell/Applets.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

#if __has_include("lang/Compiler.h")
#include "lang/Compiler.h"
#define KCTX_HAVE_LANG_COMPILER 1
#endif

namespace kctx::shell {
namespace {

namespace fs = std::filesystem;

// The three scenarios' init.sh files, verbatim (docs: the reference scenarios).
constexpr std::string_view kCst = R"(#!kctx cpus=4 seconds=5
# One busy victim per CPU, then load the module and watch the log.
./cst_test &
./cst_test &
./cst_test &
./cst_test &
insmod cst.ko
sleep 4
rmmod cst
)";

constexpr std::string_view kRestart = R"(#!kctx cpus=2 seconds=10
insmod waiter.ko
./reader /dev/waiter restart &
./reader /dev/waiter norestart &
./reader /dev/waiter_eintr restart &
./reader /dev/waiter_eintr norestart &
sleep 3
ps
kill -KILL %1
wait
)";

constexpr std::string_view kSpinSleepUp = R"(#!kctx cpus=1 seconds=60
insmod spin_sleep.ko
sleep 60
)";

// Every command and form init.sh has, for the tests that compile the generated C.
constexpr std::string_view kEverything = R"(#!kctx cpus=2
insmod m.ko a=$? s="x y" flag
./prog /dev/x "two words" $! 'q$?' &
./prog a$$b
echo -n "status $? pid $!" '100%'
echo -e 'a\tb\c' never
echo hi > /dev/kmsg; echo more >> /dev/kmsg
cat /dev/x /proc/1/status
sleep 1.5; sleep 2m 0.25
kill -s TERM %1 $! 42; kill -9 %1; kill -usr1 $!
wait %1; wait $! 7; wait
ps; dmesg; true; false; :
rmmod m.ko other-mod
dd if=/dev/zero of=/dev/null bs=4k count=1; lsmod; mkfifo /tmp/f
exit 3
)";

struct Compiled {
	std::optional<InitScript> script;
	std::string diagnostics;
};

Compiled compile(std::string_view text, std::string name = "init.sh")
{
	SourceSet sources;
	uint32_t file = sources.add(std::move(name), std::string(text));
	DiagnosticSink diags;
	Compiled c;
	c.script = compile_init_script(sources, file, diags);
	c.diagnostics = diags.render_all(sources);
	return c;
}

std::string read_file(const fs::path& path)
{
	std::ifstream in(path, std::ios::binary);
	std::stringstream ss;
	ss << in.rdbuf();
	return ss.str();
}

void write_file(const fs::path& path, std::string_view text)
{
	std::ofstream out(path, std::ios::binary);
	out << text;
}

TEST(InitScript, Cst)
{
	Compiled c = compile(kCst, "examples/cst/init.sh");
	ASSERT_TRUE(c.script) << c.diagnostics;
	EXPECT_EQ(c.diagnostics, "");
	EXPECT_EQ(c.script->settings.cpus, 4u);
	EXPECT_EQ(c.script->settings.seconds, 5.0);
	EXPECT_FALSE(c.script->settings.hz);
	EXPECT_EQ(c.script->programs, std::vector<std::string>{"cst_test"});
	EXPECT_EQ(c.script->modules, std::vector<std::string>{"cst"});
}

TEST(InitScript, Restart)
{
	Compiled c = compile(kRestart);
	ASSERT_TRUE(c.script) << c.diagnostics;
	EXPECT_EQ(c.diagnostics, "");
	EXPECT_EQ(c.script->settings.cpus, 2u);
	EXPECT_EQ(c.script->settings.seconds, 10.0);
	EXPECT_EQ(c.script->programs, std::vector<std::string>{"reader"});
	EXPECT_EQ(c.script->modules, std::vector<std::string>{"waiter"});
	const std::string& src = c.script->c_source;
	EXPECT_NE(
		src.find(
			"const char *argv[] = { \"./reader\", \"/dev/waiter_eintr\", \"norestart\", NULL };"),
		std::string::npos);
	EXPECT_NE(src.find("sh_status = sh_kill(sh_job_pid(1), 9 /* SIGKILL */, \"init.sh: line 9: kill: "
			   "%1\");"),
		  std::string::npos);
	EXPECT_NE(src.find("\t/* init.sh:10: wait */\n\tsh_status = sh_wait_all();\n"), std::string::npos);
	EXPECT_NE(src.find("__kctx_ps()"), std::string::npos);
}

TEST(InitScript, KillDollarDollarSignalsInitItself)
{
	// ash's $$ is the shell's pid: init.sh's is 1, whose default actions the kernel
	// ignores (SIGNAL_UNKILLABLE), so `kill $$` returns 0 and the script goes on.
	Compiled c = compile("kill $$\nkill -USR1 $$\n");
	ASSERT_TRUE(c.script) << c.diagnostics;
	const std::string& src = c.script->c_source;
	EXPECT_NE(src.find("sh_kill(1, 15 /* SIGTERM */"), std::string::npos) << src;
	EXPECT_NE(src.find("sh_kill(1, 10 /* SIGUSR1 */"), std::string::npos) << src;
}

TEST(InitScript, SpinSleepUp)
{
	Compiled c = compile(kSpinSleepUp);
	ASSERT_TRUE(c.script) << c.diagnostics;
	EXPECT_EQ(c.script->settings.cpus, 1u);
	EXPECT_EQ(c.script->settings.seconds, 60.0);
	EXPECT_TRUE(c.script->programs.empty());
	EXPECT_EQ(c.script->modules, std::vector<std::string>{"spin_sleep"});
	EXPECT_NE(c.script->c_source.find("sh_status = sh_sleep(60, 0);"), std::string::npos);
	// Only what the script uses is generated.
	EXPECT_EQ(c.script->c_source.find("sh_jobs"), std::string::npos);
	EXPECT_EQ(c.script->c_source.find("sh_kill"), std::string::npos);
}

// The generated program for cst, compared with src/shell/testdata/cst.init.c. After an
// intended change, regenerate it with KCTX_UPDATE_GOLDEN=1 and review the diff.
TEST(InitScript, CstGoldenC)
{
	Compiled c = compile(kCst, "examples/cst/init.sh");
	ASSERT_TRUE(c.script) << c.diagnostics;
	fs::path golden = fs::path(KCTX_SOURCE_DIR) / "src/shell/testdata/cst.init.c";
	if (std::getenv("KCTX_UPDATE_GOLDEN"))
		write_file(golden, c.script->c_source);
	EXPECT_EQ(c.script->c_source, read_file(golden));
}

TEST(InitScript, ProgramsAndModulesAreNumberedInOrderOfFirstUse)
{
	Compiled c = compile("./b &\ninsmod y.ko\n./a\n./b\ninsmod ./x.ko\nrmmod y\ninsmod y.ko p=1\n");
	ASSERT_TRUE(c.script) << c.diagnostics;
	EXPECT_EQ(c.script->programs, (std::vector<std::string>{"b", "a"}));
	EXPECT_EQ(c.script->modules, (std::vector<std::string>{"y", "x"}));
	EXPECT_NE(
		c.script->c_source.find("sh_foreground(__kctx_spawn(0, 1, argv), \"init.sh: line 4: ./b\")"),
		std::string::npos);
	EXPECT_NE(c.script->c_source.find("sh_insmod(__kctx_insmod(1, \"\"), \"./x.ko\")"),
		  std::string::npos);
	EXPECT_NE(c.script->c_source.find("sh_insmod(__kctx_insmod(0, \"p=1\"), \"y.ko\")"),
		  std::string::npos);
}

// issue 13: stap is a child process (the stap applet); ./NAME.stp runs it with the
// script's path first, as binfmt_script runs a "#!" file's interpreter.
TEST(InitScript, StapRunsAsAnApplet)
{
	Compiled c = compile("stap -e 'probe begin { exit() }' &\n./t.stp 100 \"test\"\n./t.stp\n./u.stp > /tmp/o\n");
	ASSERT_TRUE(c.script) << c.diagnostics;
	EXPECT_TRUE(c.script->programs.empty());
	ASSERT_EQ(c.script->applets.size(), 1u);
	EXPECT_EQ(c.script->applets[0].name, "stap");
	EXPECT_NE(c.script->applets[0].c_source.find("__kctx_stap(STAP_START"), std::string::npos);
	EXPECT_EQ(c.script->stap_scripts, (std::vector<std::string>{"t.stp", "u.stp"}));
	ASSERT_EQ(c.script->stap_script_uses.size(), 2u);
	EXPECT_EQ(c.script->stap_script_uses[0].loc.line, 2u);
	EXPECT_NE(c.script->c_source.find("\"./t.stp\""), std::string::npos);
	// The kernel gets the script as the file to exec (kernel::Code::scripts, numbered
	// after the programs and applets), argv[0] its path, and runs stap through its "#!"
	// line: the shell does not put stap in front.
	EXPECT_NE(c.script->c_source.find("sh_stage_spawn(1, "), std::string::npos);
	EXPECT_NE(c.script->c_source.find("sh_stage_spawn(2, "), std::string::npos);
	EXPECT_EQ(c.script->c_source.find("\"stap\", \"./t.stp\""), std::string::npos);
}

TEST(InitScript, UnknownCommand)
{
	Compiled c = compile("#!kctx cpus=1\n./cst_test &\nsleap 1\ncst_test\nhwclock\n");
	EXPECT_FALSE(c.script);
	EXPECT_EQ(c.diagnostics, "init.sh:3:1: error: sleap: not found; did you mean 'sleep'?\n"
				 "    3 | sleap 1\n"
				 "      | ^~~~~\n"
				 "init.sh:4:1: error: cst_test: not found; did you mean './cst_test'?\n"
				 "    4 | cst_test\n"
				 "      | ^~~~~~~~\n"
				 "init.sh:5:1: error: hwclock: not found\n"
				 "    5 | hwclock\n"
				 "      | ^~~~~~~\n"
				 "init.sh:5:1: note: init.sh runs the scenario's programs as ./NAME, and the "
				 "commands : [ awk cat chgrp chmod chown crash dd dmesg echo exit false grep head insmod "
				 "journalctl kill ln ls lsmod mkfifo mknod printf ps rm rmmod set sleep stap tail tee test true wait wc\n"
				 "    5 | hwclock\n"
				 "      | ^~~~~~~\n");
}

TEST(InitScript, ProgramsMustBeTheScenarios)
{
	Compiled c = compile("/bin/ls -l\n./sub/../prog\n./\nif true\nX=1 ./prog\n");
	EXPECT_FALSE(c.script);
	EXPECT_EQ(c.diagnostics,
		  "init.sh:1:1: error: '/bin/ls': init.sh runs only the scenario's own programs, as ./NAME "
		  "(built from NAME.c)\n"
		  "    1 | /bin/ls -l\n"
		  "      | ^~~~~~~\n"
		  "init.sh:2:1: error: './sub/../prog': programs must be inside the scenario's directory: "
		  "./DIR/NAME runs DIR/NAME.c\n"
		  "    2 | ./sub/../prog\n"
		  "      | ^~~~~~~~~~~~~\n"
		  "init.sh:3:1: error: './' is not a program name: expected ./NAME, built from NAME.c\n"
		  "    3 | ./\n"
		  "      | ^~\n"
		  "init.sh:4:1: error: syntax error: unexpected end of file (expecting \"fi\")\n"
		  "    4 | if true\n"
		  "      | ^~\n"
		  "init.sh:5:5: error: assignments before a command are not supported in init.sh: write NAME=VALUE on its own\n"
		  "    5 | X=1 ./prog\n"
		  "      |     ^~~~~~\n");
}

TEST(InitScript, BadJobSyntax)
{
	Compiled c = compile("./a &\nkill %x\nkill %+\nwait %0\nkill -9 -1\nkill -FOO 1\nkill -s\nkill\nkill "
			     "-TERN %1\nkill 0\n");
	EXPECT_FALSE(c.script);
	EXPECT_EQ(c.diagnostics,
		  "init.sh:2:6: error: kill: job names ('%x') are not supported in init.sh: name the job by "
		  "number (%1, %2, ...)\n"
		  "    2 | kill %x\n"
		  "      |      ^~\n"
		  "init.sh:3:6: error: kill: '%+' is not supported in init.sh: name the job by number (%1, "
		  "%2, ...)\n"
		  "    3 | kill %+\n"
		  "      |      ^~\n"
		  "init.sh:4:6: error: wait: bad job number '%0': jobs are numbered from %1\n"
		  "    4 | wait %0\n"
		  "      |      ^~\n"
		  "init.sh:5:9: error: kill: process groups ('-1') are not supported in init.sh\n"
		  "    5 | kill -9 -1\n"
		  "      |         ^~\n"
		  "init.sh:6:6: error: kill: bad signal name 'FOO'\n"
		  "    6 | kill -FOO 1\n"
		  "      |      ^~~~\n"
		  "init.sh:7:6: error: kill: -s needs a signal name or number\n"
		  "    7 | kill -s\n"
		  "      |      ^~\n"
		  "init.sh:8:1: error: kill: missing operand: kill [-SIG] PID|%JOB|$!\n"
		  "    8 | kill\n"
		  "      | ^~~~\n"
		  "init.sh:9:6: error: kill: bad signal name 'TERN'; did you mean 'TERM'?\n"
		  "    9 | kill -TERN %1\n"
		  "      |      ^~~~~\n"
		  "init.sh:10:6: error: kill: pid 0 (the process group) is not supported in init.sh\n"
		  "   10 | kill 0\n"
		  "      |      ^\n");
}

TEST(InitScript, JobThatNeverExistsIsAWarning)
{
	Compiled c = compile("./a &\nkill %2\n");
	ASSERT_TRUE(c.script);
	EXPECT_EQ(c.diagnostics,
		  "init.sh:2:6: warning: job %2 never exists: init.sh starts 1 background job\n"
		  "    2 | kill %2\n"
		  "      |      ^~\n");
}

TEST(InitScript, KillForms)
{
	Compiled c =
		compile("./a &\nkill $!\nkill -s usr1 %1 7\nkill -SIGINT -- 8\nkill -0 9\nwait $! %1 10\n");
	ASSERT_TRUE(c.script) << c.diagnostics;
	const std::string& src = c.script->c_source;
	EXPECT_NE(
		src.find("sh_status = sh_kill(sh_bg_pid, 15 /* SIGTERM */, \"init.sh: line 2: kill: $!\");"),
		std::string::npos);
	EXPECT_NE(src.find("sh_status = sh_kill(sh_job_pid(1), 10 /* SIGUSR1 */, \"init.sh: line 3: kill: "
			   "%1\");\n"
			   "\tsh_status += sh_kill(7, 10 /* SIGUSR1 */, \"init.sh: line 3: kill: 7\");"),
		  std::string::npos);
	EXPECT_NE(src.find("sh_kill(8, 2 /* SIGINT */"), std::string::npos);
	EXPECT_NE(src.find("sh_kill(9, 0, "), std::string::npos);
	EXPECT_NE(src.find("sh_status = sh_wait_pid(sh_bg_pid, \"init.sh: line 6: wait: $!\");\n"
			   "\tsh_status = sh_wait_pid(sh_job_pid(1), \"init.sh: line 6: wait: %1\");\n"
			   "\tsh_status = sh_wait_pid(10, \"init.sh: line 6: wait: 10\");"),
		  std::string::npos);
}

TEST(InitScript, ShellBuiltinsCannotBePipedBackgroundedOrRedirected)
{
	Compiled c = compile("insmod a.ko &\nps > /dev/null\nkill 1 | ./a\nsleep 5 &\n./a > /dev/null\n");
	EXPECT_FALSE(c.script);
	EXPECT_EQ(c.diagnostics,
		  "init.sh:1:1: error: 'insmod' cannot run in the background in init.sh\n"
		  "    1 | insmod a.ko &\n"
		  "      | ^~~~~~\n"
		  "init.sh:2:4: error: 'ps' cannot be redirected in init.sh\n"
		  "    2 | ps > /dev/null\n"
		  "      |    ^~~~~~~~~~~\n"
		  "init.sh:3:1: error: 'kill' cannot run in a pipeline, in the background or with a redirection in "
		  "init.sh\n"
		  "    3 | kill 1 | ./a\n"
		  "      | ^~~~\n");
}

TEST(InitScript, PipelinesRunEachCommandAsAChildWithItsFiles)
{
	Compiled c = compile("sudo lsmod | grep -c hello > /tmp/n 2>&1 && echo ok\ncat /dev/x &\n");
	ASSERT_TRUE(c.script) << c.diagnostics;
	const std::string& src = c.script->c_source;
	EXPECT_NE(src.find("\t\tsh_stage_begin(0);\n"
			   "\t\tpid[0] = sh_stage_spawn(0 /* busybox lsmod */, 1, argv0, \"init.sh: line 1: lsmod\");\n"
			   "\t\tsh_stage_begin(1);\n"
			   "\t\tsh_stage_open(1, \"/tmp/n\", O_WRONLY | O_CREAT | O_TRUNC, \"init.sh: line 1\");\n"
			   "\t\tsh_stage_dup(2, 1);\n"
			   "\t\tpid[1] = sh_stage_spawn(1 /* busybox grep */, 3, argv1, \"init.sh: line 1: grep\");\n"
			   "\t\tsh_status = sh_stages_wait(pid, 2);\n"),
		  std::string::npos)
		<< src;
	EXPECT_NE(src.find("if (sh_status == 0)\n"), std::string::npos);
	EXPECT_NE(src.find("sh_status = pid[0] > 0 ? sh_background(pid[0], \"\") : 0;"), std::string::npos);
	ASSERT_EQ(c.script->applets.size(), 3u);
	EXPECT_EQ(c.script->applets[2].name, "cat");
	EXPECT_NE(c.script->applets[1].c_source.find("int main"), std::string::npos);
}

TEST(InitScript, BuiltinArguments)
{
	Compiled c = compile(
		"insmod\ninsmod cst\ninsmod a.ko =1\nrmmod\nsleep\nsleep 1.2.3\nexit x\nexit 1 2\nps aux\n"
		"cat\n");
	EXPECT_FALSE(c.script);
	std::string d = c.diagnostics;
	for (const char* want : {
		     "init.sh:1:1: error: insmod: missing module file: insmod NAME.ko [param=value ...]\n",
		     "init.sh:2:8: error: insmod: 'cst' is not a module of the scenario: expected NAME.ko, "
		     "built from NAME.c\n",
		     "init.sh:3:13: error: insmod: bad parameter '=1': expected param=value\n",
		     "init.sh:4:1: error: rmmod: missing module name: rmmod NAME\n",
		     "init.sh:5:1: error: sleep: missing operand: sleep N[.frac][smhd]\n",
		     "init.sh:6:7: error: sleep: invalid number '1.2.3'\n",
		     "init.sh:7:6: error: exit: Illegal number: x\n",
		     "init.sh:8:8: error: exit: too many arguments\n",
		     "init.sh:9:4: error: ps: arguments are not supported in init.sh\n",
		     "init.sh:10:1: error: cat: reading standard input is not supported in init.sh: cat "
		     "FILE\n",
	     })
		EXPECT_NE(d.find(want), std::string::npos) << want << "\nin:\n" << d;
}

TEST(InitScript, QuotesAndEscapesInGeneratedStrings)
{
	Compiled c =
		compile("./p 'a \"b\" \\c' \"tab\there\" '100%' $?x\necho -n \"$? is 100%\" 'x*/y'\n"
			"echo -e 'a\\tb\\x41\\0101\\cignored' after\ninsmod m.ko s=\"two words\" flag\n");
	ASSERT_TRUE(c.script) << c.diagnostics;
	const std::string& src = c.script->c_source;
	EXPECT_NE(
		src.find(
			R"(const char *argv[] = { "./p", "a \"b\" \\c", "tab\there", "100%", arg4, NULL };)"),
		std::string::npos)
		<< src;
	EXPECT_NE(src.find(R"(snprintf(arg4, sizeof(arg4), "%dx", sh_status);)"), std::string::npos);
	EXPECT_NE(src.find(R"(snprintf(text, sizeof(text), "%d is 100%% x*/y", sh_status);)"),
		  std::string::npos);
	// The comment holding the command cannot be ended early by the command's text.
	EXPECT_NE(src.find("/* init.sh:2: echo -n \"$? is 100%\" 'x* /y' */"), std::string::npos);
	EXPECT_NE(src.find(R"(sh_status = sh_echo(1, "a\tbAA");)"), std::string::npos);
	EXPECT_NE(src.find(R"(__kctx_insmod(0, "s=\"two words\" flag"))"), std::string::npos);
}

TEST(InitScript, EchoRedirectAndCat)
{
	Compiled c = compile("echo 1 > /dev/waiter\necho more >> /tmp/log\ncat /dev/waiter\n");
	ASSERT_TRUE(c.script) << c.diagnostics;
	const std::string& src = c.script->c_source;
	EXPECT_NE(src.find("\t{\n"
			   "\t\tint fd = sh_redirect(\"/dev/waiter\", O_WRONLY | O_CREAT | O_TRUNC, "
			   "\"init.sh: line 1\");\n"
			   "\t\tsh_status = 2;\n"
			   "\t\tif (fd >= 0) {\n"
			   "\t\t\tsh_status = sh_echo(fd, \"1\\n\");\n"
			   "\t\t\tclose(fd);\n"
			   "\t\t}\n"
			   "\t}\n"),
		  std::string::npos)
		<< src;
	EXPECT_NE(src.find("O_WRONLY | O_CREAT | O_APPEND"), std::string::npos);
	EXPECT_NE(src.find("sh_status = sh_cat(\"/dev/waiter\");"), std::string::npos);
}

TEST(InitScript, DdAndLsmodRunAsChildProcessesAfterThePrograms)
{
	Compiled c = compile("./prog &\ndd if=/dev/mem of=/dev/null bs=768k count=2\nlsmod\ndd if=/dev/zero\n");
	ASSERT_TRUE(c.script) << c.diagnostics;
	// The applets are programs numbered after the scenario's own, each once.
	ASSERT_EQ(c.script->applets.size(), 2u);
	EXPECT_EQ(c.script->applets[0].name, "dd");
	EXPECT_EQ(c.script->applets[1].name, "lsmod");
	EXPECT_NE(c.script->applets[0].c_source.find("records in"), std::string::npos);
	const std::string& src = c.script->c_source;
	EXPECT_NE(src.find("const char *argv[] = { \"dd\", \"if=/dev/mem\", \"of=/dev/null\", \"bs=768k\", "
			   "\"count=2\", NULL };"),
		  std::string::npos)
		<< src;
	EXPECT_NE(src.find("sh_status = sh_foreground(__kctx_spawn(1 /* busybox dd */, 5, argv), \"init.sh: line 2: "
			   "dd\");"),
		  std::string::npos)
		<< src;
	EXPECT_NE(src.find("__kctx_spawn(2 /* busybox lsmod */, 1, argv)"), std::string::npos) << src;
	EXPECT_NE(src.find("__kctx_spawn(1 /* busybox dd */, 2, argv)"), std::string::npos) << src;
}

TEST(InitScript, DdOperandsAreCheckedAtCompileTime)
{
	struct Case {
		const char* line;
		const char* message;
	};
	for (const Case& k : {
		     Case{"dd if=/dev/zero bs=4x", "init.sh:1:17: error: dd: invalid number '4x'"},
		     Case{"dd bs=0", "init.sh:1:4: error: dd: invalid number '0'"},
		     Case{"dd iff=/dev/zero", "init.sh:1:4: error: dd: unknown operand 'iff'"},
		     Case{"dd /dev/zero", "init.sh:1:4: error: dd: '/dev/zero' is not an operand"},
		     Case{"dd conv=sync,fsync", "init.sh:1:4: error: dd: conv=fsync is not supported in init.sh"},
		     Case{"dd conv=lcase", "init.sh:1:4: error: dd: invalid argument 'lcase' to 'conv'"},
		     Case{"dd count=$?", "init.sh:1:4: error: dd: operands must be written out in init.sh"},
		     Case{"lsmod -a", "init.sh:1:7: error: lsmod: arguments are not supported in init.sh"},
		     Case{"mkfifo", "init.sh:1:1: error: mkfifo: missing operand"},
		     Case{"mkfifo -m 600 /tmp/x", "init.sh:1:8: error: mkfifo: options are not supported"},
	     }) {
		Compiled c = compile(std::string(k.line) + "\n");
		EXPECT_FALSE(c.script) << k.line;
		EXPECT_EQ(c.diagnostics.rfind(k.message, 0), 0u) << k.line << "\n" << c.diagnostics;
	}
	Compiled ok = compile("dd if=/dev/zero of=/dev/null bs=1M count=2kB skip=3 seek=1b conv=notrunc,sync,noerror "
			      "status=noxfer\nmkfifo /tmp/a /dev/b\n");
	EXPECT_TRUE(ok.script) << ok.diagnostics;
	EXPECT_NE(ok.script->c_source.find("sh_status |= sh_mkfifo(\"/dev/b\");"), std::string::npos);
}

TEST(InitScript, DdNumbersTakeBusyboxSuffixes)
{
	EXPECT_EQ(dd_number("512"), 512u);
	EXPECT_EQ(dd_number("4k"), 4096u);
	EXPECT_EQ(dd_number("4K"), 4096u);
	EXPECT_EQ(dd_number("2kB"), 2000u);
	EXPECT_EQ(dd_number("1M"), 1048576u);
	EXPECT_EQ(dd_number("3b"), 1536u);
	EXPECT_EQ(dd_number("1G"), 1073741824u);
	EXPECT_EQ(dd_number("2w"), 4u);
	EXPECT_EQ(dd_number("k"), std::nullopt);
	EXPECT_EQ(dd_number("1m"), std::nullopt);
	EXPECT_EQ(dd_number("99999999999999999999"), std::nullopt);
	EXPECT_EQ(dd_number("18446744073709551615G"), std::nullopt);
}

TEST(InitScript, DiagnosticsComeInLineOrder)
{
	// The lexer finds line 3's error, the planner line 2's; they are reported top down.
	Compiled c = compile("#!kctx cpus=1\nfoo\necho 'open\n");
	EXPECT_FALSE(c.script);
	EXPECT_LT(c.diagnostics.find("init.sh:2:1"), c.diagnostics.find("init.sh:3:6")) << c.diagnostics;
}

#ifdef KCTX_HAVE_LANG_COMPILER
// The generated program is kernel C that kctx's own front end accepts without a word.
TEST(InitScript, GeneratedCCompilesWithKctx)
{
	for (std::string_view text : {kCst, kRestart, kSpinSleepUp, kEverything}) {
		Compiled c = compile(text);
		ASSERT_TRUE(c.script) << c.diagnostics;
		SourceSet sources;
		uint32_t file = sources.add("init.c", c.script->c_source);
		DiagnosticSink diags;
		auto program = lang::compile(
			sources, file,
			lang::CompileOptions{.world = abi::World::User, .program_name = "init"}, diags);
		EXPECT_TRUE(program) << text;
		EXPECT_EQ(diags.render_all(sources), "") << text;
	}
}

// So are the busybox applets the script runs as child processes.
TEST(InitScript, AppletsCompileWithKctx)
{
	for (std::string_view name : {"dd", "lsmod"}) {
		std::string source = applet_source(name);
		ASSERT_FALSE(source.empty()) << name;
		SourceSet sources;
		uint32_t file = sources.add(std::string(name) + ".c", source);
		DiagnosticSink diags;
		auto program = lang::compile(
			sources, file,
			lang::CompileOptions{.world = abi::World::User, .program_name = std::string(name)}, diags);
		EXPECT_TRUE(program) << name;
		EXPECT_EQ(diags.render_all(sources), "") << name;
	}
	EXPECT_EQ(applet_source("cp"), "");
}
#endif

// ---- the generated C, checked with the host's C compiler ----
//
// A mock of the kernel's primitives stands in for kctx, so gcc can check that the
// program is valid C with no unused helper (-Werror), and run it: the statuses and
// messages are then compared with what busybox ash gives for the same script.

constexpr std::string_view kMockHeader = R"(int __kctx_spawn(int program, int argc, const char **argv);
int __kctx_spawn_io(int program, int argc, const char **argv, const int *io);
int __kctx_insmod(int module, const char *params);
int __kctx_rmmod(const char *name);
int __kctx_wait(int pid);
int __kctx_ps(void);
int __kctx_dmesg(void);
)";

// The primitives on a real Linux: spawn is fork + exec, wait is waitpid.
constexpr std::string_view kMockImpl = R"(#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
int __kctx_spawn(int program, int argc, const char **argv)
{
	char line[256];
	int pid;
	if (access(argv[0], X_OK) != 0)
		return -errno;
	snprintf(line, sizeof(line), "[spawn %d argc=%d %s]\n", program, argc, argv[argc - 1]);
	write(1, line, strlen(line));
	pid = fork();
	if (pid == 0) {
		execv(argv[0], (char **)argv);
		_exit(127);
	}
	return pid;
}
int __kctx_wait(int pid)
{
	int st;
	int r = waitpid(pid, &st, 0);
	return r < 0 ? -errno : st;
}
int __kctx_insmod(int module, const char *params)
{
	char line[256];
	snprintf(line, sizeof(line), "[insmod %d '%s']\n", module, params);
	write(1, line, strlen(line));
	return -EBUSY;
}
int __kctx_rmmod(const char *name) { return -ENOENT; }
int __kctx_ps(void) { write(1, "[ps]\n", 5); return 0; }
int __kctx_dmesg(void) { return 0; }
)";

constexpr std::string_view kHostScript = R"(#!kctx cpus=1
insmod m.ko a=$? s="x y"
./segv
echo "segv: $?"
./exit7 arg; echo "exit7: $?"
./blocker one &
./blocker two &
echo "bg: $? [$!]"
kill -KILL %1
wait %1
echo "wait %1: $?"
kill %1
echo "kill %1 again: $?"
./missing
echo "missing: $?"
kill -TERM $!
wait $!
echo "wait \$!: $?"
./blocker three &
kill %1; wait %1; echo "three as %1: $?"
echo -e 'a\tb\x41'
echo hi > /nonexistent/dir/file
echo "redirect: $?"
ps
rmmod m
echo "rmmod: $?"
false
)";

bool have_cc() { return std::system("cc --version >/dev/null 2>&1") == 0; }

// Runs a shell command line and reports failure with its output.
::testing::AssertionResult run(const std::string& command, const fs::path& log)
{
	int status = std::system((command + " >" + log.string() + " 2>&1").c_str());
	if (status == 0)
		return ::testing::AssertionSuccess();
	return ::testing::AssertionFailure() << command << " failed (" << status << "):\n" << read_file(log);
}

class HostC : public ::testing::Test {
protected:
	void SetUp() override
	{
		if (!have_cc())
			GTEST_SKIP() << "no C compiler (cc) to check the generated C with";
		// Unique per test and process: ctest runs tests in parallel.
		m_dir = fs::path(::testing::TempDir()) /
			(std::string("kctx_shell_") +
			 ::testing::UnitTest::GetInstance()->current_test_info()->name() + "_" +
			 std::to_string(getpid()));
		fs::remove_all(m_dir);
		fs::create_directories(m_dir);
		write_file(m_dir / "mock.h", kMockHeader);
		write_file(m_dir / "mock.c", kMockImpl);
	}
	void TearDown() override
	{
		if (!m_dir.empty() && !HasFailure())
			fs::remove_all(m_dir);
	}
	std::string cc(const std::string& args) const
	{
		return "cd '" + m_dir.string() +
		       "' && cc -std=gnu11 -Wall -Wextra -Werror -Wno-unused-parameter " + args;
	}
	fs::path m_dir;
};

TEST_F(HostC, ScenariosAreValidC)
{
	for (std::string_view text : {kCst, kRestart, kSpinSleepUp, kEverything, kHostScript}) {
		Compiled c = compile(text);
		ASSERT_TRUE(c.script) << c.diagnostics;
		write_file(m_dir / "init.c", c.script->c_source);
		EXPECT_TRUE(run(cc("-fsyntax-only -include mock.h init.c"), m_dir / "cc.log")) << text;
	}
}

TEST_F(HostC, BehavesLikeAsh)
{
	write_file(m_dir / "segv.c", "#include <signal.h>\nint main(void) { raise(SIGSEGV); return 0; }\n");
	write_file(m_dir / "exit7.c", "int main(void) { return 7; }\n");
	write_file(m_dir / "blocker.c", "#include <unistd.h>\nint main(void) { pause(); return 0; }\n");
	for (const char* p : {"segv", "exit7", "blocker"})
		ASSERT_TRUE(run(cc(std::string("-o ") + p + " " + p + ".c"), m_dir / "cc.log"));
	Compiled c = compile(kHostScript);
	ASSERT_TRUE(c.script) << c.diagnostics;
	write_file(m_dir / "init.c", c.script->c_source);
	ASSERT_TRUE(run(cc("-include mock.h -o init init.c mock.c"), m_dir / "cc.log"));

	// ulimit -c 0: a machine booted with init as pid 1 has RLIMIT_CORE 0, so no core.
	int status = std::system(("cd '" + m_dir.string() + "' && ulimit -c 0 && ./init >out 2>err").c_str());
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(WEXITSTATUS(status), 1);   // false, the last command
	std::string out = read_file(m_dir / "out");
	// $! is a pid: blank it out.
	size_t open = out.find("bg: 0 [");
	ASSERT_NE(open, std::string::npos) << out;
	out.replace(open + 7, out.find(']', open) - open - 7, "PID");
	EXPECT_EQ(out, "[insmod 0 'a=0 s=\"x y\"']\n"
		       "[spawn 0 argc=1 ./segv]\n"
		       "segv: 139\n"
		       "[spawn 1 argc=2 arg]\n"
		       "exit7: 7\n"
		       "[spawn 2 argc=2 one]\n"
		       "[spawn 2 argc=2 two]\n"
		       "bg: 0 [PID]\n"
		       "wait %1: 137\n"
		       "kill %1 again: 1\n"
		       "missing: 127\n"
		       "wait $!: 143\n"
		       "[spawn 2 argc=2 three]\n"
		       "three as %1: 143\n"
		       "a\tbA\n"
		       "redirect: 2\n"
		       "[ps]\n"
		       "rmmod: 1\n");
	EXPECT_EQ(read_file(m_dir / "err"),
		  "insmod: can't insert 'm.ko': Device or resource busy\n"
		  "Segmentation fault\n"
		  "init.sh: line 12: kill: %1: no such job\n"
		  "init.sh: line 14: ./missing: not found\n"
		  "init.sh: line 22: can't create /nonexistent/dir/file: No such file or directory\n"
		  "rmmod: can't unload module 'm': No such file or directory\n");
}

// Variables, $(...) and field splitting: the generated C, built with the host's compiler
// over quiet fork/exec primitives, prints what the host's own sh prints for the same script.
constexpr std::string_view kQuietMock = R"(#define _GNU_SOURCE
#include <errno.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
static int spawn(const char **argv, const int *io)
{
	int pid, i;
	if (strchr(argv[0], '/') && access(argv[0], X_OK) != 0)
		return -errno;
	pid = fork();
	if (pid == 0) {
		for (i = 0; io && i < 3; i++)
			dup2(io[i], 100 + i);
		for (i = 0; io && i < 3; i++)
			dup2(100 + i, i);
		for (i = 3; i < 256; i++)
			close(i);
		execvp(argv[0], (char **)argv);   /* an applet: the host's own */
		_exit(127);
	}
	return pid;
}
int __kctx_spawn(int program, int argc, const char **argv) { return spawn(argv, 0); }
int __kctx_spawn_io(int program, int argc, const char **argv, const int *io) { return spawn(argv, io); }
int __kctx_wait(int pid)
{
	int st;
	int r = waitpid(pid, &st, 0);
	return r < 0 ? -errno : st;
}
int __kctx_insmod(int module, const char *params) { return -EBUSY; }
int __kctx_rmmod(const char *name) { return -ENOENT; }
int __kctx_ps(void) { return 0; }
int __kctx_dmesg(void) { return 0; }
)";

constexpr std::string_view kVariablesScript = R"sh(name=world
greeting="hello   $name"
echo $greeting
echo "$greeting" '$name' ${name}s
./args $greeting "x$name" '$name' ${name}s
n=$(./gen 3)
echo "n=[$n]"
./args $n
echo $n
m=$(./gen 2 | ./upper)
echo "$m"
./args "$(./gen 2)" x$(./gen 1)y
empty=
./args $empty "$empty" end
st=$(./fail)
echo "status $? [$st]"
a=$(./gen 1) b=$a$a
echo $b
./gen 1 > /dev/null && z=set || z=unset
echo $z; ./args $z
ok=$(./gen 1) || echo never
echo "status $?"
./args f[0-9] f? *.none .h* "f*" 'f?'
echo f[12]
)sh";

TEST_F(HostC, VariablesAndSubstitutionBehaveLikeSh)
{
	write_file(m_dir / "args.c", "#include <stdio.h>\nint main(int c, char **v) { printf(\"%d:\", c - 1);"
				     " for (int i = 1; i < c; i++) printf(\" [%s]\", v[i]); printf(\"\\n\"); return 0; }\n");
	write_file(m_dir / "gen.c", "#include <stdio.h>\n#include <stdlib.h>\nint main(int c, char **v) { for (int i = 1;"
				    " i <= atoi(v[1]); i++) printf(\"line%d\\n\", i); return 0; }\n");
	write_file(m_dir / "upper.c", "#include <stdio.h>\n#include <ctype.h>\nint main(void) { int c; while ((c ="
				      " getchar()) != EOF) putchar(toupper(c)); return 0; }\n");
	write_file(m_dir / "fail.c", "#include <stdio.h>\nint main(void) { printf(\"oops\\n\\n\"); return 3; }\n");
	for (const char* p : {"args", "gen", "upper", "fail"})
		ASSERT_TRUE(run(cc(std::string("-o ") + p + " " + p + ".c"), m_dir / "cc.log"));
	for (const char* f : {"f1", "f2", "fx", ".hidden"})
		write_file(m_dir / f, "");
	Compiled c = compile(kVariablesScript);
	ASSERT_TRUE(c.script) << c.diagnostics;
	EXPECT_EQ(c.diagnostics, "");
	write_file(m_dir / "init.c", c.script->c_source);
	write_file(m_dir / "mock.c", kQuietMock);
	write_file(m_dir / "init.sh", kVariablesScript);
	ASSERT_TRUE(run(cc("-include mock.h -include stdio.h -o init init.c mock.c"), m_dir / "cc.log"));
	ASSERT_EQ(std::system(("cd '" + m_dir.string() + "' && ./init >out 2>&1 && sh init.sh >sh.out 2>&1").c_str()), 0);
	std::string sh = read_file(m_dir / "sh.out");
	EXPECT_EQ(read_file(m_dir / "out"), sh);
	// What sh printed, so that a host whose sh differs shows here.
	EXPECT_EQ(sh, "hello world\n"
		      "hello   world $name worlds\n"
		      "5: [hello] [world] [xworld] [$name] [worlds]\n"
		      "n=[line1\nline2\nline3]\n"
		      "3: [line1] [line2] [line3]\n"
		      "line1 line2 line3\n"
		      "LINE1\nLINE2\n"
		      "2: [line1\nline2] [xline1y]\n"
		      "2: [] [end]\n"
		      "status 3 [oops]\n"
		      "line1line1\n"
		      "set\n"
		      "1: [set]\n"
		      "status 0\n"
		      "9: [f1] [f2] [f1] [f2] [fx] [*.none] [.hidden] [f*] [f?]\n"
		      "f1 f2\n");
}

// A load script in the style of LDD3's scull_load: if/elif/else/fi, backquotes with the
// backslashes they remove, the positional parameters of a script run without arguments,
// and set -e.
constexpr std::string_view kControlScript = R"sh(module="scull"
if grep -q '^staff:' groups; then
    group="staff"
else
    group="wheel"
fi
echo "group $group"
if grep -q '^nobody:' groups; then echo never; elif ./gen 0; then echo "elif $?"; else echo no; fi
if ./fail > /dev/null; then echo never; fi
echo "after an if none of whose conditions held: $?"
if ./fail > /dev/null
then
	echo never
elif ./fail > /dev/null; then
	echo never
else
	echo "else $?"
fi
major=`cat devices | awk "\\$2==\"$module\" {print \\$1}"`
echo "major [$major]"
both="`./gen 2 | ./upper`"
echo "$both"
echo "$# [$*] [$1] [${2}]"
./args $* $@ end
if [ $# -ne 0 ]; then
	echo "wrong number of arguments"
	exit 1
fi
set -e
./fail > /dev/null || echo "set -e: '||' goes on"
if ./fail > /dev/null; then echo never; fi
./gen 1 > /dev/null && ./fail > /dev/null && echo never
echo "set -e: an if's condition and a '&&' list go on"
./fail
echo never
)sh";

TEST_F(HostC, IfBackquotesAndSetEBehaveLikeSh)
{
	write_file(m_dir / "args.c", "#include <stdio.h>\nint main(int c, char **v) { printf(\"%d:\", c - 1);"
				     " for (int i = 1; i < c; i++) printf(\" [%s]\", v[i]); printf(\"\\n\"); return 0; }\n");
	write_file(m_dir / "gen.c", "#include <stdio.h>\n#include <stdlib.h>\nint main(int c, char **v) { for (int i = 1;"
				    " i <= atoi(v[1]); i++) printf(\"line%d\\n\", i); return 0; }\n");
	write_file(m_dir / "upper.c", "#include <stdio.h>\n#include <ctype.h>\nint main(void) { int c; while ((c ="
				      " getchar()) != EOF) putchar(toupper(c)); return 0; }\n");
	write_file(m_dir / "fail.c", "#include <stdio.h>\nint main(void) { printf(\"oops\\n\\n\"); return 3; }\n");
	for (const char* p : {"args", "gen", "upper", "fail"})
		ASSERT_TRUE(run(cc(std::string("-o ") + p + " " + p + ".c"), m_dir / "cc.log"));
	write_file(m_dir / "groups", "root:x:0:\nstaff:x:50:\n");
	write_file(m_dir / "devices", "Character devices:\n  1 mem\n240 scull\n241 scullp\n");
	Compiled c = compile(kControlScript);
	ASSERT_TRUE(c.script) << c.diagnostics;
	EXPECT_EQ(c.diagnostics, "");
	write_file(m_dir / "init.c", c.script->c_source);
	write_file(m_dir / "mock.c", kQuietMock);
	write_file(m_dir / "init.sh", kControlScript);
	ASSERT_TRUE(run(cc("-include mock.h -include stdio.h -o init init.c mock.c"), m_dir / "cc.log"));
	std::system(("cd '" + m_dir.string() + "' && { ./init; echo \"exit $?\"; } >out 2>&1; { sh init.sh; echo \"exit $?\"; } >sh.out 2>&1").c_str());
	std::string sh = read_file(m_dir / "sh.out");
	EXPECT_EQ(read_file(m_dir / "out"), sh);
	// What sh printed, so that a host whose sh differs shows here.
	EXPECT_EQ(sh, "group staff\n"
		      "elif 0\n"
		      "after an if none of whose conditions held: 0\n"
		      "else 3\n"
		      "major [240]\n"
		      "LINE1\nLINE2\n"
		      "0 [] [] []\n"
		      "1: [end]\n"
		      "set -e: '||' goes on\n"
		      "set -e: an if's condition and a '&&' list go on\n"
		      "oops\n\n"
		      "exit 3\n");
}

TEST(InitScript, IfSyntaxErrorsAreAsh)
{
	Compiled c = compile("if true; then echo a\n");
	EXPECT_FALSE(c.script);
	EXPECT_NE(c.diagnostics.find("init.sh:1:1: error: syntax error: unexpected end of file (expecting \"fi\")"),
		  std::string::npos)
		<< c.diagnostics;
	c = compile("true\nfi\n");
	EXPECT_NE(c.diagnostics.find("init.sh:2:1: error: syntax error: unexpected \"fi\""), std::string::npos)
		<< c.diagnostics;
	c = compile("if true; then\nelse\nfi\n");
	EXPECT_NE(c.diagnostics.find("init.sh:2:1: error: syntax error: unexpected \"else\""), std::string::npos)
		<< c.diagnostics;
	c = compile("echo `echo `echo x``\n");
	EXPECT_FALSE(c.script);
	c = compile("echo `echo x\n");
	EXPECT_NE(c.diagnostics.find("unterminated '`'"), std::string::npos) << c.diagnostics;
	c = compile("set -x\n");
	EXPECT_NE(c.diagnostics.find("set: only 'set -e' and 'set +e' are supported in init.sh"), std::string::npos)
		<< c.diagnostics;
}

// A variable assigned in a branch is the run's, not the compiler's: after the if it is
// whichever branch ran.
TEST(InitScript, AssignmentsInABranchAreKnownOnlyAtRunTime)
{
	Compiled c = compile("m=a\nif false; then m=b; fi\ninsmod $m.ko\n");
	EXPECT_FALSE(c.script);
	EXPECT_NE(c.diagnostics.find("insmod"), std::string::npos) << c.diagnostics;
	c = compile("m=a\nif false; then x=b; fi\ninsmod $m.ko\n");
	ASSERT_TRUE(c.script) << c.diagnostics;
	ASSERT_EQ(c.script->modules.size(), 1u);
	EXPECT_EQ(c.script->modules[0], "a");
}

// busybox dd's output and statuses, from the applet built with the host's compiler and
// run on the host's own devices.
TEST_F(HostC, DdBehavesLikeBusybox)
{
	write_file(m_dir / "dd.c", applet_source("dd"));
	ASSERT_TRUE(run(cc("-o dd dd.c"), m_dir / "cc.log"));
	auto dd = [&](const std::string& args, int expected_status) {
		int status = std::system(("cd '" + m_dir.string() + "' && ./dd " + args + " >out 2>err").c_str());
		EXPECT_TRUE(WIFEXITED(status)) << args;
		EXPECT_EQ(WEXITSTATUS(status), expected_status) << args;
		return read_file(m_dir / "err");
	};
	std::string err = dd("if=/dev/zero of=/dev/null bs=1M count=2", 0);
	EXPECT_EQ(err.substr(0, err.find("copied")), "2+0 records in\n2+0 records out\n2097152 bytes (2.0MB) ") << err;
	EXPECT_NE(err.find(" seconds, "), std::string::npos) << err;
	EXPECT_EQ(err.back(), '\n');
	// ibs/obs: 3 reads of 1000 bytes become 5 writes of 512 and a last one of 440.
	err = dd("if=/dev/zero of=/dev/null ibs=1000 obs=512 count=3 status=noxfer", 0);
	EXPECT_EQ(err, "3+0 records in\n5+1 records out\n");
	err = dd("if=/dev/zero of=out bs=100 count=2 status=none", 0);
	EXPECT_EQ(err, "");
	EXPECT_EQ(read_file(m_dir / "out"), std::string(200, '\0'));
	// A read error ends dd at once: the file and the error, no records lines.
	err = dd("if=. of=/dev/null", 1);
	EXPECT_EQ(err, "dd: .: Is a directory\n");
	err = dd("if=/nonexistent of=/dev/null", 1);
	EXPECT_EQ(err, "dd: can't open '/nonexistent': No such file or directory\n");
	// A write error: the message, then the records.
	err = dd("if=/dev/zero of=/dev/full bs=10 count=1 status=noxfer", 1);
	EXPECT_EQ(err, "dd: error writing '/dev/full': No space left on device\n1+0 records in\n0+0 records out\n");
}

// The text applets a pipeline uses, built with the host's compiler and run on the
// host's files: busybox 1.35's outputs and statuses.
TEST_F(HostC, TextAppletsBehaveLikeBusybox)
{
	for (const char* a : {"grep", "wc", "head", "tail", "cat", "echo"}) {
		write_file(m_dir / (std::string(a) + ".c"), applet_source(a));
		ASSERT_TRUE(run(cc(std::string("-o ") + a + " " + a + ".c"), m_dir / "cc.log")) << a << read_file(m_dir / "cc.log");
	}
	write_file(m_dir / "in", "line 1: alpha\nline 2: beta\nLINE 3: gamma\nline 4: delta\nlast");
	struct Result {
		std::string out, err;
		int status = -1;
	};
	auto sh = [&](const std::string& cmd) {
		int status = std::system(("cd '" + m_dir.string() + "' && " + cmd + " >out 2>err").c_str());
		Result r{read_file(m_dir / "out"), read_file(m_dir / "err"), WIFEXITED(status) ? WEXITSTATUS(status) : -1};
		return r;
	};
	Result r = sh("./grep -c line in");
	EXPECT_EQ(r.out, "3\n");
	EXPECT_EQ(r.status, 0);
	r = sh("./grep -i -n 'line [34]' in");
	EXPECT_EQ(r.out, "3:LINE 3: gamma\n4:line 4: delta\n");
	r = sh("./grep -v -e a in");
	EXPECT_EQ(r.out, "");
	EXPECT_EQ(r.status, 1);
	r = sh("./grep -E 'al+pha|^last$|[|]' in");
	EXPECT_EQ(r.out, "line 1: alpha\nlast\n");
	r = sh("./grep 'gam*a\\|bet[a-z]' in");
	EXPECT_EQ(r.out, "line 2: beta\nLINE 3: gamma\n");
	r = sh("./grep '^l.*a$' in /nonexistent");
	EXPECT_EQ(r.out, "in:line 1: alpha\nin:line 2: beta\nin:line 4: delta\n");
	EXPECT_EQ(r.err, "grep: /nonexistent: No such file or directory\n");
	EXPECT_EQ(r.status, 2);
	r = sh("./grep -F . in < in");
	EXPECT_EQ(r.status, 1);
	r = sh("./cat in | ./grep last");
	EXPECT_EQ(r.out, "last\n");
	r = sh("./wc in");
	EXPECT_EQ(r.out, "        4        13        59 in\n");
	r = sh("./cat in | ./wc -l");
	EXPECT_EQ(r.out, "4\n");
	r = sh("./wc -lw < in");
	EXPECT_EQ(r.out, "        4        13\n");
	r = sh("./wc -c in in");
	EXPECT_EQ(r.out, "       59 in\n       59 in\n      118 total\n");
	r = sh("./head -n 2 in");
	EXPECT_EQ(r.out, "line 1: alpha\nline 2: beta\n");
	r = sh("./cat in | ./tail -2");
	EXPECT_EQ(r.out, "line 4: delta\nlast");
	r = sh("./head -c 6 in");
	EXPECT_EQ(r.out, "line 1");
	r = sh("./head -1 in in");
	EXPECT_EQ(r.out, "==> in <==\nline 1: alpha\n\n==> in <==\nline 1: alpha\n");
	r = sh("./tail -n 1 /nonexistent");
	EXPECT_EQ(r.err, "tail: can't open '/nonexistent': No such file or directory\n");
	EXPECT_EQ(r.status, 1);
	r = sh("./cat /nonexistent in");
	EXPECT_EQ(r.err, "cat: can't open '/nonexistent': No such file or directory\n");
	EXPECT_EQ(r.status, 1);
	r = sh("./echo -n -e 'a\\tb\\x41\\0101' c");
	EXPECT_EQ(r.out, "a\tbAA c");
}

// tee copies standard input to standard output and to each file (-a appends), and goes
// on past a file it cannot open with status 1; tail -f keeps reading the file until it is
// killed. Built with the host's compiler, on the host's files.
TEST_F(HostC, TeeAndTailFollowBehaveLikeBusybox)
{
	for (const char* a : {"tee", "tail"}) {
		write_file(m_dir / (std::string(a) + ".c"), applet_source(a));
		ASSERT_TRUE(run(cc(std::string("-o ") + a + " " + a + ".c"), m_dir / "cc.log")) << a << read_file(m_dir / "cc.log");
	}
	auto sh = [&](const std::string& cmd) {
		int status = std::system(("cd '" + m_dir.string() + "' && " + cmd + " >out 2>err").c_str());
		return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
	};
	EXPECT_EQ(sh("printf 'one\\ntwo\\n' | ./tee a b"), 0);
	EXPECT_EQ(read_file(m_dir / "out"), "one\ntwo\n");
	EXPECT_EQ(read_file(m_dir / "a"), "one\ntwo\n");
	EXPECT_EQ(read_file(m_dir / "b"), "one\ntwo\n");
	EXPECT_EQ(sh("echo three | ./tee -a a /nonexistent/x"), 1);
	EXPECT_EQ(read_file(m_dir / "a"), "one\ntwo\nthree\n");
	EXPECT_EQ(read_file(m_dir / "err"), "tee: /nonexistent/x: No such file or directory\n");
	// The file grows while tail -f follows it: the new line comes out after a second.
	write_file(m_dir / "log", "l1\nl2\n");
	EXPECT_EQ(sh("(./tail -n 1 -f log & p=$!; sleep 0.3; echo l3 >> log; sleep 1.5; kill $p)"), 0);
	EXPECT_EQ(read_file(m_dir / "out"), "l2\nl3\n");
}

// awk's subset prints what the host's awk prints for the one-liners load scripts use;
// rm and chmod act on the host's files with busybox's messages.
TEST_F(HostC, AwkRmChmodBehaveLikeTheirBusyboxApplets)
{
	for (const char* a : {"awk", "rm", "chmod"}) {
		write_file(m_dir / (std::string(a) + ".c"), applet_source(a));
		ASSERT_TRUE(run(cc(std::string("-o ") + a + " " + a + ".c"), m_dir / "cc.log")) << a << read_file(m_dir / "cc.log");
	}
	if (std::system("awk 'BEGIN {}' </dev/null >/dev/null 2>&1") != 0)
		GTEST_SKIP() << "no awk on the host to compare with";
	write_file(m_dir / "devices", "Character devices:\n  1 mem\n  4 /dev/vc/0\n 10 misc\n240 scull\n241 scullp\n\n"
				      "Block devices:\n  7 loop\n259 blkext\n");
	auto out = [&](const std::string& cmd) {
		std::system(("cd '" + m_dir.string() + "' && " + cmd + " >out 2>&1; echo \"status $?\" >>out").c_str());
		return read_file(m_dir / "out");
	};
	for (const char* prog : {
		     "'$2==\"scull\" {print $1}'",
		     "\"\\$2==\\\"scullp\\\" {print \\$1}\"",
		     "'/^Block/ {next} /sd|loop/ {print NR\": \"$2, NF}'",
		     "'$1 > 200 && $1 < 241 {print $2 $1}'",
		     "'$1 >= 10 || $2 ~ /^vc/'",
		     "'$2 !~ /s/ && NF == 2 {printf \"%-6s|%5d|%x\\n\", $2, $1, $1 * 2}'",
		     "'BEGIN {print \"start\"} END {print NR, NF; exit 3}'",
		     "-F/ '{print $2}'",
		     "'{ print $1 % 7, $1 / 4 }'",
	     }) {
		std::string cmd = std::string(" ") + prog + " devices";
		EXPECT_EQ(out("./awk" + cmd), out("awk" + cmd)) << prog;
	}
	EXPECT_EQ(out("./awk '{print $1' devices"), "awk: cmd. line:1: Unexpected end of string\nstatus 2\n");
	EXPECT_EQ(out("./awk '{x = 1}' devices"), "awk: cmd. line:1: Unexpected token\nstatus 2\n");
	EXPECT_EQ(out("./awk '{print}' nonexistent"), "awk: nonexistent: No such file or directory\nstatus 2\n");

	write_file(m_dir / "f1", "");
	write_file(m_dir / "f2", "");
	EXPECT_EQ(out("./chmod 640 f1 && stat -c %a f1"), "640\nstatus 0\n");
	EXPECT_EQ(out("./chmod u+x,g-r,o=w f1 && stat -c %a f1"), "702\nstatus 0\n");
	EXPECT_EQ(out("./chmod +x f2 && stat -c %a f2"), out("touch f3 && chmod +x f3 && stat -c %a f3"));
	EXPECT_EQ(out("./chmod 9 f1"), "chmod: invalid mode '9'\nstatus 1\n");
	EXPECT_EQ(out("./chmod 644 nonexistent f1"), "chmod: nonexistent: No such file or directory\nstatus 1\n");
	EXPECT_EQ(out("./rm f1 nonexistent"), "rm: can't stat 'nonexistent': No such file or directory\nstatus 1\n");
	EXPECT_EQ(out("./rm -f f2 nonexistent && test ! -e f1 && test ! -e f2"), "status 0\n");
	EXPECT_EQ(out("mkdir d && ./rm d"), "rm: 'd' is a directory\nstatus 1\n");
}

// ln -s makes symlinks with busybox's messages (coreutils/ln.c): -f replaces the name,
// a second link over it fails with "can't create symlink", several targets go into a
// directory under their last components, and hard links are refused by the script compiler.
TEST_F(HostC, LnMakesSymlinksAsBusyboxDoes)
{
	write_file(m_dir / "ln.c", applet_source("ln"));
	ASSERT_TRUE(run(cc("-o ln ln.c"), m_dir / "cc.log")) << read_file(m_dir / "cc.log");
	auto out = [&](const std::string& cmd) {
		std::system(("cd '" + m_dir.string() + "' && { " + cmd + "; } >out 2>&1; echo \"status $?\" >>out").c_str());
		return read_file(m_dir / "out");
	};
	EXPECT_EQ(out("./ln -s target link && readlink link"), "target\nstatus 0\n");
	EXPECT_EQ(out("./ln -s other link"), "ln: can't create symlink 'link' to 'other': File exists\nstatus 1\n");
	EXPECT_EQ(out("./ln -sfv other link && readlink link"), "'link' -> 'other'\nother\nstatus 0\n");
	EXPECT_EQ(out("mkdir d && ./ln -s /a/x y d && readlink d/x d/y"), "/a/x\ny\nstatus 0\n");
	EXPECT_EQ(out("./ln -s a b c"), "ln: c: Not a directory\nstatus 1\n");
	EXPECT_EQ(out("./ln -sq a b 2>&1 | head -1"), "ln: invalid option -- 'q'\nstatus 0\n");
}

TEST(InitScript, LnWithoutSIsRefused)
{
	Compiled c = compile("#!kctx cpus=1\nln /dev/a /dev/b\nln -sf a /dev/b\n");
	EXPECT_FALSE(c.script);
	EXPECT_EQ(c.diagnostics, "init.sh:2:1: error: ln: hard links are not supported in init.sh: write ln -s TARGET LINK\n"
				 "    2 | ln /dev/a /dev/b\n"
				 "      | ^~\n");
}

// printf (coreutils/printf.c) against the host's coreutils printf for what both do alike:
// conversions with flags, widths and '*', the format reused for extra arguments, 'C as a
// number, %b's escapes; and busybox's own answers: "\c" ends the output, a bad directive
// and a bad number are status 1, and output that cannot be written is status 1, silently.
TEST_F(HostC, PrintfBehavesLikeBusybox)
{
	write_file(m_dir / "printf.c", applet_source("printf"));
	ASSERT_TRUE(run(cc("-o printf printf.c"), m_dir / "cc.log")) << read_file(m_dir / "cc.log");
	if (std::system("env printf '' >/dev/null 2>&1") != 0)
		GTEST_SKIP() << "no printf on the host to compare with";
	auto out = [&](const std::string& cmd) {
		std::system(("cd '" + m_dir.string() + "' && { " + cmd + "; } >out 2>&1; echo \"status $?\" >>out").c_str());
		return read_file(m_dir / "out");
	};
	for (const char* args : {
		     "'%s-%d|%5.2f|%x|%o|%c|%b\\n' abc 42 3.14159 255 8 xyz 'a\\tb'",
		     "'%d %d\\n' 1 2 3",
		     "01",
		     "'%-5s|%05d|%+d|%X\\n' ab 7 3 48879",
		     "'%*d|%.*s|\\n' 4 7 2 abcdef",
		     "'%d %u %i\\n' \"'A\" 0x10 -0",
		     "'a\\x41\\101\\0102\\\\ \\n'",
		     "'%e %g %.3f\\n' 0.000123 1e10 -2.5e3",
		     "'%s\\n'",
	     }) {
		std::string a = args;
		EXPECT_EQ(out("./printf " + a), out("env printf " + a)) << a;
	}
	EXPECT_EQ(out("./printf 'ab\\cde' x"), "abstatus 0\n");
	EXPECT_EQ(out("./printf '%d\\n' 12x"), "printf: invalid number '12x'\n12\nstatus 1\n");
	EXPECT_EQ(out("./printf 'x%qy\\n' 1"), "printf: %qy\\n: invalid format\nxstatus 1\n");
	EXPECT_EQ(out("./printf"), "BusyBox v1.35.0 (Debian 1:1.35.0-4+b3) multi-call binary.\n\nUsage: printf FORMAT [ARG]...\nstatus 1\n");
	if (std::system("test -w /dev/full") == 0) {
		EXPECT_EQ(out("./printf 12345 >/dev/full"), "status 1\n");
	}
}

// lkmpg keeps its user programs in other/: ./other/cat_nonblock runs other/cat_nonblock.c.
TEST(InitScript, ProgramsInSubdirectories)
{
	Compiled c = compile("./other/cat_nonblock /proc/sleep\n./other/cat_nonblock x\n");
	ASSERT_TRUE(c.script) << c.diagnostics;
	EXPECT_EQ(c.script->programs, std::vector<std::string>{"other/cat_nonblock"});
}

}   // namespace
}   // namespace kctx::shell
