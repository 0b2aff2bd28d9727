// /proc/seqdemo/: a seq_file that spans several pages (with one record too big for the
// first buffer), a single_open() file of counters, and a writable knob that keeps the
// last number written.
#include <linux/module.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/uaccess.h>

#define NR_SQUARES 300
#define BIG_RECORD 150   // this record is longer than a page: seq_read doubles its buffer

static struct proc_dir_entry *dir;
static int opens, shows;
static long knob = 7;
static char knob_text[32];

// squares: one record per number; *pos is the number.
static void *squares_start(struct seq_file *m, loff_t *pos)
{
	return *pos < NR_SQUARES ? pos : NULL;
}

static void *squares_next(struct seq_file *m, void *v, loff_t *pos)
{
	++*pos;
	return *pos < NR_SQUARES ? pos : NULL;
}

static void squares_stop(struct seq_file *m, void *v)
{
}

static int squares_show(struct seq_file *m, void *v)
{
	long long n = *(loff_t *)v;

	shows++;
	if (n == BIG_RECORD) {
		int i;

		seq_printf(m, "%4lld: a long record:", n);
		for (i = 0; i < 600; i++)
			seq_puts(m, " 0123456");
		seq_putc(m, '\n');
		return 0;
	}
	seq_printf(m, "%4lld squared is %lld\n", n, n * n);
	return 0;
}

static const struct seq_operations squares_ops = {
	.start = squares_start,
	.next = squares_next,
	.stop = squares_stop,
	.show = squares_show,
};

static int squares_open(struct inode *inode, struct file *file)
{
	opens++;
	return seq_open(file, &squares_ops);
}

static const struct proc_ops squares_proc_ops = {
	.proc_open = squares_open,
	.proc_read = seq_read,
	.proc_lseek = seq_lseek,
	.proc_release = seq_release,
};

// stats: one record, the counters so far, and the entry's data (pde_data).
static int stats_show(struct seq_file *m, void *v)
{
	seq_printf(m, "opens: %d\nshows: %d\nknob: %ld\n", opens, shows, knob);
	seq_printf(m, "data: %s\n", (const char *)m->private);
	return 0;
}

// knob: read as text at any offset, written as a decimal number.
static ssize_t knob_read(struct file *file, char __user *buf, size_t count, loff_t *ppos)
{
	int len = snprintf(knob_text, sizeof(knob_text), "%ld\n", knob);

	return simple_read_from_buffer(buf, count, ppos, knob_text, len);
}

static ssize_t knob_write(struct file *file, const char __user *buf, size_t count, loff_t *ppos)
{
	char text[32] = {0};
	long value = 0;
	int i = 0, neg = 0;
	loff_t pos = 0;
	ssize_t n = simple_write_to_buffer(text, sizeof(text) - 1, &pos, buf, count);

	if (n < 0)
		return n;
	if (text[0] == '-') {
		neg = 1;
		i = 1;
	}
	for (; text[i] >= '0' && text[i] <= '9'; i++)
		value = value * 10 + (text[i] - '0');
	if (text[i] != '\0' && text[i] != '\n')
		return -EINVAL;
	knob = neg ? -value : value;
	pr_info("seqdemo: knob = %ld\n", knob);
	return count;
}

static loff_t knob_lseek(struct file *file, loff_t offset, int whence)
{
	return fixed_size_llseek(file, offset, whence, sizeof(knob_text));
}

static const struct proc_ops knob_proc_ops = {
	.proc_read = knob_read,
	.proc_write = knob_write,
	.proc_lseek = knob_lseek,
};

static int __init seqdemo_init(void)
{
	dir = proc_mkdir("seqdemo", NULL);
	if (!dir)
		return -ENOMEM;
	if (!proc_create("squares", 0444, dir, &squares_proc_ops) ||
	    !proc_create_single_data("stats", 0444, dir, stats_show, "made by seqdemo") ||
	    !proc_create("knob", 0644, dir, &knob_proc_ops)) {
		proc_remove(dir);
		return -ENOMEM;
	}
	pr_info("seqdemo: /proc/seqdemo ready\n");
	return 0;
}

static void __exit seqdemo_exit(void)
{
	remove_proc_subtree("seqdemo", NULL);
	pr_info("seqdemo: removed after %d opens\n", opens);
}

module_init(seqdemo_init);
module_exit(seqdemo_exit);
MODULE_LICENSE("GPL");
