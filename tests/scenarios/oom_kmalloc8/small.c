// small — kmalloc(8, GFP_ATOMIC) until NULL: the most objects per page, so the most
// host memory per simulated page (the bound docs/limits.md documents).
#include <linux/module.h>
#include <linux/slab.h>

static int __init small_init(void)
{
	long n = 0;

	while (kmalloc(8, GFP_ATOMIC | __GFP_NOWARN))
		n++;
	pr_info("small: %ld objects of 8 bytes\n", n);
	return 0;
}

module_init(small_init);
MODULE_LICENSE("GPL");
