// The interpreter and the semantic pass, run against a hand-made event context: each
// test is a small script and what stap 4.8 prints for it (the formats of runtime errors,
// histograms and printf come from SystemTap's runtime/, see docs/stap.md).
#include <gtest/gtest.h>

#include "probe/run/Format.h"
#include "probe/run/Session.h"

namespace kctx::probe {
namespace {

class FakeContext final : public ProbeContext {
public:
	std::string execname() const override { return "cst_test"; }
	int64_t pid() const override { return 103; }
	int64_t tid() const override { return 104; }
	int64_t ppid() const override { return 1; }
	int64_t cpu() const override { return 2; }
	uint64_t now_ns() const override { return 1'234'567'891; }
	int64_t jiffies() const override { return 4294892601; }
	int64_t hz() const override { return 250; }
	int64_t online_cpus() const override { return 4; }
	bool in_irq() const override { return false; }
	bool user_mode() const override { return false; }
	std::optional<Value> task_member(int64_t task, const std::string& field) const override
	{
		if (task != 0x1000)
			return std::nullopt;
		return field == "comm" ? Value::of(std::string("swapper/2")) : Value::of(int64_t{field == "prio" ? 120 : 7});
	}
	std::optional<Value> target(const std::string& name, std::span<const std::string> fields) const override
	{
		if (name == "prev" && fields.empty())
			return Value::of(int64_t{0x1000});
		if (name == "prev" && fields.size() == 1 && fields[0] == "comm")
			return Value::of(std::string("swapper/2"));
		if (name == "preempt" || name == "prev_state")
			return Value::of(int64_t{0});
		if (name == "next")
			return Value::of(int64_t{0x2000});
		return std::nullopt;
	}
};

struct Outcome {
	std::string out, err;
	bool resolved = false;
	SessionState state = SessionState::Running;
};

// Parses, resolves and runs `text`: begin probes, `fires` hits of every other site, then
// the end. Scripts that do not resolve leave the semantic errors in err.
Outcome run(const std::string& text, std::vector<std::string> args = {}, Limits limits = {}, int fires = 0,
	std::vector<std::pair<std::string, std::string>> globals = {})
{
	ScriptInput input{"t.stp", text, std::move(args), {}};
	Pass1 p1 = run_pass1(input);
	EXPECT_TRUE(p1.ok) << p1.err;
	std::vector<std::string_view> syscalls{"read", "write", "openat"};
	Resolved r = resolve(p1.script, 250, syscalls);
	Outcome out;
	out.resolved = r.ok;
	if (!r.ok) {
		out.err = r.err;
		return out;
	}
	Session s(std::move(p1), std::move(r), SessionOptions{limits, std::move(globals), false});
	FakeContext ctx;
	s.start(ctx);
	for (int i = 0; i < fires; i++)
		for (size_t site = 0; site < s.sites().size(); site++)
			if (s.sites()[site].event != Event::Begin && s.sites()[site].event != Event::End &&
			    s.sites()[site].event != Event::Error)
				s.fire(site, ctx);
	out.state = s.state();
	s.stop(ctx);
	out.out = s.take_output();
	out.err = s.take_errors();
	return out;
}

TEST(StapRun, SeedArguments)
{
	Outcome r = run("probe begin { printf(\"arg1 is %d, arg2 is %s\\n\", $1, @2); exit() }", {"100", "test"});
	EXPECT_EQ(r.out, "arg1 is 100, arg2 is test\n");
	EXPECT_EQ(r.state, SessionState::Exiting);
	EXPECT_EQ(r.err, "");
}

TEST(StapRun, EndRunsAfterExitAndOnlyOnce)
{
	Outcome r = run("global n\nprobe timer.ms(10) { n++ }\nprobe end { printf(\"n=%d\\n\", n) }", {}, {}, 3);
	EXPECT_EQ(r.out, "n=3\n");
}

TEST(StapRun, ArraysForeachSortedWithLimit)
{
	Outcome r = run("global a\n"
		    "probe begin { a[\"x\"] = 3; a[\"y\"] = 7; a[\"z\"] = 5; a[\"w\"] = 1\n"
		    "  foreach (k in a- limit 3) printf(\"%s=%d \", k, a[k])\n"
		    "  foreach (k+ in a) print(k)\n"
		    "  if (\"y\" in a) println(\" y in\")\n"
		    "  delete a[\"y\"]\n"
		    "  if (!(\"y\" in a)) println(\"y gone\")\n"
		    "}");
	EXPECT_EQ(r.out, "y=7 z=5 x=3 wxyz y in\ny gone\n");
}

TEST(StapRun, TupleKeysAndIndexSort)
{
	Outcome r = run("global a\nprobe begin { a[\"b\", 2] = 1; a[\"a\", 9] = 2; a[\"a\", 1] = 3\n"
		    "  foreach ([s, n-] in a) printf(\"%s%d:%d \", s, n, a[s, n]) }");
	EXPECT_EQ(r.out, "a9:2 b2:1 a1:3 ");
}

TEST(StapRun, Aggregates)
{
	Outcome r = run("global s, t\nprobe begin { s <<< 4; s <<< 10; s <<< 1\n"
		    "  t[\"a\"] <<< 1; t[\"b\"] <<< 1; t[\"b\"] <<< 1\n"
		    "  printf(\"%d %d %d %d %d\\n\", @count(s), @sum(s), @min(s), @max(s), @avg(s))\n"
		    "  foreach (k in t-) printf(\"%s:%d \", k, @count(t[k])) }");
	EXPECT_EQ(r.out, "3 15 1 10 5\nb:2 a:1 ");
}

TEST(StapRun, HistLogPrintsAsStapsRuntime)
{
	// 3 values in [1,2), one 8, 60 in [64,128): two empty buckets on each side, the run
	// 16..32 kept (it is not longer than twice HIST_ELISION); the largest count, 60, is
	// over 50, so a bar's @ stands for ceil(60/50) = 2 and the count column is 2 wide.
	std::string script = "global h\nprobe begin { h <<< 1; h <<< 1; h <<< 1; h <<< 8\n"
			     "  for (i = 0; i < 60; i++) h <<< 100\n  print(@hist_log(h)) }";
	Outcome r = run(script);
	auto row = [](std::string value, int64_t count) {
		std::string bar(static_cast<size_t>(count / 2), '@');
		std::string n = std::to_string(count);
		return value + " |" + bar + std::string(52 - bar.size() - n.size(), ' ') + n + "\n";
	};
	std::string want = "value |-------------------------------------------------- count\n" + row("    0", 0) +
			   row("    1", 3) + row("    2", 0) + row("    4", 0) + row("    8", 1) + row("   16", 0) +
			   row("   32", 0) + row("   64", 60) + row("  128", 0) + row("  256", 0);
	EXPECT_EQ(r.out, want);
}

TEST(StapRun, HistLogElidesLongEmptyRuns)
{
	Outcome r = run("global h\nprobe begin { h <<< 1; h <<< 1000000; print(@hist_log(h)) }");
	// 1 and 2^19..2^20: the 17 empty buckets between keep two rows on each side.
	EXPECT_NE(r.out.find("\n      4 |"), std::string::npos) << r.out;
	EXPECT_NE(r.out.find("\n        ~\n") , std::string::npos) << r.out;
	EXPECT_EQ(r.out.find("\n      8 |"), std::string::npos) << r.out;
	EXPECT_NE(r.out.find("\n 131072 |"), std::string::npos) << r.out;
	EXPECT_EQ(r.out.find("\n  65536 |"), std::string::npos) << r.out;
}

TEST(StapRun, MaxactionIsAnErrorThatSkipsEndAndRunsError)
{
	Outcome r = run("probe begin { for (;;) { } }\nprobe end { println(\"end\") }\nprobe error { println(\"error\") }");
	EXPECT_EQ(r.out, "error\n");
	EXPECT_EQ(r.err, "ERROR: MAXACTION exceeded near operator '{' at t.stp:1:24\n"
			 "WARNING: Number of errors: 1, skipped probes: 0\n");
}

TEST(StapRun, ArrayOverflowAndWrapAround)
{
	Limits small;
	small.maxmapentries = 2;
	Outcome r = run("global a\nprobe begin { a[1] = 1; a[2] = 2; a[3] = 3 }", {}, small);
	EXPECT_NE(r.err.find("ERROR: Array overflow, check MAXMAPENTRIES near"), std::string::npos) << r.err;
	Outcome w = run("global a%[2]\nprobe begin { a[1] = 1; a[2] = 2; a[3] = 3; foreach (k+ in a) print(k) }");
	EXPECT_EQ(w.out, "23");
	EXPECT_EQ(w.err, "");
}

TEST(StapRun, DivisionByZero)
{
	Outcome r = run("probe begin { x = 0; y = 10 / x }");
	EXPECT_EQ(r.err.substr(0, r.err.find('\n')), "ERROR: division by 0 near operator '/' at t.stp:1:29");
}

TEST(StapRun, TryCatchKeepsTheHandlerGoing)
{
	Outcome r = run("probe begin { try { x = 1 / 0 } catch (msg) { println(\"caught: \", msg) } println(\"after\") }");
	EXPECT_EQ(r.out, "caught: division by 0\nafter\n");
	EXPECT_EQ(r.err, "");
}

TEST(StapRun, FunctionsStringsAndPrintfConversions)
{
	Outcome r = run("function sq(x) { return x * x }\n"
		    "function greet:string(n:string) { return \"hi \" . n }\n"
		    "probe begin { printf(\"%d %s %5d|%-5s|%x %X %o %c %p %%\\n\", sq(7), greet(\"bob\"), 42, \"ab\", 255, 255, 8, 65, 4096)\n"
		    "  println(sprintf(\"%03d\", 7), strlen(\"abc\"), substr(\"abcdef\", 1, 3), isinstr(\"abc\", \"bc\"))\n"
		    "  printd(\", \", 1, \"two\", 3); println(\"\")\n"
		    "  x = -9223372036854775807 - 1; println(x - 1) }");
	EXPECT_EQ(r.out, "49 hi bob    42|ab   |ff FF 10 A 0x0000000000001000 %\n0073bcd1\n1, two, 3\n"
			 "9223372036854775807\n");
}

TEST(StapRun, MaxStringLenClips)
{
	Limits l;
	l.maxstringlen = 5;
	Outcome r = run("probe begin { s = \"abc\" . \"defgh\"; println(s) }", {}, l);
	EXPECT_EQ(r.out, "abcd\n");
}

TEST(StapRun, ContextFunctions)
{
	Outcome r = run("probe begin { printf(\"%s %d %d %d %d %s %d %d\\n\", execname(), pid(), tid(), ppid(), cpu(), pp(), "
		    "gettimeofday_ms(), HZ()) }");
	EXPECT_EQ(r.out, "cst_test 103 104 1 2 begin 1234 250\n");
}

TEST(StapRun, GlobalsFromTheCommandLine)
{
	Outcome r = run("global lim = 3, who = \"x\"\nprobe begin { printf(\"%d %s\\n\", lim, who) }", {}, {}, 0,
		    {{"lim", "12"}, {"who", "abc"}});
	EXPECT_EQ(r.out, "12 abc\n");
}

TEST(StapRun, TracepointTargetsAndDefined)
{
	Outcome r = run("probe kernel.trace(\"sched_switch\") { printf(\"%s %d %d\\n\", $prev->comm, @defined($next), "
		    "@defined($nope)); exit() }",
		    {}, {}, 2);
	EXPECT_EQ(r.out, "swapper/2 1 0\n");
	Outcome parms = run("probe kernel.trace(\"sched:sched_switch\") { println($$parms); exit() }", {}, {}, 1);
	EXPECT_EQ(parms.out, "preempt=0x0 prev=0x1000 next=0x2000 prev_state=0x0\n");
}

TEST(StapRun, TaskFunctions)
{
	Outcome r = run("probe kernel.trace(\"sched_switch\") { printf(\"%s %d %d %d\\n\", task_execname($prev), "
			"task_pid($prev), task_prio($prev), task_pid(12345)); exit() }",
			{}, {}, 1);
	EXPECT_EQ(r.out, "swapper/2 7 20 0\n");
}

TEST(StapResolve, ChooseDefinedTakesTheBranchTheEventHas)
{
	// The seed's vm.pagefault idea on a tracepoint: the missing variable's branch is
	// dropped before it is checked.
	Outcome r = run("probe kernel.trace(\"sched_switch\") { x = @choose_defined($write_access, $prev_state); "
		    "println(x); exit() }",
		    {}, {}, 1);
	EXPECT_TRUE(r.resolved) << r.err;
	EXPECT_EQ(r.out, "0\n");
}

TEST(StapResolve, KernelFunctionsWithTheirParameters)
{
	// One site per function the glob matches; .call and .return kept in pp(); the
	// target variables are the function's parameters, and $return in .return only.
	Outcome r = run("probe kernel.function(\"kmalloc\").return { x = $size + $flags + $return }\n"
			"probe kernel.function(\"mutex_lock*\").call { y = $lock; z = @defined($return) ? 1 : 0 }\n"
			"probe kernel.function(\"schedule\") { w = @defined($lock) }");
	EXPECT_TRUE(r.resolved) << r.err;
	Outcome bad = run("probe kernel.function(\"kmalloc\") { x = $return }");
	EXPECT_FALSE(bad.resolved);
	EXPECT_NE(bad.err.find("semantic error: unable to find local 'return' (alternatives: $size $flags)"),
		  std::string::npos)
		<< bad.err;
	EXPECT_FALSE(run("probe kernel.function(\"no_such_function\") { }").resolved);
	EXPECT_TRUE(run("probe kernel.function(\"no_such_function\") ?, begin { }").resolved);
	// stap's other kernel.function() suffixes are no match here.
	EXPECT_FALSE(run("probe kernel.function(\"kmalloc\").inline { }").resolved);
}

TEST(StapResolve, ListsKernelFunctions)
{
	std::vector<std::string_view> none;
	EXPECT_EQ(list_probe_points("kernel.function(\"kmalloc\")", true, none), "kernel.function(\"kmalloc\") $size:size_t $flags:gfp_t\n");
	EXPECT_EQ(list_probe_points("kernel.function(\"__mutex_lock\")*", false, none),
		  "kernel.function(\"__mutex_lock\")\nkernel.function(\"__mutex_lock\").return\n");
}

TEST(StapResolve, EntryOnlyInReturnProbesOverParameters)
{
	EXPECT_TRUE(run("probe kernel.function(\"kmalloc\").return { x = @entry($size * 2) + $return }").resolved);
	Outcome call = run("probe kernel.function(\"kmalloc\") { x = @entry($size) }");
	EXPECT_NE(call.err.find("semantic error: @entry is only valid in .return probes"), std::string::npos) << call.err;
	EXPECT_FALSE(run("probe kernel.function(\"kmalloc\").return { x = @entry(gettimeofday_ns()) }").resolved);
}

TEST(StapRun, CastToTaskStruct)
{
	Outcome r = run("probe begin { printf(\"%s %d\\n\", @cast(4096, \"struct task_struct\")->comm, "
			"@cast(4096, \"task_struct\")->prio) }");
	EXPECT_TRUE(r.resolved) << r.err;
	EXPECT_EQ(r.out, "swapper/2 120\n");
	EXPECT_FALSE(run("probe begin { println(@cast(4096, \"struct task_struct\")->mm) }").resolved);
	EXPECT_FALSE(run("probe begin { println(@cast(4096, \"struct inode\")->i_ino) }").resolved);
}

TEST(StapResolve, UnknownProbePoint)
{
	Outcome r = run("probe kernel.nosuch { }");
	EXPECT_FALSE(r.resolved);
	EXPECT_EQ(r.err, "semantic error: while resolving probe point: identifier 'kernel' at t.stp:1:7\n"
			 "        source: probe kernel.nosuch { }\n"
			 "                      ^\n\n"
			 "semantic error: no match\n\n"
			 "Pass 2: analysis failed.  [man error::pass2]\n");
	EXPECT_TRUE(run("probe kernel.nosuch ? { }\nprobe begin { }").resolved);
}

TEST(StapResolve, UnresolvedFunctionAndMissingTarget)
{
	Outcome f = run("probe begin { shedule() }");
	EXPECT_NE(f.err.find("semantic error: unresolved function call: identifier 'shedule' at t.stp:1:15"),
		  std::string::npos)
		<< f.err;
	Outcome t = run("probe kernel.trace(\"sched_wakeup\") { println($prev) }");
	EXPECT_NE(t.err.find("semantic error: unable to find tracepoint variable '$prev' (alternatives: $p): "
			     "identifier '$prev' at t.stp:1:46"),
		  std::string::npos)
		<< t.err;
}

TEST(StapResolve, ListingAndTimers)
{
	ScriptInput input{"t.stp", "probe begin, timer.ms(100), syscall.read.return, scheduler.ctxswitch { }", {}, {}};
	Pass1 p1 = run_pass1(input);
	std::vector<std::string_view> syscalls{"read"};
	Resolved r = resolve(p1.script, 250, syscalls);
	ASSERT_TRUE(r.ok) << r.err;
	EXPECT_EQ(r.listing, "begin /* <- begin */\n"
			     "timer.ms(100) /* <- timer.ms(100) */\n"
			     "kernel.trace(\"raw_syscalls:sys_exit\") /* <- syscall.read.return */\n"
			     "kernel.trace(\"sched:sched_switch\") /* <- scheduler.ctxswitch */\n");
	EXPECT_EQ(r.sites[1].period_ns, 100'000'000u);
	EXPECT_EQ(r.sites[2].syscall, "read");
}

TEST(StapResolve, ModuleFunctions)
{
	// The scenario's module functions; $return only where the function returns a value.
	std::vector<ModuleFunctionInfo> fns{{"cst", "cst_timer_handler", false}, {"cst", "cst_init", true}};
	auto resolve_text = [&](const std::string& text) {
		ScriptInput input{"t.stp", text, {}, {}};
		Pass1 p1 = run_pass1(input);
		EXPECT_TRUE(p1.ok) << p1.err;
		return resolve(p1.script, 250, {}, fns);
	};
	Resolved r = resolve_text("probe module(\"cs*\").function(\"cst_*\").return { println($$return) }");
	ASSERT_TRUE(r.ok) << r.err;
	EXPECT_EQ(r.listing, "module(\"cst\").function(\"cst_timer_handler\").return /* <- module(\"cs*\").function(\"cst_*\").return */\n"
			     "module(\"cst\").function(\"cst_init\").return /* <- module(\"cs*\").function(\"cst_*\").return */\n");
	EXPECT_EQ(r.sites[0].module_function, "cst_timer_handler");
	EXPECT_TRUE(resolve_text("probe module(\"cst\").function(\"cst_init\").return { x = $return }").ok);
	EXPECT_FALSE(resolve_text("probe module(\"cst\").function(\"cst_timer_handler\").return { x = $return }").ok);
	EXPECT_FALSE(resolve_text("probe module(\"other\").function(\"*\") { }").ok);
}

TEST(StapResolve, ModuleFunctionParameters)
{
	// Parameters named from the module's source are target variables at entry and in
	// .return (their entry values), before $return; other names are stap's "local" error.
	std::vector<ModuleFunctionInfo> fns{{"m", "f", true, {"dev", "len"}}};
	auto resolve_text = [&](const std::string& text) {
		ScriptInput input{"t.stp", text, {}, {}};
		Pass1 p1 = run_pass1(input);
		EXPECT_TRUE(p1.ok) << p1.err;
		return resolve(p1.script, 250, {}, fns);
	};
	Resolved entry = resolve_text("probe module(\"m\").function(\"f\") { println($dev + $len) }");
	ASSERT_TRUE(entry.ok) << entry.err;
	std::vector<std::string> names;
	for (const TargetVarInfo& v : site_vars(entry.sites[0]))
		names.emplace_back(v.name);
	EXPECT_EQ(names, (std::vector<std::string>{"dev", "len"}));
	Resolved ret = resolve_text("probe module(\"m\").function(\"f\").return { println($len + $return) }");
	ASSERT_TRUE(ret.ok) << ret.err;
	EXPECT_EQ(site_vars(ret.sites[0]).size(), 3u);
	Resolved bad = resolve_text("probe module(\"m\").function(\"f\") { println($nope) }");
	EXPECT_NE(bad.err.find("semantic error: unable to find local 'nope' (alternatives: $dev $len)"), std::string::npos)
		<< bad.err;
}

TEST(StapResolve, ListProbePoints)
{
	std::vector<std::string_view> syscalls{"read", "write"};
	EXPECT_EQ(list_probe_points("kernel.trace(\"softirq_*\")", false, syscalls),
		  "kernel.trace(\"irq:softirq_entry\")\nkernel.trace(\"irq:softirq_exit\")\n");
	EXPECT_EQ(list_probe_points("syscall.wr*", true, syscalls),
		  "syscall.write name:string syscall_nr:long argstr:string\nsyscall.write.return name:string retval:long "
		  "retstr:string\n");
	EXPECT_EQ(list_probe_points("nothing*", false, syscalls), "");
	// The scenario's functions when its code is known (names only without it).
	ModuleFunctionInfo tick{"sumdev", "tick_fn", false, {"t"}, nullptr, 0, false, {}};
	EXPECT_EQ(list_probe_points("module(\"sumdev\").function(\"tick*\")*", true, syscalls, std::span(&tick, 1)),
		  "module(\"sumdev\").function(\"tick_fn\") $t:long\nmodule(\"sumdev\").function(\"tick_fn\").return "
		  "$t:long\n");
}

TEST(StapFormat, Unescape)
{
	EXPECT_EQ(unescape("a\\tb\\n\\\\\\101\\x41"), "a\tb\n\\AA");
}

}  // namespace
}  // namespace kctx::probe
