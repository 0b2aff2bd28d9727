// pages — a buffer a process maps page by page: ->mmap only sets vm_ops, and ->fault
// hands out each page as the process first touches it.
#include <linux/fs.h>
#include <linux/gfp.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>

static unsigned long pair;      /* two pages from __get_free_pages() */
static struct page *single;     /* one from alloc_page() */

static vm_fault_t pages_fault(struct vm_fault *vmf)
{
	struct page *page;

	pr_info("pages: fault at page %lu (%s)\n", vmf->pgoff, vmf->flags & FAULT_FLAG_WRITE ? "write" : "read");
	switch (vmf->pgoff) {
	case 0:
	case 1:
		page = virt_to_page((void *)(pair + vmf->pgoff * PAGE_SIZE));
		get_page(page);
		vmf->page = page;
		return 0;
	case 2:
		return vmf_insert_page(vmf->vma, vmf->address, single);
	default:
		return VM_FAULT_SIGBUS;
	}
}

static void pages_close(struct vm_area_struct *vma)
{
	pr_info("pages: close: page 0 says \"%s\", page 1 \"%s\"\n", (char *)pair, (char *)(pair + PAGE_SIZE));
}

static const struct vm_operations_struct pages_vm_ops = {
	.fault = pages_fault,
	.close = pages_close,
};

static int pages_mmap(struct file *file, struct vm_area_struct *vma)
{
	vma->vm_ops = &pages_vm_ops;
	return 0;
}

static const struct file_operations pages_fops = {
	.owner = THIS_MODULE,
	.mmap = pages_mmap,
};

static struct miscdevice pages_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "pages",
	.fops = &pages_fops,
};

static int __init pages_init(void)
{
	pair = __get_free_pages(GFP_KERNEL | __GFP_ZERO, 1);
	single = alloc_page(GFP_KERNEL | __GFP_ZERO);
	if (!pair || !single)
		return -ENOMEM;
	strcpy((char *)pair, "first");
	strcpy((char *)pair + PAGE_SIZE, "second");
	strcpy(page_address(single), "third");
	return misc_register(&pages_misc);
}

static void __exit pages_exit(void)
{
	misc_deregister(&pages_misc);
	__free_page(single);
	free_pages(pair, 1);
}

module_init(pages_init);
module_exit(pages_exit);
MODULE_LICENSE("GPL");
