// Anonymous memory of user programs: mmap, munmap, mprotect, madvise (mm/mmap.c do_mmap,
// __do_munmap; mm/mprotect.c; mm/madvise.c) and the fault counts they leave. A mapping
// is a vm::Memory region whose pages become resident, zero-filled, at their first touch
// (do_anonymous_page); MADV_DONTNEED and munmap drop them again. A MAP_SHARED mapping's
// pages belong to a shmem object instead (Shmem.cpp), which outlives one process's unmap.
#include <fmt/format.h>

#include "abi/Errno.h"
#include "abi/Layout.h"
#include "kernel/core/Kernel.h"
#include "kernel/core/Layout.h"
#include "kernel/fs/FileFlags.h"
#include "kernel/mm/DevMmap.h"
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
// Dropping resident pages keeps their first-touch faults counted (min_faults()).
void drop_resident(UserState& u, uint64_t start, uint64_t len) { u.faults_dropped += u.mm.resident_pages(start, len); }

using SyscallArgs = std::array<uint64_t, 6>;
using R = run::Syscall::Resume;
namespace FO = abi::layout::file_operations;
namespace VMA = abi::layout::vm_area_struct;

// A device mapping do_mmap() made, which the driver's ->mmap is still to fill.
struct FileMapping {
	uint64_t mmap_fn = 0;   // file->f_op->mmap
	uint64_t file = 0;      // the struct file
	uint64_t vm_flags = 0;
	uint64_t pgoff = 0;
	uint64_t start = 0;
	uint64_t len = 0;
};

// do_mmap(): the mapping's address, or -errno. A mapping of a device's file is left
// in `fm` for its driver's ->mmap (mmap_region() -> call_mmap()).
int64_t do_mmap(Machine& m, UserState& u, const SyscallArgs& args, FileMapping& fm)
{
	vm::Memory& mm = u.mm;
	uint64_t addr = args[0], len = args[1], prot = args[2], flags = args[3], off = args[5];
	auto fd = static_cast<int32_t>(args[4]);
	// arch/x86/kernel/sys_x86_64.c sys_mmap(): the offset must be page aligned.
	if (off & kPageMask)
		return -abi::kEINVAL;
	// ksys_mmap_pgoff(): a file mapping needs an open file.
	const OpenFile* of = nullptr;
	if (!(flags & kMapAnonymous)) {
		auto it = u.files.fds.find(fd);
		if (it == u.files.fds.end() || !it->second.opened)
			return -abi::kEBADF;
		of = &it->second;
	}
	// do_mmap()
	if (len == 0)
		return -abi::kEINVAL;
	uint64_t size = page_align(len);
	if (size == 0 || size > kTaskSize)
		return -abi::kENOMEM;
	uint64_t type = flags & kMapType;
	if (type != kMapShared && type != kMapPrivate)
		return -abi::kEINVAL;
	bool fixed = flags & (kMapFixed | kMapFixedNoreplace);
	uint64_t start = 0;
	if (fixed) {
		// get_unmapped_area() with MAP_FIXED: the caller's address, page aligned and
		// inside the user half; security_mmap_addr() refuses the lowest 64 KiB.
		if (addr & kPageMask)
			return -abi::kEINVAL;
		if (addr > kTaskSize - size)
			return -abi::kENOMEM;
		if (addr < kMmapMinAddr)
			return -abi::kEPERM;
		if ((flags & kMapFixedNoreplace) && overlaps(mm, addr, addr + size))
			return -abi::kEEXIST;
		start = addr;
	} else {
		// A hint is taken when the range there is free (arch_get_unmapped_area_topdown).
		uint64_t hint = page_align(addr);
		if (hint && hint >= kMmapMinAddr && hint <= kTaskSize - size && !overlaps(mm, hint, hint + size))
			start = hint;
		else
			start = find_gap_topdown(mm, size);
		if (start == 0)
			return -abi::kENOMEM;
	}
	if (of) {
		// do_mmap()'s checks of the file (only a driver's files have an f_op->mmap here).
		uint64_t fn = 0;
		if (of->kind == FileKind::Driver)
			(void)m.kmem.load(of->fops + FO::mmap, fn);
		int64_t vm_flags = devmmap::file_vm_flags(of->mode, prot, flags, fn != 0);
		if (vm_flags < 0)
			return vm_flags;
		// mmap_region(): the old mappings go, a vma of the file takes the range.
		drop_resident(u, start, size);
		mm.unmap(start, size);
		mm.map(start, size, of->path, prot_writable(prot));
		if (!prot_readable(prot))
			(void)mm.protect(start, size, false, false);
		fm = FileMapping{fn, of->file, static_cast<uint64_t>(vm_flags), off / vm::kPageSize, start, size};
		return static_cast<int64_t>(start);
	}
	// __vm_enough_memory() under the default heuristic overcommit: one private
	// writable mapping may not exceed totalram_pages() + swap (none), unless
	// MAP_NORESERVE.
	uint64_t totalram = (m.ram.total_pages - m.ram.reserved_pages) * vm::kPageSize;
	if (type == kMapPrivate && prot_writable(prot) && !(flags & kMapNoreserve) && size > totalram)
		return -abi::kENOMEM;
	// A shared one charges its shmem object instead, whatever its protection
	// (mm/shmem.c __shmem_file_setup() -> shmem_acct_size()).
	if (type == kMapShared && !(flags & kMapNoreserve) && size > totalram)
		return -abi::kENOMEM;
	// MAP_FIXED replaces whatever was there (do_mmap -> mmap_region -> do_munmap).
	drop_resident(u, start, size);
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
	return static_cast<int64_t>(start);
}

