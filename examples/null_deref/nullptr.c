// nullptr — dereferences a NULL struct pointer in module_init (process context), while
// holding a mutex.
#include <linux/module.h>
#include <linux/mutex.h>

struct config {
	int version;
	int flags;
	int limit;
};

static DEFINE_MUTEX(cfg_lock);
static struct config *active;   // never set: NULL

static int read_limit(void)
{
	return active->limit;   // offset 8 from NULL
}

static int __init nullptr_init(void)
{
	mutex_lock(&cfg_lock);
	pr_info("nullptr: limit %d\n", read_limit());
	mutex_unlock(&cfg_lock);
	return 0;
}

static void __exit nullptr_exit(void)
{
}

module_init(nullptr_init);
module_exit(nullptr_exit);
MODULE_LICENSE("GPL");
