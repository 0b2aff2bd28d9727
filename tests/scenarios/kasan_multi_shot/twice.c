#include <linux/module.h>
#include <linux/slab.h>

static int __init twice_init(void)
{
	char *a = kmalloc(10, GFP_KERNEL);
	char *b = kmalloc(10, GFP_KERNEL);

	if (!a || !b)
		return -ENOMEM;
	a[10] = 1;	/* one past the end */
	kfree(b);
	pr_info("twice: stale %d\n", b[0]);	/* use after free */
	kfree(a);
	return 0;
}

static void __exit twice_exit(void)
{
}

module_init(twice_init);
module_exit(twice_exit);
MODULE_LICENSE("GPL");
