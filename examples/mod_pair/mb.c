// One of two modules with a 3 MiB array each (see README.md): module_alloc() gives
// each its own range of the module area, so neither's array covers the other's code or
// data. The addresses printed are the same on every run (no KASLR in kctx).
#include <linux/module.h>
#include <linux/kernel.h>

static char array_b[3 << 20];

static int __init mb_init(void)
{
	memset(array_b, 'b', sizeof(array_b));
	pr_info("mb: init at %px, array_b at %px..%px\n", mb_init, array_b, array_b + sizeof(array_b));
	return 0;
}

static void __exit mb_exit(void)
{
	size_t i, other = 0;

	for (i = 0; i < sizeof(array_b); i += 4096)
		if (array_b[i] != 'b' || array_b[i + 4095] != 'b')
			other++;
	pr_info("mb: %zu pages of array_b overwritten\n", other);
}

module_init(mb_init);
module_exit(mb_exit);
MODULE_LICENSE("GPL");
