/* The user-access checks of arch/x86/include/asm/uaccess.h (the ioctl numbers' encoding
 * is uapi-ioctl.h, which programs share). */

/* include/asm-generic/access_ok.h: below TASK_SIZE_MAX, without wrapping. x86's
 * access_ok() (with DEBUG_ATOMIC_SLEEP) first warns once when called outside task context. */
#define TASK_SIZE_MAX ((1UL << 47) - PAGE_SIZE)
static inline int __access_ok(const void __user *ptr, unsigned long size)
{
	unsigned long addr = (unsigned long)ptr;
	return size <= TASK_SIZE_MAX && addr <= TASK_SIZE_MAX - size;
}
#if LINUX_VERSION_CODE >= 0x050000
#define access_ok(addr, size) __access_ok((const void __user *)(addr), (size))
#else
/* arch/x86/include/asm/uaccess.h (4.4): access_ok(type, addr, size); 5.0 dropped type. */
#define VERIFY_READ 0
#define VERIFY_WRITE 1
#define access_ok(type, addr, size) __access_ok((const void __user *)(addr), (size))
#endif
/* __get_user/__put_user: get_user/put_user without might_fault() (the caller checked) */
#define __get_user(x, ptr) ({								\
	unsigned long __kctx_gu = 0;							\
	int __kctx_e = __kctx_get_user(&__kctx_gu, (ptr), sizeof(*(ptr)), NULL, 0);	\
	(x) = (typeof(*(ptr)))__kctx_gu;						\
	__kctx_e;									\
})
#define __put_user(x, ptr) __kctx_put_user((unsigned long)(x), (ptr), sizeof(*(ptr)), NULL, 0)
#define unsafe_get_user(x, ptr, label) do { if (__get_user(x, ptr)) goto label; } while (0)
#define unsafe_put_user(x, ptr, label) do { if (__put_user(x, ptr)) goto label; } while (0)
#define __copy_from_user(to, from, n) copy_from_user(to, from, n)
#define __copy_to_user(to, from, n) copy_to_user(to, from, n)
/* include/linux/uaccess.h: the arch's copies without the access_ok() check and the
 * might_fault(); kctx's copy_*_user() do the same copy, faults and all. */
#define raw_copy_from_user(to, from, n) copy_from_user(to, from, n)
#define raw_copy_to_user(to, from, n) copy_to_user(to, from, n)
