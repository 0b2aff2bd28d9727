// tally.ko, part 1: module entry and exit. The counting lives in tally_store.c; both
// files include "tally.h" from include/ (Makefile: ccflags-y += -I$(src)/include).
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/version.h>

#include "tally.h"
#include "tally.h"   /* twice: the guard keeps it to one definition */

/* Another find() than tally_store.c's: each file's statics are its own. */
static const char *find(unsigned int i)
{
	return i < TALLY_SLOTS ? tally_slots[i].label : NULL;
}

static int __init tally_init(void)
{
	static const char *const words[] = {"read", "write", "read", "poll", "read", "write"};
	unsigned int i;

#if LINUX_VERSION_CODE >= KERNEL_VERSION(5, 6, 0)
	pr_info("tally: built for %d.%d.%d (code %d), %d slots\n", LINUX_VERSION_MAJOR,
		LINUX_VERSION_PATCHLEVEL, LINUX_VERSION_SUBLEVEL, LINUX_VERSION_CODE, TALLY_SLOTS);
#else
	pr_info("tally: an old kernel\n");
#endif
	for (i = 0; i < ARRAY_SIZE(words); i++)
		if (tally_hit(words[i]) < 0)
			pr_warn("tally: no slot left for %s\n", words[i]);
	return 0;
}

static void __exit tally_exit(void)
{
	unsigned int i;

	for (i = 0; find(i); i++)
		pr_info("tally: %-5s %u\n", find(i), tally_slots[i].hits);
	pr_info("tally: %u in all (module %s)\n", tally_total(), KBUILD_MODNAME);
}

module_init(tally_init);
module_exit(tally_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("a module linked from two files");