// __do_munmap(): page-aligned start, a non-empty range inside the user half; a range
// with nothing mapped in it is not an error.
bool valid_munmap(const SyscallArgs& args)
{
	uint64_t start = args[0], len = page_align(args[1]);
	return !((start & kPageMask) || args[1] == 0 || len == 0 || start > kTaskSize || len > kTaskSize - start);
}

// The struct vm_area_struct of a device mapping that [start, start+len) removes whole,
// or 0. (A range that cuts one leaves it mapped without a call: kctx does not split
// vmas, so the remaining part's ->open that __split_vma() would call has no vma to get.)
uint64_t device_vma_in(const vm::Memory& mm, uint64_t start, uint64_t len)
{
	uint64_t end = start + page_align(len);
	for (const vm::Region& r : mm.regions()) {
		if (!r.vma || r.start < start || r.end > end)
			continue;
		bool whole = true;
		for (const vm::Region& o : mm.regions())
			if (o.vma == r.vma && (o.start < start || o.end > end))
				whole = false;
		if (whole)
			return r.vma;
	}
	return 0;
}

void untag_vma(vm::Memory& mm, uint64_t vma)
{
	for (const vm::Region& r : std::vector<vm::Region>(mm.regions()))
		if (r.vma == vma)
			mm.set_vma(r.start, r.end, 0);
}

int64_t do_munmap(UserState& u, const SyscallArgs& args)
{
	vm::Memory& mm = u.mm;
	uint64_t start = args[0], len = page_align(args[1]);
	if (!valid_munmap(args))
		return -abi::kEINVAL;
	drop_resident(u, start, len);
	mm.unmap(start, len);
	return 0;
}

int64_t do_mprotect(vm::Memory& mm, const SyscallArgs& args)
{
	// do_mprotect_pkey(): EINVAL for a bad start or unknown bits, ENOMEM when part of
	// the range is not mapped.
	uint64_t start = args[0], prot = args[2];
	if (start & kPageMask)
		return -abi::kEINVAL;
	if (prot & ~(kProtRead | kProtWrite | kProtExec | kProtSem | kProtGrowsdown | kProtGrowsup))
		return -abi::kEINVAL;
	uint64_t len = page_align(args[1]);
	if (args[1] && len == 0)
		return -abi::kENOMEM;
	if (len == 0)
		return 0;
	if (start + len < start)
		return -abi::kENOMEM;
	if (!mm.protect(start, len, prot_readable(prot), prot_writable(prot)))
		return -abi::kENOMEM;
	return 0;
}

int64_t do_madvise(UserState& u, const SyscallArgs& args)
{
	vm::Memory& mm = u.mm;
	// do_madvise(): start page aligned, a known advice; ENOMEM when the range has
	// holes (after the advice applied to the mapped parts).
	uint64_t start = args[0], advice = args[2];
	if (start & kPageMask)
		return -abi::kEINVAL;
	if (advice != kMadvNormal && advice != kMadvRandom && advice != kMadvSequential && advice != kMadvWillneed &&
	    advice != kMadvDontneed && advice != kMadvFree)
		return -abi::kEINVAL;
	uint64_t len = page_align(args[1]);
	if (args[1] && len == 0)
		return -abi::kEINVAL;
	if (len == 0)
		return 0;
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
			drop_resident(u, a, end - a);
			mm.discard(a, end - a);
		}
		a = end;
	}
	return hole ? -abi::kENOMEM : 0;
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

