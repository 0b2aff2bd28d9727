// eat — kmalloc(4096, GFP_KERNEL) until it returns NULL, then gives everything back.
// GFP_KERNEL may reclaim, and here nothing is reclaimable, so the page allocator calls
// the OOM killer: first the hog, then insmod itself; only a killed task gets NULL.
#include <linux/module.h>
#include <linux/slab.h>

struct chunk {
	struct chunk *next;
	char pad[4096 - sizeof(struct chunk *)];
};

static int __init eat_init(void)
{
	struct chunk *head = NULL, *c;
	long n = 0;

	while ((c = kmalloc(sizeof(*c), GFP_KERNEL)) != NULL) {
		c->next = head;
		head = c;
		n++;
	}
	pr_info("eat: kmalloc returned NULL after %ld allocations\n", n);
	while (head) {
		c = head->next;
		kfree(head);
		head = c;
	}
	return 0;
}

static void __exit eat_exit(void)
{
}

module_init(eat_init);
module_exit(eat_exit);
MODULE_LICENSE("GPL");
