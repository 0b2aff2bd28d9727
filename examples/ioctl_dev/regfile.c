// regfile — a register file behind ioctl(2): eight 32-bit registers and a name, reached
// through commands built with _IO/_IOR/_IOW/_IOWR as include/uapi/asm-generic/ioctl.h
// encodes them. The driver checks each command the way careful drivers do: the magic
// (_IOC_TYPE) and number (_IOC_NR) first (-ENOTTY), then access_ok() over _IOC_SIZE
// bytes in the direction _IOC_DIR says, then the copy (-EFAULT when it faults).
// It moves data with every user-access helper: copy_from_user/copy_to_user for a
// struct, get_user/put_user for one value, __get_user/__put_user after access_ok(),
// memdup_user() and strncpy_from_user() for a name.
// The command numbers are repeated in probe.c (a real driver would share a header).
#include <linux/module.h>
#include <linux/cdev.h>
#include <linux/device.h>
#include <linux/fs.h>
#include <linux/ioctl.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

struct reg_io {
	unsigned int index;
	unsigned int value;
};

#define REG_MAGIC 'r'
#define REG_RESET _IO(REG_MAGIC, 0)
#define REG_READ _IOWR(REG_MAGIC, 1, struct reg_io)
#define REG_WRITE _IOW(REG_MAGIC, 2, struct reg_io)
#define REG_COUNT _IOR(REG_MAGIC, 3, int)
#define REG_SUM _IOR(REG_MAGIC, 4, unsigned int)
#define REG_SETNAME _IOW(REG_MAGIC, 5, char *)
#define REG_LOAD _IOW(REG_MAGIC, 6, unsigned int[8])
#define REG_MAXNR 6
#define NREGS 8

static unsigned int regs[NREGS];
static char name[16] = "regfile";
static dev_t regfile_dev;
static struct cdev regfile_cdev;
static struct class *regfile_class;
static struct device *regfile_device;

static long regfile_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	void __user *uarg = (void __user *)arg;
	struct reg_io io;
	unsigned int *loaded, sum = 0;
	int i;
	long len;

	if (_IOC_TYPE(cmd) != REG_MAGIC || _IOC_NR(cmd) > REG_MAXNR)
		return -ENOTTY;
	if (_IOC_DIR(cmd) != _IOC_NONE && !access_ok(uarg, _IOC_SIZE(cmd)))
		return -EFAULT;
	switch (cmd) {
	case REG_RESET:
		memset(regs, 0, sizeof(regs));
		return 0;
	case REG_READ:
		if (copy_from_user(&io, uarg, sizeof(io)))
			return -EFAULT;
		if (io.index >= NREGS)
			return -EINVAL;
		io.value = regs[io.index];
		return copy_to_user(uarg, &io, sizeof(io)) ? -EFAULT : 0;
	case REG_WRITE:
		if (__get_user(io.index, &((struct reg_io __user *)uarg)->index) ||
		    __get_user(io.value, &((struct reg_io __user *)uarg)->value))
			return -EFAULT;
		if (io.index >= NREGS)
			return -EINVAL;
		regs[io.index] = io.value;
		return 0;
	case REG_COUNT:
		return put_user(NREGS, (int __user *)uarg);
	case REG_SUM:
		for (i = 0; i < NREGS; i++)
			sum += regs[i];
		return __put_user(sum, (unsigned int __user *)uarg);
	case REG_SETNAME:
		len = strncpy_from_user(name, (const char __user *)arg, sizeof(name));
		if (len < 0)
			return len;
		if (len == sizeof(name)) {
			name[sizeof(name) - 1] = '\0';
			return -EINVAL;
		}
		dev_info(regfile_device, "name is now \"%s\"\n", name);
		return len;
	case REG_LOAD:
		loaded = memdup_user(uarg, _IOC_SIZE(cmd));
		if (IS_ERR(loaded))
			return PTR_ERR(loaded);
		memcpy(regs, loaded, sizeof(regs));
		kfree(loaded);
		return 0;
	}
	return -ENOTTY;
}

static const struct file_operations regfile_fops = {
	.owner = THIS_MODULE,
	.unlocked_ioctl = regfile_ioctl,
};

static int __init regfile_init(void)
{
	int err = alloc_chrdev_region(&regfile_dev, 0, 1, "regfile");

	if (err)
		return err;
	cdev_init(&regfile_cdev, &regfile_fops);
	err = cdev_add(&regfile_cdev, regfile_dev, 1);
	if (err)
		goto out_region;
	regfile_class = class_create(THIS_MODULE, "regfile");
	if (IS_ERR(regfile_class)) {
		err = PTR_ERR(regfile_class);
		goto out_cdev;
	}
	regfile_device = device_create(regfile_class, NULL, regfile_dev, NULL, "regfile");
	if (IS_ERR(regfile_device)) {
		err = PTR_ERR(regfile_device);
		goto out_class;
	}
	dev_info(regfile_device, "%d registers; READ is %#lx, WRITE %#lx, LOAD %#lx\n", NREGS, REG_READ, REG_WRITE,
		 REG_LOAD);
	return 0;

out_class:
	class_destroy(regfile_class);
out_cdev:
	cdev_del(&regfile_cdev);
out_region:
	unregister_chrdev_region(regfile_dev, 1);
	return err;
}

static void __exit regfile_exit(void)
{
	device_destroy(regfile_class, regfile_dev);
	class_destroy(regfile_class);
	cdev_del(&regfile_cdev);
	unregister_chrdev_region(regfile_dev, 1);
}

module_init(regfile_init);
module_exit(regfile_exit);
MODULE_LICENSE("GPL");
