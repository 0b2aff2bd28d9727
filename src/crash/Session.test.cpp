#include "crash/Session.h"

#include <gtest/gtest.h>

#include "kernel/core/MachineBytes.h"

namespace kctx::crash {
namespace {

// A one-CPU machine with its idle task and one sleeping user process, no code.
Result<Target> small_target(kernel::Machine m)
{
	DumpImage img;
	img.release = "6.1.0-kctx-debug";
	img.taken_ns = 1'500'000'000;
	img.machine = kernel::machine_to_bytes(m);
	kernel::Config config;
	config.cpus = static_cast<uint32_t>(m.cpus.size());
	return open_target(std::move(img), config, kernel::Code{}, "test.vmcore");
}

kernel::Machine small_machine()
{
	kernel::Machine m;
	m.cpus.resize(1);
	m.cpus[0].curr = m.cpus[0].idle = 0;
	kernel::Task idle;
	idle.comm = "swapper/0";
	idle.kthread = true;
	idle.task_struct_addr = 0xffff888100000000ull;
	kernel::Task sh;
	sh.pid = 1;
	sh.comm = "init";
	sh.state = 1;
	sh.task_struct_addr = 0xffff888100000100ull;
	m.tasks.push_back(idle);
	m.tasks.push_back(sh);
	m.printk.log = {{1'000'000, 6, "first"}, {2'500'000'000, 4, "second"}};
	return m;
}

TEST(Session, PsListsTasksInCrashColumns)
{
	Result<Target> t = small_target(small_machine());
	ASSERT_TRUE(t.ok()) << t.error().message;
	Session s(*t, "kctx test");
	EXPECT_EQ(s.run("ps"),
		  "      PID    PPID  CPU       TASK        ST  %MEM      VSZ      RSS  COMM\n"
		  ">       0       0   0  ffff888100000000  RU   0.0        0        0  [swapper/0]\n"
		  "        1       0   0  ffff888100000100  IN   0.0        0        0  init\n");
	EXPECT_EQ(s.run("ps -k init"), "      PID    PPID  CPU       TASK        ST  %MEM      VSZ      RSS  COMM\n");
	EXPECT_EQ(s.run("ps -z"), "ps: invalid option -- 'z'\nUsage:\n  ps [-k | -u] [-A] [-t | -l | -p | -c | -a] [pid | task | command] ...\n"
				  "Enter \"help ps\" for details.\n");
}

TEST(Session, LogPrintsRecordsWithTheirTimes)
{
	Result<Target> t = small_target(small_machine());
	ASSERT_TRUE(t.ok());
	Session s(*t, "kctx test");
	EXPECT_EQ(s.run("log"), "[    0.001000] first\n[    2.500000] second\n");
	EXPECT_EQ(s.run("log -t -m"), "<6>first\n<4>second\n");
	EXPECT_EQ(s.run("log -T"), "[Sun Nov 22 00:00:00 2026] first\n[Sun Nov 22 00:00:02 2026] second\n");
}

TEST(Session, SetAndUnknownCommands)
{
	Result<Target> t = small_target(small_machine());
	ASSERT_TRUE(t.ok());
	Session s(*t, "kctx test");
	EXPECT_EQ(s.run("set 1"), "         PID: 1\n     COMMAND: \"init\"\n        TASK: ffff888100000100  "
				  "[THREAD_INFO: ffff888100000100]\n         CPU: 0\n       STATE: TASK_INTERRUPTIBLE\n");
	EXPECT_EQ(s.run("set 99"), "set: invalid task or pid value: 99\n");
	EXPECT_EQ(s.run("frobnicate now"), "crash: command not found: frobnicate\n");
	EXPECT_FALSE(s.done());
	(void)s.run("q");
	EXPECT_TRUE(s.done());
}

TEST(Session, RefusesAMachineWhoseIndexesPointNowhere)
{
	kernel::Machine m = small_machine();
	m.cpus[0].curr = 7;
	Result<Target> t = small_target(m);
	ASSERT_FALSE(t.ok());
	EXPECT_EQ(t.error().message, "test.vmcore: corrupt kctx vmcore: a CPU's current task is not a task");
	m = small_machine();
	m.tasks[1].cpu = 3;
	EXPECT_FALSE(small_target(m).ok());
	m = small_machine();
	m.images.push_back({kernel::ImageSlot::Kind::Module, 4, 0, 0, false});
	EXPECT_FALSE(small_target(m).ok());
}

TEST(Session, SplitsWordsAsAShellWould)
{
	EXPECT_EQ(split_words("  ps  -k 'a b' \"c\"d "), (Args{"ps", "-k", "a b", "cd"}));
	EXPECT_TRUE(split_words("   ").empty());
}

}  // namespace
}  // namespace kctx::crash

namespace kctx::crash {
namespace {

// A dump whose checksum holds but whose machine bytes are not a machine (a file written
// by hand, or by a kctx whose Machine differs) is refused, not misread.
TEST(Session, RefusesMachineBytesThatDoNotParse)
{
	for (std::string bytes : {std::string("not a machine"), std::string(), std::string(64, '\xff')}) {
		DumpImage img;
		img.machine = bytes;
		Result<Target> t = open_target(img, kernel::Config{}, kernel::Code{}, "x.vmcore");
		ASSERT_FALSE(t.ok());
		EXPECT_EQ(t.error().message, "x.vmcore: corrupt kctx vmcore: its machine does not parse");
	}
}

}  // namespace
}  // namespace kctx::crash
