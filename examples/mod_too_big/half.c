// 600 MiB of .bss: fits in the module area once, not twice (see README.md).
#include <linux/module.h>
#include <linux/kernel.h>

static char half[600 << 20];

static int __init half_init(void)
{
	half[0] = 1;
	half[sizeof(half) - 1] = 1;
	pr_info("half: loaded, %zu bytes of .bss\n", sizeof(half));
	return 0;
}

static void __exit half_exit(void)
{
}

module_init(half_init);
module_exit(half_exit);
MODULE_LICENSE("GPL");
