// crash — /dev/crash: read-only access to all of physical RAM for the crash utility,
// in the manner of Red Hat's drivers/char/crash.c (crash-utility memory_driver/crash.c).
// The file offset is a physical address; a read stays within one page; a page is
// reachable if its pfn is valid. CONFIG_STRICT_DEVMEM refuses the same pages through
// /dev/mem, which is why crash needs this driver (or /proc/kcore) on a live system.
#include <linux/module.h>
#include <linux/miscdevice.h>
#include <linux/init.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/highmem.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <asm/io.h>

#define CRASH_VERSION "1.5"

static void *map_virtual(u64 offset, struct page **pp)
{
	unsigned long pfn = (unsigned long)(offset >> PAGE_SHIFT);
	struct page *page;
	char *vaddr;

	if (!pfn_valid(pfn)) {
		printk(KERN_INFO "crash memory driver: invalid pfn: %lx\n", pfn);
		return NULL;
	}
	page = pfn_to_page(pfn);
	vaddr = kmap(page);
	if (!vaddr) {
		printk(KERN_INFO "crash memory driver: pfn: %lx kmap(page: %lx) failed\n", pfn, (unsigned long)page);
		return NULL;
	}
	*pp = page;
	return vaddr + (offset & (PAGE_SIZE - 1));
}

static loff_t crash_llseek(struct file *file, loff_t offset, int whence)
{
	switch (whence) {
	case SEEK_SET:
		file->f_pos = offset;
		return file->f_pos;
	case SEEK_CUR:
		file->f_pos += offset;
		return file->f_pos;
	default:
		return -EINVAL;
	}
}

static ssize_t crash_read(struct file *file, char __user *buf, size_t count, loff_t *poff)
{
	char *bounce = file->private_data;
	struct page *page;
	u64 offset = *poff;
	void *vaddr;

	if (offset >> PAGE_SHIFT != (offset + count - 1) >> PAGE_SHIFT)
		return -EINVAL;
	vaddr = map_virtual(offset, &page);
	if (!vaddr)
		return -EFAULT;
	/* a bounce buffer, so that CONFIG_HARDENED_USERCOPY lets kernel text through */
	if (copy_from_kernel_nofault(bounce, vaddr, count) || copy_to_user(buf, bounce, count)) {
		kunmap(page);
		return -EFAULT;
	}
	kunmap(page);
	*poff += count;
	return count;
}

static int crash_open(struct inode *inode, struct file *file)
{
	if (!capable(CAP_SYS_RAWIO))
		return -EPERM;
	file->private_data = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (!file->private_data)
		return -ENOMEM;
	return 0;
}

static int crash_release(struct inode *inode, struct file *file)
{
	kfree(file->private_data);
	return 0;
}

static const struct file_operations crash_fops = {
	.owner = THIS_MODULE,
	.llseek = crash_llseek,
	.read = crash_read,
	.open = crash_open,
	.release = crash_release,
};

static struct miscdevice crash_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "crash",
	.fops = &crash_fops,
};

static int __init crash_init(void)
{
	int ret = misc_register(&crash_dev);

	if (ret) {
		printk(KERN_ERR "crash memory driver: cannot misc_register (MISC_DYNAMIC_MINOR)\n");
		return ret;
	}
	printk(KERN_INFO "crash memory driver: version %s\n", CRASH_VERSION);
	return 0;
}

static void __exit crash_cleanup_module(void)
{
	misc_deregister(&crash_dev);
}

module_init(crash_init);
module_exit(crash_cleanup_module);
MODULE_LICENSE("GPL");
