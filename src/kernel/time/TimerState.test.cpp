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

// kernel/time/timer.c calc_wheel_index(): a delta of 250 jiffies is past level 0 (63
// jiffies) and within level 1, whose buckets are 8 jiffies wide: the timer runs at the
// next multiple of 8 above its expiry, 256, never early.
TEST(TimerState, ModTimerPutsATimerInItsWheelLevelsBucket)
{
	TimeState s;
	s.mod_timer(0x100, TimerKind::Module, 0xf00, 0, 250, 0, 1, kNoTask);
	EXPECT_EQ(s.timers[0x100].bucket, 256u);
	EXPECT_EQ(s.timers[0x100].expires, 250u);
	EXPECT_FALSE(s.timers_due(1, 255));
	EXPECT_TRUE(s.timers_due(1, 256));
	EXPECT_FALSE(s.timers_due(0, 1000));   // another CPU's wheel
	// Within level 0 (delta < 63) a timer runs at the jiffy after its expiry.
	s.mod_timer(0x200, TimerKind::Module, 0xf00, 0, 110, 100, 0, kNoTask);
	EXPECT_EQ(s.timers[0x200].bucket, 111u);
}

TEST(TimerState, ModTimerOfAPendingTimerMovesItAndDelTimerSaysWhetherItWasPending)
{
	TimeState s;
	s.mod_timer(0x100, TimerKind::Module, 0xf00, 0, 10, 0, 0, kNoTask);
	s.mod_timer(0x100, TimerKind::Module, 0xf00, 0, 20, 0, 1, kNoTask);
	EXPECT_EQ(s.timer_queue.size(), 1u);
	EXPECT_FALSE(s.first_timer(0).has_value());
	EXPECT_EQ(s.first_timer(1)->addr, 0x100u);
	EXPECT_TRUE(s.del_timer(0x100));
	EXPECT_FALSE(s.del_timer(0x100));
	EXPECT_FALSE(s.del_timer(0x999));
	EXPECT_TRUE(s.timer_queue.empty());
}

TEST(TimerState, HrtimerStartAndCancelKeepTheCpusBaseOrdered)
{
	TimeState s;
	EXPECT_EQ(s.next_hrtimer_ns(0), ~0ull);
	s.hrtimer_start(0x10, HrtimerKind::Module, 0xf00, 5000, 0, 0, kNoTask);
	s.hrtimer_start(0x20, HrtimerKind::Module, 0xf00, 3000, 0, 0, kNoTask);
	s.hrtimer_start(0x30, HrtimerKind::Module, 0xf00, 1000, 0, 1, kNoTask);
	EXPECT_EQ(s.next_hrtimer_ns(0), 3000u);
	EXPECT_EQ(s.next_hrtimer_ns(1), 1000u);
	EXPECT_TRUE(s.hrtimer_cancel(0x20));
	EXPECT_FALSE(s.hrtimer_cancel(0x20));
	EXPECT_EQ(s.next_hrtimer_ns(0), 5000u);
	s.hrtimer_start(0x10, HrtimerKind::Module, 0xf00, 9000, 0, 0, kNoTask);   // re-armed: moves
	EXPECT_EQ(s.next_hrtimer_ns(0), 9000u);
	EXPECT_EQ(s.hrtimer_queue.size(), 2u);
}

}  // namespace
}  // namespace kctx::kernel
