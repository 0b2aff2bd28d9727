// Four ways a driver decides who may open it, as LDD3's chapter 6 ("Access Control on a
// Device File") lists them, each with the Linux 6.1 API it takes:
//   gate_single  one opener at a time: an atomic_t counts down from 1 (-EBUSY)
//   gate_owner   the first opener's uid owns it: uid_eq(), current_uid()/current_euid(),
//                capable(CAP_DAC_OVERRIDE)
//   gate_wait    one opener at a time, the others sleep in open() until the last close
//                wakes them (wake_up_interruptible_sync()); O_NONBLOCK gets -EAGAIN
//   gate_tty     one per controlling terminal: current->signal->tty, tty_devnum()
// Each cdev's kobject is named with kobject_set_name(); an open for writing only
// (O_ACCMODE == O_WRONLY) empties the gate's log, as a file opened with O_TRUNC would be.
#include <linux/module.h>
#include <linux/fs.h>
#include <linux/cdev.h>
#include <linux/cred.h>
#include <linux/sched/signal.h>
#include <linux/tty.h>
#include <linux/wait.h>

MODULE_LICENSE("GPL");

enum gate_kind { GATE_SINGLE, GATE_OWNER, GATE_WAIT, GATE_TTY, NR_GATES };

struct gate {
	struct cdev cdev;
	enum gate_kind kind;
	int opens;        // open files now
	int log_len;      // bytes "written" since the last write-only open
	kuid_t owner;
};

static const char *const gate_names[NR_GATES] = { "gate_single", "gate_owner", "gate_wait", "gate_tty" };
static struct gate gates[NR_GATES];
static dev_t first;
static atomic_t single_available = ATOMIC_INIT(1);
static DEFINE_SPINLOCK(gate_lock);
static DECLARE_WAIT_QUEUE_HEAD(gate_waitq);

static bool owner_may_open(struct gate *g)
{
	return g->opens == 0 || uid_eq(g->owner, current_uid()) || uid_eq(g->owner, current_euid()) ||
	       capable(CAP_DAC_OVERRIDE);
}

static bool wait_gate_free(struct gate *g)
{
	bool free;

	spin_lock(&gate_lock);
	free = g->opens == 0;
	spin_unlock(&gate_lock);
	return free;
}

static int gate_admit(struct gate *g, struct file *filp)
{
	switch (g->kind) {
	case GATE_SINGLE:
		if (!atomic_dec_and_test(&single_available)) {
			atomic_inc(&single_available);
			return -EBUSY;
		}
		return 0;
	case GATE_OWNER:
		spin_lock(&gate_lock);
		if (!owner_may_open(g)) {
			spin_unlock(&gate_lock);
			return -EBUSY;
		}
		if (g->opens == 0)
			g->owner = current_uid();
		spin_unlock(&gate_lock);
		return 0;
	case GATE_WAIT:
		spin_lock(&gate_lock);
		while (g->opens) {
			spin_unlock(&gate_lock);
			if (filp->f_flags & O_NONBLOCK)
				return -EAGAIN;
			pr_info("gates: %s (%d) waits for gate_wait\n", current->comm, current->pid);
			if (wait_event_interruptible(gate_waitq, wait_gate_free(g)))
				return -ERESTARTSYS;
			spin_lock(&gate_lock);
		}
		spin_unlock(&gate_lock);
		return 0;
	case GATE_TTY:
		// A process started by init or a script has no controlling terminal.
		if (!current->signal->tty) {
			pr_info("gates: %s has no controlling tty\n", current->comm);
			return -EINVAL;
		}
		pr_info("gates: tty %x\n", tty_devnum(current->signal->tty));
		return 0;
	default:
		return -ENODEV;
	}
}

static int gate_open(struct inode *inode, struct file *filp)
{
	struct gate *g = container_of(inode->i_cdev, struct gate, cdev);
	int ret = gate_admit(g, filp);

	if (ret)
		return ret;
	spin_lock(&gate_lock);
	g->opens++;
	spin_unlock(&gate_lock);
	if ((filp->f_flags & O_ACCMODE) == O_WRONLY)
		g->log_len = 0;
	filp->private_data = g;
	pr_info("gates: %s opened by %s (%d)\n", kobject_name(&g->cdev.kobj), current->comm, current->pid);
	return 0;
}

static int gate_release(struct inode *inode, struct file *filp)
{
	struct gate *g = filp->private_data;
	int left;

	spin_lock(&gate_lock);
	left = --g->opens;
	spin_unlock(&gate_lock);
	if (g->kind == GATE_SINGLE)
		atomic_inc(&single_available);
	if (g->kind == GATE_WAIT && left == 0)
		wake_up_interruptible_sync(&gate_waitq);
	return 0;
}

static ssize_t gate_write(struct file *filp, const char __user *buf, size_t count, loff_t *pos)
{
	struct gate *g = filp->private_data;

	g->log_len += count;
	return count;
}

static ssize_t gate_read(struct file *filp, char __user *buf, size_t count, loff_t *pos)
{
	struct gate *g = filp->private_data;
	char line[32];
	int len = snprintf(line, sizeof(line), "%d\n", g->log_len);

	return simple_read_from_buffer(buf, count, pos, line, len);
}

static const struct file_operations gate_fops = {
	.owner = THIS_MODULE,
	.llseek = default_llseek,
	.open = gate_open,
	.release = gate_release,
	.read = gate_read,
	.write = gate_write,
};

static int __init gates_init(void)
{
	int i, err = alloc_chrdev_region(&first, 0, NR_GATES, "gates");

	if (err)
		return err;
	for (i = 0; i < NR_GATES; i++) {
		gates[i].kind = i;
		cdev_init(&gates[i].cdev, &gate_fops);
		gates[i].cdev.owner = THIS_MODULE;
		kobject_set_name(&gates[i].cdev.kobj, "%s", gate_names[i]);
		err = cdev_add(&gates[i].cdev, first + i, 1);
		if (err)
			pr_notice("gates: error %d adding %s\n", err, gate_names[i]);
		else
			pr_info("gates: %s registered at %x\n", kobject_name(&gates[i].cdev.kobj), first + i);
	}
	return 0;
}

static void __exit gates_exit(void)
{
	int i;

	for (i = 0; i < NR_GATES; i++)
		cdev_del(&gates[i].cdev);
	unregister_chrdev_region(first, NR_GATES);
}

module_init(gates_init);
module_exit(gates_exit);
