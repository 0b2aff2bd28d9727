// ring — two pages from __get_free_pages() shared with one process at a time: ->mmap
// refuses a second mapping with -EBUSY, keeps its state in vma->vm_private_data and sets
// vma->vm_ops, whose ->close (called by munmap) frees the device for the next mapping.
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>

#define RING_ORDER 1
#define RING_SIZE (PAGE_SIZE << RING_ORDER)

struct ring {
	unsigned long pages;   // __get_free_pages()' address
	int mapped;
	int maps;
};

static struct ring ring;

static void ring_vma_close(struct vm_area_struct *vma)
{
	struct ring *r = vma->vm_private_data;
	unsigned int *words = (unsigned int *)r->pages;

	pr_info("ring: close: the program left %#x and %#x\n", words[0], words[PAGE_SIZE / 4]);
	r->mapped = 0;
}

static const struct vm_operations_struct ring_vm_ops = {
	.close = ring_vma_close,
};

static int ring_mmap(struct file *file, struct vm_area_struct *vma)
{
	unsigned long size = vma->vm_end - vma->vm_start;
	unsigned long *words = (unsigned long *)ring.pages;
	int err;

	if (ring.mapped)
		return -EBUSY;
	if (size != RING_SIZE || !(vma->vm_flags & VM_SHARED))
		return -EINVAL;
	err = remap_pfn_range(vma, vma->vm_start, virt_to_phys((void *)ring.pages) >> PAGE_SHIFT, size,
			      vma->vm_page_prot);
	if (err)
		return err;
	vma->vm_ops = &ring_vm_ops;
	vma->vm_private_data = &ring;
	ring.mapped = 1;
	words[0] = ++ring.maps;
	pr_info("ring: mapping %d: %lu pages at pfn %#lx\n", ring.maps, vma_pages(vma),
		page_to_pfn(virt_to_page((void *)ring.pages)));
	return 0;
}

static const struct file_operations ring_fops = {
	.owner = THIS_MODULE,
	.mmap = ring_mmap,
};

static struct miscdevice ring_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "ring",
	.fops = &ring_fops,
};

static int __init ring_init(void)
{
	ring.pages = __get_free_pages(GFP_KERNEL | __GFP_ZERO, RING_ORDER);
	if (!ring.pages)
		return -ENOMEM;
	pr_info("ring: order %d is %d pages (get_order(%lu) = %d)\n", RING_ORDER, 1 << RING_ORDER, RING_SIZE,
		get_order(RING_SIZE));
	return misc_register(&ring_misc);
}

static void __exit ring_exit(void)
{
	misc_deregister(&ring_misc);
	free_pages(ring.pages, RING_ORDER);
}

module_init(ring_init);
module_exit(ring_exit);
MODULE_LICENSE("GPL");
