// restartable — /dev/restartable, whose ioctl() waits interruptibly (for at most two
// seconds) and, when a signal interrupts the wait, returns the error code the caller
// chose. It lets a user program try every return value a driver can give against
// every way a signal can be handled (reference kernel-6.1.md §6.4).
#include <linux/module.h>
#include <linux/miscdevice.h>
#include <linux/fs.h>
#include <linux/wait.h>
#include <linux/sched/signal.h>

#define RESTARTABLE_WAIT _IOW('r', 1, int)   /* wait; if interrupted, return -arg */
#define RESTARTABLE_FAIL _IOW('r', 2, int)   /* return -arg at once, no signal involved */

static DECLARE_WAIT_QUEUE_HEAD(nothing_happens);

static long restartable_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	long code = -(long)arg;
	long left;

	switch (cmd) {
	case RESTARTABLE_FAIL:
		pr_info("restartable: %s/%d returns %ld, no signal pending\n", current->comm, current->pid, code);
		return code;
	case RESTARTABLE_WAIT:
		pr_info("restartable: %s/%d waits\n", current->comm, current->pid);
		left = wait_event_interruptible_timeout(nothing_happens, false, 2 * HZ);
		if (left == 0) {
			pr_info("restartable: %s/%d timed out, returning 0\n", current->comm, current->pid);
			return 0;
		}
		pr_info("restartable: %s/%d interrupted (%ld), signal_pending=%d, returning %ld\n",
			current->comm, current->pid, left, signal_pending(current), code);
		return code;
	}
	return -ENOTTY;
}

static const struct file_operations restartable_fops = {
	.owner = THIS_MODULE,
	.unlocked_ioctl = restartable_ioctl,
};

static struct miscdevice restartable_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "restartable",
	.fops = &restartable_fops,
};

static int __init restartable_init(void)
{
	return misc_register(&restartable_dev);
}

static void __exit restartable_exit(void)
{
	misc_deregister(&restartable_dev);
}

module_init(restartable_init);
module_exit(restartable_exit);
MODULE_LICENSE("GPL");
