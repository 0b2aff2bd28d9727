// A module whose .bss alone is larger than the whole module area (1008 MiB on x86-64):
// module_alloc() refuses it and insmod fails with ENOMEM. Nothing is built on the host.
#include <linux/module.h>
#include <linux/kernel.h>

static char huge[1 << 30];

static int __init huge_init(void)
{
	huge[0] = 1;
	pr_info("huge: loaded\n");
	return 0;
}

module_init(huge_init);
MODULE_LICENSE("GPL");
