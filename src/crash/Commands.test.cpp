// The commands beyond sys/ps/bt/log on hand-built machines: what each prints from the
// machine's own fields, in crash 8.0.2's columns.
#include "crash/Commands.h"

#include <gtest/gtest.h>

#include "crash/Session.h"
#include "crash/Views.h"
#include "kernel/core/MachineBytes.h"
#include "lang/Compiler.h"

namespace kctx::crash {
namespace {

// Two CPUs: idle tasks, init (sleeping), a runner on CPU 1 and a queued task behind it.
kernel::Machine machine()
{
	kernel::Machine m;
	m.cpus.resize(2);
	auto task = [&](int32_t pid, int32_t ppid, const char* comm, uint32_t cpu, uint32_t state, bool kthread) {
		kernel::Task t;
		t.pid = t.tgid = pid;
		t.ppid = ppid;
		t.comm = comm;
		t.cpu = cpu;
		t.state = state;
		t.kthread = kthread;
		t.task_struct_addr = 0xffff888100000000ull + m.tasks.size() * 0x100;
		t.stack_base = 0xffffc90000000000ull + m.tasks.size() * 0x8000;
		m.tasks.push_back(t);
		return static_cast<kernel::TaskId>(m.tasks.size() - 1);
	};
	m.cpus[0].curr = m.cpus[0].idle = task(0, 0, "swapper/0", 0, 0, true);
	m.cpus[1].idle = task(0, 0, "swapper/1", 1, 0, true);
	task(1, 0, "init", 0, 1, false);
	kernel::TaskId runner = task(105, 1, "spinner", 1, 0, false);
	kernel::TaskId queued = task(106, 1, "holder", 1, 0, false);
	m.cpus[1].curr = runner;
	m.cpus[1].sched.rq = {runner, queued};
	m.tasks[runner].sched.on_rq = m.tasks[queued].sched.on_rq = true;
	m.tasks[runner].sched.exec_start = 900;
	m.tasks[queued].sched.exec_start = 500;
	m.tasks[queued].sched.vruntime = 42;
	m.tasks[queued].sched.nivcsw = 3;
	m.kmem.map(0xffffc90000100000ull, 0x1000, "test data");
	const char bytes[] = "kctx\0\x01\x02\x03\xff\xfe\x10\x20\x30\x40\x50\x60\x70\x80";
	EXPECT_TRUE(m.kmem.write(0xffffc90000100000ull, bytes, 18));
	return m;
}

struct Fixture {
	Target target;
	explicit Fixture(kernel::Machine m, uint64_t taken_ns = 1'000'000'000)
	{
		DumpImage img;
		img.release = "6.1.0-kctx-debug";
		img.taken_ns = taken_ns;
		img.machine = kernel::machine_to_bytes(m);
		kernel::Config config;
		config.cpus = static_cast<uint32_t>(m.cpus.size());
		Result<Target> t = open_target(std::move(img), config, kernel::Code{}, "test.vmcore");
		EXPECT_TRUE(t.ok()) << t.error().message;
		if (t.ok())
			target = std::move(*t);
	}
};

TEST(Commands, RunqListsTheQueuedTaskNotTheRunningOne)
{
	Fixture f(machine());
	Session s(f.target, "kctx test");
	EXPECT_EQ(s.run("runq -c 1"),
		  "CPU 1 RUNQUEUE: ffff88813bc6b6c0\n"
		  "  CURRENT: PID: 105    TASK: ffff888100000300  COMMAND: \"spinner\"\n"
		  "  RT PRIO_ARRAY: ffff88813bc6b940\n"
		  "     [no tasks queued]\n"
		  "  CFS RB_ROOT: ffff88813bc6b780\n"
		  "     [120] PID: 106    TASK: ffff888100000400  COMMAND: \"holder\"\n");
	EXPECT_EQ(s.run("runq -c 7"), "runq: invalid cpu specification: 7\n");
}

TEST(Commands, RdReadsKernelMemoryInEachWidth)
{
	Fixture f(machine());
	Session s(f.target, "kctx test");
	EXPECT_EQ(s.run("rd ffffc90000100000 2"), "ffffc90000100000:  030201007874636b 605040302010feff   kctx....... 0@P`\n");
	EXPECT_EQ(s.run("rd -64 ffffc90000100000 2"), s.run("rd ffffc90000100000 2"));
	EXPECT_EQ(s.run("rd -8 ffffc90000100000 5"),
		  "ffffc90000100000:  6b 63 74 78 00                                    kctx.\n");
	EXPECT_EQ(s.run("rd -32 -d ffffc90000100000"), "ffffc90000100000:   2020893547\n");
	EXPECT_EQ(s.run("rd -16 -x ffffc90000100008 2"), "ffffc90000100008:  feff 2010                                 ... \n");
	EXPECT_EQ(s.run("rd 1000"), "rd: invalid kernel virtual address: 1000  type: \"64-bit KVADDR\"\n");
	EXPECT_EQ(s.run("rd nosuchsymbol"), "rd: invalid address: nosuchsymbol\n");
}

TEST(Commands, TaskPrintsTheTaskStructAndPicksMembers)
{
	Fixture f(machine());
	Session s(f.target, "kctx test");
	std::string all = s.run("task 106");
	EXPECT_TRUE(all.starts_with("PID: 106      TASK: ffff888100000400  CPU: 1    COMMAND: \"holder\"\n"
				    "struct task_struct {\n  thread_info = {\n    flags = 0,\n"))
		<< all;
	EXPECT_NE(all.find("  se = {\n    on_rq = 1,\n    exec_start = 500,\n"), std::string::npos) << all;
	EXPECT_NE(all.find("  comm = \"holder\", '\\000' <repeats 9 times>,\n"), std::string::npos) << all;
	EXPECT_EQ(s.run("task -R nivcsw,se.vruntime 106"),
		  "PID: 106      TASK: ffff888100000400  CPU: 1    COMMAND: \"holder\"\n"
		  "  nivcsw = 3,\n  se.vruntime = 42,\n");
	EXPECT_EQ(s.run("task -R nosuch 106"),
		  "PID: 106      TASK: ffff888100000400  CPU: 1    COMMAND: \"holder\"\n"
		  "task: invalid structure member name: nosuch\n");
	EXPECT_EQ(s.run("task 4242"), "task: invalid task or pid value: 4242\n");
}

TEST(Commands, PsFamilyTreeAndLastRun)
{
	Fixture f(machine());
	Session s(f.target, "kctx test");
	EXPECT_EQ(s.run("ps -p 106"),
		  "PID: 0        TASK: ffff888100000000  CPU: 0    COMMAND: \"swapper/0\"\n"
		  " PID: 1        TASK: ffff888100000200  CPU: 0    COMMAND: \"init\"\n"
		  "  PID: 106      TASK: ffff888100000400  CPU: 1    COMMAND: \"holder\"\n");
	EXPECT_EQ(s.run("ps -c 1"),
		  "PID: 1        TASK: ffff888100000200  CPU: 0    COMMAND: \"init\"\n"
		  "  PID: 105      TASK: ffff888100000300  CPU: 1    COMMAND: \"spinner\"\n"
		  "  PID: 106      TASK: ffff888100000400  CPU: 1    COMMAND: \"holder\"\n");
	std::string l = s.run("ps -l");
	EXPECT_TRUE(l.starts_with("[900] [RU]  PID: 105 ")) << l;
}

TEST(Commands, PsTimesShowsRunTimesInCrashLayout)
{
	kernel::Machine m = machine();
	m.tasks[0].sched.sum_exec = 7000;   // swapper/0: a kernel thread's time is system time
	m.tasks[3].sched.sum_exec = 12345;  // spinner: a process's shows as user time
	m.tasks[3].start_time = 500'000'000;   // forked half a second after boot
	Fixture f(m);                        // the dump taken 1 s after boot
	Session s(f.target, "kctx test");
	// RUN TIME counts from the start's whole seconds (convert_start_time()).
	EXPECT_EQ(s.run("ps -t 105"), "PID: 105      TASK: ffff888100000300  CPU: 1    COMMAND: \"spinner\"\n"
				      "    RUN TIME: 00:00:01\n  START TIME: 500000000\n"
				      "       UTIME: 12345\n       STIME: 0\n\n");
	std::string kernel_only = s.run("ps -t -k");
	EXPECT_TRUE(kernel_only.starts_with("PID: 0        TASK: ffff888100000000  CPU: 0    COMMAND: \"swapper/0\"\n"
					    "    RUN TIME: 00:00:01\n  START TIME: 0\n"
					    "       UTIME: 0\n       STIME: 7000\n\n"))
		<< kernel_only;
	EXPECT_EQ(kernel_only.find("init"), std::string::npos) << kernel_only;
}

TEST(Commands, PsTimesWithAStartTimeSortsAndCountsRunTime)
{
	// The layout once a start time is known: 6.1's u64 ns, printed raw, and RUN TIME from
	// convert_start_time(): the uptime in jiffies less the start's whole seconds.
	Fixture f(machine(), 90'061'500'000'000ull);   // taken 1 day, 1:01:01.5 after boot
	std::vector<TaskTimes> times(2);
	times[0].id = 3;
	times[0].start_ns = 2'500'000'000ull;
	times[0].utime_ns = 95;
	times[1].id = 2;
	times[1].start_ns = 1'000'000'000ull;
	times[1].stime_ns = 57;
	EXPECT_EQ(show_task_times(f.target, times),
		  "PID: 1        TASK: ffff888100000200  CPU: 0    COMMAND: \"init\"\n"
		  "    RUN TIME: 1 days, 01:01:00\n  START TIME: 1000000000\n       UTIME: 0\n       STIME: 57\n\n"
		  "PID: 105      TASK: ffff888100000300  CPU: 1    COMMAND: \"spinner\"\n"
		  "    RUN TIME: 1 days, 01:00:59\n  START TIME: 2500000000\n       UTIME: 95\n       STIME: 0\n\n");
	EXPECT_EQ(convert_time(250 * 59, 250), "00:00:59");
	EXPECT_EQ(convert_time(100ull * 86400 * 2 + 100 * 3661, 100), "2 days, 01:01:01");
}

TEST(Commands, ForeachRunsACommandPerSelectedTask)
{
	Fixture f(machine());
	Session s(f.target, "kctx test");
	EXPECT_EQ(s.run("foreach user ps"),
		  "      PID    PPID  CPU       TASK        ST  %MEM      VSZ      RSS  COMM\n"
		  "        1       0   0  ffff888100000200  IN   0.0        0        0  init\n"
		  ">     105       1   1  ffff888100000300  RU   0.0        0        0  spinner\n"
		  "      106       1   1  ffff888100000400  RU   0.0        0        0  holder\n");
	std::string sets = s.run("foreach IN set");
	EXPECT_EQ(sets, "         PID: 1\n     COMMAND: \"init\"\n        TASK: ffff888100000200  "
			"[THREAD_INFO: ffff888100000200]\n         CPU: 0\n       STATE: TASK_INTERRUPTIBLE\n\n");
	EXPECT_EQ(s.run("foreach user"), "foreach: a command is required (bt, ps, task, files or set)\nUsage:\n"
					 "  foreach [pid | task | name | kernel | user | active | RU | IN | UN | ST | ZO | ID] "
					 "command [flags]\nEnter \"help foreach\" for details.\n");
}

TEST(Commands, TimerListsPendingTimersByCpu)
{
	kernel::Machine m = machine();
	kernel::Timer tm;
	tm.kind = kernel::TimerKind::ProcessTimeout;
	tm.expires = 4294892296ull + 300;
	tm.cpu = 1;
	tm.pending = true;
	m.time.timers[0xffffc90000007e00ull] = tm;
	m.time.timer_queue.insert({1, tm.expires, 1, 0xffffc90000007e00ull});
	Fixture f(m);
	Session s(f.target, "kctx test");
	std::string out = s.run("timer");
	// jiffies at 1 s on a 250 Hz machine: INITIAL_JIFFIES + 250.
	EXPECT_TRUE(out.starts_with("JIFFIES\n4294892546\nTIMER_BASES[0][BASE_STD]: ffff88813bc1c440\n")) << out;
	EXPECT_NE(out.find("  4294892596       50  ffffc90000007e00  "), std::string::npos) << out;
	EXPECT_NE(out.find("<process_timeout>\n"), std::string::npos) << out;
}

TEST(Commands, IrqStatsAndAffinityOfTheLinesInUse)
{
	kernel::Machine m = machine();
	m.irq.descs.resize(kernel::kIoapicPins);
	m.irq.descs[0].kstat = {7, 0};
	kernel::IrqAction a, b;
	a.name = "irqdemo";
	b.name = "irqdemo2";
	m.irq.descs[5].actions = {a, b};
	m.irq.descs[5].kstat = {3, 12};
	Fixture f(m);
	Session s(f.target, "kctx test");
	// generic_show_interrupts(): the timer line kctx keeps, then a shared line.
	EXPECT_EQ(s.run("irq -s"),
		  "           CPU0       CPU1 \n"
		  "  0:          7          0  IO-APIC-edge     timer\n"
		  "  5:          3         12  IO-APIC-edge     irqdemo,irqdemo2\n");
	EXPECT_EQ(s.run("irq -c 1 -s"),
		  "           CPU1 \n  0:          0  IO-APIC-edge     timer\n  5:         12  IO-APIC-edge     irqdemo,irqdemo2\n");
	EXPECT_EQ(s.run("irq -s -c0-1"), s.run("irq -s"));
	EXPECT_EQ(s.run("irq -s -c 2"), "irq: invalid cpu specification: 2\n");
	EXPECT_EQ(s.run("irq -a"),
		  "IRQ NAME                 AFFINITY\n"
		  "  0 timer                0-1\n"
		  "  5 irqdemo,irqdemo2     0-1\n");
	EXPECT_EQ(s.run("irq -d"), "irq: -d option not supported or applicable on this architecture or kernel\n");
	EXPECT_EQ(s.run("irq -s -c"), "irq: option requires an argument -- 'c'\nUsage:\n  irq [-d | -b | -a | -s [-c cpu]]\n"
				       "Enter \"help irq\" for details.\n");
	EXPECT_EQ(s.run("irq -z"), "irq: invalid option -- 'z'\nUsage:\n  irq [-d | -b | -a | -s [-c cpu]]\n"
				   "Enter \"help irq\" for details.\n");
}

TEST(Commands, KmemSlabCachesNewestFirst)
{
	kernel::Machine m = machine();
	m.slab.caches.push_back({"kmalloc-32", 32, 32, 0, 0, {}});
	m.slab.caches.push_back({"kmalloc-64", 64, 64, 0, 0, {}});
	m.slab.slabs[0xffff888104a3c000ull] = 1;
	m.slab.objects[0xffff888104a3c000ull] = {1, 40, false, false, {}, {}};
	Fixture f(m);
	Session s(f.target, "kctx test");
	EXPECT_EQ(s.run("kmem -s"),
		  "CACHE             OBJSIZE  ALLOCATED     TOTAL  SLABS  SSIZE  NAME\n"
		  "ffff888100042100       64          1        64      1     4k  kmalloc-64\n"
		  "ffff888100042000       32          0         0      0     4k  kmalloc-32\n");
	EXPECT_EQ(s.run("kmem"), "kmem: an option is required (kctx answers -i and -s)\nUsage:\n  kmem -i | -s\n"
				 "Enter \"help kmem\" for details.\n");
}

TEST(Commands, TypesComeFromTheParsedSources)
{
	Fixture f(machine());
	SourceSet sources;
	uint32_t file = sources.add("t.c", "struct pair { int a; unsigned long b; void (*fn)(struct pair *); char name[4]; };\n"
					   "union u { int i; char c; };\nstatic struct pair p;\nstatic union u uu;\n");
	DiagnosticSink diags;
	lang::CompileOptions opts;
	opts.world = abi::World::Kernel;
	opts.program_name = "t";
	f.target.module_units.push_back(lang::parse_unit(sources, file, opts, diags));
	ASSERT_TRUE(f.target.module_units.back()) << diags.render_all(sources);
	Session s(f.target, "kctx test");
	EXPECT_EQ(s.run("struct pair"), "struct pair {\n    int a;\n    unsigned long b;\n"
					 "    void (*fn)(struct pair *);\n    char name[4];\n}\nSIZE: 32\n");
	EXPECT_EQ(s.run("struct -o pair"), "struct pair {\n   [0] int a;\n   [8] unsigned long b;\n"
					    "  [16] void (*fn)(struct pair *);\n  [24] char name[4];\n}\nSIZE: 32\n");
	EXPECT_EQ(s.run("struct pair.b"), "struct pair {\n    [8] unsigned long b;\n}\n");
	EXPECT_EQ(s.run("union u"), "union u {\n    int i;\n    char c;\n}\nSIZE: 4\n");
	EXPECT_EQ(s.run("whatis pair"), s.run("struct pair"));
	EXPECT_EQ(s.run("struct nosuch"), "struct: invalid data structure reference: nosuch\n");
	EXPECT_EQ(s.run("struct pair ffffc90000100000"),
		  "struct pair {\n  a = 2020893547,\n  b = 6940117601218526975,\n  fn = 0x8070,\n"
		  "  name = \"\", '\\000' <repeats 3 times>\n}\n");
}

TEST(Commands, EveryCommandAnswersWithoutOperands)
{
	Fixture f(machine());
	for (const CommandInfo& c : all_commands()) {
		Session s(f.target, "kctx test");
		std::string out = s.run(c.name);
		if (c.name != "q" && c.name != "exit" && c.name != "log") {   // this machine logged nothing
			EXPECT_FALSE(out.empty()) << c.name;
		}
	}
}

}  // namespace
}  // namespace kctx::crash
