/* Module building and loading: <linux/version.h>, the rest of <linux/module.h> and
 * <linux/moduleparam.h>. */

/* <linux/version.h>: LINUX_VERSION_CODE is defined at the top of prelude/kernel.h (the
 * release's API depends on it). 6.1's KERNEL_VERSION() clamps the sublevel to 255; 4.4's
 * does not. */
#if LINUX_VERSION_CODE >= 0x050000
#define KERNEL_VERSION(a, b, c) (((a) << 16) + ((b) << 8) + ((c) > 255 ? 255 : (c)))
#else
#define KERNEL_VERSION(a, b, c) (((a) << 16) + ((b) << 8) + (c))
#endif

/* include/linux/init.h and compiler attributes modules still write. */
#define __initconst
#define __exitconst
#define __exit_p(x) x
#define __devinit
#define __devexit
#define __devinitdata
#define IS_ERR_OR_NULL(ptr) (!(ptr) || IS_ERR(ptr))
/* include/linux/stringify.h */
#define __stringify_1(x...) #x
#define __stringify(x...) __stringify_1(x)

/* include/linux/module.h: information kctx keeps no use for. */
#define MODULE_INFO(tag, info) extern int __kctx_module_info
#define MODULE_SOFTDEP(s) extern int __kctx_module_info
#define MODULE_DEVICE_TABLE(type, name) extern int __kctx_module_info
#define MODULE_FIRMWARE(s) extern int __kctx_module_info
#define MODULE_IMPORT_NS(ns) extern int __kctx_module_info
#define EXPORT_SYMBOL_NS(sym, ns) EXPORT_SYMBOL(sym)
#define EXPORT_SYMBOL_NS_GPL(sym, ns) EXPORT_SYMBOL(sym)

/* include/linux/moduleparam.h: arrays and strings. The loader (kernel/module/Params.cpp)
 * finds each by its name and parses values as kernel/params.c does. */
struct __kctx_param_array {
	void *elem;             /* the array */
	unsigned int *num;      /* where the count of values given goes, or NULL */
	unsigned long max;      /* ARRAY_SIZE() */
};
struct __kctx_param_string {
	char *buf;
	unsigned long maxlen;   /* sizeof the buffer, with its NUL */
};
#define module_param_array_named(pname, array, type, nump, perm)                                       \
	struct __kctx_param_array __kctx_parray_##type##__##pname = {(array), (nump), ARRAY_SIZE(array)}; \
	__kctx_param_perm(pname, perm)
#define module_param_array(name, type, nump, perm) module_param_array_named(name, name, type, nump, perm)
#define module_param_string(pname, string, len, perm)                                                  \
	struct __kctx_param_string __kctx_pstring__##pname = {(string), (len)}; __kctx_param_perm(pname, perm)
