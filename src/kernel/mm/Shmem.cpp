// MAP_SHARED|MAP_ANONYMOUS memory across processes. mmap() gives the mapping a shmem
// object (mm/shmem.c shmem_zero_setup()); fork() copies the mapping, so parent and child
// fault in the same pages (Fork.cpp); munmap() and exit drop one process's mapping, and
// the object goes with its last one (the shmem file's last fput(): shmem_evict_inode()).
// The objects live in the Machine's ShmemTable by id; a user Memory reaches them through
// a binding this file keeps up to date.
#include <set>
#include <type_traits>
#include <utility>

#include "kernel/core/Kernel.h"

namespace kctx::kernel {

// A Memory moved keeps its binding, a Memory copied loses it: growing m.tasks must move.
static_assert(std::is_nothrow_move_constructible_v<Task>, "m.tasks reallocation must not copy address spaces");

namespace {
void bind_user_memory(Task& task, Machine& m)
{
	task.user->mm.attach_shmem(&m.shmem);
	task.user->mm.attach_kmem(&m.kmem);
}
}  // namespace

void Kernel::attach_shmem()
{
	// And to the kernel's memory, where remap_pfn_range()'s mappings find their pages.
	// A task another machine shares (a copy of this one, base/CowVector.h) is bound when
	// it is cloned, the first time this machine writes it; until then it is only read,
	// and a read needs the binding only where a region maps shared or kernel pages: such
	// a task is made this machine's own now.
	m.tasks.set_clone_hook(
		[](Task& task, void* machine) {
			if (task.user)
				bind_user_memory(task, *static_cast<Machine*>(machine));
		},
		&m);
	for (size_t i = 0; i < m.tasks.size(); i++) {
		const Task& task = std::as_const(m.tasks)[i];
		if (task.user && (!m.tasks.is_shared(i) || task.user->mm.maps_foreign_pages()))
			bind_user_memory(m.tasks[i], m);
	}
}

void Kernel::put_unmapped_shmem()
{
	// A scan rather than a reference count: the mappings themselves are the references
	// (vm_area_struct::vm_file), so no count can drift from them.
	std::set<uint32_t> mapped;
	for (const Task& task : m.tasks)
		if (task.user)
			for (const vm::Region& r : task.user->mm.regions())
				if (r.shmem)
					mapped.insert(r.shmem);
	std::vector<uint32_t> unmapped;
	for (const auto& [id, object] : m.shmem.objects())
		if (!mapped.contains(id))
			unmapped.push_back(id);
	for (uint32_t id : unmapped)
		m.shmem.destroy(id);
}

void Kernel::exit_shmem(TaskId t)
{
	// exit_mm() -> mmput() -> exit_mmap(): kctx keeps a zombie's private memory for
	// getrusage()'s figures, but its shared mappings go now, as on Linux, so an object
	// lives exactly as long as a live process maps it. The pages it had mapped stay
	// counted as faults (min_faults()).
	Task& task = m.tasks[t];
	if (!task.user)
		return;
	UserState& u = *task.user;
	std::vector<vm::Region> shared;
	for (const vm::Region& r : u.mm.regions())
		if (r.shmem)
			shared.push_back(r);
	if (shared.empty())
		return;
	for (const vm::Region& r : shared) {
		u.faults_dropped += u.mm.resident_pages(r.start, r.end - r.start);
		u.mm.unmap(r.start, r.end - r.start);
	}
	put_unmapped_shmem();
}

}  // namespace kctx::kernel
