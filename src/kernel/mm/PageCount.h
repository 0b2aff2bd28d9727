// Who holds the machine's pages (mm/Ram.h's accounting): a component over the RAM's own
// record, the tasks' memory, the slabs and shmem. It reads and writes nothing else, so
// the count, the OOM killer's choice and a dying process's release of its pages are
// tested without a Kernel; the reports around them (warn_alloc(), show_mem(), the
// OOM killer's dump) are Kernel's, in Ram.cpp.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "kernel/core/Machine.h"

namespace kctx::kernel {

// What mm/oom_kill.c shows of a process, in pages.
struct MmFigures {
	uint64_t total_vm = 0, anon = 0, shmem = 0, pgtables = 0;
};
[[nodiscard]] MmFigures mm_figures(const Task& task);
// A process the OOM killer may consider: not init, not a kernel thread, not gone. The
// shell's applets (insmod, rmmod, ...) are processes too, with no user memory of their
// own in kctx.
[[nodiscard]] bool oom_candidate(const Task& task);

class PageCount {
public:
	PageCount(RamState& ram, TaskTable& tasks, const SlabState& slab, const vm::ShmemTable& shmem)
		: m_ram(ram), m_tasks(tasks), m_slab(slab), m_shmem(shmem)
	{
	}

	// mem=: the page count and the kernel's own reserved pages, nothing else in use.
	void boot(uint64_t mem_bytes);
	// The processes' anonymous pages and shmem's.
	[[nodiscard]] uint64_t user_pages() const;
	// Every page in use: reserved, slabs, page blocks, kernel stacks, user pages.
	[[nodiscard]] uint64_t used_pages() const;
	[[nodiscard]] uint64_t free_pages() const;
	// select_bad_process() -> oom_badness(): the candidate with the most rss + swap +
	// page tables, a tie going to the task found later; none already killed.
	[[nodiscard]] std::optional<TaskId> oom_victim() const;
	// A user access to `addr` the mapping allows, whose page was absent and could not
	// be had: the fault the OOM killer handles.
	[[nodiscard]] bool fault_needs_memory(TaskId t, uint64_t addr, bool write) const;
	// Caps a process's new pages at what is free while its code runs (or lifts the cap).
	void set_user_page_budget(TaskId t, bool limited);
	// exit_mmap(): a dying process's private pages go back to the allocator (and the host).
	void exit_mmap(TaskId t);

private:
	RamState& m_ram;
	TaskTable& m_tasks;
	const SlabState& m_slab;
	const vm::ShmemTable& m_shmem;
};

}  // namespace kctx::kernel
