// timer_sleep — sleeping in a timer_list callback (softirq context): msleep() first,
// then mutex_lock() on a contended mutex, selected by the `mode` parameter.
#include <linux/module.h>
#include <linux/timer.h>
#include <linux/delay.h>
#include <linux/mutex.h>

static char *mode = "msleep";
module_param(mode, charp, 0444);

static struct timer_list timer;
static DEFINE_MUTEX(lock);

static void timer_fn(struct timer_list *t)
{
	pr_info("timer_sleep: in softirq, preempt_count %#x, sleeping via %s\n", preempt_count(), mode);
	if (strcmp(mode, "mutex") == 0) {
		mutex_lock(&lock);
		mutex_unlock(&lock);
	} else {
		msleep(10);
	}
	pr_info("timer_sleep: back in the callback, preempt_count %#x\n", preempt_count());
}

static int __init timer_sleep_init(void)
{
	timer_setup(&timer, timer_fn, 0);
	mod_timer(&timer, jiffies + msecs_to_jiffies(100));
	return 0;
}

static void __exit timer_sleep_exit(void)
{
	del_timer_sync(&timer);
}

module_init(timer_sleep_init);
module_exit(timer_sleep_exit);
MODULE_LICENSE("GPL");
