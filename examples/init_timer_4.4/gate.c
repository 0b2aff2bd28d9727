/* A 4.4-era module that predates setup_timer(): the timer is set up field by field
 * (init_timer(), then .function, .data and .expires, then add_timer()), its callback
 * takes the unsigned long it was given, and a semaphore made with DEFINE_SEMAPHORE()
 * (count 1) gates the module's init: init takes it, then blocks on it until the timer
 * has fired three times and releases it.
 * Linux 4.4: include/linux/timer.h init_timer(), struct timer_list's function/data;
 * include/linux/semaphore.h DEFINE_SEMAPHORE(name). */
#include <linux/module.h>
#include <linux/timer.h>
#include <linux/semaphore.h>

static DEFINE_SEMAPHORE(gate);
static struct timer_list ticker;
static int fired;

static void ticker_fn(unsigned long data)
{
	struct semaphore *sem = (struct semaphore *)data;

	fired++;
	pr_info("gate: tick %d, data %s\n", fired, sem == &gate ? "is the gate" : "wrong");
	if (fired < 3) {
		mod_timer(&ticker, jiffies + HZ / 10);
		return;
	}
	up(sem);
}

static int __init gate_init(void)
{
	down(&gate);
	init_timer(&ticker);
	ticker.function = ticker_fn;
	ticker.data = (unsigned long)&gate;
	ticker.expires = jiffies + HZ / 10;
	add_timer(&ticker);
	pr_info("gate: waiting for the timer to open the gate\n");
	down(&gate);
	pr_info("gate: open after %d ticks\n", fired);
	up(&gate);
	return 0;
}

static void __exit gate_exit(void)
{
	del_timer_sync(&ticker);
}

module_init(gate_init);
module_exit(gate_exit);
MODULE_LICENSE("GPL");
