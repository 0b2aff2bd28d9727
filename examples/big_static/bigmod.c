// 512 MiB of .bss in a module (a 1 GiB array does not fit in the module area: see
// examples/mod_too_big): its pages zero-fill on first touch.
#include <linux/module.h>
#include <linux/kernel.h>

static char huge[512 << 20];

static int __init bigmod_init(void)
{
	huge[0] = 1;
	huge[sizeof(huge) - 1] = 3;
	pr_info("bigmod: %d %d, untouched %d\n", huge[0], huge[sizeof(huge) - 1], huge[12345678]);
	return 0;
}

static void __exit bigmod_exit(void)
{
}

module_init(bigmod_init);
module_exit(bigmod_exit);
MODULE_LICENSE("GPL");
