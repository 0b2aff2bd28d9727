#include "check/Abstraction.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>

#include "kernel/core/Machine.h"

namespace kctx::check {
namespace {

kernel::Machine small_machine()
{
	kernel::Machine m;
	m.cpus.resize(2);
	m.tasks.resize(4);
	for (uint32_t i = 0; i < 4; i++) {
		m.tasks[i].pid = static_cast<int32_t>(i + 1);
		m.tasks[i].comm = "task" + std::to_string(i);
	}
	return m;
}

// Without the memo, an abstraction reads every task as it is now, even one written in
// place since it was last abstracted.
void fresh_reads_writes_in_place(bool digest)
{
	kernel::Machine m = small_machine();
	Abstractor a(digest);
	std::string original(a.bytes(m));
	kernel::Machine copy = m;
	EXPECT_EQ(a.bytes(copy), original);
	copy.tasks[2].pid = 42;
	EXPECT_NE(a.bytes(copy), original);
	EXPECT_EQ(a.bytes(m), original);   // the original's task 2 is its own still
	EXPECT_EQ(std::as_const(m.tasks)[2].pid, 3);
	copy.tasks[2].pid = 3;             // written in place: copy's task 2 is its own now
	EXPECT_EQ(a.bytes(copy), original);
	EXPECT_EQ(abstract_bytes(m), std::string(Abstractor(false).bytes(m)));
}

TEST(Abstraction, FreshReadsEveryTask) { fresh_reads_writes_in_place(true); }
TEST(Abstraction, FreshReadsEveryTaskExact) { fresh_reads_writes_in_place(false); }

// With the memo, as the explorer uses it: every state it abstracts is a fresh copy, so a
// write clones the task, and the memo of the task written is not the clone's.
void memo_follows_clones(bool digest)
{
	kernel::Machine m = small_machine();
	Abstractor fresh(digest);
	Abstractor memo(digest, nullptr, Abstractor::Tasks::Memo);
	std::string original(memo.bytes(m));
	EXPECT_EQ(original, fresh.bytes(m));
	kernel::Machine copy = m;
	EXPECT_EQ(memo.bytes(copy), original);
	copy.tasks[2].pid = 42;
	EXPECT_EQ(memo.bytes(copy), fresh.bytes(copy));
	EXPECT_NE(memo.bytes(copy), original);
	EXPECT_EQ(memo.bytes(m), original);
	kernel::Machine again = m;
	again.tasks[2].pid = 3;   // the same value, in a clone
	again.tasks[1].sched.vruntime = 7;
	EXPECT_EQ(memo.bytes(again), original);
	again = copy;             // the clone with 42 is shared now, and still reads as 42
	EXPECT_NE(memo.bytes(again), original);
}

TEST(Abstraction, TheTaskMemoFollowsClones) { memo_follows_clones(true); }
TEST(Abstraction, TheTaskMemoFollowsClonesExact) { memo_follows_clones(false); }

TEST(Abstraction, ATaskClockIsScrubbedWithoutWritingTheTask)
{
	kernel::Machine m = small_machine();
	Abstractor a(true);
	std::string before(a.bytes(m));
	kernel::Machine copy = m;
	copy.tasks[1].sched.vruntime = 123456;   // run-time accounting: not state
	copy.tasks[1].start_time = 99;
	EXPECT_EQ(a.bytes(copy), before);
	EXPECT_EQ(std::as_const(copy.tasks)[1].sched.vruntime, 123456u);   // left as it was
	kernel::Machine other = m;
	other.tasks[1].state = 2;
	EXPECT_NE(a.bytes(other), before);
}

}  // namespace
}  // namespace kctx::check
