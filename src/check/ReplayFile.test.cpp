#include "check/ReplayFile.h"

#include <gtest/gtest.h>

#include "check/Abstraction.h"

namespace kctx::check {
namespace {

using kernel::Choice;
using kernel::ChoiceKind;

TEST(ReplayFile, RoundTrips)
{
	ReplayFile r{2, {{ChoiceKind::Run, 0}, {ChoiceKind::Tick, 1}, {ChoiceKind::Timer, 0}, {ChoiceKind::Ipi, 1}}, {}};
	std::string text = format_replay(r, "a comment\nsecond line");
	EXPECT_EQ(text, "# a comment\n# second line\ncpus 2\nrun 0\ntick 1\ntimer 0\nipi 1\n");
	auto back = parse_replay("f.replay", text);
	ASSERT_TRUE(back.ok());
	EXPECT_EQ(back->cpus, 2u);
	EXPECT_EQ(back->choices, r.choices);
	EXPECT_EQ(back->lines, (std::vector<uint32_t>{4, 5, 6, 7}));
}

TEST(ReplayFile, RunStepsCarryARandomValue)
{
	ReplayFile r{1, {{ChoiceKind::Run, 0, 2}, {ChoiceKind::Run, 0, 0}}, {}};
	std::string text = format_replay(r, "");
	EXPECT_EQ(text, "cpus 1\nrun 0 2\nrun 0\n");
	auto back = parse_replay("f", text);
	ASSERT_TRUE(back.ok());
	EXPECT_EQ(back->choices, r.choices);
	EXPECT_EQ(parse_replay("f", "cpus 1\ntick 0 1\n").error().message, "f:2:8: error: only 'run' takes a value, not 'tick'");
	EXPECT_EQ(parse_replay("f", "cpus 1\nrun 0 x\n").error().message, "f:2:7: error: 'x' is not a value");
}

TEST(ReplayFile, ErrorsHaveLineAndColumn)
{
	EXPECT_EQ(parse_replay("f", "cpus 1\n  walk 0\n").error().message, "f:2:3: error: unknown choice 'walk' (run, ipi, tick or timer)");
	EXPECT_EQ(parse_replay("f", "cpus 1\nrun x\n").error().message, "f:2:5: error: 'x' is not a CPU number");
	EXPECT_EQ(parse_replay("f", "cpus 2\nrun 2\n").error().message, "f:2:5: error: CPU 2 does not exist on a 2-CPU machine");
	EXPECT_EQ(parse_replay("f", "run\n").error().message,
		  "f:1:1: error: expected 'KIND CPU' (run, ipi, tick or timer, and a CPU number)");
	EXPECT_EQ(parse_replay("f", "run 0\n").error().message, "f: error: no 'cpus N' line: not a kctx replay file");
	EXPECT_FALSE(parse_replay("f", "cpus 99999999999\n").ok());
}

TEST(Abstraction, IgnoresClocksButNotState)
{
	kernel::Machine a;
	a.cpus.resize(2);
	a.kmem.map(0xffff888000000000ull, 4096, "test");
	kernel::Machine b = a;
	b.cpus[0].now = 123456;
	b.cpus[1].tick.next = 4000000;
	b.printk.console = "[    1.000000] hello\n";
	EXPECT_EQ(abstract_bytes(a), abstract_bytes(b));
	b.cpus[0].preempt_count = 1;
	EXPECT_NE(abstract_bytes(a), abstract_bytes(b));
	kernel::Machine c = a;
	ASSERT_TRUE(c.kmem.store(0xffff888000000010ull, uint32_t{7}));
	EXPECT_NE(abstract_bytes(a), abstract_bytes(c));
}

TEST(Abstraction, InPlaceLeavesTheMachineAsItCame)
{
	kernel::Machine a;
	a.cpus.resize(2);
	a.tasks.resize(3);
	a.cpus[1].now = 777;
	a.cpus[0].sched.wakeup_at = 5000;
	a.tasks[2].sched.vruntime = 99;
	a.time.timers[0x1000].expires = 12;
	a.time.timer_queue.insert(kernel::TimerQueueKey{1, 300, 4, 0x1000});
	a.time.timer_queue.insert(kernel::TimerQueueKey{1, 200, 9, 0x2000});
	a.printk.console = "[    1.000000] hello\n";
	a.printk.log.push_back(kernel::LogRecord{5, 4, "hello"});
	kernel::Machine b = a;
	Abstractor ab;
	std::string once(ab.bytes(b));
	EXPECT_TRUE(a == b);
	EXPECT_EQ(once, abstract_bytes(a));
	EXPECT_EQ(std::string(ab.bytes(b)), once);   // the buffers are reused
	// Timers keep only their order per CPU.
	kernel::Machine c = a;
	c.time.timer_queue.clear();
	c.time.timer_queue.insert(kernel::TimerQueueKey{1, 1, 1, 0x1000});
	c.time.timer_queue.insert(kernel::TimerQueueKey{1, 0, 0, 0x2000});
	EXPECT_EQ(std::string(ab.bytes(c)), once);
}

}  // namespace
}  // namespace kctx::check
