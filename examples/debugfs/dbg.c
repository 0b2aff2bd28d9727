// debugfs: a directory of number files (u32, x64, bool), a seq_file made with
// DEFINE_SHOW_ATTRIBUTE, and a second directory of the same name, which debugfs refuses.
#include <linux/module.h>
#include <linux/debugfs.h>
#include <linux/seq_file.h>
static struct dentry *d;
static u32 cnt = 5;
static u64 big = 0x1234;
static bool flag;
static int info_show(struct seq_file *m, void *v) { seq_printf(m, "cnt=%u flag=%d\n", cnt, flag); return 0; }
DEFINE_SHOW_ATTRIBUTE(info);
static int __init dbg_init(void)
{
	d = debugfs_create_dir("dbg", NULL);
	debugfs_create_u32("cnt", 0644, d, &cnt);
	debugfs_create_x64("big", 0444, d, &big);
	debugfs_create_bool("flag", 0644, d, &flag);
	debugfs_create_file("info", 0444, d, NULL, &info_fops);
	debugfs_create_dir("dbg", NULL);
	return 0;
}
static void __exit dbg_exit(void) { debugfs_remove_recursive(d); }
module_init(dbg_init);
module_exit(dbg_exit);
MODULE_LICENSE("GPL");
