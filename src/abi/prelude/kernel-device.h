/* The device model and sysfs (include/linux/device.h, device/class.h, dev_printk.h,
 * sysfs.h, kobject.h). The kernel keeps the sysfs tree (kernel/base/Sysfs.cpp): a module
 * sees only its structs. struct kobject is in kernel-cdev.h. */

/* include/linux/sysfs.h */
struct attribute {
	const char *name;
	umode_t mode;
};
struct attribute_group {
	const char *name;
	umode_t (*is_visible)(struct kobject *, struct attribute *, int);
	void *is_bin_visible;
	struct attribute **attrs;
	void *bin_attrs;
};
#define __ATTR(_name, _mode, _show, _store) {					\
	.attr = { .name = __stringify(_name), .mode = (_mode) },		\
	.show = _show,								\
	.store = _store,							\
}
#define __ATTR_RO_MODE(_name, _mode) {						\
	.attr = { .name = __stringify(_name), .mode = (_mode) },		\
	.show = _name##_show,							\
}
#define __ATTR_RO(_name) __ATTR_RO_MODE(_name, 0444)
#define __ATTR_WO(_name) {							\
	.attr = { .name = __stringify(_name), .mode = 0200 },			\
	.store = _name##_store,							\
}
#define __ATTR_RW_MODE(_name, _mode) __ATTR(_name, _mode, _name##_show, _name##_store)
#define __ATTR_RW(_name) __ATTR(_name, 0644, _name##_show, _name##_store)
#define __ATTR_NULL { .attr = { .name = NULL } }
#define __ATTRIBUTE_GROUPS(_name)						\
static const struct attribute_group *_name##_groups[] = { &_name##_group, NULL }
#define ATTRIBUTE_GROUPS(_name)							\
static const struct attribute_group _name##_group = { .attrs = _name##_attrs }; \
__ATTRIBUTE_GROUPS(_name)
#define sysfs_attr_init(attr) do { } while (0)

/* include/linux/kobject.h: kobj_sysfs_ops calls these */
struct kobj_attribute {
	struct attribute attr;
	ssize_t (*show)(struct kobject *kobj, struct kobj_attribute *attr, char *buf);
	ssize_t (*store)(struct kobject *kobj, struct kobj_attribute *attr, const char *buf, size_t count);
};
/* the top directories of /sys (lib/kobject.c, kernel/ksysfs.c, mm/mm_init.c …) */
#define kernel_kobj __kctx_kobj(0)
#define mm_kobj __kctx_kobj(1)
#define hypervisor_kobj __kctx_kobj(2)
#define power_kobj __kctx_kobj(3)
#define firmware_kobj __kctx_kobj(4)

/* include/linux/device/class.h (6.1: class_create() takes the owner) */
struct device;
struct class {
	const char *name;
	struct module *owner;
	const struct attribute_group **class_groups;
	const struct attribute_group **dev_groups;
	struct kobject *dev_kobj;
	int (*dev_uevent)(struct device *dev, void *env);
	char *(*devnode)(struct device *dev, umode_t *mode);
	void (*class_release)(struct class *class);
	void (*dev_release)(struct device *dev);
	unsigned int __kctx_id;
};
#define class_create(owner, name) __kctx_class_create((owner), (name))
/* a class's own attributes (class_groups), under /sys/class/NAME */
struct class_attribute {
	struct attribute attr;
	ssize_t (*show)(struct class *class, struct class_attribute *attr, char *buf);
	ssize_t (*store)(struct class *class, struct class_attribute *attr, const char *buf, size_t count);
};
#define CLASS_ATTR_RW(_name) struct class_attribute class_attr_##_name = __ATTR_RW(_name)
#define CLASS_ATTR_RO(_name) struct class_attribute class_attr_##_name = __ATTR_RO(_name)
#define CLASS_ATTR_WO(_name) struct class_attribute class_attr_##_name = __ATTR_WO(_name)

/* include/linux/device.h */
struct device {
	struct kobject kobj;
	struct device *parent;
	const char *init_name;
	const void *type;
	void *bus;
	void *driver;
	void *platform_data;
	void *driver_data;
	dev_t devt;
	u32 id;
	struct class *class;
	const struct attribute_group **groups;
	void (*release)(struct device *dev);
	struct device_node *of_node;   /* kernel-of.h: none on kctx's x86 machine */
	struct fwnode_handle *fwnode;
};
struct device_attribute {
	struct attribute attr;
	ssize_t (*show)(struct device *dev, struct device_attribute *attr, char *buf);
	ssize_t (*store)(struct device *dev, struct device_attribute *attr, const char *buf, size_t count);
};
#define DEVICE_ATTR(_name, _mode, _show, _store) \
	struct device_attribute dev_attr_##_name = __ATTR(_name, _mode, _show, _store)
#define DEVICE_ATTR_RW(_name) struct device_attribute dev_attr_##_name = __ATTR_RW(_name)
#define DEVICE_ATTR_ADMIN_RW(_name) struct device_attribute dev_attr_##_name = __ATTR_RW_MODE(_name, 0600)
#define DEVICE_ATTR_RO(_name) struct device_attribute dev_attr_##_name = __ATTR_RO(_name)
#define DEVICE_ATTR_ADMIN_RO(_name) struct device_attribute dev_attr_##_name = __ATTR_RO_MODE(_name, 0400)
#define DEVICE_ATTR_WO(_name) struct device_attribute dev_attr_##_name = __ATTR_WO(_name)
#define dev_name(dev) ((const char *)(dev)->kobj.name)
#define dev_get_drvdata(dev) ((dev)->driver_data)
#define dev_set_drvdata(dev, data) ((dev)->driver_data = (data))
#define kobj_to_dev(kobj) container_of(kobj, struct device, kobj)

/* include/linux/dev_printk.h: "DRIVER DEVICE: message" (drivers/base/core.c
 * __dev_printk()); dev_dbg() is off, as dynamic debug leaves it by default. */
#ifndef dev_fmt
#define dev_fmt(fmt) fmt
#endif
#define dev_printk(level, dev, fmt, ...) _dev_printk(level, dev, fmt, ##__VA_ARGS__)
#define dev_emerg(dev, fmt, ...) _dev_printk(KERN_EMERG, dev, dev_fmt(fmt), ##__VA_ARGS__)
#define dev_alert(dev, fmt, ...) _dev_printk(KERN_ALERT, dev, dev_fmt(fmt), ##__VA_ARGS__)
#define dev_crit(dev, fmt, ...) _dev_printk(KERN_CRIT, dev, dev_fmt(fmt), ##__VA_ARGS__)
#define dev_err(dev, fmt, ...) _dev_printk(KERN_ERR, dev, dev_fmt(fmt), ##__VA_ARGS__)
#define dev_warn(dev, fmt, ...) _dev_printk(KERN_WARNING, dev, dev_fmt(fmt), ##__VA_ARGS__)
#define dev_notice(dev, fmt, ...) _dev_printk(KERN_NOTICE, dev, dev_fmt(fmt), ##__VA_ARGS__)
#define dev_info(dev, fmt, ...) _dev_printk(KERN_INFO, dev, dev_fmt(fmt), ##__VA_ARGS__)
#define dev_dbg(dev, fmt, ...) do { } while (0)
#define dev_vdbg(dev, fmt, ...) do { } while (0)
