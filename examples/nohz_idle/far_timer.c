// far_timer — a timer_list re-armed every 10,000 s on an otherwise idle machine. Each
// expiry prints the jiffies it ran at: the timer fires at the first tick at or after its
// expiry, however long the CPUs were idle (kernel/time/tick-sched.c stops the tick in
// idle; tick_nohz_idle_exit() catches jiffies up).
#include <linux/module.h>
#include <linux/timer.h>
#include <linux/jiffies.h>

static struct timer_list far;
static unsigned long armed_at;
static int fired;

static void far_fn(struct timer_list *t)
{
	fired++;
	pr_info("far_timer: expiry %d, %lu jiffies after it was armed\n", fired, jiffies - armed_at);
	if (fired < 8) {
		armed_at = jiffies;
		mod_timer(&far, jiffies + 10000 * HZ);
	}
}

static int __init far_init(void)
{
	timer_setup(&far, far_fn, 0);
	armed_at = jiffies;
	mod_timer(&far, jiffies + 10000 * HZ);
	pr_info("far_timer: armed for %d s\n", 10000);
	return 0;
}

static void __exit far_exit(void)
{
	del_timer_sync(&far);
	pr_info("far_timer: %d expiries\n", fired);
}

module_init(far_init);
module_exit(far_exit);
MODULE_LICENSE("GPL");
