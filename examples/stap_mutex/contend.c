// contend — three kthreads take one mutex in turn, each holding it across an msleep(),
// so every mutex_lock() but the first of a round waits: a latency histogram of
// mutex_lock() under contention for SystemTap (func_time_stats.stp, mutex_lat.stp).
// A fourth kthread waits on a completion that the first one completes after its
// rounds: a long wait_for_completion() for sleepingBeauties.stp.
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/mutex.h>
#include <linux/delay.h>
#include <linux/completion.h>
#include <linux/slab.h>

static DEFINE_MUTEX(big_lock);
static DECLARE_COMPLETION(rounds_done);
static int total;

static int worker_fn(void *data)
{
	long id = (long)data;
	int i;

	for (i = 0; i < 20; i++) {
		mutex_lock(&big_lock);
		total++;
		msleep(2);
		mutex_unlock(&big_lock);
		msleep(1);
	}
	if (id == 0)
		complete(&rounds_done);
	return 0;
}

static int waiter_fn(void *unused)
{
	void *buf = kmalloc(64, GFP_KERNEL);

	wait_for_completion(&rounds_done);
	pr_info("contend: %d rounds done\n", total);
	kfree(buf);
	return 0;
}

static int __init contend_init(void)
{
	long i;

	kthread_run(waiter_fn, NULL, "waiter");
	for (i = 0; i < 3; i++)
		kthread_run(worker_fn, (void *)i, "worker%ld", i);
	return 0;
}

module_init(contend_init);
MODULE_LICENSE("GPL");
