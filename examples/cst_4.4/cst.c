// cst — "context schedule test", as a Linux 4.4 module is written: the timer is set up
// with setup_timer() and its callback takes the `unsigned long data` given there.
// Every second the timer fires on whatever CPU armed it and, from the timer's softirq
// context, calls schedule(): the task that happened to be interrupted is scheduled out
// from inside interrupt context.
#include <linux/module.h>
#include <linux/timer.h>
#include <linux/sched.h>
#include <linux/version.h>

static struct timer_list cst_timer;
static int hits;

static void cst_timer_handler(unsigned long data)
{
	struct timer_list *timer = (struct timer_list *)data;

	hits++;
	pr_info("cst: hit %s/%d on cpu %d, preempt_count %#x\n",
		current->comm, current->pid, smp_processor_id(), preempt_count());
	schedule();
	mod_timer(timer, jiffies + HZ);
}

static int __init cst_init(void)
{
	setup_timer(&cst_timer, cst_timer_handler, (unsigned long)&cst_timer);
	mod_timer(&cst_timer, jiffies + HZ);
	pr_info("cst: loaded (LINUX_VERSION_CODE %#x)\n", LINUX_VERSION_CODE);
	return 0;
}

static void __exit cst_exit(void)
{
	del_timer_sync(&cst_timer);
	pr_info("cst: unloaded after %d hits\n", hits);
}

module_init(cst_init);
module_exit(cst_exit);
MODULE_LICENSE("GPL");
