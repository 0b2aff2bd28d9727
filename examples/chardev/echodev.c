// echodev — two character drivers, one of each kind:
//   /dev/echo    a misc device (misc_register): a 64-byte buffer that read() and write()
//                reach at the file position, with llseek and two ioctls;
//   "legacy"     a register_chrdev() driver with a dynamic major and only read(): no
//                node appears in /dev by itself, user space makes one with mknod.
#include <linux/module.h>
#include <linux/miscdevice.h>
#include <linux/fs.h>
#include <linux/uaccess.h>
#include <linux/mutex.h>
#include <linux/sched.h>

#define ECHO_SIZE 64
#define ECHO_CLEAR _IO('e', 1)
#define ECHO_GETLEN _IOR('e', 2, int)

static DEFINE_MUTEX(echo_lock);
static char echo_buf[ECHO_SIZE];
static int echo_len;
static int legacy_major;

static int echo_open(struct inode *inode, struct file *f)
{
	pr_info("echo: opened by %s/%d, minor %u, flags %#o\n", current->comm, current->pid, iminor(inode), f->f_flags);
	return 0;
}

static int echo_release(struct inode *inode, struct file *f)
{
	pr_info("echo: released by %s/%d\n", current->comm, current->pid);
	return 0;
}

static ssize_t echo_read(struct file *f, char __user *buf, size_t len, loff_t *pos)
{
	ssize_t n;

	mutex_lock(&echo_lock);
	if (*pos >= echo_len) {
		mutex_unlock(&echo_lock);
		return 0;
	}
	n = min((size_t)(echo_len - *pos), len);
	if (copy_to_user(buf, echo_buf + *pos, n)) {
		mutex_unlock(&echo_lock);
		return -EFAULT;
	}
	*pos += n;
	mutex_unlock(&echo_lock);
	return n;
}

static ssize_t echo_write(struct file *f, const char __user *buf, size_t len, loff_t *pos)
{
	ssize_t n;

	mutex_lock(&echo_lock);
	if (*pos >= ECHO_SIZE) {
		mutex_unlock(&echo_lock);
		return -ENOSPC;
	}
	n = min((size_t)(ECHO_SIZE - *pos), len);
	if (copy_from_user(echo_buf + *pos, buf, n)) {
		mutex_unlock(&echo_lock);
		return -EFAULT;
	}
	*pos += n;
	if (*pos > echo_len)
		echo_len = *pos;
	mutex_unlock(&echo_lock);
	return n;
}

static loff_t echo_llseek(struct file *f, loff_t off, int whence)
{
	loff_t pos;

	switch (whence) {
	case SEEK_SET: pos = off; break;
	case SEEK_CUR: pos = f->f_pos + off; break;
	case SEEK_END: pos = echo_len + off; break;
	default: return -EINVAL;
	}
	if (pos < 0 || pos > ECHO_SIZE)
		return -EINVAL;
	f->f_pos = pos;
	return pos;
}

static long echo_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	switch (cmd) {
	case ECHO_CLEAR:
		mutex_lock(&echo_lock);
		echo_len = 0;
		mutex_unlock(&echo_lock);
		return 0;
	case ECHO_GETLEN:
		return put_user(echo_len, (int __user *)arg);
	}
	return -ENOTTY;
}

static const struct file_operations echo_fops = {
	.owner = THIS_MODULE,
	.open = echo_open,
	.release = echo_release,
	.read = echo_read,
	.write = echo_write,
	.llseek = echo_llseek,
	.unlocked_ioctl = echo_ioctl,
};

static struct miscdevice echo_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "echo",
	.fops = &echo_fops,
};

static ssize_t legacy_read(struct file *f, char __user *buf, size_t len, loff_t *pos)
{
	static const char msg[] = "legacy device\n";
	size_t n = sizeof(msg) - 1;

	if (*pos >= n)
		return 0;
	n = min(n - (size_t)*pos, len);
	if (copy_to_user(buf, msg + *pos, n))
		return -EFAULT;
	*pos += n;
	return n;
}

static const struct file_operations legacy_fops = {
	.owner = THIS_MODULE,
	.read = legacy_read,
};

static int __init echodev_init(void)
{
	int err = misc_register(&echo_dev);

	if (err)
		return err;
	pr_info("echo: misc device, minor %d\n", echo_dev.minor);
	legacy_major = register_chrdev(0, "legacy", &legacy_fops);
	if (legacy_major < 0) {
		misc_deregister(&echo_dev);
		return legacy_major;
	}
	pr_info("legacy: major %d\n", legacy_major);
	return 0;
}

static void __exit echodev_exit(void)
{
	unregister_chrdev(legacy_major, "legacy");
	misc_deregister(&echo_dev);
}

module_init(echodev_init);
module_exit(echodev_exit);
MODULE_LICENSE("GPL");
