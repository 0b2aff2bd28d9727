// freelist — a use after free that writes: the object's bytes, SLUB's free pointer among
// them (at s->offset, the middle of a kmalloc-64 object), become 0x41.
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>

struct rec {
	long id;
	long data[7];
};

static int __init freelist_init(void)
{
	struct rec *a = kmalloc(sizeof(*a), GFP_KERNEL);
	struct rec *b, *c;

	if (!a)
		return -ENOMEM;
	a->id = 1;
	kfree(a);
	memset(a, 0x41, sizeof(*a));   // use after free
	b = kmalloc(sizeof(*b), GFP_KERNEL);
	pr_info("freelist: b %s a\n", b == a ? "is" : "is not");
	c = kmalloc(sizeof(*c), GFP_KERNEL);
	pr_info("freelist: c = %px\n", c);
	kfree(b);
	kfree(c);
	return 0;
}

static void __exit freelist_exit(void)
{
}

module_init(freelist_init);
module_exit(freelist_exit);
MODULE_LICENSE("GPL");
