// wq — a work item that sleeps: work runs in a kworker's process context, where
// sleeping is legal. kctx must not cry wolf: no report.
#include <linux/module.h>
#include <linux/workqueue.h>
#include <linux/delay.h>
#include <linux/mutex.h>

static DEFINE_MUTEX(lock);
static struct work_struct work;

static void work_fn(struct work_struct *w)
{
	pr_info("wq: %s/%d in_task %d, preempt_count %#x\n", current->comm, current->pid, in_task(), preempt_count());
	mutex_lock(&lock);
	msleep(20);
	mutex_unlock(&lock);
	pr_info("wq: slept 20 ms in the work item\n");
}

static int __init wq_init(void)
{
	INIT_WORK(&work, work_fn);
	schedule_work(&work);
	return 0;
}

static void __exit wq_exit(void)
{
	cancel_work_sync(&work);
}

module_init(wq_init);
module_exit(wq_exit);
MODULE_LICENSE("GPL");
