// One line at each printk level, every time chatter's file is read.
#include <linux/module.h>
#include <linux/miscdevice.h>
#include <linux/fs.h>

MODULE_LICENSE("GPL");

static ssize_t chatter_read(struct file *f, char __user *buf, size_t n, loff_t *pos)
{
	printk(KERN_EMERG "chatter: emerg (0)\n");
	printk(KERN_ERR "chatter: err (3)\n");
	printk(KERN_WARNING "chatter: warning (4)\n");
	printk(KERN_INFO "chatter: info (6)\n");
	printk(KERN_DEBUG "chatter: debug (7)\n");
	return 0;
}

static const struct file_operations chatter_fops = {
	.owner = THIS_MODULE,
	.read = chatter_read,
};

static struct miscdevice chatter_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "chatter",
	.fops = &chatter_fops,
};

module_misc_device(chatter_dev);
