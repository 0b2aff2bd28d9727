#include <linux/init.h>
#include <linux/module.h>
#include "beacon.h"

MODULE_LICENSE("GPL");

static int __init beacon_init(void)
{
	PDEBUG("debugging is on\n");
	pr_info("beacon: blinked %d times\n", beacon_blink(3));
	return 0;
}

static void __exit beacon_exit(void)
{
	pr_info("beacon: off\n");
}

module_init(beacon_init);
module_exit(beacon_exit);
