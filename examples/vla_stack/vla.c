// vla — a variable-length array on the kernel stack. The kernel builds with
// -Wvla and has removed its VLAs because the 16 KiB stack is small and the length
// usually comes from outside: a large `len` runs into the stack guard page.
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/string.h>

static int len = 16;
module_param(len, int, 0444);

static int checksum(int n)
{
	u8 buf[n];
	int i, sum = 0;

	memset(buf, 0x5a, sizeof(buf));
	for (i = 0; i < n; i++)
		sum += buf[i];
	pr_info("vla: %zu bytes on the stack, checksum %d\n", sizeof(buf), sum);
	return sum;
}

static int __init vla_init(void)
{
	checksum(len);
	return 0;
}

static void __exit vla_exit(void)
{
}

module_init(vla_init);
module_exit(vla_exit);
MODULE_LICENSE("GPL");
