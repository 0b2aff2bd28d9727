// lines — a misc device that reads as five numbered lines, then end of file, and a
// register_chrdev() driver (major 231) that the script reaches through mknod.
#include <linux/module.h>
#include <linux/miscdevice.h>
#include <linux/fs.h>
#include <linux/uaccess.h>

static const char lines_text[] = "line 1: alpha\nline 2: beta\nline 3: gamma\nline 4: delta\nline 5: epsilon\n";

static ssize_t lines_read(struct file *file, char __user *buf, size_t count, loff_t *ppos)
{
	size_t left;

	if (*ppos >= sizeof(lines_text) - 1)
		return 0;
	left = sizeof(lines_text) - 1 - *ppos;
	if (count > left)
		count = left;
	if (copy_to_user(buf, lines_text + *ppos, count))
		return -EFAULT;
	*ppos += count;
	return count;
}

static int lines_open(struct inode *inode, struct file *file)
{
	pr_info("lines: opened by %s\n", current->comm);
	return 0;
}

static const struct file_operations lines_fops = {
	.owner = THIS_MODULE,
	.open = lines_open,
	.read = lines_read,
};

static struct miscdevice lines_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "lines",
	.fops = &lines_fops,
};

static int __init lines_init(void)
{
	int ret = register_chrdev(231, "lines_chr", &lines_fops);

	if (ret < 0)
		return ret;
	ret = misc_register(&lines_dev);
	if (ret) {
		unregister_chrdev(231, "lines_chr");
		return ret;
	}
	pr_info("lines: loaded\n");
	return 0;
}

static void __exit lines_exit(void)
{
	misc_deregister(&lines_dev);
	unregister_chrdev(231, "lines_chr");
	pr_info("lines: unloaded\n");
}

module_init(lines_init);
module_exit(lines_exit);
MODULE_LICENSE("GPL");
