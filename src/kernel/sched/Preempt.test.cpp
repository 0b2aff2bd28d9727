// preempt_count as module code sees and changes it: the preempt_enable() builtin's
// underflow check (kernel/sched/core.c preempt_count_sub() under CONFIG_DEBUG_PREEMPT)
// and the value preempt_count() reads (arch/x86/include/asm/preempt.h).
#include <gtest/gtest.h>

#include "kernel/core/Kernel.h"
#include "kernel/core/UserTest.h"

namespace kctx::kernel {
namespace {

constexpr const char* kInit = R"(
#include <stdio.h>
int main(void)
{
	int r = __kctx_insmod(0, "");
	printf("insmod returned %d\n", r);
	return 0;
}
)";

// One preempt_enable() too many: the count goes below zero.
constexpr const char* kUnbalancedPreemptEnable = R"(
#include <linux/module.h>
#include <linux/preempt.h>
static int __init m_init(void)
{
	preempt_enable();
	pr_info("m: preempt_count %#x\n", preempt_count());
	return 0;
}
module_init(m_init);
MODULE_LICENSE("GPL");
)";

testing::ModuleRun run(Profile profile)
{
	Config config;
	config.profile = profile;
	return testing::run_with_module(kInit, kUnbalancedPreemptEnable, config);
}

TEST(Preempt, PreemptEnableUnderflowWarnsWithDebugPreempt)
{
	// DEBUG_PREEMPT's preempt_count_sub(): DEBUG_LOCKS_WARN_ON(val > preempt_count())
	// warns and skips the decrement; preempt_enable() calls it straight from the module.
	testing::ModuleRun r = run(Profile::Debug);
	EXPECT_TRUE(r.has("DEBUG_LOCKS_WARN_ON(val > preempt_count())")) << r.console;
	EXPECT_TRUE(r.has("preempt_count_sub+0x8a/0xca")) << r.console;
	EXPECT_TRUE(r.has("m_init+")) << r.console;
	EXPECT_TRUE(r.has("m: preempt_count 0x0\n")) << r.console;
}

TEST(Preempt, PreemptEnableUnderflowWrapsSilentlyWithoutDebugPreempt)
{
	// Debian's 6.1 has no DEBUG_PREEMPT: __preempt_count_dec_and_test() just wraps.
	testing::ModuleRun r = run(Profile::Debian);
	EXPECT_FALSE(r.has("DEBUG_LOCKS_WARN_ON")) << r.console;
	EXPECT_FALSE(r.has("m: preempt_count 0x0\n")) << r.console;
}

TEST(Preempt, PreemptCountAfterUnderflowReadsWithoutTheNeedReschedBit)
{
	// x86's preempt_count() masks PREEMPT_NEED_RESCHED (bit 31) off the per-CPU word:
	// one below zero reads 0x7fffffff, never 0xffffffff.
	testing::ModuleRun r = run(Profile::Debian);
	EXPECT_TRUE(r.has("m: preempt_count 0x7fffffff\n")) << r.console;
	EXPECT_FALSE(r.has("0xffffffff")) << r.console;
}

}  // namespace
}  // namespace kctx::kernel
