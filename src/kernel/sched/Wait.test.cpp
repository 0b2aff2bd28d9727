// The wait primitive's queue rules (kernel/sched/wait.c) and signal_pending_state()
// (include/linux/sched/signal.h).
#include "kernel/sched/Wait.h"

#include <gtest/gtest.h>

namespace kctx::kernel {
namespace {

constexpr uint64_t kQ = 0x1000;

std::vector<TaskId> order(const WaitQueues& q)
{
	std::vector<TaskId> out;
	for (const Waiter& w : q.at(kQ))
		out.push_back(w.task);
	return out;
}

TEST(Wait, SharedWaitersQueueAtTheHeadExclusiveAtTheTail)
{
	WaitQueues q;
	add_waiter(q, kQ, TaskId{1}, WaitMode::Exclusive);
	add_waiter(q, kQ, TaskId{2}, WaitMode::Shared);
	add_waiter(q, kQ, TaskId{3}, WaitMode::Exclusive);
	add_waiter(q, kQ, TaskId{4}, WaitMode::Shared);
	EXPECT_EQ(order(q), (std::vector<TaskId>{TaskId{4}, TaskId{2}, TaskId{1}, TaskId{3}}));
}

TEST(Wait, AWaiterQueuesOnceAndRemovingTheLastDropsTheQueue)
{
	WaitQueues q;
	add_waiter(q, kQ, TaskId{1}, WaitMode::Exclusive);
	add_waiter(q, kQ, TaskId{1}, WaitMode::Shared);
	EXPECT_EQ(order(q), (std::vector<TaskId>{TaskId{1}}));
	EXPECT_TRUE(q.at(kQ).front().exclusive);
	ASSERT_NE(find_waiter(q, kQ, TaskId{1}), nullptr);
	EXPECT_EQ(find_waiter(q, kQ, TaskId{2}), nullptr);
	remove_waiter(q, kQ, TaskId{2});
	remove_waiter(q, kQ, TaskId{1});
	EXPECT_TRUE(q.empty());
}

TEST(Wait, AWakeUpWakesEverySharedWaiterAndNrExclusiveExclusiveOnes)
{
	WaitQueues q;
	for (uint32_t i = 1; i <= 3; i++)
		add_waiter(q, kQ, TaskId{i}, WaitMode::Exclusive);
	add_waiter(q, kQ, TaskId{9}, WaitMode::Shared);
	std::vector<TaskId> woken;
	wake_up_queue(q, kQ, 1, [&](TaskId t) { woken.push_back(t); return true; });
	EXPECT_EQ(woken, (std::vector<TaskId>{TaskId{9}, TaskId{1}}));
	EXPECT_EQ(order(q), (std::vector<TaskId>{TaskId{2}, TaskId{3}}));
	wake_up_queue(q, kQ, 0, [&](TaskId t) { woken.push_back(t); return true; });
	EXPECT_TRUE(q.empty());
	EXPECT_EQ(woken.size(), 4u);
}

TEST(Wait, AWaiterThatDoesNotWakeStaysAndDoesNotCount)
{
	WaitQueues q;
	add_waiter(q, kQ, TaskId{1}, WaitMode::Exclusive);
	add_waiter(q, kQ, TaskId{2}, WaitMode::Exclusive);
	std::vector<TaskId> woken;
	wake_up_queue(q, kQ, 1, [&](TaskId t) {
		if (t == TaskId{1})
			return false;   // not in a state this wake-up wakes
		woken.push_back(t);
		return true;
	});
	EXPECT_EQ(woken, (std::vector<TaskId>{TaskId{2}}));
	EXPECT_EQ(order(q), (std::vector<TaskId>{TaskId{1}}));
}

TEST(Wait, SignalPendingStateByState)
{
	// Uninterruptible: nothing ends it.
	EXPECT_FALSE(signal_pending_state(abi::TASK_UNINTERRUPTIBLE, true, true));
	// Interruptible: any signal.
	EXPECT_TRUE(signal_pending_state(abi::TASK_INTERRUPTIBLE, true, false));
	EXPECT_FALSE(signal_pending_state(abi::TASK_INTERRUPTIBLE, false, false));
	// Killable: only a fatal one.
	EXPECT_FALSE(signal_pending_state(abi::TASK_KILLABLE, true, false));
	EXPECT_TRUE(signal_pending_state(abi::TASK_KILLABLE, true, true));
	// Running: not a sleep.
	EXPECT_FALSE(signal_pending_state(abi::TASK_RUNNING, true, true));
}

}  // namespace
}  // namespace kctx::kernel
