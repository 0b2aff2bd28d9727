// What fs/proc/generic.c warns about: a name already taken in its directory, a remove
// of a name that is not there, and a directory removed with its files still in it.
#include <linux/module.h>
#include <linux/proc_fs.h>

static const struct proc_ops empty_ops = {
	.proc_flags = 0,
};

static int __init procdup_init(void)
{
	struct proc_dir_entry *d;

	// /proc/seqdemo is seqdemo.ko's directory: proc_register() refuses a second one.
	if (!proc_mkdir("seqdemo", NULL))
		pr_info("procdup: proc_mkdir(\"seqdemo\") returned NULL\n");
	// A path through an existing directory works; one through a missing one does not.
	if (proc_create("seqdemo/extra", 0444, NULL, &empty_ops))
		pr_info("procdup: made /proc/seqdemo/extra\n");
	if (!proc_create("nodir/file", 0444, NULL, &empty_ops))
		pr_info("procdup: no /proc/nodir\n");
	d = proc_mkdir("procdup", NULL);
	proc_create("left", 0444, d, &empty_ops);
	return 0;
}

static void __exit procdup_exit(void)
{
	remove_proc_entry("seqdemo/extra", NULL);
	remove_proc_entry("never-made", NULL);
	remove_proc_entry("procdup", NULL);
}

module_init(procdup_init);
module_exit(procdup_exit);
MODULE_LICENSE("GPL");
