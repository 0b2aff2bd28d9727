// The page count and the OOM killer's choice (mm/PageCount.h), from mm/oom_kill.c (6.1)
// and the accounting described in mm/Ram.h.
#include "kernel/mm/PageCount.h"

#include <utility>
#include <variant>

namespace kctx::kernel {

namespace {

constexpr uint64_t kKernelStackPages = 4;   // THREAD_SIZE (16 KiB) per task

}  // namespace

MmFigures mm_figures(const Task& task)
{
	if (!task.user)
		return {};
	const vm::Memory& mm = task.user->mm;
	return {mm.mapped_pages(), mm.private_pages(), mm.shmem_pte_pages(), mm.page_table_pages()};
}

bool oom_candidate(const Task& task)
{
	bool applet = !task.kstack.empty() && std::holds_alternative<NativeFrame>(task.kstack.front()) &&
		      std::get<NativeFrame>(task.kstack.front()).fn() == NativeFn::Applet;
	return (task.user || applet) && !task.exited && task.pid > 1 && !task.kthread;
}

void PageCount::boot(uint64_t mem_bytes)
{
	m_ram = RamState{};
	m_ram.total_pages = mem_bytes / vm::kPageSize;
	m_ram.reserved_pages = kRamReservedBytes / vm::kPageSize;
}

uint64_t PageCount::user_pages() const
{
	uint64_t n = 0;
	for (const Task& task : m_tasks)
		if (task.user && !task.reaped)
			n += task.user->mm.private_pages();
	for (const auto& [id, object] : m_shmem.objects())
		n += object.data.size();
	return n;
}

uint64_t PageCount::used_pages() const
{
	uint64_t stacks = 0;
	for (const Task& task : m_tasks)
		stacks += task.reaped ? 0 : kKernelStackPages;
	return m_ram.reserved_pages + m_slab.pages + m_ram.block_pages + stacks + user_pages();
}

uint64_t PageCount::free_pages() const
{
	uint64_t used = used_pages();
	return used >= m_ram.total_pages ? 0 : m_ram.total_pages - used;
}

std::optional<TaskId> PageCount::oom_victim() const
{
	// select_bad_process() -> oom_evaluate_task() -> oom_badness(): init and kernel
	// threads are unkillable, a victim already reaped is skipped (MMF_OOM_SKIP); the
	// score is rss + swap + page tables in pages (oom_score_adj 0).
	std::optional<TaskId> chosen;
	uint64_t best = 0;
	for (TaskId i = 0; i < m_tasks.size(); i++) {
		const Task& task = std::as_const(m_tasks)[i];
		if (!oom_candidate(task) || m_ram.oom_victims.count(i))
			continue;
		MmFigures f = mm_figures(task);
		uint64_t points = f.anon + f.shmem + f.pgtables;
		if (chosen && points < best)
			continue;
		chosen = i;
		best = points;
	}
	return chosen;
}

bool PageCount::fault_needs_memory(TaskId t, uint64_t addr, bool write) const
{
	const Task& task = std::as_const(m_tasks)[t];
	if (!task.user)
		return false;
	const vm::Region* r = task.user->mm.region_at(addr);
	return r && r->readable && (!write || r->writable) && !task.user->mm.is_resident(addr) && free_pages() == 0;
}

void PageCount::set_user_page_budget(TaskId t, bool limited)
{
	Task& task = m_tasks[t];
	if (task.user)
		task.user->mm.set_page_budget(limited ? free_pages() : vm::Memory::kNoPageLimit);
}

void PageCount::exit_mmap(TaskId t)
{
	Task& task = m_tasks[t];
	if (task.user)
		task.user->mm.drop_private_pages();
	m_ram.oom_victims.erase(t);
}

}  // namespace kctx::kernel
