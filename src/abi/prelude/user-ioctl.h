/* <sys/ioctl.h>: the commands every file has (the ioctl numbers' encoding is
 * uapi-ioctl.h, which module code shares). */
/* include/uapi/asm-generic/ioctls.h: the commands every file has (do_vfs_ioctl) */
#ifndef FIONREAD
#define FIONREAD 0x541B
#endif
#ifndef FIONBIO
#define FIONBIO 0x5421
#endif
#ifndef FIONCLEX
#define FIONCLEX 0x5450
#endif
#ifndef FIOCLEX
#define FIOCLEX 0x5451
#endif
#ifndef FIOASYNC
#define FIOASYNC 0x5452
#endif
