// nullops — calls an operation its table never filled in.
#include <linux/module.h>

struct dev_ops {
	int (*probe)(int id);
	void (*remove)(int id);
};

static struct dev_ops ops;   // .probe never set

static int __init nullops_init(void)
{
	return ops.probe(1);
}

static void __exit nullops_exit(void)
{
}

module_init(nullops_init);
module_exit(nullops_exit);
MODULE_LICENSE("GPL");
