// flood — n printk records at KERN_DEBUG (below the console loglevel: they go to the
// ring buffer only), then one the console shows.
#include <linux/module.h>
#include <linux/printk.h>
static int n = 10;
module_param(n, int, 0444);
static int __init flood_init(void)
{
	int i;
	for (i = 0; i < n; i++)
		printk(KERN_DEBUG "flood: record %d\n", i);
	pr_info("flood: %d records written\n", n);
	return 0;
}
static void __exit flood_exit(void) {}
module_init(flood_init);
module_exit(flood_exit);
MODULE_LICENSE("GPL");
