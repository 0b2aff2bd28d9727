// One of two modules with a 3 MiB array each (see README.md): module_alloc() gives
// each its own range of the module area, so neither's array covers the other's code or
// data. The addresses printed are the same on every run (no KASLR in kctx).
#include <linux/module.h>
#include <linux/kernel.h>

static char array_a[3 << 20];

static int __init ma_init(void)
{
	memset(array_a, 'a', sizeof(array_a));
	pr_info("ma: init at %px, array_a at %px..%px\n", ma_init, array_a, array_a + sizeof(array_a));
	return 0;
}

static void __exit ma_exit(void)
{
	size_t i, other = 0;

	for (i = 0; i < sizeof(array_a); i += 4096)
		if (array_a[i] != 'a' || array_a[i + 4095] != 'a')
			other++;
	pr_info("ma: %zu pages of array_a overwritten\n", other);
}

module_init(ma_init);
module_exit(ma_exit);
MODULE_LICENSE("GPL");
