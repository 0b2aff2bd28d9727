/* A 4.4-era procfs driver: proc_create() with a struct file_operations (5.6 turned it
 * into struct proc_ops), single_open()'s seq_file for reading, a write that counts, and
 * the 32-bit-time API do_gettimeofday()/struct timeval that 5.x removed. */
#include <linux/module.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/time.h>
#include <linux/uaccess.h>

static int writes;
static struct timeval loaded_at;

static int counter44_show(struct seq_file *m, void *v)
{
	seq_printf(m, "writes: %d\nloaded at: %ld.%06ld\n", writes, loaded_at.tv_sec, loaded_at.tv_usec);
	return 0;
}

static int counter44_open(struct inode *inode, struct file *file)
{
	return single_open(file, counter44_show, NULL);
}

static ssize_t counter44_write(struct file *file, const char __user *buf, size_t len, loff_t *off)
{
	char c;
	if (!access_ok(VERIFY_READ, buf, len) || (len && __get_user(c, buf)))
		return -EFAULT;
	writes++;
	return len;
}

static const struct file_operations counter44_fops = {
	.owner = THIS_MODULE,
	.open = counter44_open,
	.read = seq_read,
	.write = counter44_write,
	.llseek = seq_lseek,
	.release = single_release,
};

static int __init counter44_init(void)
{
	do_gettimeofday(&loaded_at);
	if (!proc_create("counter44", 0666, NULL, &counter44_fops))
		return -ENOMEM;
	pr_info("counter44: /proc/counter44 created\n");
	return 0;
}

static void __exit counter44_exit(void)
{
	remove_proc_entry("counter44", NULL);
	pr_info("counter44: removed after %d writes\n", writes);
}

module_init(counter44_init);
module_exit(counter44_exit);
MODULE_LICENSE("GPL");
