// The descriptors' own bookkeeping (kernel/irq/irqdesc.c, arch/x86/kernel/apic/vector.c).
#include "kernel/irq/IrqDesc.h"

#include <gtest/gtest.h>

namespace kctx::kernel {
namespace {

TEST(IrqState, SeedGivesEveryPinAShutDownDescriptorOnce)
{
	IrqState s;
	s.seed(2);
	ASSERT_EQ(s.descs.size(), kIoapicPins);
	EXPECT_EQ(s.descs[5].depth, 1u);
	EXPECT_EQ(s.descs[5].kstat.size(), 2u);
	s.descs[5].depth = 0;
	s.seed(2);   // already seeded: kept as it is
	EXPECT_EQ(s.descs[5].depth, 0u);
}

TEST(IrqState, PickCpuTakesTheCpuWithFewestLinesInUse)
{
	IrqState s;
	s.seed(3);
	EXPECT_EQ(s.pick_cpu(3), 0u);
	s.descs[3].actions.emplace_back();
	s.descs[3].cpu = 0;
	s.descs[4].actions.emplace_back();
	s.descs[4].cpu = 1;
	EXPECT_EQ(s.pick_cpu(3), 2u);
	s.descs[6].cpu = 2;   // no action: not in use
	EXPECT_EQ(s.pick_cpu(3), 2u);
}

TEST(IrqState, ThePeriodicLineIsRaisedOnItsVectorsCpu)
{
	IrqState s;
	EXPECT_EQ(s.next_periodic_on(0, 7), ~0ull);   // no periodic line
	s.next_periodic = 5000;
	EXPECT_EQ(s.next_periodic_on(0, 7), 5000u);   // nobody requested it yet: CPU 0
	EXPECT_EQ(s.next_periodic_on(1, 7), ~0ull);
	s.seed(2);
	s.descs[7].actions.emplace_back();
	s.descs[7].cpu = 1;
	EXPECT_EQ(s.next_periodic_on(1, 7), 5000u);
	EXPECT_EQ(s.next_periodic_on(0, 7), ~0ull);
}

}  // namespace
}  // namespace kctx::kernel
