// kernlib: a list of kref-counted items from a kmem_cache, a kfifo of their ids, and an
// ordered workqueue of the module's own that frees them. rmmod destroys the cache with
// one object still allocated: kmem_cache_destroy() warns, as mm/slab_common.c does.
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/list.h>
#include <linux/kref.h>
#include <linux/kfifo.h>
#include <linux/workqueue.h>

struct item {
	int id;
	struct kref ref;
	struct list_head node;
};

static struct kmem_cache *items_cache;
static LIST_HEAD(items);
static DECLARE_KFIFO(ids, int, 8);
static struct workqueue_struct *reaper;
static struct work_struct reap;
static struct item *leaked;

static void item_release(struct kref *ref)
{
	struct item *it = container_of(ref, struct item, ref);
	pr_info("kernlib: item %d released\n", it->id);
	kmem_cache_free(items_cache, it);
}

static void reap_fn(struct work_struct *w)
{
	struct item *it, *tmp;
	list_for_each_entry_safe(it, tmp, &items, node) {
		list_del(&it->node);
		kref_put(&it->ref, item_release);
	}
}

static int __init kernlib_init(void)
{
	int i, id;
	items_cache = KMEM_CACHE(item, 0);
	reaper = alloc_ordered_workqueue("kernlib_reaper", 0);
	INIT_KFIFO(ids);
	INIT_WORK(&reap, reap_fn);
	for (i = 1; i <= 3; i++) {
		struct item *it = kmem_cache_zalloc(items_cache, GFP_KERNEL);
		it->id = i;
		kref_init(&it->ref);
		list_add_tail(&it->node, &items);
		kfifo_put(&ids, i);
	}
	pr_info("kernlib: %zu items, fifo holds %u\n", list_count_nodes(&items), kfifo_len(&ids));
	while (kfifo_get(&ids, &id))
		pr_info("kernlib: fifo gave %d\n", id);
	leaked = kmem_cache_alloc(items_cache, GFP_KERNEL);
	queue_work(reaper, &reap);
	flush_workqueue(reaper);
	pr_info("kernlib: list empty after flush: %d\n", list_empty(&items));
	return 0;
}

static void __exit kernlib_exit(void)
{
	destroy_workqueue(reaper);
	kmem_cache_destroy(items_cache);
}

module_init(kernlib_init);
module_exit(kernlib_exit);
MODULE_LICENSE("GPL");
