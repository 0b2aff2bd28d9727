// A block driver's first lines, as LDD3's sbull starts: <linux/hdreg.h> and sector_t are
// 6.1's and compile; registering a block major is the block layer, which kctx does not
// simulate, and is said so at the call (the test: the only error is that one).
#include <linux/blkdev.h>
#include <linux/hdreg.h>
#include <linux/module.h>

static sector_t capacity = 2048;
static int major;

static int __init ramdisk_init(void)
{
	struct hd_geometry *geo = NULL;

	(void)geo;
	major = register_blkdev(0, "ramdisk");
	return major < 0 ? major : 0;
}

module_init(ramdisk_init);
MODULE_LICENSE("GPL");
