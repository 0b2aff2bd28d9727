// Device memory mapped into a process (mm/mmap.c do_mmap() -> mmap_region() ->
// call_mmap(); mm/memory.c remap_pfn_range(); 6.1): the checks a file mapping passes, the
// struct vm_area_struct a driver's ->mmap receives, and remap_pfn_range() itself, which
// makes a range of the process's mapping the kernel's own pages (the same bytes: a store
// through either address is seen through the other).
#pragma once

#include <cstdint>
#include <string>

#include "vm/Memory.h"

namespace kctx::kernel::devmmap {

// include/linux/mm.h: vm_flags
inline constexpr uint64_t VM_READ = 0x1, VM_WRITE = 0x2, VM_EXEC = 0x4, VM_SHARED = 0x8, VM_MAYREAD = 0x10,
			  VM_MAYWRITE = 0x20, VM_MAYEXEC = 0x40, VM_MAYSHARE = 0x80, VM_PFNMAP = 0x400, VM_IO = 0x4000,
			  VM_DONTEXPAND = 0x40000, VM_DONTDUMP = 0x04000000;
// arch/x86/include/asm/page_64_types.h: the direct map (__va/__pa).
inline constexpr uint64_t kPageOffset = 0xffff888000000000ull;

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

}  // namespace kctx::kernel::devmmap
