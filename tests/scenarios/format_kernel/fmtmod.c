// printk's format checked as gcc 12 checks it under the kernel's __printf(1, 2): argument
// types and counts; %pS, %pK, %px (lib/vsprintf.c's pointer extensions) take a pointer.
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/seq_file.h>

static long big = 5;
static int small = 2;

static int show(struct seq_file *m, void *v)
{
	seq_printf(m, "%lu\n", small);
	return 0;
}

static int __init fmtmod_init(void)
{
	pr_info("fmtmod: big=%d\n", big);
	printk(KERN_INFO "fmtmod: %s %d\n", small);
	pr_info("fmtmod: %d\n", small, big);
	pr_info("fmtmod: %pS %pK %px %pI4\n", fmtmod_init, &big, &small, &small);
	pr_info("fmtmod: %pS\n", big);
	WARN(small == 3, "fmtmod: %s\n", small);
	pr_info("fmtmod: ok %d %ld %zu %lu %llu %c %% %s\n", small, big, sizeof(big), sizeof(big), 3ULL, 'x', "str");
	return show != 0 ? 0 : 1;
}
module_init(fmtmod_init);
MODULE_LICENSE("GPL");
