/* ioctl numbers (include/uapi/asm-generic/ioctl.h; _IOC, _IO, _IOR, _IOW, _IOWR and the
 * _IOC_DIR/TYPE/NR/SIZE decoders are in <linux/fs.h>'s part, with the same encoding) and
 * the user-access checks of arch/x86/include/asm/uaccess.h. */
#define _IOC_NRBITS 8
#define _IOC_TYPEBITS 8
#define _IOC_SIZEBITS 14
#define _IOC_DIRBITS 2
#define _IOC_NRMASK ((1 << _IOC_NRBITS) - 1)
#define _IOC_TYPEMASK ((1 << _IOC_TYPEBITS) - 1)
#define _IOC_SIZEMASK ((1 << _IOC_SIZEBITS) - 1)
#define _IOC_DIRMASK ((1 << _IOC_DIRBITS) - 1)
#define _IOC_NRSHIFT 0
#define _IOC_TYPESHIFT (_IOC_NRSHIFT + _IOC_NRBITS)
#define _IOC_SIZESHIFT (_IOC_TYPESHIFT + _IOC_TYPEBITS)
#define _IOC_DIRSHIFT (_IOC_SIZESHIFT + _IOC_SIZEBITS)
#define _IOC_NONE 0U
#define _IOC_WRITE 1U
#define _IOC_READ 2U
#define _IOC_TYPECHECK(t) (sizeof(t))
#define _IOR_BAD(type, nr, size) _IOC(_IOC_READ, (type), (nr), sizeof(size))
#define _IOW_BAD(type, nr, size) _IOC(_IOC_WRITE, (type), (nr), sizeof(size))
#define _IOWR_BAD(type, nr, size) _IOC(_IOC_READ | _IOC_WRITE, (type), (nr), sizeof(size))
#define IOC_IN (_IOC_WRITE << _IOC_DIRSHIFT)
#define IOC_OUT (_IOC_READ << _IOC_DIRSHIFT)
#define IOC_INOUT ((_IOC_WRITE | _IOC_READ) << _IOC_DIRSHIFT)
#define IOCSIZE_MASK (_IOC_SIZEMASK << _IOC_SIZESHIFT)
#define IOCSIZE_SHIFT (_IOC_SIZESHIFT)

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
