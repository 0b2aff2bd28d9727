// ticker — a misc device /dev/ticker that produces one byte ('a', 'b', …) every 100 ms
// from a timer, for readers that block, poll, select or ask for SIGIO:
//   .read    sleeps on the wait queue until a byte is there, or -EAGAIN with O_NONBLOCK;
//   .poll    poll_wait() on the queue, EPOLLIN when a byte is waiting;
//   .fasync  fasync_helper(): the timer's kill_fasync() signals every file on the list.
#include <linux/module.h>
#include <linux/miscdevice.h>
#include <linux/fs.h>
#include <linux/poll.h>
#include <linux/timer.h>
#include <linux/wait.h>
#include <linux/spinlock.h>
#include <linux/uaccess.h>

#define TICK_MS 100

static DECLARE_WAIT_QUEUE_HEAD(ticker_wait);
static DEFINE_SPINLOCK(ticker_lock);
static struct fasync_struct *ticker_async;
static struct timer_list ticker_timer;
static char ticker_buf[16];
static int ticker_len;
static int ticker_next;

static void ticker_tick(struct timer_list *t)
{
	unsigned long flags;

	spin_lock_irqsave(&ticker_lock, flags);
	if (ticker_len < (int)sizeof(ticker_buf))
		ticker_buf[ticker_len++] = 'a' + ticker_next++ % 26;
	spin_unlock_irqrestore(&ticker_lock, flags);
	wake_up_interruptible(&ticker_wait);
	kill_fasync(&ticker_async, SIGIO, POLL_IN);
	mod_timer(&ticker_timer, jiffies + msecs_to_jiffies(TICK_MS));
}

static ssize_t ticker_read(struct file *f, char __user *buf, size_t len, loff_t *pos)
{
	char c;

	if (!len)
		return 0;
	for (;;) {
		spin_lock_irq(&ticker_lock);
		if (ticker_len)
			break;
		spin_unlock_irq(&ticker_lock);
		if (f->f_flags & O_NONBLOCK)
			return -EAGAIN;
		if (wait_event_interruptible(ticker_wait, READ_ONCE(ticker_len) > 0))
			return -ERESTARTSYS;
	}
	c = ticker_buf[0];
	memmove(ticker_buf, ticker_buf + 1, --ticker_len);
	spin_unlock_irq(&ticker_lock);
	if (copy_to_user(buf, &c, 1))
		return -EFAULT;
	return 1;
}

static __poll_t ticker_poll(struct file *f, struct poll_table_struct *wait)
{
	__poll_t mask = 0;

	poll_wait(f, &ticker_wait, wait);
	if (READ_ONCE(ticker_len))
		mask |= EPOLLIN | EPOLLRDNORM;
	return mask;
}

static int ticker_fasync(int fd, struct file *f, int on)
{
	pr_info("ticker: fasync fd %d %s\n", fd, on ? "on" : "off");
	return fasync_helper(fd, f, on, &ticker_async);
}

static int ticker_release(struct inode *inode, struct file *f)
{
	// Off the fasync list, as every driver with ->fasync does on its last close.
	fasync_helper(-1, f, 0, &ticker_async);
	return 0;
}

static const struct file_operations ticker_fops = {
	.owner = THIS_MODULE,
	.read = ticker_read,
	.poll = ticker_poll,
	.fasync = ticker_fasync,
	.release = ticker_release,
};

static struct miscdevice ticker_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "ticker",
	.fops = &ticker_fops,
};

static int __init ticker_init(void)
{
	int ret = misc_register(&ticker_dev);

	if (ret)
		return ret;
	timer_setup(&ticker_timer, ticker_tick, 0);
	mod_timer(&ticker_timer, jiffies + msecs_to_jiffies(TICK_MS));
	pr_info("ticker: a byte every %d ms\n", TICK_MS);
	return 0;
}

static void __exit ticker_exit(void)
{
	del_timer_sync(&ticker_timer);
	misc_deregister(&ticker_dev);
}

module_init(ticker_init);
module_exit(ticker_exit);
MODULE_LICENSE("GPL");
