// beeper: two character devices the way out-of-tree drivers make them, for ls and stat()
// to look at: a dynamic region of two minors, one struct cdev for both, and a class with
// a device per minor, so that devtmpfs makes /dev/beeper0 and /dev/beeper1 and sysfs
// /sys/class/beeper/beeperN.
#include <linux/cdev.h>
#include <linux/device.h>
#include <linux/fs.h>
#include <linux/module.h>
#include <linux/uaccess.h>

#define NBEEPERS 2

static dev_t beeper_base;
static struct cdev beeper_cdev;
static struct class *beeper_class;

static ssize_t beeper_read(struct file *file, char __user *buf, size_t count, loff_t *pos)
{
	static const char beep[] = "beep\n";

	return simple_read_from_buffer(buf, count, pos, beep, sizeof(beep) - 1);
}

static const struct file_operations beeper_fops = {
	.owner = THIS_MODULE,
	.read = beeper_read,
};

static int __init beeper_init(void)
{
	int i, err;

	err = alloc_chrdev_region(&beeper_base, 0, NBEEPERS, "beeper");
	if (err)
		return err;
	cdev_init(&beeper_cdev, &beeper_fops);
	err = cdev_add(&beeper_cdev, beeper_base, NBEEPERS);
	if (err)
		goto out_region;
	beeper_class = class_create(THIS_MODULE, "beeper");
	if (IS_ERR(beeper_class)) {
		err = PTR_ERR(beeper_class);
		goto out_cdev;
	}
	for (i = 0; i < NBEEPERS; i++) {
		struct device *dev = device_create(beeper_class, NULL, MKDEV(MAJOR(beeper_base), i), NULL, "beeper%d", i);

		if (IS_ERR(dev)) {
			err = PTR_ERR(dev);
			goto out_devices;
		}
	}
	pr_info("beeper: major %d\n", MAJOR(beeper_base));
	return 0;

out_devices:
	while (--i >= 0)
		device_destroy(beeper_class, MKDEV(MAJOR(beeper_base), i));
	class_destroy(beeper_class);
out_cdev:
	cdev_del(&beeper_cdev);
out_region:
	unregister_chrdev_region(beeper_base, NBEEPERS);
	return err;
}

static void __exit beeper_exit(void)
{
	int i;

	for (i = 0; i < NBEEPERS; i++)
		device_destroy(beeper_class, MKDEV(MAJOR(beeper_base), i));
	class_destroy(beeper_class);
	cdev_del(&beeper_cdev);
	unregister_chrdev_region(beeper_base, NBEEPERS);
}

module_init(beeper_init);
module_exit(beeper_exit);
MODULE_LICENSE("GPL");
