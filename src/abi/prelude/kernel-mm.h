/* Mapping device memory into a process (include/linux/mm_types.h, include/linux/mm.h,
 * 6.1): a driver's file_operations.mmap gets the new vm_area_struct and fills it,
 * usually with remap_pfn_range(). The struct layouts are 6.1's on x86-64 (abi/Layout.h
 * vm_area_struct, vm_operations_struct, vm_fault). */
/* pgprot_t is a struct of one unsigned long in Linux; kctx keeps the long itself, which
 * every use through pgprot_val()/__pgprot() and the pgprot_*() helpers reads the same. */
typedef unsigned long pgprot_t;
#define pgprot_val(x) (x)
#define __pgprot(x) (x)
typedef unsigned long pgoff_t;
typedef unsigned int vm_fault_t;
struct mm_struct;
struct vm_operations_struct;
struct vm_area_struct {
	unsigned long vm_start;
	unsigned long vm_end;
	struct mm_struct *vm_mm;
	pgprot_t vm_page_prot;
	unsigned long vm_flags;
	unsigned long __kctx_shared[4];   /* shared.rb, shared.rb_subtree_last */
	struct { void *next, *prev; } anon_vma_chain;
	void *anon_vma;
	const struct vm_operations_struct *vm_ops;
	unsigned long vm_pgoff;
	struct file *vm_file;
	void *vm_private_data;
	long swap_readahead_info;
	void *vm_policy;
	void *vm_userfaultfd_ctx;
};
struct vm_fault {
	struct vm_area_struct *vma;
	gfp_t gfp_mask;
	pgoff_t pgoff;
	unsigned long address;
	unsigned long real_address;
	unsigned int flags;
	void *pmd;
	void *pud;
	unsigned long orig_pte;
	struct page *cow_page;
	struct page *page;
	void *pte;
	void *ptl;
	void *prealloc_pte;
};
struct vm_operations_struct {
	void (*open)(struct vm_area_struct *area);
	void (*close)(struct vm_area_struct *area);
	int (*may_split)(struct vm_area_struct *area, unsigned long addr);
	int (*mremap)(struct vm_area_struct *area);
	int (*mprotect)(struct vm_area_struct *vma, unsigned long start, unsigned long end, unsigned long newflags);
	vm_fault_t (*fault)(struct vm_fault *vmf);
	vm_fault_t (*huge_fault)(struct vm_fault *vmf, int pe_size);
	vm_fault_t (*map_pages)(struct vm_fault *vmf, pgoff_t start_pgoff, pgoff_t end_pgoff);
	unsigned long (*pagesize)(struct vm_area_struct *area);
	vm_fault_t (*page_mkwrite)(struct vm_fault *vmf);
	vm_fault_t (*pfn_mkwrite)(struct vm_fault *vmf);
	int (*access)(struct vm_area_struct *vma, unsigned long addr, void *buf, int len, int write);
	const char *(*name)(struct vm_area_struct *vma);
};
/* include/linux/mm.h: vm_flags */
#define VM_NONE 0x00000000UL
#define VM_READ 0x00000001UL
#define VM_WRITE 0x00000002UL
#define VM_EXEC 0x00000004UL
#define VM_SHARED 0x00000008UL
#define VM_MAYREAD 0x00000010UL
#define VM_MAYWRITE 0x00000020UL
#define VM_MAYEXEC 0x00000040UL
#define VM_MAYSHARE 0x00000080UL
#define VM_GROWSDOWN 0x00000100UL
#define VM_PFNMAP 0x00000400UL
#define VM_LOCKED 0x00002000UL
#define VM_IO 0x00004000UL
#define VM_SEQ_READ 0x00008000UL
#define VM_RAND_READ 0x00010000UL
#define VM_DONTCOPY 0x00020000UL
#define VM_DONTEXPAND 0x00040000UL
#define VM_NORESERVE 0x00200000UL
#define VM_DONTDUMP 0x04000000UL
#define VM_MIXEDMAP 0x10000000UL
/* include/linux/mm_types.h: enum vm_fault_reason */
#define VM_FAULT_OOM 0x000001
#define VM_FAULT_SIGBUS 0x000002
#define VM_FAULT_MAJOR 0x000004
#define VM_FAULT_HWPOISON 0x000010
#define VM_FAULT_SIGSEGV 0x000040
#define VM_FAULT_LOCKED 0x000200
#define VM_FAULT_RETRY 0x000400
#define VM_FAULT_HWPOISON_LARGE 0x000020
#define VM_FAULT_NOPAGE 0x000100
#define VM_FAULT_DONE_COW 0x001000
#define VM_FAULT_NEEDDSYNC 0x002000
#define VM_FAULT_COMPLETED 0x004000
#define VM_FAULT_FALLBACK 0x000800
#define VM_FAULT_ERROR (VM_FAULT_OOM | VM_FAULT_SIGBUS | VM_FAULT_SIGSEGV | VM_FAULT_HWPOISON | VM_FAULT_HWPOISON_LARGE | VM_FAULT_FALLBACK)
/* include/linux/mm_types.h: enum fault_flag */
#define FAULT_FLAG_WRITE 0x1
#define FAULT_FLAG_MKWRITE 0x2
#define FAULT_FLAG_ALLOW_RETRY 0x4
#define FAULT_FLAG_RETRY_NOWAIT 0x8
#define FAULT_FLAG_KILLABLE 0x10
#define FAULT_FLAG_TRIED 0x20
#define FAULT_FLAG_USER 0x40
#define FAULT_FLAG_REMOTE 0x80
#define FAULT_FLAG_INSTRUCTION 0x100
#define FAULT_FLAG_INTERRUPTIBLE 0x200
/* include/linux/mm.h */
#define PAGE_ALIGN(addr) (((addr) + PAGE_SIZE - 1) & PAGE_MASK)
#define PAGE_ALIGNED(addr) ((((unsigned long)(addr)) & (PAGE_SIZE - 1)) == 0)
#define vma_pages(vma) (((vma)->vm_end - (vma)->vm_start) >> PAGE_SHIFT)
#define virt_to_pfn(kaddr) (__pa(kaddr) >> PAGE_SHIFT)
#define virt_to_page(kaddr) pfn_to_page(virt_to_pfn(kaddr))
#define get_order(size) __kctx_get_order(size)
/* x86's io_remap_pfn_range is remap_pfn_range (include/linux/mm.h, no
 * __HAVE_ARCH_IO_REMAP_PFN_RANGE); pgprot_noncached only changes caching bits. */
