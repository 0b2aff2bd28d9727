// lossy — two byte channels, /dev/lossy and /dev/fixed. write() appends to a channel;
// read(len) waits until it has collected len bytes (a whole record) and then copies
// them out. The two differ only in what read() does when a signal interrupts the wait
// after some bytes were already taken from the channel:
//
//   /dev/lossy returns -ERESTARTSYS. The bytes it took are in its local buffer and
//   nowhere else: the restarted read() starts from scratch, and they are gone. This is
//   the bug LDD3 warns about: "If you return -ERESTARTSYS, you must first undo any
//   user-visible changes that might have been made".
//
//   /dev/fixed returns what it has read so far (a short read, as pipe_read() does), and
//   -ERESTARTSYS only when it has taken nothing. (Putting the bytes back before
//   returning -ERESTARTSYS would be the other correct fix.)
#include <linux/module.h>
#include <linux/miscdevice.h>
#include <linux/fs.h>
#include <linux/wait.h>
#include <linux/spinlock.h>
#include <linux/uaccess.h>
#include <linux/sched/signal.h>

#define RING 64
#define MAX_RECORD 32

struct chan {
	struct miscdevice misc;
	bool fixed;
	spinlock_t lock;
	wait_queue_head_t wait;
	unsigned int head, tail;   /* free-running: head - tail bytes are queued */
	char ring[RING];
};

static const struct file_operations chan_fops;

static struct chan lossy = {
	.misc = { .minor = MISC_DYNAMIC_MINOR, .name = "lossy", .fops = &chan_fops },
	.fixed = false,
};
static struct chan fixed = {
	.misc = { .minor = MISC_DYNAMIC_MINOR, .name = "fixed", .fops = &chan_fops },
	.fixed = true,
};

static struct chan *file_chan(struct file *f)
{
	/* misc_open() left the miscdevice in private_data */
	return container_of(f->private_data, struct chan, misc);
}

static bool chan_empty(struct chan *c)
{
	bool empty;

	spin_lock(&c->lock);
	empty = c->head == c->tail;
	spin_unlock(&c->lock);
	return empty;
}

static ssize_t chan_read(struct file *f, char __user *buf, size_t len, loff_t *off)
{
	struct chan *c = file_chan(f);
	char kbuf[MAX_RECORD];
	size_t got = 0;

	if (len > sizeof(kbuf))
		len = sizeof(kbuf);
	pr_info("%s: %s/%d wants %zu bytes\n", c->misc.name, current->comm, current->pid, len);
	while (got < len) {
		if (wait_event_interruptible(c->wait, !chan_empty(c))) {
			if (c->fixed && got > 0) {
				pr_info("%s: interrupted with %zu of %zu bytes: returning them\n", c->misc.name, got, len);
				break;
			}
			pr_info("%s: interrupted with %zu of %zu bytes: returning -ERESTARTSYS\n", c->misc.name, got, len);
			return -ERESTARTSYS;
		}
		spin_lock(&c->lock);
		while (got < len && c->tail != c->head)
			kbuf[got++] = c->ring[c->tail++ % RING];
		spin_unlock(&c->lock);
	}
	if (copy_to_user(buf, kbuf, got))
		return -EFAULT;
	return got;
}

static ssize_t chan_write(struct file *f, const char __user *buf, size_t len, loff_t *off)
{
	struct chan *c = file_chan(f);
	char kbuf[RING];
	size_t i;

	spin_lock(&c->lock);
	if (len > RING - (c->head - c->tail))
		len = RING - (c->head - c->tail);
	spin_unlock(&c->lock);
	if (copy_from_user(kbuf, buf, len))
		return -EFAULT;
	spin_lock(&c->lock);
	for (i = 0; i < len; i++)
		c->ring[c->head++ % RING] = kbuf[i];
	spin_unlock(&c->lock);
	wake_up_interruptible(&c->wait);
	return len;
}

static const struct file_operations chan_fops = {
	.owner = THIS_MODULE,
	.read = chan_read,
	.write = chan_write,
};

static int __init lossy_init(void)
{
	int err;

	spin_lock_init(&lossy.lock);
	spin_lock_init(&fixed.lock);
	init_waitqueue_head(&lossy.wait);
	init_waitqueue_head(&fixed.wait);
	err = misc_register(&lossy.misc);
	if (err)
		return err;
	err = misc_register(&fixed.misc);
	if (err)
		misc_deregister(&lossy.misc);
	return err;
}

static void __exit lossy_exit(void)
{
	misc_deregister(&fixed.misc);
	misc_deregister(&lossy.misc);
}

module_init(lossy_init);
module_exit(lossy_exit);
MODULE_LICENSE("GPL");
