// irqdemo.ko: a driver for a (simulated) device on interrupt line 5. The line is shared
// by two actions: a threaded one, whose primary handler runs in hardirq context, takes
// the device's event and asks for its thread (IRQ_WAKE_THREAD), and a second driver's
// handler that finds nothing of its own (IRQ_NONE). The thread, irq/5-irqdemo, runs at
// SCHED_FIFO in process context, where sleeping is allowed. /dev/irqdemo reports the
// counts; writing "off"/"on" to it calls disable_irq()/enable_irq().
#include <linux/module.h>
#include <linux/interrupt.h>
#include <linux/miscdevice.h>
#include <linux/fs.h>
#include <linux/uaccess.h>
#include <linux/delay.h>
#include <linux/sched.h>
#include <linux/atomic.h>

#define IRQDEMO_LINE 5

struct irqdemo {
	atomic_t events;      // raised by the device, not yet taken by the primary handler
	atomic_t hardirqs;    // primary handler runs
	atomic_t threaded;    // thread function runs
	unsigned long jiffies;   // when the last event was taken (a member named jiffies)
};

static struct irqdemo dev;
static int aux_dev;   // the other driver on the shared line

static irqreturn_t irqdemo_hardirq(int irq, void *dev_id)
{
	struct irqdemo *d = dev_id;

	atomic_inc(&d->hardirqs);
	d->jiffies = jiffies;
	pr_info("irqdemo: hardirq %d on cpu %d: in_hardirq %d, preempt_count %#x, current %s\n", irq,
		smp_processor_id(), in_hardirq() ? 1 : 0, preempt_count(), current->comm);
	return IRQ_WAKE_THREAD;
}

static irqreturn_t irqdemo_thread(int irq, void *dev_id)
{
	struct irqdemo *d = dev_id;

	pr_info("irqdemo: thread %s (pid %d, prio %d): in_interrupt %d, sleeping 1 ms\n", current->comm,
		current->pid, current->prio, in_interrupt() ? 1 : 0);
	msleep(1);
	atomic_inc(&d->threaded);
	return IRQ_HANDLED;
}

static irqreturn_t aux_handler(int irq, void *dev_id)
{
	return IRQ_NONE;   // not our device's interrupt
}

static ssize_t irqdemo_read(struct file *file, char __user *buf, size_t count, loff_t *ppos)
{
	char text[96];
	int n = scnprintf(text, sizeof(text), "hardirqs %d threaded %d\n", atomic_read(&dev.hardirqs),
			  atomic_read(&dev.threaded));

	return simple_read_from_buffer(buf, count, ppos, text, n);
}

static ssize_t irqdemo_write(struct file *file, const char __user *buf, size_t count, loff_t *ppos)
{
	char cmd[8] = {};

	if (copy_from_user(cmd, buf, min(count, sizeof(cmd) - 1)))
		return -EFAULT;
	if (!strncmp(cmd, "off", 3)) {
		disable_irq(IRQDEMO_LINE);
		pr_info("irqdemo: line %d disabled\n", IRQDEMO_LINE);
	} else if (!strncmp(cmd, "on", 2)) {
		pr_info("irqdemo: enabling line %d\n", IRQDEMO_LINE);
		enable_irq(IRQDEMO_LINE);
	}
	return count;
}

static const struct file_operations irqdemo_fops = {
	.owner = THIS_MODULE,
	.read = irqdemo_read,
	.write = irqdemo_write,
};

static struct miscdevice irqdemo_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "irqdemo",
	.fops = &irqdemo_fops,
};

static int __init irqdemo_init(void)
{
	int ret;

	// Without IRQF_SHARED on both, the second request would be refused (-EBUSY).
	ret = request_threaded_irq(IRQDEMO_LINE, irqdemo_hardirq, irqdemo_thread, IRQF_SHARED, "irqdemo", &dev);
	if (ret)
		return ret;
	ret = request_irq(IRQDEMO_LINE, aux_handler, IRQF_SHARED, "irqdemo-aux", &aux_dev);
	if (ret)
		goto free_main;
	ret = misc_register(&irqdemo_misc);
	if (ret)
		goto free_aux;
	pr_info("irqdemo: line %d requested\n", IRQDEMO_LINE);
	return 0;
free_aux:
	free_irq(IRQDEMO_LINE, &aux_dev);
free_main:
	free_irq(IRQDEMO_LINE, &dev);
	return ret;
}

static void __exit irqdemo_exit(void)
{
	misc_deregister(&irqdemo_misc);
	pr_info("irqdemo: freeing %s\n", (const char *)free_irq(IRQDEMO_LINE, &aux_dev));
	free_irq(IRQDEMO_LINE, &dev);
	// A second free of the same action: Linux's WARN, "Trying to free already-free IRQ 5".
	free_irq(IRQDEMO_LINE, &dev);
}

module_init(irqdemo_init);
module_exit(irqdemo_exit);
MODULE_LICENSE("GPL");
