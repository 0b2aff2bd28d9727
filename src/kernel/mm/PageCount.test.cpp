// The page count and the OOM killer's choice (mm/oom_kill.c, 6.1), without a Kernel: a
// machine of 64 MiB with a few processes whose first touches make pages resident.
#include "kernel/mm/PageCount.h"

#include <gtest/gtest.h>

namespace kctx::kernel {
namespace {

constexpr uint64_t kMem = 64ull << 20;
constexpr uint64_t kBase = 0x10000;

struct Pages {
	RamState ram;
	TaskTable tasks;
	SlabState slab;
	vm::ShmemTable shmem;
	Pages() { count().boot(kMem); }
	// A process with `touched` resident pages of a 1 MiB anonymous mapping.
	TaskId add_process(int32_t pid, uint64_t touched)
	{
		TaskId t{static_cast<uint32_t>(tasks.size())};
		Task& task = tasks.emplace_back();
		task.pid = task.tgid = pid;
		task.user.emplace();
		task.user->mm.map(kBase, 1 << 20, "[anon]");
		for (uint64_t i = 0; i < touched; i++)
			EXPECT_TRUE(task.user->mm.fill(kBase + i * vm::kPageSize, 0xaa, 1));
		return t;
	}
	PageCount count() { return PageCount(ram, tasks, slab, shmem); }
};

TEST(PageCount, BootReservesTheKernelsOwnPages)
{
	Pages p;
	EXPECT_EQ(p.ram.total_pages, kMem / vm::kPageSize);
	EXPECT_EQ(p.count().used_pages(), kRamReservedBytes / vm::kPageSize);
	EXPECT_EQ(p.count().free_pages(), (kMem - kRamReservedBytes) / vm::kPageSize);
}

TEST(PageCount, ProcessesCountTheirResidentPagesAndAKernelStackEach)
{
	Pages p;
	uint64_t before = p.count().used_pages();
	p.add_process(100, 3);
	p.add_process(101, 5);
	EXPECT_EQ(p.count().user_pages(), 8u);
	EXPECT_EQ(p.count().used_pages(), before + 8 + 2 * 4);   // THREAD_SIZE is 4 pages
	// A reaped task's pages and stack are no one's.
	p.tasks[1].reaped = true;
	EXPECT_EQ(p.count().used_pages(), before + 3 + 4);
}

TEST(PageCount, TheOomVictimHasTheMostPagesAndTheLaterTaskWinsATie)
{
	Pages p;
	p.add_process(1, 50);   // init: never chosen
	TaskId small = p.add_process(100, 2);
	TaskId big = p.add_process(101, 9);
	TaskId twin = p.add_process(102, 9);
	ASSERT_TRUE(p.count().oom_victim());
	EXPECT_EQ(*p.count().oom_victim(), twin);
	// MMF_OOM_SKIP: a victim already killed is not chosen again.
	p.ram.oom_victims.insert(twin);
	EXPECT_EQ(*p.count().oom_victim(), big);
	p.tasks[big].exited = true;
	EXPECT_EQ(*p.count().oom_victim(), small);
	// exit_mmap(): the pages go, and with them the victim mark.
	p.count().exit_mmap(twin);
	EXPECT_EQ(p.tasks[twin].user->mm.private_pages(), 0u);
	EXPECT_EQ(p.ram.oom_victims.count(twin), 0u);
}

TEST(PageCount, OnlyAnAllowedAccessToAnAbsentPageWithNoFreePageNeedsMemory)
{
	Pages p;
	TaskId t = p.add_process(100, 1);
	uint64_t untouched = kBase + 10 * vm::kPageSize;
	EXPECT_FALSE(p.count().fault_needs_memory(t, untouched, true));   // pages are free
	p.ram.total_pages = p.count().used_pages();                        // none left
	EXPECT_TRUE(p.count().fault_needs_memory(t, untouched, true));
	EXPECT_FALSE(p.count().fault_needs_memory(t, kBase, true));        // resident already
	EXPECT_FALSE(p.count().fault_needs_memory(t, 0x1000, false));      // not mapped: a SIGSEGV
}

}  // namespace
}  // namespace kctx::kernel
