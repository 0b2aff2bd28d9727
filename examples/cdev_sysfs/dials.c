// dials — a bank of two dials, each a character device with sysfs attributes, built the
// way most out-of-tree drivers are:
//   - alloc_chrdev_region() for two minors, one struct cdev embedded in each dial's own
//     struct; open() finds its dial with container_of(inode->i_cdev, ...) and keeps it in
//     file->private_data;
//   - class_create() + device_create() give /dev/dial0, /dev/dial1 (devtmpfs) and
//     /sys/class/dials/dialN, whose `dev` file says MAJOR:MINOR;
//   - the class's dev_groups put `position` (read-write) and `label` (read-only) in
//     every dial's directory; device_create_file() adds `limit` to dial 1 only;
//   - a kobject under /sys/kernel with a kobj_attribute, `step`.
// Reading a dial's node gives its position; writing one parses a number.
#include <linux/module.h>
#include <linux/cdev.h>
#include <linux/device.h>
#include <linux/fs.h>
#include <linux/kobject.h>
#include <linux/sysfs.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#define NDIALS 2

struct dial {
	struct cdev cdev;
	struct device *dev;
	int position;
	int limit;
	char label[16];
};

static dev_t dials_base;
static struct class *dials_class;
static struct dial dials[NDIALS];
static struct kobject *dials_kobj;
static int step = 1;

// ---- the character device ----

static int dial_open(struct inode *inode, struct file *f)
{
	struct dial *d = container_of(inode->i_cdev, struct dial, cdev);

	f->private_data = d;
	dev_info(d->dev, "opened (minor %u)\n", iminor(inode));
	return 0;
}

static ssize_t dial_read(struct file *f, char __user *buf, size_t len, loff_t *pos)
{
	struct dial *d = f->private_data;
	char text[24];
	int n = scnprintf(text, sizeof(text), "%d\n", d->position);

	if (*pos >= n)
		return 0;
	if (len > n - *pos)
		len = n - *pos;
	if (copy_to_user(buf, text + *pos, len))
		return -EFAULT;
	*pos += len;
	return len;
}

static ssize_t dial_write(struct file *f, const char __user *buf, size_t len, loff_t *pos)
{
	struct dial *d = f->private_data;
	char text[16];
	int v, err;

	if (len >= sizeof(text))
		return -EINVAL;
	if (copy_from_user(text, buf, len))
		return -EFAULT;
	text[len] = '\0';
	err = kstrtoint(text, 0, &v);
	if (err)
		return err;
	d->position = v;
	return len;
}

static const struct file_operations dial_fops = {
	.owner = THIS_MODULE,
	.open = dial_open,
	.read = dial_read,
	.write = dial_write,
};

// ---- sysfs: each dial's attributes (struct device_attribute) ----

static ssize_t position_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	struct dial *d = dev_get_drvdata(dev);

	return sysfs_emit(buf, "%d\n", d->position);
}

static ssize_t position_store(struct device *dev, struct device_attribute *attr, const char *buf, size_t count)
{
	struct dial *d = dev_get_drvdata(dev);
	int v, err;

	err = kstrtoint(buf, 10, &v);
	if (err)
		return err;
	if (d->limit && (v > d->limit || v < -d->limit)) {
		dev_warn(dev, "%d is past the limit %d\n", v, d->limit);
		return -ERANGE;
	}
	d->position = v;
	dev_info(dev, "position %d (store got %zu bytes)\n", v, count);
	return count;
}
static DEVICE_ATTR_RW(position);

static ssize_t label_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	struct dial *d = dev_get_drvdata(dev);

	return sysfs_emit(buf, "%s\n", d->label);
}
static DEVICE_ATTR_RO(label);

static struct attribute *dial_attrs[] = {
	&dev_attr_position.attr,
	&dev_attr_label.attr,
	NULL,
};
ATTRIBUTE_GROUPS(dial);

static ssize_t limit_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	struct dial *d = dev_get_drvdata(dev);

	return sysfs_emit(buf, "%d\n", d->limit);
}

static ssize_t limit_store(struct device *dev, struct device_attribute *attr, const char *buf, size_t count)
{
	struct dial *d = dev_get_drvdata(dev);
	unsigned int v;
	int err = kstrtouint(buf, 0, &v);

	if (err)
		return err;
	d->limit = v;
	return count;
}
static DEVICE_ATTR(limit, 0600, limit_show, limit_store);

// ---- sysfs: /sys/kernel/dials/step (struct kobj_attribute) ----

static ssize_t step_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%d\n", step);
}

static ssize_t step_store(struct kobject *kobj, struct kobj_attribute *attr, const char *buf, size_t count)
{
	bool big;
	int err = kstrtobool(buf, &big);

	if (err)
		return err;
	step = big ? 10 : 1;
	return count;
}
static struct kobj_attribute step_attr = __ATTR_RW(step);

static int __init dials_init(void)
{
	int i, err;

	err = alloc_chrdev_region(&dials_base, 0, NDIALS, "dials");
	if (err)
		return err;
	pr_info("dials: major %d, minors %d-%d\n", MAJOR(dials_base), MINOR(dials_base),
		MINOR(dials_base) + NDIALS - 1);
	dials_class = class_create(THIS_MODULE, "dials");
	if (IS_ERR(dials_class)) {
		err = PTR_ERR(dials_class);
		goto out_region;
	}
	dials_class->dev_groups = dial_groups;
	for (i = 0; i < NDIALS; i++) {
		struct dial *d = &dials[i];

		snprintf(d->label, sizeof(d->label), "dial-%c", 'A' + i);
		cdev_init(&d->cdev, &dial_fops);
		d->cdev.owner = THIS_MODULE;
		err = cdev_add(&d->cdev, dials_base + i, 1);
		if (err)
			goto out_devices;
		d->dev = device_create(dials_class, NULL, dials_base + i, d, "dial%d", i);
		if (IS_ERR(d->dev)) {
			err = PTR_ERR(d->dev);
			cdev_del(&d->cdev);
			goto out_devices;
		}
	}
	dials[1].limit = 100;
	err = device_create_file(dials[1].dev, &dev_attr_limit);
	if (err)
		goto out_devices;
	dials_kobj = kobject_create_and_add("dials", kernel_kobj);
	if (!dials_kobj) {
		err = -ENOMEM;
		goto out_file;
	}
	err = sysfs_create_file(dials_kobj, &step_attr.attr);
	if (err)
		goto out_kobj;
	// A second file of the same name: sysfs refuses it, loudly.
	if (sysfs_create_file(dials_kobj, &step_attr.attr) == -EEXIST)
		pr_info("dials: step exists already\n");
	dev_info(dials[0].dev, "ready\n");
	return 0;

out_kobj:
	kobject_put(dials_kobj);
out_file:
	device_remove_file(dials[1].dev, &dev_attr_limit);
out_devices:
	while (--i >= 0) {
		device_destroy(dials_class, dials_base + i);
		cdev_del(&dials[i].cdev);
	}
	class_destroy(dials_class);
out_region:
	unregister_chrdev_region(dials_base, NDIALS);
	return err;
}

static void __exit dials_exit(void)
{
	int i;

	kobject_put(dials_kobj);
	device_remove_file(dials[1].dev, &dev_attr_limit);
	for (i = 0; i < NDIALS; i++) {
		device_destroy(dials_class, dials_base + i);
		cdev_del(&dials[i].cdev);
	}
	class_destroy(dials_class);
	unregister_chrdev_region(dials_base, NDIALS);
	pr_info("dials: gone\n");
}

module_init(dials_init);
module_exit(dials_exit);
MODULE_LICENSE("GPL");
