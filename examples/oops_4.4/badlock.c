// badlock — a NULL struct pointer dereferenced in module_init while a spinlock is held.
#include <linux/module.h>
#include <linux/spinlock.h>

struct stats {
	long reads;
	long writes;
};

static DEFINE_SPINLOCK(stats_lock);
static struct stats *current_stats;   // never allocated: NULL

static void count_write(void)
{
	current_stats->writes = 1;   // a write at offset 8 from NULL
}

static int __init badlock_init(void)
{
	spin_lock(&stats_lock);
	count_write();
	spin_unlock(&stats_lock);
	return 0;
}

static void __exit badlock_exit(void)
{
}

module_init(badlock_init);
module_exit(badlock_exit);
MODULE_LICENSE("GPL");
