// hung — a kthread blocks in down() (TASK_UNINTERRUPTIBLE) on a semaphore nobody ever
// releases. khungtaskd reports it once it has been blocked, unscheduled, for more than
// hung_task_timeout_secs (120 s), at one of its scans every 120 s.
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/semaphore.h>

static struct semaphore never;

static int blocked_fn(void *unused)
{
	pr_info("hung: waiting for a semaphore that is never released\n");
	down(&never);
	pr_info("hung: got it (never printed)\n");
	return 0;
}

static int __init hung_init(void)
{
	sema_init(&never, 0);
	kthread_run(blocked_fn, NULL, "hung_waiter");
	return 0;
}

module_init(hung_init);
MODULE_LICENSE("GPL");
