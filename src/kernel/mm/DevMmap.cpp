#include "kernel/mm/DevMmap.h"

#include <vector>

#include "abi/Errno.h"
#include "abi/Layout.h"
#include "kernel/fs/FileFlags.h"

namespace kctx::kernel::devmmap {

namespace {
namespace VMA = abi::layout::vm_area_struct;
// include/uapi/asm-generic/mman-common.h
constexpr uint64_t kProtRead = 0x1, kProtWrite = 0x2, kProtExec = 0x4;
constexpr uint64_t kMapShared = 0x01, kMapPrivate = 0x02, kMapType = 0x0f;
constexpr uint64_t kPageMask = vm::kPageSize - 1;
// arch/x86/include/asm/pgtable_types.h
constexpr uint64_t kPagePresent = 0x1, kPageRw = 0x2, kPageUser = 0x4, kPageAccessed = 0x20, kPageProtnone = 0x100,
		   kPageNx = 1ull << 63;
}  // namespace

int64_t file_vm_flags(uint32_t f_mode, uint64_t prot, uint64_t flags, bool has_mmap)
{
	// do_mmap(): calc_vm_prot_bits(prot) | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC (mm->def_flags is 0).
	uint64_t vm_flags = VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;
	if (prot & kProtRead)
		vm_flags |= VM_READ;
	if (prot & kProtWrite)
		vm_flags |= VM_WRITE;
	if (prot & kProtExec)
		vm_flags |= VM_EXEC;
	switch (flags & kMapType) {
	case kMapShared:
		if ((prot & kProtWrite) && !(f_mode & fs::FMODE_WRITE))
			return -abi::kEACCES;
		vm_flags |= VM_SHARED | VM_MAYSHARE;
		if (!(f_mode & fs::FMODE_WRITE))
			vm_flags &= ~(VM_MAYWRITE | VM_SHARED);
		[[fallthrough]];
	case kMapPrivate:
		if (!(f_mode & fs::FMODE_READ))
			return -abi::kEACCES;
		if (!has_mmap)
			return -abi::kENODEV;
		return static_cast<int64_t>(vm_flags);
	default: return -abi::kEINVAL;
	}
}

uint64_t vm_get_page_prot(uint64_t vm_flags)
{
	// arch/x86/mm/pgprot.c protection_map[]: PAGE_NONE, PAGE_READONLY(_EXEC), PAGE_COPY(_EXEC)
	// for private writable mappings (copy on write: no RW bit), PAGE_SHARED(_EXEC).
	bool r = vm_flags & VM_READ, w = vm_flags & VM_WRITE, x = vm_flags & VM_EXEC, s = vm_flags & VM_SHARED;
	if (!r && !w && !x)
		return kPageProtnone | kPageAccessed;
	uint64_t prot = kPagePresent | kPageUser | kPageAccessed;
	if (w && s)
		prot |= kPageRw;
	if (!x)
		prot |= kPageNx;
	return prot;
}

void init_vma(vm::Memory& kmem, uint64_t vma, const VmaInit& v)
{
	(void)kmem.fill(vma, 0, VMA::size);
	(void)kmem.store(vma + VMA::vm_start, v.start);
	(void)kmem.store(vma + VMA::vm_end, v.end);
	(void)kmem.store(vma + VMA::vm_mm, v.mm);
	(void)kmem.store(vma + VMA::vm_page_prot, vm_get_page_prot(v.vm_flags));
	(void)kmem.store(vma + VMA::vm_flags, v.vm_flags);
	(void)kmem.store(vma + VMA::vm_pgoff, v.pgoff);
	(void)kmem.store(vma + VMA::vm_file, v.file);
}

int64_t remap_pfn_range(vm::Memory& kmem, vm::Memory& mm, uint64_t vma, uint64_t addr, uint64_t pfn, uint64_t size,
			uint64_t prot)
{
	uint64_t vm_start = 0, vm_end = 0, vm_flags = 0;
	if (!kmem.load(vma + VMA::vm_start, vm_start) || !kmem.load(vma + VMA::vm_end, vm_end) ||
	    !kmem.load(vma + VMA::vm_flags, vm_flags))
		return -abi::kEINVAL;
	// remap_pfn_range_notrack(): WARN_ON_ONCE(!PAGE_ALIGNED(addr)) -> -EINVAL; the end is
	// addr + PAGE_ALIGN(size).
	uint64_t len = (size + kPageMask) & ~kPageMask;
	if (addr & kPageMask)
		return -abi::kEINVAL;
	// Linux maps whatever range it is given (BUG_ON(addr >= end) for an empty one); kctx
	// refuses a range outside the vma, which on Linux corrupts the neighbouring mappings.
	if (len == 0 || addr < vm_start || addr + len > vm_end || addr + len < addr)
		return -abi::kEINVAL;
	// is_cow_mapping() (private, may write): only the whole vma, and vm_pgoff becomes the pfn.
	if ((vm_flags & (VM_SHARED | VM_MAYWRITE)) == VM_MAYWRITE) {
		if (addr != vm_start || addr + len != vm_end)
			return -abi::kEINVAL;
		(void)kmem.store(vma + VMA::vm_pgoff, pfn);
	}
	vm_flags |= VM_IO | VM_PFNMAP | VM_DONTEXPAND | VM_DONTDUMP;
	(void)kmem.store(vma + VMA::vm_flags, vm_flags);
	const vm::Region* r = mm.region_at(addr);
	std::string name = r ? r->name : std::string();
	bool readable = r ? r->readable : true;
	// The PTEs' write bit comes from prot (pgprot_val(vma->vm_page_prot) for a shared
	// writable mapping has _PAGE_RW); reading needs only _PAGE_PRESENT | _PAGE_USER.
	bool writable = (prot & kPageRw) != 0;
	mm.unmap(addr, len);
	mm.map_kernel_pages(addr, len, std::move(name), writable, kPageOffset + pfn * vm::kPageSize, vma);
	if (!readable || !(prot & kPagePresent))
		(void)mm.protect(addr, len, false, false);
	return 0;
}

uint32_t fault_flags(bool write)
{
	// include/linux/mm_types.h: FAULT_FLAG_DEFAULT is ALLOW_RETRY | KILLABLE | INTERRUPTIBLE.
	uint32_t flags = FAULT_FLAG_ALLOW_RETRY | FAULT_FLAG_KILLABLE | FAULT_FLAG_INTERRUPTIBLE | FAULT_FLAG_USER;
	return write ? flags | FAULT_FLAG_WRITE : flags;
}

uint64_t linear_page_index(uint64_t vm_start, uint64_t vm_pgoff, uint64_t addr)
{
	return ((addr - vm_start) >> 12) + vm_pgoff;
}

FaultOutcome fault_outcome(uint32_t vm_fault)
{
	// arch/x86/mm/fault.c do_user_addr_fault(): VM_FAULT_RETRY goes round again first;
	// an error goes to mm_fault_error(); anything else is done (finish_fault() mapped
	// vmf->page unless the handler said VM_FAULT_NOPAGE).
	if (vm_fault & VM_FAULT_RETRY)
		return FaultOutcome::Retry;
	if (vm_fault & VM_FAULT_ERROR) {
		if (vm_fault & VM_FAULT_OOM)
			return FaultOutcome::Oom;
		if (vm_fault & (VM_FAULT_SIGBUS | VM_FAULT_HWPOISON | VM_FAULT_HWPOISON_LARGE))
			return FaultOutcome::Sigbus;
		// VM_FAULT_SIGSEGV; mm_fault_error() BUG()s on FALLBACK alone, which a driver's
		// ->fault never returns (only huge_fault does): kctx takes it as SIGSEGV.
		return FaultOutcome::Sigsegv;
	}
	if (vm_fault & VM_FAULT_NOPAGE)
		return FaultOutcome::NoPage;
	return FaultOutcome::MapPage;
}

uint64_t page_kaddr(uint64_t page)
{
	// include/asm-generic/memory_model.h: page_to_pfn() is page - vmemmap; page_address()
	// of a direct-mapped page is __va(pfn << PAGE_SHIFT). kctx's RAM is well below 64 TiB.
	constexpr uint64_t kMaxPfn = (64ull << 40) >> 12;
	if (page < kVmemmap || (page - kVmemmap) % kStructPageSize != 0)
		return 0;
	uint64_t pfn = (page - kVmemmap) / kStructPageSize;
	return pfn < kMaxPfn ? kPageOffset + pfn * vm::kPageSize : 0;
}

int64_t insert_page(vm::Memory& kmem, vm::Memory& mm, uint64_t vma, uint64_t addr, uint64_t kaddr, PageMapping how,
		    bool writable)
{
	uint64_t vm_start = 0, vm_end = 0;
	if (!kmem.load(vma + VMA::vm_start, vm_start) || !kmem.load(vma + VMA::vm_end, vm_end))
		return -abi::kEFAULT;
	addr &= ~kPageMask;
	if (addr < vm_start || addr >= vm_end)
		return -abi::kEFAULT;
	// Linux maps whatever pfn it is given; kctx can only map memory it holds.
	std::vector<uint8_t> bytes(vm::kPageSize);
	kaddr &= ~kPageMask;
	if (!kmem.read(kaddr, bytes.data(), bytes.size()))
		return -abi::kEINVAL;
	const vm::Region* r = mm.region_at(addr);
	std::string name = r ? r->name : std::string();
	mm.unmap(addr, vm::kPageSize);
	if (how == PageMapping::Same) {
		mm.map_kernel_pages(addr, vm::kPageSize, std::move(name), writable, kaddr, vma);
		return 0;
	}
	mm.map(addr, vm::kPageSize, std::move(name), true);
	mm.set_vma(addr, addr + vm::kPageSize, vma);
	(void)mm.write(addr, bytes.data(), bytes.size());
	if (!writable)
		(void)mm.protect(addr, vm::kPageSize, true, false);
	return 0;
}

}  // namespace kctx::kernel::devmmap
