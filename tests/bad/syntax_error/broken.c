#include <linux/module.h>

static int __init broken_init(void)
{
	int x = 1
	return x;
}
module_init(broken_init);
MODULE_LICENSE("GPL");
