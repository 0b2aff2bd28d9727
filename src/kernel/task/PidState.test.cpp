#include "kernel/task/PidState.h"

#include <gtest/gtest.h>

namespace kctx::kernel {
namespace {

TEST(PidState, AllocGivesPidsInOrderAndHoldsThem)
{
	PidState p;
	EXPECT_EQ(p.alloc(32768), 1);
	EXPECT_EQ(p.alloc(32768), 2);
	EXPECT_EQ(p.held.size(), 2u);
	EXPECT_EQ(p.next, 3);
}

TEST(PidState, AFreedPidIsNotReusedBeforeTheCursorWraps)
{
	PidState p;
	p.next = 400;
	EXPECT_EQ(p.alloc(32768), 400);
	p.free(400);
	EXPECT_EQ(p.alloc(32768), 401);   // cyclic: the cursor has moved past 400
}

TEST(PidState, PastPidMaxTheSearchWrapsToReservedPids)
{
	PidState p;
	p.next = 1000;
	for (int32_t pid : {300, 301, 303})
		p.hold(pid);
	EXPECT_EQ(p.alloc(1000), 302);   // pid_max 1000: 1000 is not a pid; from RESERVED_PIDS
	EXPECT_EQ(p.alloc(1000), 304);
}

TEST(PidState, HeldPidsAreSkipped)
{
	PidState p;
	for (int32_t pid : {5, 6, 7})
		p.hold(pid);
	p.next = 5;
	EXPECT_EQ(p.alloc(32768), 8);
}

TEST(PidState, NoneWhenEveryPidIsTaken)
{
	PidState p;
	p.next = 310;
	for (int32_t pid = 300; pid < 310; pid++)
		p.hold(pid);
	EXPECT_EQ(p.alloc(310), std::nullopt);
	EXPECT_EQ(p.next, 310);   // a failed search leaves the cursor
}

TEST(PidState, PeekIsAllocWithoutTakingThePid)
{
	PidState p;
	p.next = 1000;
	p.hold(300);
	EXPECT_EQ(p.peek(1000), 301);
	EXPECT_EQ(p.next, 1000);
	EXPECT_EQ(p.held.size(), 1u);
	EXPECT_EQ(p.alloc(1000), 301);
}

// Pids below RESERVED_PIDS are not reused once the cursor has passed it, so a pid space
// with free pids can still have none to give (copy_process() then fails with -EAGAIN).
TEST(PidState, FreePidsBelowReservedPidsAreNotGivenOnceTheCursorPassedIt)
{
	PidState p;
	p.next = 305;
	for (int32_t pid = 300; pid < 310; pid++)
		p.hold(pid);
	EXPECT_EQ(p.peek(310), std::nullopt);
	EXPECT_LT(p.held.size() + 1, 310u);
}

TEST(PidState, BeforeTheCursorPassesReservedPidsTheWrapStartsAtOne)
{
	PidState p;
	p.next = 10;
	for (int32_t pid = 10; pid < 20; pid++)
		p.hold(pid);
	EXPECT_EQ(p.alloc(20), 1);
}

}  // namespace
}  // namespace kctx::kernel
