// A /proc file set up as before 5.6, with a struct file_operations: 6.1's proc_create()
// takes a struct proc_ops, and the kernel's Makefile makes the mismatch an error
// (-Werror=incompatible-pointer-types), as LDD3's seq.c meets it.
#include <linux/module.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>

MODULE_LICENSE("GPL");

static int counter_show(struct seq_file *m, void *v)
{
	seq_puts(m, "1\n");
	return 0;
}

static int counter_open(struct inode *inode, struct file *file)
{
	return single_open(file, counter_show, NULL);
}

static const struct file_operations counter_fops = {
	.owner = THIS_MODULE,
	.open = counter_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = single_release,
};

static int __init counter_init(void)
{
	proc_create("counter", 0, NULL, &counter_fops);
	return 0;
}

module_init(counter_init);
