// nullcopy — strcpy() into a field of a struct pointer that was never set: the page
// fault happens inside strcpy, which the oops names as RIP; the module function that
// called it leads the call trace.
#include <linux/module.h>
#include <linux/string.h>

struct netdev {
	int index;
	int flags;
	char name[16];
};

static struct netdev *dev;   // never allocated: NULL

static int __init nullcopy_init(void)
{
	strcpy(dev->name, "kctx0");   // a write to address 0x8
	pr_info("nullcopy: named %s\n", dev->name);
	return 0;
}

static void __exit nullcopy_exit(void)
{
}

module_init(nullcopy_init);
module_exit(nullcopy_exit);
MODULE_LICENSE("GPL");
