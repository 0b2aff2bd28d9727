// drivermodes — one driver, three ways of producing its data, chosen at load time:
//
//   insmod drivermodes.ko mode=hrtimer   an hrtimer (hard irq) samples every 10 ms
//   insmod drivermodes.ko mode=timer     a timer_list (softirq) samples every 20 ms
//   insmod drivermodes.ko mode=kthread   a kernel thread samples, sleeping 25 ms between
//
// Whatever the mode, a second kthread publishes a status line every 100 ms under a
// mutex, and /dev/drivermodes (a misc device) hands it to readers and counts what
// writers send. At most two files may be open at once: open() waits on a semaphore.
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/uaccess.h>
#include <linux/mutex.h>
#include <linux/semaphore.h>
#include <linux/atomic.h>
#include <linux/hrtimer.h>
#include <linux/ktime.h>
#include <linux/timer.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/delay.h>
#include <linux/sched.h>
#include <linux/string.h>

static char *mode = "hrtimer";
module_param(mode, charp, 0444);
MODULE_PARM_DESC(mode, "how samples are taken: hrtimer, timer or kthread");

enum drivermodes_mode {
	MODE_HRTIMER,
	MODE_TIMER,
	MODE_KTHREAD,
	MODE_COUNT,
};

static const char *const mode_names[] = {
	[MODE_HRTIMER] = "hrtimer",
	[MODE_TIMER] = "timer",
	[MODE_KTHREAD] = "kthread",
};

static enum drivermodes_mode cur_mode;
static atomic_t samples = ATOMIC_INIT(0);
static atomic_t opens = ATOMIC_INIT(0);
static atomic_t bytes_written = ATOMIC_INIT(0);
static DEFINE_MUTEX(status_lock);
static struct semaphore open_slots;
static char status[96];
static int status_len;
static u32 checksum;                 /* of everything written, under status_lock */
static u64 loaded_ns;

static struct hrtimer sample_hrtimer;
static struct timer_list sample_timer;
static struct task_struct *sampler;
static struct task_struct *publisher;

/* Linux's sysfs_match_string() in miniature: the index of `name`, or -EINVAL. */
static int match_mode(const char *name)
{
	int i;

	for (i = 0; i < MODE_COUNT; i++)
		if (strcmp(name, mode_names[i]) == 0)
			return i;
	return -EINVAL;
}

static enum hrtimer_restart sample_hrtimer_fn(struct hrtimer *t)
{
	atomic_inc(&samples);
	hrtimer_forward_now(t, ms_to_ktime(10));
	return HRTIMER_RESTART;
}

static void sample_timer_fn(struct timer_list *t)
{
	atomic_inc(&samples);
	mod_timer(&sample_timer, jiffies + msecs_to_jiffies(20));
}

static int sampler_fn(void *data)
{
	while (!kthread_should_stop()) {
		atomic_inc(&samples);
		msleep(25);
	}
	return 0;
}

static int publisher_fn(void *data)
{
	while (!kthread_should_stop()) {
		u64 ms = (ktime_get_ns() - loaded_ns) / 1000000;

		mutex_lock(&status_lock);
		status_len = snprintf(status, sizeof(status), "%s: %d samples in %llu ms, sum %08x\n",
				      mode_names[cur_mode], atomic_read(&samples), ms, checksum);
		mutex_unlock(&status_lock);
		msleep(100);
	}
	return 0;
}

static int drivermodes_open(struct inode *inode, struct file *f)
{
	/* At most two open files; a third opener sleeps until one is released. */
	if (down_interruptible(&open_slots))
		return -ERESTARTSYS;
	atomic_inc(&opens);
	return 0;
}

static int drivermodes_release(struct inode *inode, struct file *f)
{
	up(&open_slots);
	return 0;
}

static ssize_t drivermodes_read(struct file *f, char __user *buf, size_t len, loff_t *pos)
{
	ssize_t n;

	if (mutex_lock_interruptible(&status_lock))
		return -ERESTARTSYS;
	if (*pos >= status_len) {
		mutex_unlock(&status_lock);
		return 0;
	}
	n = min((size_t)(status_len - *pos), len);
	if (copy_to_user(buf, status + *pos, n)) {
		mutex_unlock(&status_lock);
		return -EFAULT;
	}
	*pos += n;
	mutex_unlock(&status_lock);
	return n;
}

static ssize_t drivermodes_write(struct file *f, const char __user *buf, size_t len, loff_t *pos)
{
	char chunk[32];
	size_t n = min(len, sizeof(chunk));
	size_t i;

	if (copy_from_user(chunk, buf, n))
		return -EFAULT;
	mutex_lock(&status_lock);
	for (i = 0; i < n; i++)
		checksum = checksum * 31 + (u8)chunk[i];
	mutex_unlock(&status_lock);
	atomic_add(n, &bytes_written);
	return n;
}

static const struct file_operations drivermodes_fops = {
	.owner = THIS_MODULE,
	.open = drivermodes_open,
	.release = drivermodes_release,
	.read = drivermodes_read,
	.write = drivermodes_write,
};

static struct miscdevice drivermodes_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "drivermodes",
	.fops = &drivermodes_fops,
};

static int __init drivermodes_init(void)
{
	int m = match_mode(mode);
	int err;

	if (m < 0) {
		pr_err("drivermodes: unknown mode '%s' (hrtimer, timer or kthread)\n", mode);
		return m;
	}
	cur_mode = m;
	loaded_ns = ktime_get_ns();
	sema_init(&open_slots, 2);
	err = misc_register(&drivermodes_dev);
	if (err)
		return err;

	switch (cur_mode) {
	case MODE_HRTIMER:
		hrtimer_init(&sample_hrtimer, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
		sample_hrtimer.function = sample_hrtimer_fn;
		hrtimer_start(&sample_hrtimer, ms_to_ktime(10), HRTIMER_MODE_REL);
		break;
	case MODE_TIMER:
		timer_setup(&sample_timer, sample_timer_fn, 0);
		mod_timer(&sample_timer, jiffies + msecs_to_jiffies(20));
		break;
	case MODE_KTHREAD:
		sampler = kthread_run(sampler_fn, NULL, "dm_sampler");
		break;
	case MODE_COUNT:
		break;
	}
	publisher = kthread_run(publisher_fn, NULL, "dm_publisher");
	pr_info("drivermodes: mode %s (%d of %lu), HZ %d, loaded at %llu ns\n", mode_names[cur_mode], cur_mode,
		(unsigned long)ARRAY_SIZE(mode_names), HZ, loaded_ns);
	return 0;
}

static void __exit drivermodes_exit(void)
{
	kthread_stop(publisher);
	switch (cur_mode) {
	case MODE_HRTIMER:
		hrtimer_cancel(&sample_hrtimer);
		break;
	case MODE_TIMER:
		del_timer_sync(&sample_timer);
		break;
	case MODE_KTHREAD:
		kthread_stop(sampler);
		break;
	case MODE_COUNT:
		break;
	}
	misc_deregister(&drivermodes_dev);
	pr_info("drivermodes: %s: %d samples, %d opens, %d bytes written, sum %08x\n", mode_names[cur_mode],
		atomic_read(&samples), atomic_read(&opens), atomic_read(&bytes_written), checksum);
}

module_init(drivermodes_init);
module_exit(drivermodes_exit);
MODULE_LICENSE("GPL");
MODULE_AUTHOR("kctx examples");
MODULE_DESCRIPTION("a driver whose sampling mode is a module parameter");
