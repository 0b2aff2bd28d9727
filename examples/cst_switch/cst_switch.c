// cst_switch — like cst, but prints the interrupted task's context-switch counts around
// the schedule() call, to show whether the hit task was really switched out.
#include <linux/module.h>
#include <linux/timer.h>
#include <linux/sched.h>

static struct timer_list cst_timer;

static void cst_timer_handler(struct timer_list *t)
{
	struct task_struct *victim = current;
	unsigned long before = victim->nivcsw;

	schedule();
	pr_info("cst_switch: %s/%d nivcsw %lu -> %lu\n", victim->comm, victim->pid, before, victim->nivcsw);
	mod_timer(&cst_timer, jiffies + HZ);
}

static int __init cst_switch_init(void)
{
	timer_setup(&cst_timer, cst_timer_handler, 0);
	mod_timer(&cst_timer, jiffies + HZ);
	return 0;
}

static void __exit cst_switch_exit(void)
{
	del_timer_sync(&cst_timer);
}

module_init(cst_switch_init);
module_exit(cst_switch_exit);
MODULE_LICENSE("GPL");
