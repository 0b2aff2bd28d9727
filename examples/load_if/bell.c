// bell: one character device with a dynamic major (register_chrdev), for a load script
// that has to find its major itself; at load it says which kernel it runs on
// (utsname(), init_uts_ns) and how far the coarse wall clock, which the tick moves,
// lags the exact one (less than a tick: kernel/time/timekeeping.c).
#include <linux/fs.h>
#include <linux/module.h>
#include <linux/timekeeping.h>
#include <linux/utsname.h>

static int major;
static int rings;
module_param(rings, int, 0444);

static ssize_t bell_read(struct file *file, char __user *buf, size_t count, loff_t *pos)
{
	char text[32];
	int n = snprintf(text, sizeof(text), "ding x%d\n", rings);

	return simple_read_from_buffer(buf, count, pos, text, n);
}

static const struct file_operations bell_fops = {
	.owner = THIS_MODULE,
	.read = bell_read,
};

static int __init bell_init(void)
{
	struct timespec64 exact, coarse;
	s64 lag;

	major = register_chrdev(0, "bell", &bell_fops);
	if (major < 0)
		return major;
	ktime_get_real_ts64(&exact);
	ktime_get_coarse_real_ts64(&coarse);
	lag = timespec64_to_ns(&exact) - timespec64_to_ns(&coarse);
	pr_info("bell: %s %s on %s\n", init_uts_ns.name.sysname, utsname()->release, init_uts_ns.name.machine);
	pr_info("bell: the coarse clock lags by less than a tick: %s\n", lag >= 0 && lag < TICK_NSEC ? "yes" : "no");
	return 0;
}

static void __exit bell_exit(void)
{
	unregister_chrdev(major, "bell");
}

module_init(bell_init);
module_exit(bell_exit);
MODULE_LICENSE("GPL");
