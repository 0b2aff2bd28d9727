// uaccess — copy_from_user() in a driver's write(), with or without a spinlock held.
// copy_from_user() may fault, so it may sleep: under a spinlock a debug kernel reports it
// (might_fault -> __might_sleep at lib/usercopy.c:14). On a resident page the copy
// still works; on a page that is not resident the fault handler refuses to service it in
// atomic context (faulthandler_disabled()), and the copy returns the bytes it could not
// copy. Without the spinlock the fault sleeps and the copy succeeds.
#include <linux/module.h>
#include <linux/miscdevice.h>
#include <linux/fs.h>
#include <linux/spinlock.h>
#include <linux/uaccess.h>

static int atomic = 1;
module_param(atomic, int, 0444);

static DEFINE_SPINLOCK(lock);
static char kbuf[256];

static ssize_t uaccess_write(struct file *f, const char __user *buf, size_t len, loff_t *off)
{
	unsigned long left;

	if (len > sizeof(kbuf))
		len = sizeof(kbuf);
	if (atomic)
		spin_lock(&lock);
	left = copy_from_user(kbuf, buf, len);
	if (atomic)
		spin_unlock(&lock);
	pr_info("uaccess: copy_from_user(%zu bytes)%s: %lu not copied\n", len, atomic ? " under a spinlock" : "", left);
	return left ? -EFAULT : len;
}

static const struct file_operations uaccess_fops = { .owner = THIS_MODULE, .write = uaccess_write };
static struct miscdevice uaccess_dev = { .minor = MISC_DYNAMIC_MINOR, .name = "uaccess", .fops = &uaccess_fops };

static int __init uaccess_init(void)
{
	return misc_register(&uaccess_dev);
}

static void __exit uaccess_exit(void)
{
	misc_deregister(&uaccess_dev);
}

module_init(uaccess_init);
module_exit(uaccess_exit);
MODULE_LICENSE("GPL");
