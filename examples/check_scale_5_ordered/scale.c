// check_scale — the scale family of the Spin models (reference spin/scale_N.pml) in
// kernel C: `tasks` kthreads, two spinlocks, two rounds. In each round a task takes
// lock 0 alone, lock 1 alone, or both, and which of the three is prandom_u32_max(3)'s
// (include/linux/prandom.h): any of them, so `kctx check` explores each, as Spin's
// `if :: … fi` does. "Both" takes them in a random order unless `ordered=1` (always 0
// then 1): two tasks taking both in opposite orders deadlock (AB-BA), the ordered
// variant is deadlock-free. Each critical section checks mutual exclusion of its lock.
//
// The same file is in every examples/check_scale_* directory (a scenario reads only its
// own directory); they differ in init.sh.
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/prandom.h>
#include <linux/spinlock.h>

static int tasks = 2;
module_param(tasks, int, 0444);
static int ordered;
module_param(ordered, int, 0444);

static DEFINE_SPINLOCK(lock0);
static DEFINE_SPINLOCK(lock1);
static spinlock_t *locks[2] = { &lock0, &lock1 };
static int inside[2];   /* tasks inside the critical section of each lock */

#define ROUNDS 2

static void take(int l)
{
	spin_lock(locks[l]);
	WARN_ON(inside[l]++ != 0);   /* mutual exclusion */
}

static void drop(int l)
{
	inside[l]--;
	spin_unlock(locks[l]);
}

static int task_fn(void *unused)
{
	int n;

	for (n = 0; n < ROUNDS; n++) {
		int what = prandom_u32_max(3);

		if (what < 2) {
			take(what);
			drop(what);
		} else {
			int a = ordered ? 0 : prandom_u32_max(2);
			int b = 1 - a;

			take(a);
			take(b);
			drop(b);
			drop(a);
		}
	}
	return 0;
}

static int __init scale_init(void)
{
	int i;

	for (i = 0; i < tasks; i++)
		kthread_run(task_fn, NULL, "scale%d", i);
	return 0;
}

module_init(scale_init);
MODULE_LICENSE("GPL");
