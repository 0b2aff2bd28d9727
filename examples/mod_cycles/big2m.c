// A module with a 2 MiB static array: twice the old fixed 1 MiB slot kctx used to give
// each module. Loaded and unloaded 2000 times, its memory comes from the module area
// and goes back to it every time (module_alloc()/module_memfree()).
#include <linux/module.h>
#include <linux/kernel.h>

static char big[2 << 20];
static int loads;

static int __init big2m_init(void)
{
	big[0] = 1;
	big[sizeof(big) - 1] = 2;
	loads++;   // always 1: each load starts from a fresh .bss
	if (loads != 1 || big[1] != 0)
		pr_err("big2m: stale memory: loads=%d\n", loads);
	return 0;
}

static void __exit big2m_exit(void)
{
}

module_init(big2m_init);
module_exit(big2m_exit);
MODULE_LICENSE("GPL");
