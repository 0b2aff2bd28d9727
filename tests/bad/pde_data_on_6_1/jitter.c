// A /proc file written for 5.16 or older: PDE_DATA() became pde_data() in 5.17, and
// <asm/hardirq.h> (which 6.1 still has) is accepted.
#include <linux/module.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <asm/hardirq.h>

MODULE_LICENSE("GPL");

static int jitter_show(struct seq_file *m, void *v)
{
	seq_printf(m, "%ld\n", (long)m->private);
	return 0;
}

static int jitter_open(struct inode *inode, struct file *file)
{
	return single_open(file, jitter_show, PDE_DATA(inode));
}

static const struct proc_ops jitter_ops = {
	.proc_open = jitter_open,
	.proc_read = seq_read,
	.proc_lseek = seq_lseek,
	.proc_release = single_release,
};

static int __init jitter_init(void)
{
	proc_create_data("jitter", 0, NULL, &jitter_ops, (void *)1);
	return 0;
}

module_init(jitter_init);
