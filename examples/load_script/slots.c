// slots: two character devices whose numbers the kernel picks (alloc_chrdev_region) and
// no class, so no /dev nodes appear on their own: a load script has to read the major
// from /proc/devices and mknod the nodes, as LDD3's scull_load does. Each minor is a
// slot that keeps the last thing written to it.
#include <linux/cdev.h>
#include <linux/fs.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/uaccess.h>

#define NSLOTS 2
#define SLOT_SIZE 64

struct slot {
	struct cdev cdev;
	struct mutex lock;
	char data[SLOT_SIZE];
	size_t len;
};

static dev_t slots_base;
static struct slot slots[NSLOTS];

static int slot_open(struct inode *inode, struct file *file)
{
	file->private_data = container_of(inode->i_cdev, struct slot, cdev);
	return 0;
}

static ssize_t slot_read(struct file *file, char __user *buf, size_t count, loff_t *pos)
{
	struct slot *s = file->private_data;
	ssize_t ret;

	if (mutex_lock_interruptible(&s->lock))
		return -ERESTARTSYS;
	ret = simple_read_from_buffer(buf, count, pos, s->data, s->len);
	mutex_unlock(&s->lock);
	return ret;
}

static ssize_t slot_write(struct file *file, const char __user *buf, size_t count, loff_t *pos)
{
	struct slot *s = file->private_data;

	if (count > SLOT_SIZE)
		count = SLOT_SIZE;
	if (mutex_lock_interruptible(&s->lock))
		return -ERESTARTSYS;
	if (copy_from_user(s->data, buf, count)) {
		mutex_unlock(&s->lock);
		return -EFAULT;
	}
	s->len = count;
	mutex_unlock(&s->lock);
	pr_info("slots: slot %d holds %zu bytes\n", (int)(s - slots), count);
	return count;
}

static const struct file_operations slot_fops = {
	.owner = THIS_MODULE,
	.open = slot_open,
	.read = slot_read,
	.write = slot_write,
};

static int __init slots_init(void)
{
	int i, err;

	err = alloc_chrdev_region(&slots_base, 0, NSLOTS, "slots");
	if (err)
		return err;
	for (i = 0; i < NSLOTS; i++) {
		mutex_init(&slots[i].lock);
		cdev_init(&slots[i].cdev, &slot_fops);
		slots[i].cdev.owner = THIS_MODULE;
		err = cdev_add(&slots[i].cdev, MKDEV(MAJOR(slots_base), i), 1);
		if (err)
			goto fail;
	}
	return 0;
fail:
	while (--i >= 0)
		cdev_del(&slots[i].cdev);
	unregister_chrdev_region(slots_base, NSLOTS);
	return err;
}

static void __exit slots_exit(void)
{
	int i;

	for (i = 0; i < NSLOTS; i++)
		cdev_del(&slots[i].cdev);
	unregister_chrdev_region(slots_base, NSLOTS);
}

module_init(slots_init);
module_exit(slots_exit);
MODULE_LICENSE("GPL");
