// spin_unlock() puts the whole lock word back to its unlocked value, owner included (as
// debug_spin_unlock() does in kernel/locking/spinlock_debug.c): an unlocked lock reads
// as one never taken, whichever CPU held it last.
#include <gtest/gtest.h>

#include "kernel/core/Kernel.h"
#include "kernel/core/UserTest.h"

namespace kctx::kernel {
namespace {

constexpr const char* kInit = R"(
#include <stdio.h>
#include <unistd.h>
int main(void)
{
	__kctx_insmod(0, "");
	sleep(1);
	return 0;
}
)";

// Two kthreads, so one of them runs on CPU1.
constexpr const char* kOwner = R"(
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/spinlock.h>
static DEFINE_SPINLOCK(l);
static int fn(void *unused)
{
	unsigned int held;
	int cpu;
	spin_lock(&l);
	cpu = smp_processor_id();
	held = l.__kctx_owner_cpu;
	spin_unlock(&l);
	pr_info("m: cpu %d held by %u, unlocked %u %u\n", cpu, held, l.__kctx_owner_cpu, l.__kctx_locked);
	return 0;
}
static int __init m_init(void)
{
	kthread_run(fn, NULL, "a");
	kthread_run(fn, NULL, "b");
	return 0;
}
module_init(m_init);
MODULE_LICENSE("GPL");
)";

TEST(SpinUnlock, TheOwnerGoesWithTheLockWord)
{
	testing::ModuleRun r = testing::run_with_module(kInit, kOwner);
	EXPECT_TRUE(r.has("m: cpu 0 held by 0, unlocked 0 0\n")) << r.console;
	EXPECT_TRUE(r.has("m: cpu 1 held by 1, unlocked 0 0\n")) << r.console;
}

}  // namespace
}  // namespace kctx::kernel
