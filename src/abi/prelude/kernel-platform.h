/* The platform bus (include/linux/platform_device.h, device/driver.h, pm.h, 6.1): a
 * driver registers on it and is probed for each matching platform device. kctx's machine
 * has no platform devices (no device tree, no board files, none a module registers), so
 * registering a driver succeeds and probes nothing, as on a machine without the
 * hardware; kctx does not list the driver under /sys/bus/platform/drivers. */
typedef struct pm_message {
	int event;
} pm_message_t;
struct dev_pm_ops {
	int (*prepare)(struct device *dev);
	void (*complete)(struct device *dev);
	int (*suspend)(struct device *dev);
	int (*resume)(struct device *dev);
	int (*freeze)(struct device *dev);
	int (*thaw)(struct device *dev);
	int (*poweroff)(struct device *dev);
	int (*restore)(struct device *dev);
	int (*suspend_late)(struct device *dev);
	int (*resume_early)(struct device *dev);
	int (*freeze_late)(struct device *dev);
	int (*thaw_early)(struct device *dev);
	int (*poweroff_late)(struct device *dev);
	int (*restore_early)(struct device *dev);
	int (*suspend_noirq)(struct device *dev);
	int (*resume_noirq)(struct device *dev);
	int (*freeze_noirq)(struct device *dev);
	int (*thaw_noirq)(struct device *dev);
	int (*poweroff_noirq)(struct device *dev);
	int (*restore_noirq)(struct device *dev);
	int (*runtime_suspend)(struct device *dev);
	int (*runtime_resume)(struct device *dev);
	int (*runtime_idle)(struct device *dev);
};
struct of_device_id {
	char name[32];
	char type[32];
	char compatible[128];
	const void *data;
};
struct device_driver {
	const char *name;
	void *bus;
	struct module *owner;
	const char *mod_name;
	bool suppress_bind_attrs;
	int probe_type;
	const struct of_device_id *of_match_table;
	const void *acpi_match_table;
	int (*probe)(struct device *dev);
	void (*sync_state)(struct device *dev);
	int (*remove)(struct device *dev);
	void (*shutdown)(struct device *dev);
	int (*suspend)(struct device *dev, pm_message_t state);
	int (*resume)(struct device *dev);
	const struct attribute_group **groups;
	const struct attribute_group **dev_groups;
	const struct dev_pm_ops *pm;
	void (*coredump)(struct device *dev);
	void *p;
};
struct platform_device_id {
	char name[20];
	unsigned long driver_data;
};
struct platform_device {
	const char *name;
	int id;
	bool id_auto;
	struct device dev;
	u64 platform_dma_mask;
	u32 num_resources;
	void *resource;
	const struct platform_device_id *id_entry;
	const char *driver_override;
	void *mfd_cell;
	void *archdata;
};
struct platform_driver {
	int (*probe)(struct platform_device *);
	int (*remove)(struct platform_device *);
	void (*remove_new)(struct platform_device *);
	void (*shutdown)(struct platform_device *);
	int (*suspend)(struct platform_device *, pm_message_t state);
	int (*resume)(struct platform_device *);
	struct device_driver driver;
	const struct platform_device_id *id_table;
	bool prevent_deferred_probe;
	bool driver_managed_dma;
};
#define to_platform_device(x) container_of((x), struct platform_device, dev)
#define to_platform_driver(drv) container_of((drv), struct platform_driver, driver)
#define platform_get_drvdata(pdev) dev_get_drvdata(&(pdev)->dev)
#define platform_set_drvdata(pdev, data) dev_set_drvdata(&(pdev)->dev, (data))
#define platform_driver_register(drv) __platform_driver_register((drv), THIS_MODULE)
/* include/linux/device/driver.h module_driver() as module_platform_driver() uses it. */
#define module_platform_driver(__platform_driver) \
	static int __init __platform_driver##_init(void) { return platform_driver_register(&(__platform_driver)); } \
	module_init(__platform_driver##_init); \
	static void __exit __platform_driver##_exit(void) { platform_driver_unregister(&(__platform_driver)); } \
	module_exit(__platform_driver##_exit);
