// Two misc devices, so that /proc/misc lists them (newest first) beside the kernel's files.
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>

static const struct file_operations twomisc_fops = {
	.owner = THIS_MODULE,
};

static struct miscdevice first = { .minor = MISC_DYNAMIC_MINOR, .name = "first", .fops = &twomisc_fops };
static struct miscdevice second = { .minor = MISC_DYNAMIC_MINOR, .name = "second", .fops = &twomisc_fops };

static int __init twomisc_init(void)
{
	int err = misc_register(&first);

	if (err)
		return err;
	err = misc_register(&second);
	if (err)
		misc_deregister(&first);
	return err;
}

static void __exit twomisc_exit(void)
{
	misc_deregister(&second);
	misc_deregister(&first);
}

module_init(twomisc_init);
module_exit(twomisc_exit);
MODULE_LICENSE("GPL");
