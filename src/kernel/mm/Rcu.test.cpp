// RCU-protected pointers from module code (include/linux/rcupdate.h): the accessors
// compile on a __rcu pointer and read and publish it; a sleep inside the read-side
// section is still reported.
#include <gtest/gtest.h>

#include "kernel/core/Kernel.h"
#include "kernel/core/UserTest.h"

namespace kctx::kernel {
namespace {

constexpr const char* kInit = R"(
#include <stdio.h>
int main(void)
{
	printf("insmod returned %d\n", __kctx_insmod(0, ""));
	return 0;
}
)";

constexpr const char* kRcuPointers = R"(
#include <linux/module.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
struct cfg { int v; };
static struct cfg __rcu *cur;
static DEFINE_SPINLOCK(lock);
static int __init m_init(void)
{
	struct cfg *a = kmalloc(sizeof(*a), GFP_KERNEL), *old;
	a->v = 7;
	RCU_INIT_POINTER(cur, NULL);
	spin_lock(&lock);
	old = rcu_dereference_protected(cur, lockdep_is_held(&lock));
	rcu_assign_pointer(cur, a);
	spin_unlock(&lock);
	rcu_read_lock();
	pr_info("m: old %d v %d\n", old == NULL, rcu_dereference(cur)->v);
	rcu_read_unlock();
	synchronize_rcu();
	kfree(rcu_access_pointer(cur));
	return 0;
}
module_init(m_init);
MODULE_LICENSE("GPL");
)";

TEST(Rcu, PointerAccessorsReadAndPublish)
{
	testing::ModuleRun r = testing::run_with_module(kInit, kRcuPointers);
	EXPECT_TRUE(r.has("m: old 1 v 7\n")) << r.console;
	EXPECT_TRUE(r.has("insmod returned 0\n")) << r.console;
	EXPECT_EQ(r.m.findings.total(), 0u) << r.console;
}

}  // namespace
}  // namespace kctx::kernel