#define remap_pfn_range(vma, addr, pfn, size, prot) __kctx_remap_pfn_range((vma), (addr), (pfn), (size), pgprot_val(prot))
#define io_remap_pfn_range remap_pfn_range
#define pgprot_noncached(prot) __pgprot(pgprot_val(prot) | 0x18UL)
#define pgprot_writecombine(prot) __pgprot(pgprot_val(prot) | 0x8UL)
/* The page flags kctx does not keep (the mem_map itself is not simulated): reserving a
 * page or taking a reference changes nothing remap_pfn_range() or kctx's accounting reads. */
#define SetPageReserved(page) ((void)(page))
#define ClearPageReserved(page) ((void)(page))
#define PageReserved(page) ((void)(page), 0)
#define get_page(page) ((void)(page))
#define put_page(page) ((void)(page))
/* kctx's vmalloc() memory lies in the direct map (kernel/mm/Mem.cpp), so its pages are
 * virt_to_page()'s; the page lock has nobody to wait for (no page cache, no reclaim). */
#define vmalloc_to_page(addr) virt_to_page(addr)
#define vmalloc_to_pfn(addr) virt_to_pfn(addr)
#define page_to_virt(page) page_address(page)
#define page_to_phys(page) ((unsigned long)page_to_pfn(page) << PAGE_SHIFT)
#define lock_page(page) ((void)(page))
#define unlock_page(page) ((void)(page))
#define trylock_page(page) ((void)(page), 1)
#define set_page_dirty(page) ((void)(page), 0)
#define SetPageDirty(page) ((void)(page))
