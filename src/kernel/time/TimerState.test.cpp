#include "kernel/time/TimerState.h"

#include <gtest/gtest.h>

namespace kctx::kernel {
namespace {

Timer pending_timer(uint32_t cpu, uint64_t bucket, uint64_t seq)
{
	Timer t;
	t.cpu = cpu;
	t.bucket = bucket;
	t.seq = seq;
	t.pending = true;
	return t;
}

TEST(TimerState, FirstTimerIsTheEarliestBucketOfThatCpu)
{
	TimeState s;
	s.timers[0x100] = pending_timer(0, 50, 1);
	s.timers[0x200] = pending_timer(0, 20, 2);
	s.timers[0x300] = pending_timer(1, 10, 3);
	for (auto& [addr, t] : s.timers)
		s.timer_enqueue(addr);
	ASSERT_TRUE(s.first_timer(0).has_value());
	EXPECT_EQ(s.first_timer(0)->addr, 0x200u);
	EXPECT_EQ(s.first_timer(1)->addr, 0x300u);
	EXPECT_FALSE(s.first_timer(2).has_value());
}

TEST(TimerState, AnIdleTimerIsNeverQueued)
{
	TimeState s;
	s.timers[0x100] = pending_timer(0, 5, 1);
	s.timers[0x100].pending = false;
	s.timer_enqueue(0x100);
	s.timer_enqueue(0x999);   // not a timer kctx knows
	EXPECT_TRUE(s.timer_queue.empty());
}

TEST(TimerState, ChangingAPendingTimerGoesThroughUnqueueAndEnqueue)
{
	TimeState s;
	s.timers[0x100] = pending_timer(0, 50, 1);
	s.timers[0x200] = pending_timer(0, 60, 2);
	s.timer_enqueue(0x100);
	s.timer_enqueue(0x200);
	s.timer_unqueue(0x200);
	s.timers[0x200].bucket = 10;
	s.timer_enqueue(0x200);
	EXPECT_EQ(s.timer_queue.size(), 2u);
	EXPECT_EQ(s.first_timer(0)->addr, 0x200u);
	EXPECT_EQ(s.first_timer(0)->when, 10u);
}

TEST(TimerState, DueHrtimersAreThoseExpiredOnThatCpuEarliestFirst)
{
	TimeState s;
	auto add = [&](uint64_t addr, uint32_t cpu, uint64_t expires, uint64_t seq) {
		Hrtimer h;
		h.cpu = cpu;
		h.expires = expires;
		h.seq = seq;
		h.pending = true;
		s.hrtimers[addr] = h;
		s.hrtimer_enqueue(addr);
	};
	add(0x10, 0, 300, 1);
	add(0x20, 0, 100, 2);
	add(0x30, 1, 50, 3);
	add(0x40, 0, 900, 4);
	EXPECT_EQ(s.due_hrtimers(0, 300), (std::vector<uint64_t>{0x20, 0x10}));
	EXPECT_EQ(s.due_hrtimers(1, 49), std::vector<uint64_t>{});
	s.hrtimer_unqueue(0x20);
	EXPECT_EQ(s.due_hrtimers(0, 300), std::vector<uint64_t>{0x10});
}

}  // namespace
}  // namespace kctx::kernel