namespace {
// After a successful ->mmap, the pages it did not map: a private mapping without vm_ops
// is anonymous memory (vma_is_anonymous(): zero pages at the first touch); in a shared
// one (do_anonymous_page(): "File mapping without ->vm_ops?") or one whose vm_ops has no
// ->fault, a touch is VM_FAULT_SIGBUS; with a ->fault, a touch calls it (PageFault.cpp).
// The pages are made inaccessible, so that the first touch faults: user_fault() sends
// SIGBUS for them, driver_page_fault() calls the handler.
void no_page_without_fault(vm::Memory& kmem, vm::Memory& mm, uint64_t vma, uint64_t start, uint64_t len)
{
	uint64_t ops = 0, flags = 0;
	(void)kmem.load(vma + VMA::vm_ops, ops);
	(void)kmem.load(vma + VMA::vm_flags, flags);
	if (!ops && !(flags & devmmap::VM_SHARED))
		return;
	for (const vm::Region& r : std::vector<vm::Region>(mm.regions()))
		if (r.vma == vma && !r.kaddr && r.start >= start && r.end <= start + len)
			(void)mm.protect(r.start, r.end - r.start, false, false);
}

// mmap_region() after call_mmap(): the driver's error unmaps the range and is mmap()'s
// value; else the mapping starts at vma->vm_start.
int64_t call_mmap_returned(UserState& u, uint64_t start, uint64_t len, int64_t ret)
{
	int64_t err = fs::as_int(ret);
	if (err < 0) {
		drop_resident(u, start, len);
		u.mm.unmap(start, len);
		return err;
	}
	return static_cast<int64_t>(start);
}
}  // namespace

bool Kernel::mm_syscall(uint32_t cpu, TaskId t, NativeFrame& f)
{
	const SyscallArgs& args = f.as<run::Syscall>().args;
	Task& task = m.tasks[t];
	if (!task.user) {
		f.ret = -abi::kENOSYS;
		return true;
	}
	UserState& u = *task.user;
	// A shared mapping that munmap, or MAP_FIXED's replacement, removes may have been its
	// shmem object's last: put_unmapped_shmem() after each.
	switch (f.as<run::Syscall>().syscall) {
	case BuiltinId::mmap: {
		auto& r = f.as<run::Syscall>();
		if (r.resume == R::DriverCalled) {
			f.ret = call_mmap_returned(u, r.map_start, r.map_len, f.ret);
			if (f.ret >= 0)
				no_page_without_fault(m.kmem, u.mm, r.vma, r.map_start, r.map_len);
			break;
		}
		FileMapping fm;
		f.ret = do_mmap(m, u, args, fm);
		put_unmapped_shmem();
		if (fm.mmap_fn) {
			// mmap_region(): a vm_area_struct for the range, then call_mmap(file, vma).
			uint64_t vma = alloc_kernel(VMA::size, "vm_area_struct");
			devmmap::init_vma(m.kmem, vma, {fm.start, fm.start + fm.len, fm.vm_flags, fm.pgoff, fm.file, 0});
			u.mm.set_vma(fm.start, fm.start + fm.len, vma);
			r.vma = vma;
			r.map_start = fm.start;
			r.map_len = fm.len;
			std::array<uint64_t, 2> call = {fm.file, vma};
			return vfs_call_driver(t, f, fm.mmap_fn, call, R::DriverCalled);
		}
		break;
	}
	case BuiltinId::munmap: {
		// remove_vma(): each device mapping the range removes whole gets its
		// vm_ops->close, one per pass (untagged first, so it is called once).
		if (uint64_t vma = device_vma_in(u.mm, args[0], args[1]); vma && valid_munmap(args)) {
			uint64_t ops = 0, close = 0;
			(void)m.kmem.load(vma + VMA::vm_ops, ops);
			if (ops)
				(void)m.kmem.load(ops + abi::layout::vm_operations_struct::close, close);
			untag_vma(u.mm, vma);
			if (close) {
				std::array<uint64_t, 1> call = {vma};
				return vfs_call_driver(t, f, close, call, R::DriverCalled);
			}
			return mm_syscall(cpu, t, f);
		}
		f.ret = do_munmap(u, args);
		put_unmapped_shmem();
		break;
	}
	case BuiltinId::mprotect: f.ret = do_mprotect(u.mm, args); break;
	case BuiltinId::madvise: f.ret = do_madvise(u, args); break;
	default: f.ret = -abi::kENOSYS; break;
	}
	return true;
}

}  // namespace kctx::kernel
