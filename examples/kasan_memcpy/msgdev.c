// msgdev — /dev/msg keeps the last message written to it. The buffer is allocated with
// sizeof(last), the size of the pointer (8 bytes, kmalloc-8), where sizeof(*last) was
// meant: write() copies a whole 32-byte struct msg into it. The copy size is a constant
// and the buffer a global, so neither the compiler (__builtin_object_size) nor hardened
// usercopy (check_object_size() of a non-constant size) sees the overflow; KASAN does.
#include <linux/module.h>
#include <linux/miscdevice.h>
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

struct msg {
	u32 type;
	u32 len;
	char text[24];
};

static struct msg *last;

static ssize_t msg_write(struct file *f, const char __user *ubuf, size_t len, loff_t *pos)
{
	if (len != sizeof(*last))
		return -EINVAL;
	if (copy_from_user(last, ubuf, sizeof(*last)))
		return -EFAULT;
	pr_info("msgdev: message type %u, %u bytes\n", last->type, last->len);
	return len;
}

static const struct file_operations msg_fops = {
	.owner = THIS_MODULE,
	.write = msg_write,
};

static struct miscdevice msg_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "msg",
	.fops = &msg_fops,
};

static int __init msgdev_init(void)
{
	last = kzalloc(sizeof(last), GFP_KERNEL);   // the bug: sizeof(*last)
	if (!last)
		return -ENOMEM;
	return misc_register(&msg_dev);
}

static void __exit msgdev_exit(void)
{
	misc_deregister(&msg_dev);
	kfree(last);
}

module_init(msgdev_init);
module_exit(msgdev_exit);
MODULE_LICENSE("GPL");
