// errno values (named kE…: <errno.h> defines the bare names as macros) (include/uapi/asm-generic/errno-base.h, errno.h) and the kernel-internal
// restart codes (include/linux/errno.h), as Linux 6.1 x86-64 defines them.
#pragma once

#include <cstdint>
#include <string_view>

namespace kctx::abi {

#define KCTX_ERRNO_LIST(X)                                                  \
	X(EPERM, 1, "Operation not permitted")                              \
	X(ENOENT, 2, "No such file or directory")                           \
	X(ESRCH, 3, "No such process")                                      \
	X(EINTR, 4, "Interrupted system call")                              \
	X(EIO, 5, "Input/output error")                                     \
	X(ENXIO, 6, "No such device or address")                            \
	X(E2BIG, 7, "Argument list too long")                               \
	X(ENOEXEC, 8, "Exec format error")                                  \
	X(EBADF, 9, "Bad file descriptor")                                  \
	X(ECHILD, 10, "No child processes")                                 \
	X(EAGAIN, 11, "Resource temporarily unavailable")                   \
	X(ENOMEM, 12, "Cannot allocate memory")                             \
	X(EACCES, 13, "Permission denied")                                  \
	X(EFAULT, 14, "Bad address")                                        \
	X(EBUSY, 16, "Device or resource busy")                             \
	X(EEXIST, 17, "File exists")                                        \
	X(ENODEV, 19, "No such device")                                     \
	X(ENOTDIR, 20, "Not a directory")                                   \
	X(EISDIR, 21, "Is a directory")                                     \
	X(EINVAL, 22, "Invalid argument")                                   \
	X(EMFILE, 24, "Too many open files")                                \
	X(ENOTTY, 25, "Inappropriate ioctl for device")                     \
	X(ENOSPC, 28, "No space left on device")                            \
	X(ESPIPE, 29, "Illegal seek")                                       \
	X(EPIPE, 32, "Broken pipe")                                         \
	X(EDOM, 33, "Numerical argument out of domain")                     \
	X(ERANGE, 34, "Numerical result out of range")                      \
	X(EDEADLK, 35, "Resource deadlock avoided")                         \
	X(ENOSYS, 38, "Function not implemented")                           \
	X(ELOOP, 40, "Too many levels of symbolic links")                   \
	X(ETIME, 62, "Timer expired")                                       \
	X(EOVERFLOW, 75, "Value too large for defined data type")           \
	X(EOPNOTSUPP, 95, "Operation not supported")                        \
	X(ETIMEDOUT, 110, "Connection timed out")

// Kernel-internal: "should never be seen by user programs" (include/linux/errno.h).
#define KCTX_ERRNO_RESTART_LIST(X) \
	X(ERESTARTSYS, 512)        \
	X(ERESTARTNOINTR, 513)     \
	X(ERESTARTNOHAND, 514)     \
	X(ENOIOCTLCMD, 515)        \
	X(ERESTART_RESTARTBLOCK, 516)

// The preludes' `#define EPERM 1` … are generated from these two lists (Prelude.cpp).
enum Errno : int32_t {
#define KCTX_X(name, value, text) k##name = value,
	KCTX_ERRNO_LIST(KCTX_X)
#undef KCTX_X
#define KCTX_X(name, value) k##name = value,
	KCTX_ERRNO_RESTART_LIST(KCTX_X)
#undef KCTX_X
};

// glibc's strerror() text; "Unknown error N" for anything else (as glibc prints 512).
[[nodiscard]] std::string_view strerror_text(int32_t err);

}  // namespace kctx::abi
