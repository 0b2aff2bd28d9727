// A module with debugfs knobs, written to be checked by a test script: a u32 shown by
// debugfs itself, a value parsed with kstrtoull_from_user() and refused above the limit,
// and an 8-byte label that refuses what does not fit (ENOSPC); THIS_MODULE->name in its
// first message. Its module_init() and
// module_exit() have no ';' after them, as many modules write them: Linux's macros end
// in one.
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/uaccess.h>

static struct dentry *dir;
static u32 limit = 100;
static u64 value;
static char label[8] = "none";
static size_t label_len = 4;

static ssize_t value_write(struct file *f, const char __user *buf, size_t len, loff_t *off)
{
	unsigned long long v;
	int err = kstrtoull_from_user(buf, len, 0, &v);

	if (err)
		return err;
	if (v > limit)
		return -ERANGE;
	value = v;
	return len;
}

static ssize_t value_read(struct file *f, char __user *buf, size_t len, loff_t *off)
{
	char text[24];
	int n = scnprintf(text, sizeof(text), "%llu\n", value);

	return simple_read_from_buffer(buf, len, off, text, n);
}

static const struct file_operations value_fops = {
	.owner = THIS_MODULE,
	.read = value_read,
	.write = value_write,
};

static ssize_t label_write(struct file *f, const char __user *buf, size_t len, loff_t *off)
{
	if (len > sizeof(label))
		return -ENOSPC;
	if (copy_from_user(label, buf, len))
		return -EFAULT;
	label_len = len;
	return len;
}

static ssize_t label_read(struct file *f, char __user *buf, size_t len, loff_t *off)
{
	return simple_read_from_buffer(buf, len, off, label, label_len);
}

static const struct file_operations label_fops = {
	.owner = THIS_MODULE,
	.read = label_read,
	.write = label_write,
};

static int __init knob_init(void)
{
	dir = debugfs_create_dir("knob", NULL);
	debugfs_create_u32("limit", 0644, dir, &limit);
	debugfs_create_file("value", 0644, dir, NULL, &value_fops);
	debugfs_create_file("label", 0644, dir, NULL, &label_fops);
	pr_info("%s: ready, limit %u\n", THIS_MODULE->name, limit);
	return 0;
}

static void __exit knob_exit(void)
{
	debugfs_remove_recursive(dir);
	pr_info("knob: value %llu, label of %zu bytes\n", value, label_len);
}

module_init(knob_init)
module_exit(knob_exit)
MODULE_LICENSE("GPL");
MODULE_VERSION("1.2");
