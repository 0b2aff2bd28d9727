/* include/asm-generic/getorder.h: the page order that holds size bytes. */
__attribute__((weak)) int __kctx_get_order(unsigned long size)
{
	int order = 0;
	size = (size - 1) >> PAGE_SHIFT;
	while (size) {
		order++;
		size >>= 1;
	}
	return order;
}

/* mm/page_alloc.c __get_free_pages(), get_zeroed_page(), free_pages(): kctx serves page
 * blocks from kmalloc, whose objects of a page or more are page aligned, so the block's
 * pfn and its direct-map address agree as Linux's do. */
__attribute__((weak)) unsigned long __get_free_pages(gfp_t gfp_mask, unsigned int order)
{
	return (unsigned long)kmalloc(PAGE_SIZE << order, gfp_mask);
}
__attribute__((weak)) unsigned long get_zeroed_page(gfp_t gfp_mask)
{
	return (unsigned long)kzalloc(PAGE_SIZE, gfp_mask);
}
__attribute__((weak)) void free_pages(unsigned long addr, unsigned int order)
{
	if (addr)
		kfree((void *)addr);
}
__attribute__((weak)) struct page *alloc_pages(gfp_t gfp_mask, unsigned int order)
{
	void *p = kmalloc(PAGE_SIZE << order, gfp_mask);
	return p ? virt_to_page(p) : NULL;
}
__attribute__((weak)) void __free_pages(struct page *page, unsigned int order)
{
	if (page)
		kfree(page_address(page));
}
#define __get_free_page(gfp_mask) __get_free_pages((gfp_mask), 0)
#define free_page(addr) free_pages((addr), 0)
#define alloc_page(gfp_mask) alloc_pages((gfp_mask), 0)
#define __free_page(page) __free_pages((page), 0)

/* mm/memory.c vm_iomap_memory(): remap_pfn_range() of [start, start+len) physical,
 * checked against the vma's size and offset. */
__attribute__((weak)) int vm_iomap_memory(struct vm_area_struct *vma, unsigned long start, unsigned long len)
{
	unsigned long vm_len, pfn, pages;
	if (start + len < start)
		return -EINVAL;
	len += start & ~PAGE_MASK;
	pfn = start >> PAGE_SHIFT;
	pages = (len + ~PAGE_MASK) >> PAGE_SHIFT;
	if (pfn + pages < pfn)
		return -EINVAL;
	if (vma->vm_pgoff > pages)
		return -EINVAL;
	pfn += vma->vm_pgoff;
	pages -= vma->vm_pgoff;
	vm_len = vma->vm_end - vma->vm_start;
	if (vm_len >> PAGE_SHIFT > pages)
		return -EINVAL;
	return io_remap_pfn_range(vma, vma->vm_start, pfn, vm_len, vma->vm_page_prot);
}

/* include/linux/mm.h vmf_error() and mm/memory.c vmf_insert_page(): a fault handler's
 * vm_fault_t for an errno, and vm_insert_page() as a handler returns it. */
__attribute__((weak)) vm_fault_t vmf_error(int err)
{
	if (err == -ENOMEM)
		return VM_FAULT_OOM;
	return VM_FAULT_SIGBUS;
}
__attribute__((weak)) vm_fault_t vmf_insert_page(struct vm_area_struct *vma, unsigned long addr, struct page *page)
{
	int err = vm_insert_page(vma, addr, page);
	if (err == -ENOMEM)
		return VM_FAULT_OOM;
	if (err < 0 && err != -EBUSY)
		return VM_FAULT_SIGBUS;
	return VM_FAULT_NOPAGE;
}
