#include <linux/module.h>
#include <linux/sched.h>

static int __init typo_init(void)
{
	shedule();
	return 0;
}
module_init(typo_init);
MODULE_LICENSE("GPL");
