// mmapbuf — one page of kernel memory that a process maps with mmap(2) and that read(2)
// and write(2) reach too: the driver's ->mmap hands the page to remap_pfn_range(), so a
// store through the mapping is a store to the driver's buffer (the same page, no copy),
// as drivers that share a ring or a register window with user space do.
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/uaccess.h>

static char *buf;   // one page from get_zeroed_page()

static int mmapbuf_mmap(struct file *file, struct vm_area_struct *vma)
{
	unsigned long size = vma->vm_end - vma->vm_start;

	// The page is all there is: a larger mapping, or one past it, is refused.
	if (size > PAGE_SIZE || vma->vm_pgoff != 0)
		return -EINVAL;
	pr_info("mmapbuf: mmap %lu bytes, vm_flags %#lx%s\n", size, vma->vm_flags,
		(vma->vm_flags & VM_SHARED) ? " (shared)" : "");
	if (remap_pfn_range(vma, vma->vm_start, virt_to_phys(buf) >> PAGE_SHIFT, size, vma->vm_page_prot))
		return -EAGAIN;
	pr_info("mmapbuf: remapped, vm_flags now %#lx\n", vma->vm_flags);
	return 0;
}

static ssize_t mmapbuf_read(struct file *file, char __user *ubuf, size_t count, loff_t *ppos)
{
	return simple_read_from_buffer(ubuf, count, ppos, buf, strnlen(buf, PAGE_SIZE));
}

static ssize_t mmapbuf_write(struct file *file, const char __user *ubuf, size_t count, loff_t *ppos)
{
	if (count >= PAGE_SIZE)
		return -ENOSPC;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	buf[count] = '\0';
	return count;
}

static const struct file_operations mmapbuf_fops = {
	.owner = THIS_MODULE,
	.read = mmapbuf_read,
	.write = mmapbuf_write,
	.mmap = mmapbuf_mmap,
};

static struct miscdevice mmapbuf_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "mmapbuf",
	.fops = &mmapbuf_fops,
};

static int __init mmapbuf_init(void)
{
	buf = (char *)get_zeroed_page(GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	SetPageReserved(virt_to_page(buf));
	strcpy(buf, "hello from the kernel");
	return misc_register(&mmapbuf_misc);
}

static void __exit mmapbuf_exit(void)
{
	misc_deregister(&mmapbuf_misc);
	pr_info("mmapbuf: the page holds \"%s\"\n", buf);
	ClearPageReserved(virt_to_page(buf));
	free_page((unsigned long)buf);
}

module_init(mmapbuf_init);
module_exit(mmapbuf_exit);
MODULE_LICENSE("GPL");
