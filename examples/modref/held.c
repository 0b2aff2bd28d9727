// held — a misc device whose file_operations name their module (.owner = THIS_MODULE),
// so that every open file of /dev/held holds a reference to the module: misc_open()'s
// fops_get() takes it, the last fput()'s fops_put() drops it after ->release.
#include <linux/module.h>
#include <linux/miscdevice.h>
#include <linux/fs.h>

static int held_open(struct inode *inode, struct file *file)
{
	pr_info("held: opened by %s (pid %d)\n", current->comm, current->pid);
	return 0;
}

static int held_release(struct inode *inode, struct file *file)
{
	pr_info("held: released by %s (pid %d)\n", current->comm, current->pid);
	return 0;
}

static const struct file_operations held_fops = {
	.owner = THIS_MODULE,
	.open = held_open,
	.release = held_release,
};

static struct miscdevice held_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "held",
	.fops = &held_fops,
};

static int __init held_init(void)
{
	return misc_register(&held_dev);
}

static void __exit held_exit(void)
{
	misc_deregister(&held_dev);
	pr_info("held: unloaded\n");
}

module_init(held_init);
module_exit(held_exit);
MODULE_LICENSE("GPL");
