// atomic — kmalloc(4096, GFP_ATOMIC) in a timer callback until it returns NULL. An
// atomic request cannot reclaim, so at the limit it fails at once: silently with
// __GFP_NOWARN, with the page allocation failure warning without it.
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/timer.h>

struct chunk {
	struct chunk *next;
	char pad[4096 - sizeof(struct chunk *)];
};

static struct timer_list timer;

static long fill(gfp_t gfp)
{
	struct chunk *head = NULL, *c;
	long n = 0;

	while ((c = kmalloc(sizeof(*c), gfp)) != NULL) {
		c->next = head;
		head = c;
		n++;
	}
	while (head) {
		c = head->next;
		kfree(head);
		head = c;
	}
	return n;
}

static void atomic_fn(struct timer_list *t)
{
	long quiet = fill(GFP_ATOMIC | __GFP_NOWARN);
	long loud;

	pr_info("atomic: GFP_ATOMIC|__GFP_NOWARN: NULL after %ld allocations\n", quiet);
	loud = fill(GFP_ATOMIC);
	pr_info("atomic: GFP_ATOMIC: NULL after %ld allocations\n", loud);
}

static int __init atomic_init(void)
{
	timer_setup(&timer, atomic_fn, 0);
	mod_timer(&timer, jiffies + HZ / 10);
	return 0;
}

static void __exit atomic_exit(void)
{
	del_timer_sync(&timer);
}

module_init(atomic_init);
module_exit(atomic_exit);
MODULE_LICENSE("GPL");
