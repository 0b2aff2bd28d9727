// Three of gcc's commonest warnings in a module that still builds and runs: a timer
// callback with the pre-4.15 signature, an integer stored in a pointer, a pointer
// stored in an integer.
#include <linux/module.h>
#include <linux/timer.h>

static struct timer_list tick_timer;

static void tick_fn(unsigned long data)
{
	pr_info("tick: fired\n");
}

static int __init tick_init(void)
{
	char *where = 16;
	long cookie = "cookie";

	timer_setup(&tick_timer, tick_fn, 0);
	mod_timer(&tick_timer, jiffies + 1);
	pr_info("tick: armed (%d)\n", where == NULL && cookie == 0);
	return 0;
}

static void __exit tick_exit(void)
{
	del_timer_sync(&tick_timer);
}

module_init(tick_init);
module_exit(tick_exit);
MODULE_LICENSE("GPL");
