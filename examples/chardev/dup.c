// dup — registers a second misc device named "echo": device_create() finds the name
// taken in /sys/devices/virtual/misc and misc_register() fails with -EEXIST.
#include <linux/module.h>
#include <linux/miscdevice.h>
#include <linux/fs.h>

static const struct file_operations dup_fops = { .owner = THIS_MODULE };

static struct miscdevice dup_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "echo",
	.fops = &dup_fops,
};

static int __init dup_init(void)
{
	return misc_register(&dup_dev);
}

static void __exit dup_exit(void)
{
	misc_deregister(&dup_dev);
}

module_init(dup_init);
module_exit(dup_exit);
MODULE_LICENSE("GPL");
