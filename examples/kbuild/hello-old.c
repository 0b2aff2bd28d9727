// hello-old.ko: init_module() and cleanup_module() are the entry points themselves, as
// before module_init() existed; the file's '-' is '_' in the module's name.
#include <linux/kernel.h>
#include <linux/module.h>

int init_module(void)
{
	pr_info("%s: init_module() with no module_init()\n", KBUILD_MODNAME);
	return 0;
}

void cleanup_module(void)
{
	pr_info("%s: cleanup_module()\n", KBUILD_MODNAME);
}

MODULE_LICENSE("GPL");
