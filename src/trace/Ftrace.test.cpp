// The ftrace text sink: exact lines for each event on a hand-built machine, the context
// column, prev_state letters, and merging the trace into the console.
#include <gtest/gtest.h>

#include "abi/Builtins.h"
#include "abi/Preempt.h"
#include "trace/Ftrace.h"
#include "trace/Recorder.h"

namespace kctx::trace {
namespace {

using kernel::TaskId;

// Two CPUs; swapper/0 and swapper/1 (pid 0), cst_test 104 on CPU 1 and its rival 105.
struct Fixture {
	kernel::Config config;
	kernel::Machine m;
	Recorder recorder{config};
	FtraceSink sink{kCategoryAll};
	TaskId idle0 = 0, idle1 = 1, test = 2, rival = 3;

	Fixture()
	{
		auto task = [&](std::string comm, int32_t pid) {
			kernel::Task t;
			t.comm = std::move(comm);
			t.pid = t.tgid = pid;
			m.tasks.push_back(t);
		};
		task("swapper/0", 0);
		task("swapper/1", 0);
		task("cst_test", 104);
		task("cst_test", 105);
		m.cpus.resize(2);
		m.cpus[0].curr = m.cpus[0].idle = idle0;
		m.cpus[1].curr = test;
		m.cpus[1].idle = idle1;
		m.cpus[1].now = 1'004'123'456'000ull;
		recorder.add_sink(&sink);
	}
	std::string line()
	{
		std::string s = sink.take();
		if (!s.empty() && s.back() == '\n')
			s.pop_back();
		return s;
	}
};

TEST(Ftrace, SchedSwitchFromIdle)
{
	Fixture f;
	// __schedule(): irqs off, preempt_count 2 (schedule()'s own + the rq lock).
	f.m.cpus[1].irqs_enabled = false;
	f.m.cpus[1].preempt_count = 2;
	f.m.cpus[1].curr = f.test;
	f.recorder.sched_switch(f.m, 1, false, f.idle1, f.test, abi::TASK_RUNNING);
	EXPECT_EQ(f.line(), "          <idle>-0       [001] d..2.  1004.123456: sched_switch: "
			    "prev_comm=swapper/1 prev_pid=0 "
			    "prev_prio=120 prev_state=R ==> next_comm=cst_test next_pid=104 next_prio=120");
}

TEST(Ftrace, SchedSwitchToSleep)
{
	Fixture f;
	f.m.cpus[1].irqs_enabled = false;
	f.m.cpus[1].preempt_count = 2;
	f.m.cpus[1].curr = f.rival;
	f.recorder.sched_switch(f.m, 1, false, f.test, f.rival, abi::TASK_INTERRUPTIBLE);
	EXPECT_EQ(f.line(), "        cst_test-104     [001] d..2.  1004.123456: sched_switch: "
			    "prev_comm=cst_test prev_pid=104 "
			    "prev_prio=120 prev_state=S ==> next_comm=cst_test next_pid=105 next_prio=120");
}

TEST(Ftrace, PreemptionShowsRPlus)
{
	Fixture f;
	f.m.cpus[1].curr = f.rival;
	f.recorder.sched_switch(f.m, 1, true, f.test, f.rival, abi::TASK_RUNNING);
	EXPECT_NE(f.line().find("prev_state=R+ ==> next_comm=cst_test next_pid=105"), std::string::npos);
	// schedule() with the task still runnable (sched_yield, return to user mode) is plain R.
	f.recorder.sched_switch(f.m, 1, false, f.test, f.rival, abi::TASK_RUNNING);
	EXPECT_NE(f.line().find("prev_state=R ==> "), std::string::npos);
}

TEST(Ftrace, PrevStateLetters)
{
	EXPECT_EQ(format_prev_state(abi::TASK_RUNNING, false, false), "R");
	EXPECT_EQ(format_prev_state(abi::TASK_RUNNING, true, false), "R+");
	EXPECT_EQ(format_prev_state(abi::TASK_INTERRUPTIBLE, true, false), "R+");
	EXPECT_EQ(format_prev_state(abi::TASK_INTERRUPTIBLE, false, false), "S");
	EXPECT_EQ(format_prev_state(abi::TASK_UNINTERRUPTIBLE, false, false), "D");
	EXPECT_EQ(format_prev_state(abi::TASK_KILLABLE, false, false), "D");
	EXPECT_EQ(format_prev_state(abi::TASK_STOPPED, false, false), "T");
	EXPECT_EQ(format_prev_state(abi::TASK_IDLE, false, false), "I");
	EXPECT_EQ(format_prev_state(abi::TASK_DEAD, false, true), "Z");
}

TEST(Ftrace, ContextColumn)
{
	ContextFlags f;
	EXPECT_EQ(format_flags(f), ".....");
	f.irqs_off = true;
	f.hardirq = true;
	EXPECT_EQ(format_flags(f), "d.h..");
	f.need_resched = true;
	f.preempt_depth = 1;
	EXPECT_EQ(format_flags(f), "dNh1.");
	f = {};
	f.softirq = true;
	EXPECT_EQ(format_flags(f), "..s..");
	f.hardirq = true;
	EXPECT_EQ(format_flags(f), "..H..");
	f = {};
	f.bh_off = true;
	EXPECT_EQ(format_flags(f), "b....");
	f.irqs_off = true;
	f.preempt_depth = 12;
	EXPECT_EQ(format_flags(f), "D..c.");
}

TEST(Ftrace, ContextFromTheCpu)
{
	kernel::Cpu c;
	kernel::Task t;
	c.irqs_enabled = false;
	c.preempt_count = abi::HARDIRQ_OFFSET + abi::SOFTIRQ_OFFSET + 1;
	t.sched.need_resched = true;
	EXPECT_EQ(format_flags(context_flags(c, &t)), "dNH1.");
	// local_bh_disable() inside a softirq: 0x300 counts as BH off.
	c.irqs_enabled = true;
	c.preempt_count = abi::SOFTIRQ_OFFSET + abi::SOFTIRQ_DISABLE_OFFSET;
	t.sched.need_resched = false;
	EXPECT_EQ(format_flags(context_flags(c, &t)), "b.s..");
	// A depth past 15 shows as f.
	c.preempt_count = 20;
	EXPECT_EQ(format_flags(context_flags(c, &t)), "...f.");
}

TEST(Ftrace, SysEnterAndExitWrite)
{
	Fixture f;
	std::vector<uint64_t> args = {1, 0x7ffd5a3c0b10, 1, 0, 1, 1};
	f.recorder.sys_enter(f.m, 1, f.test, static_cast<uint32_t>(abi::BuiltinId::write), args);
	EXPECT_EQ(f.line(),
		  "        cst_test-104     [001] .....  1004.123456: sys_enter_write: fd: 0x00000001, "
		  "buf: 0x7ffd5a3c0b10, count: 0x00000001");
	f.m.cpus[1].now += 4'000;
	f.recorder.sys_exit(f.m, 1, f.test, static_cast<uint32_t>(abi::BuiltinId::write), 1);
	EXPECT_EQ(f.line(), "        cst_test-104     [001] .....  1004.123460: sys_exit_write: 0x1");
}

TEST(Ftrace, SyscallNamesAndArgumentsAsGlibcMakesThem)
{
	Fixture f;
	auto enter = [&](abi::BuiltinId id, std::vector<uint64_t> args) {
		f.recorder.sys_enter(f.m, 1, f.test, static_cast<uint32_t>(id), args);
		std::string l = f.line();
		return l.substr(l.find(": ") + 2);
	};
	EXPECT_EQ(enter(abi::BuiltinId::sched_yield, {}), "sys_enter_sched_yield:");
	EXPECT_EQ(enter(abi::BuiltinId::usleep, {1000}),
		  "sys_enter_clock_nanosleep: which_clock: 0x00000000, flags: 0x00000000, rqtp: 0x00000000, "
		  "rmtp: 0x00000000");
	EXPECT_EQ(enter(abi::BuiltinId::open, {0x4000, 2}),
		  "sys_enter_openat: dfd: 0xffffffffffffff9c, filename: 0x00004000, flags: 0x00000002, mode: "
		  "0x00000000");
	EXPECT_EQ(enter(abi::BuiltinId::exit, {3}), "sys_enter_exit_group: error_code: 0x00000003");
	EXPECT_EQ(enter(abi::BuiltinId::raise, {10}),
		  "sys_enter_tgkill: tgid: 0x00000068, pid: 0x00000068, sig: 0x0000000a");
	EXPECT_EQ(enter(abi::BuiltinId::__kctx_spawn, {0, 1, 0x5000}),
		  "sys_enter_clone: clone_flags: 0x01200011, newsp: 0x00000000, parent_tidptr: 0x00000000, "
		  "child_tidptr: 0x00000000, tls: 0x00000000");
	EXPECT_EQ(enter(abi::BuiltinId::signal, {14, 0x1234}),
		  "sys_enter_rt_sigaction: sig: 0x0000000e, act: 0x00000000, oact: 0x00000000, sigsetsize: "
		  "0x00000008");
}

TEST(Ftrace, NegativeReturnIsPrintedAsAnUnsignedLong)
{
	Fixture f;
	f.recorder.sys_exit(f.m, 1, f.test, static_cast<uint32_t>(abi::BuiltinId::read), -4);
	std::string l = f.line();
	EXPECT_EQ(l.substr(l.find(": ") + 2), "sys_exit_read: 0xfffffffffffffffc");
}

TEST(Ftrace, UnknownSyscallFallsBackToRawSyscalls)
{
	Fixture f;
	std::vector<uint64_t> args = {1, 2};
	f.recorder.sys_enter(f.m, 1, f.test, 4242, args);
	std::string l = f.line();
	EXPECT_EQ(l.substr(l.find(": ") + 2), "sys_enter: NR 4242 (1, 2, 0, 0, 0, 0)");
	f.recorder.sys_exit(f.m, 1, f.test, 4242, -38);
	l = f.line();
	EXPECT_EQ(l.substr(l.find(": ") + 2), "sys_exit: NR 4242 = -38");
}

TEST(Ftrace, LocalTimerAndSoftirq)
{
	Fixture f;
	kernel::Cpu& c = f.m.cpus[1];
	c.irqs_enabled = false;
	c.preempt_count = abi::HARDIRQ_OFFSET;
	f.recorder.irq_entry(f.m, 1, 0);
	EXPECT_EQ(f.line(),
		  "        cst_test-104     [001] d.h..  1004.123456: local_timer_entry: vector=236");
	f.recorder.irq_exit(f.m, 1, 0);
	EXPECT_EQ(f.line(),
		  "        cst_test-104     [001] d.h..  1004.123456: local_timer_exit: vector=236");
	f.recorder.irq_entry(f.m, 1, 1);
	EXPECT_EQ(f.line(),
		  "        cst_test-104     [001] d.h..  1004.123456: reschedule_entry: vector=253");
	c.irqs_enabled = true;
	c.preempt_count = abi::SOFTIRQ_OFFSET;
	f.recorder.softirq_entry(f.m, 1, abi::TIMER_SOFTIRQ);
	EXPECT_EQ(f.line(),
		  "        cst_test-104     [001] ..s..  1004.123456: softirq_entry: vec=1 [action=TIMER]");
	f.recorder.softirq_exit(f.m, 1, abi::RCU_SOFTIRQ);
	EXPECT_EQ(f.line(),
		  "        cst_test-104     [001] ..s..  1004.123456: softirq_exit: vec=9 [action=RCU]");
}

TEST(Ftrace, DeviceLineHandlers)
{
	// include/trace/events/irq.h: "irq=%d name=%s" and "irq=%d ret=%s".
	Fixture f;
	kernel::Cpu& c = f.m.cpus[1];
	c.irqs_enabled = false;
	c.preempt_count = abi::HARDIRQ_OFFSET;
	f.recorder.irq_handler_entry(f.m, 1, 5, "irqdemo");
	EXPECT_EQ(f.line(),
		  "        cst_test-104     [001] d.h..  1004.123456: irq_handler_entry: irq=5 name=irqdemo");
	f.recorder.irq_handler_exit(f.m, 1, 5, 2);   // IRQ_WAKE_THREAD
	EXPECT_EQ(f.line(), "        cst_test-104     [001] d.h..  1004.123456: irq_handler_exit: irq=5 ret=handled");
	f.recorder.irq_handler_exit(f.m, 1, 5, 0);   // IRQ_NONE
	EXPECT_EQ(f.line(), "        cst_test-104     [001] d.h..  1004.123456: irq_handler_exit: irq=5 ret=unhandled");
}

TEST(Ftrace, SchedWakeup)
{
	Fixture f;
	f.recorder.sched_wakeup(f.m, 0, f.rival, 1);
	EXPECT_EQ(f.line(), "          <idle>-0       [000] .....     0.000000: sched_wakeup: comm=cst_test "
			    "pid=105 prio=120 "
			    "target_cpu=001");
}

TEST(Ftrace, TimerExpire)
{
	Fixture f;
	kernel::Timer t;
	t.bucket = 4294892296ull + 250;
	f.m.time.timers[0xffffffffc0002000ull] = t;
	f.m.cpus[1].now = 1'000'000'000ull;   // 250 ticks after boot at HZ=250
	f.m.cpus[1].preempt_count = abi::SOFTIRQ_OFFSET;
	f.recorder.timer_expire_entry(f.m, 1, 0xffffffffc0002000ull, 0xffffffffc0001000ull);
	// Without the scenario's code the callback has no name: %ps shows the address.
	EXPECT_EQ(f.line(), "        cst_test-104     [001] ..s..     1.000000: timer_expire_entry: "
			    "timer=ffffffffc0002000 "
			    "function=0xffffffffc0001000 now=4294892546 baseclk=4294892546");
	f.recorder.timer_expire_exit(f.m, 1, 0xffffffffc0002000ull);
	EXPECT_EQ(f.line(), "        cst_test-104     [001] ..s..     1.000000: timer_expire_exit: "
			    "timer=ffffffffc0002000");
}

TEST(Ftrace, PrintkAsConsoleEvent)
{
	Fixture f;
	kernel::LogRecord r{1'004'123'456'000ull, 6, "cst: loaded\n"};
	f.recorder.printk(f.m, 1, r);
	EXPECT_EQ(f.line(), "        cst_test-104     [001] .....  1004.123456: console: cst: loaded");
}

TEST(Ftrace, TimestampsRoundToTheMicrosecond)
{
	Fixture f;
	f.m.cpus[1].now = 1'999'999'500ull;
	f.recorder.sys_exit(f.m, 1, f.test, static_cast<uint32_t>(abi::BuiltinId::getpid), 104);
	EXPECT_NE(f.line().find("     2.000000: sys_exit_getpid: 0x68"), std::string::npos);
}

TEST(Ftrace, LongCommIsCutToFifteenCharacters)
{
	Fixture f;
	f.m.tasks[f.test].comm = "a_very_long_program_name";
	f.recorder.sys_exit(f.m, 1, f.test, static_cast<uint32_t>(abi::BuiltinId::getpid), 0);
	EXPECT_EQ(f.line().substr(0, 31), " a_very_long_pro-104     [001] ");
}

TEST(Ftrace, CategoriesFilterEvents)
{
	kernel::Config config;
	kernel::Machine m;
	m.tasks.push_back(kernel::Task{});
	m.cpus.resize(1);
	m.cpus[0].curr = 0;
	Recorder r(config);
	FtraceSink sink(kCategorySched);
	r.add_sink(&sink);
	r.irq_entry(m, 0, 0);
	r.sys_exit(m, 0, 0, 0, 0);
	EXPECT_EQ(sink.take(), "");
	r.sched_wakeup(m, 0, 0, 0);
	EXPECT_NE(sink.take(), "");
}

TEST(Ftrace, InterleaveKeepsEventOrderWithTheConsole)
{
	Fixture f;
	f.sink.set_console_base(10);
	f.m.printk.console = "0123456789";   // printed before tracing started
	f.recorder.sys_enter(f.m, 1, f.test, static_cast<uint32_t>(abi::BuiltinId::sched_yield), {});
	f.m.printk.console += "ping\n";
	f.recorder.sys_exit(f.m, 1, f.test, static_cast<uint32_t>(abi::BuiltinId::sched_yield), 0);
	f.m.printk.console += "pong\n";
	std::string out = f.sink.interleave("ping\npong\n");
	EXPECT_EQ(out, "        cst_test-104     [001] .....  1004.123456: sys_enter_sched_yield:\n"
		       "ping\n"
		       "        cst_test-104     [001] .....  1004.123456: sys_exit_sched_yield: 0x0\n"
		       "pong\n");
	EXPECT_TRUE(f.sink.at_line_start());
}

TEST(Ftrace, InterleaveBreaksAPartialConsoleLine)
{
	Fixture f;
	f.m.printk.console = "..";
	f.recorder.irq_entry(f.m, 1, 0);
	f.m.printk.console += "..";
	EXPECT_EQ(f.sink.interleave("...."),
		  "..\n        cst_test-104     [001] .....  1004.123456: local_timer_entry: vector=236\n..");
	EXPECT_FALSE(f.sink.at_line_start());
	// The next stretch continues from where the console is.
	f.recorder.irq_exit(f.m, 1, 0);
	EXPECT_EQ(f.sink.interleave(""),
		  "\n        cst_test-104     [001] .....  1004.123456: local_timer_exit: vector=236\n");
	// Without the console (kctx run -q), only the trace lines.
	f.recorder.irq_exit(f.m, 1, 0);
	EXPECT_EQ(f.sink.interleave("xyz\n", false),
		  "        cst_test-104     [001] .....  1004.123456: local_timer_exit: vector=236\n");
}

TEST(Ftrace, TakeSortedMergesCpusByTimeUpToTheWatermark)
{
	Fixture f;
	auto exit_at = [&](uint32_t cpu, uint64_t ns) {
		f.m.cpus[cpu].now = ns;
		f.recorder.sys_exit(f.m, cpu, f.test, static_cast<uint32_t>(abi::BuiltinId::getpid),
				    static_cast<int64_t>(ns / 1000));
	};
	// CPU 1 ran ahead of CPU 0.
	exit_at(1, 5'000);
	exit_at(1, 9'000);
	exit_at(0, 3'000);
	exit_at(0, 7'000);
	auto rets = [](const std::string& text) {
		std::string out;
		for (size_t p = text.find("0x"); p != std::string::npos; p = text.find("0x", p + 1))
			out += text.substr(p, text.find('\n', p) - p) + " ";
		return out;
	};
	EXPECT_EQ(rets(f.sink.take_sorted(7'000)), "0x3 0x5 0x7 ");
	EXPECT_EQ(rets(f.sink.take_sorted(~0ull)), "0x9 ");
}

}  // namespace
}  // namespace kctx::trace
