/* drivers/base/platform.c __platform_driver_register(): the driver joins the platform
 * bus and is bound to each platform device that matches it, of which kctx has none. */
__attribute__((weak)) int __platform_driver_register(struct platform_driver *drv, struct module *owner)
{
	drv->driver.owner = owner;
	return 0;
}
__attribute__((weak)) void platform_driver_unregister(struct platform_driver *drv)
{
}
