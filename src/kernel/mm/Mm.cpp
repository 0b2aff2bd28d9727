// Anonymous memory of user programs: mmap, munmap, mprotect, madvise (mm/mmap.c do_mmap,
// __do_munmap; mm/mprotect.c; mm/madvise.c) and the fault counts they leave. A mapping
// is a vm::Memory region whose pages become resident, zero-filled, at their first touch
// (do_anonymous_page); MADV_DONTNEED and munmap drop them again. A MAP_SHARED mapping's
// pages belong to a shmem object instead (Shmem.cpp), which outlives one process's unmap.
#include <fmt/format.h>

#include "abi/Errno.h"
#include "kernel/core/Kernel.h"
#include "kernel/core/Layout.h"
#include "kernel/mm/Mm.h"

namespace kctx::kernel {

using abi::BuiltinId;

static_assert(kMmapTop == addr::kUserStackTop - addr::kUserStackSize, "mappings start below the stack");

namespace {
// include/uapi/asm-generic/mman-common.h, mman.h
constexpr uint64_t kProtRead = 0x1, kProtWrite = 0x2, kProtExec = 0x4, kProtSem = 0x8;
constexpr uint64_t kProtGrowsdown = 0x01000000, kProtGrowsup = 0x02000000;
constexpr uint64_t kMapShared = 0x01, kMapPrivate = 0x02, kMapType = 0x0f, kMapFixed = 0x10,
		   kMapAnonymous = 0x20, kMapNoreserve = 0x4000, kMapFixedNoreplace = 0x100000;
constexpr uint64_t kMadvNormal = 0, kMadvRandom = 1, kMadvSequential = 2, kMadvWillneed = 3, kMadvDontneed = 4,
		   kMadvFree = 8;
constexpr uint64_t kPageMask = vm::kPageSize - 1;

uint64_t page_align(uint64_t len) { return (len + kPageMask) & ~kPageMask; }

// x86's protection bits: PROT_WRITE and PROT_EXEC imply PROT_READ (no write-only or
// execute-only PTEs without protection keys).
bool prot_readable(uint64_t prot) { return (prot & (kProtRead | kProtWrite | kProtExec)) != 0; }
bool prot_writable(uint64_t prot) { return (prot & kProtWrite) != 0; }

bool overlaps(const vm::Memory& mm, uint64_t start, uint64_t end)
{
	for (const vm::Region& r : mm.regions())
		if (r.start < end && r.end > start)
			return true;
	return false;
}

// unmapped_area_topdown(): the highest gap below kMmapTop that holds len bytes, or 0.
uint64_t find_gap_topdown(const vm::Memory& mm, uint64_t len)
{
	uint64_t hi = kMmapTop;
	const auto& regions = mm.regions();
	for (auto it = regions.rbegin(); it != regions.rend(); ++it) {
		if (it->start >= hi)
			continue;
		if (it->end <= hi && hi - it->end >= len)
			return hi - len;
		hi = std::min(hi, it->start);
	}
	return hi >= kMmapMinAddr + len ? hi - len : 0;
}
}  // namespace

uint64_t Kernel::resident_pages(TaskId t) const
{
	const Task& task = m.tasks[t];
	return task.user ? task.user->mm.resident_pages(0, vm::kKernelSpaceStart) : 0;
}

uint64_t Kernel::min_faults(TaskId t) const
{
	const Task& task = m.tasks[t];
	if (!task.user)
		return 0;
	uint64_t now = resident_pages(t) + task.user->faults_dropped;
	return now > task.user->faults_base ? now - task.user->faults_base : 0;
}

bool Kernel::mm_syscall(uint32_t cpu, TaskId t, NativeFrame& f)
{
	const std::array<uint64_t, 6>& args = f.as<run::Syscall>().args;
	Task& task = m.tasks[t];
	auto finish = [&](int64_t v) {
		f.ret = v;
		return true;
	};
	if (!task.user)
		return finish(-abi::kENOSYS);
	UserState& u = *task.user;
	vm::Memory& mm = u.mm;
	// Dropping resident pages keeps their first-touch faults counted (min_faults()).
	auto drop = [&](uint64_t start, uint64_t len) { u.faults_dropped += mm.resident_pages(start, len); };
	switch (f.as<run::Syscall>().syscall) {
	case BuiltinId::mmap: {
		uint64_t addr = args[0], len = args[1], prot = args[2], flags = args[3], off = args[5];
		auto fd = static_cast<int32_t>(args[4]);
		// arch/x86/kernel/sys_x86_64.c sys_mmap(): the offset must be page aligned.
		if (off & kPageMask)
			return finish(-abi::kEINVAL);
		// ksys_mmap_pgoff(): a file mapping needs an open file; kctx's devices have no ->mmap.
		if (!(flags & kMapAnonymous)) {
			if (!u.files.fds.contains(fd))
				return finish(-abi::kEBADF);
			return finish(-abi::kENODEV);
		}
		// do_mmap()
		if (len == 0)
			return finish(-abi::kEINVAL);
		uint64_t size = page_align(len);
		if (size == 0 || size > kTaskSize)
			return finish(-abi::kENOMEM);
		uint64_t type = flags & kMapType;
		if (type != kMapShared && type != kMapPrivate)
			return finish(-abi::kEINVAL);
		bool fixed = flags & (kMapFixed | kMapFixedNoreplace);
		uint64_t start = 0;
		if (fixed) {
			// get_unmapped_area() with MAP_FIXED: the caller's address, page aligned and
			// inside the user half; security_mmap_addr() refuses the lowest 64 KiB.
			if (addr & kPageMask)
				return finish(-abi::kEINVAL);
			if (addr > kTaskSize - size)
				return finish(-abi::kENOMEM);
			if (addr < kMmapMinAddr)
				return finish(-abi::kEPERM);
			if ((flags & kMapFixedNoreplace) && overlaps(mm, addr, addr + size))
				return finish(-abi::kEEXIST);
			start = addr;
		} else {
			// A hint is taken when the range there is free (arch_get_unmapped_area_topdown).
			uint64_t hint = page_align(addr);
			if (hint && hint >= kMmapMinAddr && hint <= kTaskSize - size && !overlaps(mm, hint, hint + size))
				start = hint;
			else
				start = find_gap_topdown(mm, size);
			if (start == 0)
				return finish(-abi::kENOMEM);
		}
		// __vm_enough_memory() under the default heuristic overcommit: one private
		// writable mapping may not exceed totalram_pages() + swap (none), unless
		// MAP_NORESERVE.
		uint64_t totalram = (m.ram.total_pages - m.ram.reserved_pages) * vm::kPageSize;
		if (type == kMapPrivate && prot_writable(prot) && !(flags & kMapNoreserve) && size > totalram)
			return finish(-abi::kENOMEM);
		// A shared one charges its shmem object instead, whatever its protection
		// (mm/shmem.c __shmem_file_setup() -> shmem_acct_size()).
		if (type == kMapShared && !(flags & kMapNoreserve) && size > totalram)
			return finish(-abi::kENOMEM);
		// MAP_FIXED replaces whatever was there (do_mmap -> mmap_region -> do_munmap).
		drop(start, size);
		mm.unmap(start, size);
		if (type == kMapShared) {
			// mmap_region() -> shmem_zero_setup(): a new shmem object of the mapping's
			// size backs it, shared with every fork() child that inherits the mapping.
			uint32_t object = m.shmem.create(size / vm::kPageSize);
			mm.map_shmem(start, size, std::string(kSharedAnonName), prot_writable(prot), object);
		} else {
			mm.map(start, size, std::string(kPrivateAnonName), prot_writable(prot));
		}
		if (!prot_readable(prot))
			(void)mm.protect(start, size, false, false);
		put_unmapped_shmem();   // a shared mapping MAP_FIXED replaced may have been the last
		return finish(static_cast<int64_t>(start));
	}
	case BuiltinId::munmap: {
		// __do_munmap(): page-aligned start, a non-empty range inside the user half; a
		// range with nothing mapped in it is not an error.
		uint64_t start = args[0], len = page_align(args[1]);
		if ((start & kPageMask) || args[1] == 0 || len == 0 || start > kTaskSize || len > kTaskSize - start)
			return finish(-abi::kEINVAL);
		drop(start, len);
		mm.unmap(start, len);
		put_unmapped_shmem();
		return finish(0);
	}
	case BuiltinId::mprotect: {
		// do_mprotect_pkey(): EINVAL for a bad start or unknown bits, ENOMEM when part of
		// the range is not mapped.
		uint64_t start = args[0], prot = args[2];
		if (start & kPageMask)
			return finish(-abi::kEINVAL);
		if (prot & ~(kProtRead | kProtWrite | kProtExec | kProtSem | kProtGrowsdown | kProtGrowsup))
			return finish(-abi::kEINVAL);
		uint64_t len = page_align(args[1]);
		if (args[1] && len == 0)
			return finish(-abi::kENOMEM);
		if (len == 0)
			return finish(0);
		if (start + len < start)
			return finish(-abi::kENOMEM);
		if (!mm.protect(start, len, prot_readable(prot), prot_writable(prot)))
			return finish(-abi::kENOMEM);
		return finish(0);
	}
	case BuiltinId::madvise: {
		// do_madvise(): start page aligned, a known advice; ENOMEM when the range has
		// holes (after the advice applied to the mapped parts).
		uint64_t start = args[0], advice = args[2];
		if (start & kPageMask)
			return finish(-abi::kEINVAL);
		if (advice != kMadvNormal && advice != kMadvRandom && advice != kMadvSequential && advice != kMadvWillneed &&
		    advice != kMadvDontneed && advice != kMadvFree)
			return finish(-abi::kEINVAL);
		uint64_t len = page_align(args[1]);
		if (args[1] && len == 0)
			return finish(-abi::kEINVAL);
		if (len == 0)
			return finish(0);
		bool hole = false;
		for (uint64_t a = start; a < start + len;) {
			const vm::Region* r = mm.region_at(a);
			if (!r) {
				hole = true;
				uint64_t next = start + len;
				for (const vm::Region& later : mm.regions()) {
					if (later.start > a) {
						next = std::min(next, later.start);
						break;
					}
				}
				a = next;
				continue;
			}
			uint64_t end = std::min(r->end, start + len);
			// MADV_DONTNEED zaps the pages (madvise_dontneed_single_vma() ->
			// zap_page_range()): private anonymous memory reads back as zeros, while a
			// shared mapping only loses its PTEs (mm/memory.c zap_pte_range() removes the
			// rmap of a page that is not PageAnon; the page stays in the shmem object's
			// page cache) and the next touch faults the same contents back in
			// (shmem_fault()). MADV_FREE frees them only under memory pressure, which
			// kctx's user memory never has: the contents stay. The others are hints.
			if (advice == kMadvDontneed) {
				drop(a, end - a);
				mm.discard(a, end - a);
			}
			a = end;
		}
		return finish(hole ? -abi::kENOMEM : 0);
	}
	default: break;
	}
	(void)cpu;
	return finish(-abi::kENOSYS);
}

}  // namespace kctx::kernel
