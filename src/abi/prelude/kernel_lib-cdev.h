/* lib/kobject.c: kobject_set_name() formats the name into memory of its own
 * (kvasprintf_const()) and frees the old one. LDD3's scull names the kobject embedded in
 * each struct cdev this way; a cdev's kobject is never added to sysfs, so the name is
 * only what kobject_name() returns. */
__attribute__((weak)) int kobject_set_name(struct kobject *kobj, const char *fmt, ...)
{
	va_list args;
	char *name;
	int len;

	va_start(args, fmt);
	len = vsnprintf(NULL, 0, fmt, args);
	va_end(args);
	name = kmalloc(len + 1, GFP_KERNEL);
	if (!name)
		return -ENOMEM;
	va_start(args, fmt);
	vsnprintf(name, len + 1, fmt, args);
	va_end(args);
	kfree(kobj->name);
	kobj->name = name;
	return 0;
}
