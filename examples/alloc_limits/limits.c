// limits — allocations that fail whatever memory is free: a vmalloc larger than all of
// RAM, a kmalloc larger than KMALLOC_MAX_SIZE; then ones that fit.
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

static int __init limits_init(void)
{
	void *v = vmalloc(128 << 20);
	void *k;

	pr_info("limits: vmalloc(128 MiB) returned %s\n", v ? "memory" : "NULL");
	vfree(v);
	k = kmalloc(KMALLOC_MAX_SIZE + 1, GFP_KERNEL | __GFP_NOWARN);
	pr_info("limits: kmalloc(KMALLOC_MAX_SIZE + 1, __GFP_NOWARN) returned %s\n", k ? "memory" : "NULL");
	k = kmalloc(KMALLOC_MAX_SIZE + 1, GFP_KERNEL);
	pr_info("limits: kmalloc(KMALLOC_MAX_SIZE + 1) returned %s\n", k ? "memory" : "NULL");
	v = vmalloc(8 << 20);
	k = kmalloc(KMALLOC_MAX_SIZE, GFP_KERNEL);
	pr_info("limits: vmalloc(8 MiB) and kmalloc(KMALLOC_MAX_SIZE) returned %s and %s\n", v ? "memory" : "NULL",
		k ? "memory" : "NULL");
	vfree(v);
	kfree(k);
	return 0;
}

static void __exit limits_exit(void)
{
}

module_init(limits_init);
module_exit(limits_exit);
MODULE_LICENSE("GPL");
