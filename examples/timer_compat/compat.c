// A module written for both sides of 4.15's timer API change, the way out-of-tree
// drivers were: LINUX_VERSION_CODE picks setup_timer() or timer_setup(). The 4.4-era
// helpers it uses on the old side (ACCESS_ONCE, 3-argument access_ok and
// DECLARE_TASKLET) exist only there.
#include <linux/module.h>
#include <linux/timer.h>
#include <linux/interrupt.h>
#include <linux/uaccess.h>
#include <linux/version.h>
#include <generated/utsrelease.h>

static struct timer_list tick;
static int ticks;

#if LINUX_VERSION_CODE < KERNEL_VERSION(4, 15, 0)
static void tick_fn(unsigned long data)
{
	int *count = (int *)data;

	(*count)++;
	pr_info("compat: tick %d (old API, data %s)\n", ACCESS_ONCE(*count), data == (unsigned long)&ticks ? "ok" : "wrong");
	if (*count < 3)
		mod_timer(&tick, jiffies + HZ / 10);
}

static void tasklet_fn(unsigned long data)
{
	pr_info("compat: tasklet ran with data %lu\n", data);
}
static DECLARE_TASKLET(compat_tasklet, tasklet_fn, 44);
#else
static void tick_fn(struct timer_list *t)
{
	ticks++;
	pr_info("compat: tick %d (new API, timer %s)\n", READ_ONCE(ticks), t == &tick ? "ok" : "wrong");
	if (ticks < 3)
		mod_timer(&tick, jiffies + HZ / 10);
}
#endif

static int __init compat_init(void)
{
	pr_info("compat: built for %s, LINUX_VERSION_CODE %#x\n", UTS_RELEASE, LINUX_VERSION_CODE);
#if LINUX_VERSION_CODE < KERNEL_VERSION(4, 15, 0)
	setup_timer(&tick, tick_fn, (unsigned long)&ticks);
	tasklet_schedule(&compat_tasklet);
	pr_info("compat: access_ok(VERIFY_READ, 0x1000, 8) = %d\n", access_ok(VERIFY_READ, (void __user *)0x1000, 8));
#else
	timer_setup(&tick, tick_fn, 0);
	pr_info("compat: access_ok(0x1000, 8) = %d\n", access_ok((void __user *)0x1000, 8));
#endif
	mod_timer(&tick, jiffies + HZ / 10);
	return 0;
}

static void __exit compat_exit(void)
{
	del_timer_sync(&tick);
	pr_info("compat: %d ticks\n", ticks);
}

module_init(compat_init);
module_exit(compat_exit);
MODULE_LICENSE("GPL");
