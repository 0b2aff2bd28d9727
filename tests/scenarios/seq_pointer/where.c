// %p in a /proc file's show(), which runs for the reading process (cat): lib/vsprintf.c
// prints a hashed id for a pointer and zeros for NULL, never the address (LDD3's
// /proc/scullmem prints its quantum sets this way).
#include <linux/module.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/slab.h>

MODULE_LICENSE("GPL");

static void *thing;

static int where_show(struct seq_file *m, void *v)
{
	char line[64];

	seq_printf(m, "thing at %p, next at %p\n", thing, NULL);
	snprintf(line, sizeof(line), "%8p|%p", NULL, thing);
	seq_printf(m, "%s\n", line);
	return 0;
}

static int __init where_init(void)
{
	thing = kmalloc(32, GFP_KERNEL);
	proc_create_single("where", 0444, NULL, where_show);
	return 0;
}

static void __exit where_exit(void)
{
	remove_proc_entry("where", NULL);
	kfree(thing);
}

module_init(where_init);
module_exit(where_exit);
