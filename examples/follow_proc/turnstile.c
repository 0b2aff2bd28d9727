/* A /proc file one process at a time may hold open: the next opener sleeps until the
 * holder closes it (or gets -EAGAIN with O_NONBLOCK), and each read gives one line
 * followed by end of file, the way guide-style proc handlers count their reads. */
#include <linux/module.h>
#include <linux/proc_fs.h>
#include <linux/sched.h>
#include <linux/uaccess.h>
#include <linux/wait.h>

#define NOTE_MAX 64

static struct proc_dir_entry *entry;
static DECLARE_WAIT_QUEUE_HEAD(turn_wait);
static int holders;
static int handed_out;
static char note[NOTE_MAX] = "nothing yet";

static int turn_open(struct inode *inode, struct file *file)
{
	if ((file->f_flags & O_NONBLOCK) && holders)
		return -EAGAIN;
	if (wait_event_interruptible(turn_wait, holders == 0))
		return -ERESTARTSYS;
	holders = 1;
	handed_out = 0;
	pr_info("turnstile: %s[%d] holds it\n", current->comm, current->pid);
	return 0;
}

static int turn_release(struct inode *inode, struct file *file)
{
	holders = 0;
	pr_info("turnstile: %s[%d] lets go\n", current->comm, current->pid);
	wake_up_interruptible(&turn_wait);
	return 0;
}

static ssize_t turn_read(struct file *file, char __user *buf, size_t len, loff_t *off)
{
	char line[NOTE_MAX + 8];
	int n;

	/* One line, then end of file, then the line again: tail -f sees it each second. */
	if (handed_out) {
		handed_out = 0;
		return 0;
	}
	n = scnprintf(line, sizeof(line), "note: %s\n", note);
	if (n > len)
		n = len;
	if (copy_to_user(buf, line, n))
		return -EFAULT;
	handed_out = 1;
	return n;
}

static ssize_t turn_write(struct file *file, const char __user *buf, size_t len, loff_t *off)
{
	size_t n = min_t(size_t, len, NOTE_MAX - 1);

	if (copy_from_user(note, buf, n))
		return -EFAULT;
	note[n] = '\0';
	if (n && note[n - 1] == '\n')
		note[n - 1] = '\0';
	return len;
}

static const struct proc_ops turn_ops = {
	.proc_open = turn_open,
	.proc_release = turn_release,
	.proc_read = turn_read,
	.proc_write = turn_write,
};

static int __init turnstile_init(void)
{
	entry = proc_create("turnstile", 0644, NULL, &turn_ops);
	if (!entry)
		return -ENOMEM;
	proc_set_size(entry, 80);
	return 0;
}

static void __exit turnstile_exit(void)
{
	proc_remove(entry);
}

module_init(turnstile_init);
module_exit(turnstile_exit);
MODULE_LICENSE("GPL");
