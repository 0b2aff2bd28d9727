/* Character device regions and struct cdev (include/linux/cdev.h, kdev_t.h, kobject.h).
 * struct kobject is here, first in name order, because struct cdev embeds one; the
 * device model's structs (kernel-device.h) embed it too. The simulated kernel keeps
 * each kobject's sysfs directory by the kobject's address (kernel/base/DeviceModel.h);
 * the fields it reads are mirrored in abi/Layout.h. */

/* include/linux/kobject.h */
struct kobject {
	const char *name;
	struct { void *next, *prev; } entry;
	struct kobject *parent;
	void *kset;
	const void *ktype;
	void *sd;
	struct kref kref;
	unsigned int __kctx_flags;
};
#define kobject_name(kobj) ((const char *)(kobj)->name)

/* include/linux/cdev.h */
struct cdev {
	struct kobject kobj;
	struct module *owner;
	const struct file_operations *ops;
	struct { void *next, *prev; } list;
	dev_t dev;
	unsigned int count;
};

/* include/linux/kdev_t.h (MAJOR, MINOR, MKDEV are in <linux/fs.h>'s part) */
#define print_dev_t(buffer, dev) sprintf((buffer), "%u:%u\n", MAJOR(dev), MINOR(dev))
#define format_dev_t(buffer, dev) ({ sprintf(buffer, "%u:%u", MAJOR(dev), MINOR(dev)); buffer; })
#define MAJOR_NUM_DYNAMIC 0
/* include/linux/fs.h: register_chrdev() is __register_chrdev() over all 256 minors */
#define CHRDEV_MAJOR_MAX 512
#define CHRDEV_MAJOR_DYN_END 234
#define CHRDEV_MAJOR_DYN_EXT_START 511
#define CHRDEV_MAJOR_DYN_EXT_END 384
