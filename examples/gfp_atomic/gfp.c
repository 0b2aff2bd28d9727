// gfp — kmalloc() under a spinlock: GFP_KERNEL may sleep (reported by a debug kernel,
// silent on a stock one), GFP_ATOMIC never does.
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

static char *flags = "GFP_KERNEL";
module_param(flags, charp, 0444);

static DEFINE_SPINLOCK(lock);

static int __init gfp_init(void)
{
	gfp_t gfp = strcmp(flags, "GFP_ATOMIC") == 0 ? GFP_ATOMIC : GFP_KERNEL;
	void *p;

	spin_lock(&lock);
	p = kmalloc(128, gfp);
	spin_unlock(&lock);
	pr_info("gfp: kmalloc(128, %s) under a spinlock returned %s\n", flags, p ? "memory" : "NULL");
	kfree(p);
	return 0;
}

static void __exit gfp_exit(void)
{
}

module_init(gfp_init);
module_exit(gfp_exit);
MODULE_LICENSE("GPL");
