// 600 MiB of .bss: fits in the module area once, not twice (see README.md).
#include <linux/module.h>
#include <linux/kernel.h>

static char half[600 << 20];

static int __init half2_init(void)
{
	half[0] = 1;
	half[sizeof(half) - 1] = 1;
	pr_info("half2: loaded, %zu bytes of .bss\n", sizeof(half));
	return 0;
}

static void __exit half2_exit(void)
{
}

module_init(half2_init);
module_exit(half2_exit);
MODULE_LICENSE("GPL");
