// sleepers — n kthreads that each msleep(1000) and exit.
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>
static int n = 10;
static atomic_t done = ATOMIC_INIT(0);
module_param(n, int, 0444);
static int sleeper(void *data)
{
	msleep(1000);
	atomic_inc(&done);
	return 0;
}
static int __init sleepers_init(void)
{
	int i;
	for (i = 0; i < n; i++)
		kthread_run(sleeper, NULL, "sleeper/%d", i);
	pr_info("sleepers: %d kthreads started\n", n);
	return 0;
}
static void __exit sleepers_exit(void)
{
	pr_info("sleepers: %d of %d woke and exited\n", atomic_read(&done), n);
}
module_init(sleepers_init);
module_exit(sleepers_exit);
MODULE_LICENSE("GPL");
