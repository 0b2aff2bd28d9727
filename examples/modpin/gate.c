// gate.ko: a /proc/gate file whose open() pins the module (try_module_get(THIS_MODULE))
// and whose release() unpins it; parameters visible under /sys/module/gate/parameters;
// commands parsed with the kernel's sscanf(); a static key switched by a command.
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/proc_fs.h>
#include <linux/uaccess.h>
#include <linux/jump_label.h>

static int limit = 3;
module_param(limit, int, 0644);
static char *label = "gate";
module_param(label, charp, 0444);
static int levels[4] = {1, 1, 1, 1};
static int nlevels;
module_param_array(levels, int, &nlevels, 0644);
static bool strict;
module_param(strict, bool, 0600);
static int hidden = 42;          // perm 0: no file in sysfs
module_param(hidden, int, 0);

static DEFINE_STATIC_KEY_FALSE(trace_key);
static int low, high;

static int gate_open(struct inode *inode, struct file *file)
{
	if (!try_module_get(THIS_MODULE))
		return -ENODEV;
	if (static_branch_unlikely(&trace_key))
		pr_info("gate: opened, module refcount %d\n", module_refcount(THIS_MODULE));
	return 0;
}

static int gate_release(struct inode *inode, struct file *file)
{
	module_put(THIS_MODULE);
	return 0;
}

static ssize_t gate_read(struct file *file, char __user *buf, size_t len, loff_t *off)
{
	char text[128];
	int n = snprintf(text, sizeof(text), "%s: range %d..%d, limit %d, trace %s, refcount %d\n", label, low,
			 high, limit, static_key_enabled(&trace_key) ? "on" : "off", module_refcount(THIS_MODULE));

	if (*off >= n)
		return 0;
	if (len > n - *off)
		len = n - *off;
	if (copy_to_user(buf, text + *off, len))
		return -EFAULT;
	*off += len;
	return len;
}

static ssize_t gate_write(struct file *file, const char __user *buf, size_t len, loff_t *off)
{
	char cmd[64], word[16];
	int a, b, used = 0;

	if (len >= sizeof(cmd))
		return -EINVAL;
	if (copy_from_user(cmd, buf, len))
		return -EFAULT;
	cmd[len] = 0;
	if (sscanf(cmd, "range %d %d%n", &a, &b, &used) == 2) {
		low = a;
		high = b;
		pr_info("gate: range %d..%d (%d characters)\n", low, high, used);
	} else if (sscanf(cmd, "trace %15s", word) == 1) {
		if (!strcmp(word, "on"))
			static_branch_enable(&trace_key);
		else
			static_branch_disable(&trace_key);
	} else if (sscanf(cmd, "mask %x", &a) == 1) {
		pr_info("gate: mask 0x%x\n", a);
	} else {
		pr_info("gate: bad command, sscanf matched nothing\n");
		return -EINVAL;
	}
	return len;
}

static const struct proc_ops gate_ops = {
	.proc_open = gate_open,
	.proc_release = gate_release,
	.proc_read = gate_read,
	.proc_write = gate_write,
};

static int __init gate_init(void)
{
	if (!proc_create("gate", 0666, NULL, &gate_ops))
		return -ENOMEM;
	pr_info("gate: %s, limit %d, %d levels given, hidden %d, strict %d\n", label, limit, nlevels, hidden, strict);
	return 0;
}

static void __exit gate_exit(void)
{
	remove_proc_entry("gate", NULL);
	pr_info("gate: removed, limit was %d\n", limit);
}

module_init(gate_init);
module_exit(gate_exit);
MODULE_LICENSE("GPL");
