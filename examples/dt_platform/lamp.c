/* A platform driver written for a device-tree board, loaded on an x86 machine: it
 * registers and is probed for nothing. Its init looks at a device of its own class the
 * way a probe() would look at a board device: no of_node, no properties. The class is
 * a static struct class with attributes of its own (class_register), and the device's
 * memory comes from devm_kzalloc(), freed with the device. */
#include <linux/device.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/platform_device.h>
#include <linux/property.h>
#include <linux/slab.h>

struct lamp {
	u32 watts;
	char label[16];
};

static unsigned int brightness = 3;
static struct device *lamp_dev;

static int lamp_probe(struct platform_device *pdev)
{
	struct lamp *l = devm_kzalloc(&pdev->dev, sizeof(*l), GFP_KERNEL);

	if (!l)
		return -ENOMEM;
	if (device_property_read_u32(&pdev->dev, "watts", &l->watts))
		l->watts = 40;
	platform_set_drvdata(pdev, l);
	dev_info(&pdev->dev, "probed: %u W\n", l->watts);
	return 0;
}

static int lamp_remove(struct platform_device *pdev)
{
	return 0;
}

static const struct of_device_id lamp_ids[] = {
	{ .compatible = "acme,lamp" },
	{}
};
MODULE_DEVICE_TABLE(of, lamp_ids);

static struct platform_driver lamp_driver = {
	.probe = lamp_probe,
	.remove = lamp_remove,
	.driver = {
		.name = "lamp",
		.of_match_table = of_match_ptr(lamp_ids),
	},
};

static ssize_t brightness_show(struct class *cls, struct class_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%u\n", brightness);
}

static ssize_t brightness_store(struct class *cls, struct class_attribute *attr, const char *buf, size_t count)
{
	int err = kstrtouint(buf, 10, &brightness);

	return err ? err : count;
}
static CLASS_ATTR_RW(brightness);

static struct attribute *lamp_class_attrs[] = {
	&class_attr_brightness.attr,
	NULL,
};
ATTRIBUTE_GROUPS(lamp_class);

static struct class lamp_class = {
	.name = "lamp",
	.owner = THIS_MODULE,
	.class_groups = lamp_class_groups,
};

static int __init lamp_init(void)
{
	struct lamp *l;
	const char *label = "none";
	u32 watts = 0;
	int err;

	err = class_register(&lamp_class);
	if (err)
		return err;
	lamp_dev = device_create(&lamp_class, NULL, MKDEV(0, 0), NULL, "lamp0");
	if (IS_ERR(lamp_dev)) {
		class_unregister(&lamp_class);
		return PTR_ERR(lamp_dev);
	}
	pr_info("lamp: of_node %s, fwnode %s\n", lamp_dev->of_node ? "set" : "NULL",
		dev_fwnode(lamp_dev) ? "set" : "NULL");
	pr_info("lamp: \"watts\" present: %d, read: %d\n", device_property_present(lamp_dev, "watts"),
		device_property_read_u32(lamp_dev, "watts", &watts));
	pr_info("lamp: of_property_read_string: %d, label %s\n",
		of_property_read_string(lamp_dev->of_node, "label", &label), label);
	pr_info("lamp: of_match_device: %p\n", of_match_device(lamp_ids, lamp_dev));

	l = devm_kzalloc(lamp_dev, sizeof(*l), GFP_KERNEL);
	if (!l) {
		err = -ENOMEM;
		goto out;
	}
	strscpy(l->label, "desk", sizeof(l->label));
	dev_set_drvdata(lamp_dev, l);

	err = platform_driver_register(&lamp_driver);
	if (err)
		goto out;
	pr_info("lamp: driver registered; no device matched\n");
	return 0;
out:
	device_destroy(&lamp_class, MKDEV(0, 0));
	class_unregister(&lamp_class);
	return err;
}

static void __exit lamp_exit(void)
{
	platform_driver_unregister(&lamp_driver);
	/* The device's devm_kzalloc() memory goes with it. */
	device_destroy(&lamp_class, MKDEV(0, 0));
	class_unregister(&lamp_class);
}

module_init(lamp_init);
module_exit(lamp_exit);
MODULE_LICENSE("GPL");
