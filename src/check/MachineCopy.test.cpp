#include "check/MachineCopy.h"

#include <gtest/gtest.h>

#include <utility>

namespace kctx::check {
namespace {

kernel::Machine filled()
{
	kernel::Machine m;
	m.cpus.resize(2);
	m.cpus[1].preempt_count = 0x100;
	m.tasks.resize(3);
	m.tasks[1].comm = "worker";
	m.free_tasks = {2};
	m.kmem.map(0xffff888000000000ull, 2 * vm::kPageSize, "kmem");
	(void)m.kmem.store(0xffff888000000010ull, uint64_t{42});
	m.devmodel.sysfs["/sys/module/m"] = kernel::SysfsNode{};
	m.pid.hold(1);
	m.warned_once.insert("site");
	m.printk.console = "hello\n";
	m.kmalloc_next = 0x1000;
	m.halted = true;
	return m;
}

TEST(MachineCopy, EqualsACopyAssignment)
{
	kernel::Machine to;
	kernel::Machine from = filled();
	MachineCopier copier(to, from);
	copier.copy();
	EXPECT_TRUE(to == from);
	kernel::Machine plain;
	plain = from;
	EXPECT_TRUE(to == plain);
}

// The explorer's use: `to` was a copy of the state, then a transition wrote some of its
// tables; the copy puts back every one of them, the unchanged ones left alone.
TEST(MachineCopy, PutsBackWhatATransitionWrote)
{
	kernel::Machine from = filled();
	kernel::Machine to = from;
	MachineCopier copier(to, from);
	to.devmodel.sysfs.erase("/sys/module/m");
	to.pid.hold(7);
	to.tasks[1].comm = "other";
	(void)to.kmem.store(0xffff888000000010ull, uint64_t{7});
	to.warned_once.clear();
	to.kmalloc_next = 0;
	to.printk.console += "more\n";
	EXPECT_FALSE(to == from);
	copier.copy();
	EXPECT_TRUE(to == from);
	uint64_t v = 0;
	EXPECT_TRUE(to.kmem.load(0xffff888000000010ull, v));
	EXPECT_EQ(v, 42u);
	// A write to the copy after it does not reach the original (pages and tasks are shared
	// copy-on-write; an assignment left out would share a cached page).
	(void)to.kmem.store(0xffff888000000010ull, uint64_t{9});
	to.tasks[1].comm = "again";
	EXPECT_TRUE(from.kmem.load(0xffff888000000010ull, v));
	EXPECT_EQ(v, 42u);
	EXPECT_EQ(std::as_const(from.tasks)[1].comm, "worker");
}

// After a move out of `to` (a new state goes to the frontier), the next copy fills it again.
TEST(MachineCopy, RefillsAMovedFromMachine)
{
	kernel::Machine from = filled();
	kernel::Machine to = from;
	MachineCopier copier(to, from);
	kernel::Machine taken = std::move(to);
	copier.copy();
	EXPECT_TRUE(to == from);
	EXPECT_TRUE(taken == from);
}

}  // namespace
}  // namespace kctx::check
