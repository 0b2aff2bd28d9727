// A module written for kernels before 5.5, which still had pr_warning(): 6.1's printk.h
// has only pr_warn(), so the call is an undeclared function (gcc: implicit declaration).
#include <linux/module.h>

static int __init old_init(void)
{
	pr_warning("old: loaded\n");
	return 0;
}
module_init(old_init);
MODULE_LICENSE("GPL");
