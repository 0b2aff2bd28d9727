// Device memory mapped into a process (mm/mmap.c do_mmap() -> mmap_region() ->
// call_mmap(); mm/memory.c remap_pfn_range(); 6.1): the checks a file mapping passes, the
// struct vm_area_struct a driver's ->mmap receives, and remap_pfn_range() itself, which
// makes a range of the process's mapping the kernel's own pages (the same bytes: a store
// through either address is seen through the other).
#pragma once

#include <cstdint>
#include <string>

#include "kernel/mm/DevMem.h"
#include "vm/Memory.h"

namespace kctx::kernel::devmmap {

// include/linux/mm.h: vm_flags
inline constexpr uint64_t VM_READ = 0x1, VM_WRITE = 0x2, VM_EXEC = 0x4, VM_SHARED = 0x8, VM_MAYREAD = 0x10,
			  VM_MAYWRITE = 0x20, VM_MAYEXEC = 0x40, VM_MAYSHARE = 0x80, VM_PFNMAP = 0x400, VM_IO = 0x4000,
			  VM_DONTEXPAND = 0x40000, VM_DONTDUMP = 0x04000000, VM_MIXEDMAP = 0x10000000;
using physmem::kPageOffset;   // the direct map (__va/__pa): mm/DevMem.h
// arch/x86/include/asm/pgtable_64_types.h: struct page's array (vmemmap), 64 bytes each.
inline constexpr uint64_t kVmemmap = 0xffffea0000000000ull, kStructPageSize = 64;
// include/linux/mm_types.h (6.1): enum vm_fault_reason and enum fault_flag.
inline constexpr uint32_t VM_FAULT_OOM = 0x1, VM_FAULT_SIGBUS = 0x2, VM_FAULT_HWPOISON = 0x10,
			  VM_FAULT_HWPOISON_LARGE = 0x20, VM_FAULT_SIGSEGV = 0x40, VM_FAULT_NOPAGE = 0x100,
			  VM_FAULT_LOCKED = 0x200, VM_FAULT_RETRY = 0x400, VM_FAULT_FALLBACK = 0x800;
inline constexpr uint32_t VM_FAULT_ERROR = VM_FAULT_OOM | VM_FAULT_SIGBUS | VM_FAULT_SIGSEGV | VM_FAULT_HWPOISON |
					   VM_FAULT_HWPOISON_LARGE | VM_FAULT_FALLBACK;
inline constexpr uint32_t FAULT_FLAG_WRITE = 0x1, FAULT_FLAG_ALLOW_RETRY = 0x4, FAULT_FLAG_KILLABLE = 0x10,
			  FAULT_FLAG_USER = 0x40, FAULT_FLAG_INTERRUPTIBLE = 0x200;

// do_mmap()'s checks of a MAP_SHARED or MAP_PRIVATE mapping of a file opened with f_mode
// (FMODE_*), after its address was found: the mapping's vm_flags, or -errno (EACCES for
// a shared writable mapping of a file not open for writing, or any mapping of one not
// open for reading; ENODEV when its f_op has no ->mmap; EINVAL for another type).
[[nodiscard]] int64_t file_vm_flags(uint32_t f_mode, uint64_t prot, uint64_t flags, bool has_mmap);
// vm_get_page_prot(): x86's protection_map[] for the vm_flags' access bits.
[[nodiscard]] uint64_t vm_get_page_prot(uint64_t vm_flags);
// mmap_region(): the new vma's fields, before call_mmap() hands it to the driver.
struct VmaInit {
	uint64_t start = 0, end = 0, vm_flags = 0, pgoff = 0, file = 0, mm = 0;
};
void init_vma(vm::Memory& kmem, uint64_t vma, const VmaInit& v);
// remap_pfn_range(vma, addr, pfn, size, prot) on the process memory `mm` whose mapping
// `vma` is: 0, or -EINVAL.
[[nodiscard]] int64_t remap_pfn_range(vm::Memory& kmem, vm::Memory& mm, uint64_t vma, uint64_t addr, uint64_t pfn,
				      uint64_t size, uint64_t prot);


// A user page fault a driver's vm_operations_struct.fault serves (mm/memory.c do_fault()).
// do_user_addr_fault()'s flags: FAULT_FLAG_DEFAULT | FAULT_FLAG_USER, and WRITE for a store.
[[nodiscard]] uint32_t fault_flags(bool write);
// linear_page_index(): the page of the mapped object that holds addr.
[[nodiscard]] uint64_t linear_page_index(uint64_t vm_start, uint64_t vm_pgoff, uint64_t addr);
// What the fault handler's vm_fault_t leads to, in do_user_addr_fault()'s order: RETRY
// first, then mm_fault_error() for VM_FAULT_ERROR (OOM, then SIGBUS/HWPOISON, then
// SIGSEGV), then NOPAGE (the handler mapped the page itself: vmf_insert_pfn()), else
// finish_fault() maps vmf->page.
enum class FaultOutcome : uint8_t { MapPage, NoPage, Retry, Oom, Sigbus, Sigsegv };
[[nodiscard]] FaultOutcome fault_outcome(uint32_t vm_fault);
// The direct-map address of the struct page at `page` (page_address()), or 0 when it is
// not an entry of vmemmap.
[[nodiscard]] uint64_t page_kaddr(uint64_t page);
// How a page goes into a process: the kernel's page itself (a shared mapping's
// do_set_pte(), vm_insert_page(), vmf_insert_pfn()), or a private copy of it
// (do_cow_fault()).
enum class PageMapping : uint8_t { Same, Copy };
// Maps the kernel page at kaddr at the page of addr in the process memory `mm`, inside
// the mapping `vma`: 0, -EFAULT when addr is outside the vma, -EINVAL when the kernel
// has no memory at kaddr.
[[nodiscard]] int64_t insert_page(vm::Memory& kmem, vm::Memory& mm, uint64_t vma, uint64_t addr, uint64_t kaddr,
				  PageMapping how, bool writable);

}  // namespace kctx::kernel::devmmap
