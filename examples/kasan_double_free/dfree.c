// dfree — an error path frees a buffer that the normal path frees again.
#include <linux/module.h>
#include <linux/slab.h>

static int setup(char *buf)
{
	buf[0] = 'x';
	kfree(buf);   // the error path frees it...
	return -EINVAL;
}

static int __init dfree_init(void)
{
	char *buf = kmalloc(128, GFP_KERNEL);
	int ret;

	if (!buf)
		return -ENOMEM;
	ret = setup(buf);
	kfree(buf);   // ...and so does the caller
	pr_info("dfree: setup returned %d\n", ret);
	return 0;
}

static void __exit dfree_exit(void)
{
}

module_init(dfree_init);
module_exit(dfree_exit);
MODULE_LICENSE("GPL");
