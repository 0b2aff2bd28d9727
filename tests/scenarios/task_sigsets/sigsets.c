/* sigsets — reads current->blocked and current->pending.signal as a module that checks
 * for signals by hand does (sysprog21's sleep.c loops over _NSIG_WORDS). */
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/sched.h>

static ssize_t sigsets_write(struct file *file, const char __user *buf, size_t len, loff_t *off)
{
	int i;

	for (i = 0; i < _NSIG_WORDS; i++)
		pr_info("sigsets: blocked %#lx pending %#lx\n", current->blocked.sig[i],
			current->pending.signal.sig[i]);
	return len;
}

static const struct file_operations sigsets_fops = {
	.owner = THIS_MODULE,
	.write = sigsets_write,
};

static struct miscdevice sigsets_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "sigsets",
	.fops = &sigsets_fops,
};

static int __init sigsets_init(void)
{
	return misc_register(&sigsets_misc);
}

static void __exit sigsets_exit(void)
{
	misc_deregister(&sigsets_misc);
}

module_init(sigsets_init);
module_exit(sigsets_exit);
MODULE_LICENSE("GPL");
