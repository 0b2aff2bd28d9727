// oob — fills a 20-byte kmalloc'd table one entry too far (<= instead of <). The object
// sits in kmalloc-32, so the stray byte lands in memory the allocator did hand out;
// KASAN still reports it, because it unpoisons exactly the requested 20 bytes.
#include <linux/module.h>
#include <linux/slab.h>

#define NSLOTS 20

static int __init oob_init(void)
{
	unsigned char *table = kmalloc(NSLOTS, GFP_KERNEL);
	int i;

	if (!table)
		return -ENOMEM;
	for (i = 0; i <= NSLOTS; i++)   // off by one
		table[i] = i;
	pr_info("oob: table filled, last entry %d\n", table[NSLOTS - 1]);
	kfree(table);
	return 0;
}

static void __exit oob_exit(void)
{
}

module_init(oob_init);
module_exit(oob_exit);
MODULE_LICENSE("GPL");
