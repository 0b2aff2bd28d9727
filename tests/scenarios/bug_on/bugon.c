#include <linux/module.h>
#include <linux/bug.h>

static int limit = 3;

static int __init bugon_init(void)
{
	pr_info("bugon: checking the limit\n");
	BUG_ON(limit > 2);
	pr_info("bugon: not reached\n");
	return 0;
}
module_init(bugon_init);
MODULE_LICENSE("GPL");
