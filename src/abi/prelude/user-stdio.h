/* stdio beyond printf (glibc 2.36 on x86-64): buffering modes, streams opened on files,
 * line input, scanf, strsignal; <sys/utsname.h>, <sys/klog.h>, and <linux/types.h> as a
 * user program includes it. The stream functions are kernel C in user_lib-stdio.h. */
#define _IOFBF 0
#define _IOLBF 1
#define _IONBF 2
#define BUFSIZ 8192
/* A stream fopen() or fdopen() made (stdin, stdout and stderr are libc's own). The
 * kernel's stdio writes read _fileno to send fprintf() and fputs() to its file. */
struct _IO_FILE {
	int _fileno;
	int _flags; /* __KCTX_FEOF, __KCTX_FERR */
	int _ungot; /* ungetc()'s byte, or -1 */
	int _pos, _len;
	char _buf[4096];
};
#define __KCTX_FEOF 1
#define __KCTX_FERR 2

/* <sys/utsname.h>: _UTSNAME_LENGTH 65 */
struct utsname {
	char sysname[65];
	char nodename[65];
	char release[65];
	char version[65];
	char machine[65];
	char domainname[65];
};

/* <sys/klog.h>: the syslog(2) actions busybox dmesg uses (include/linux/syslog.h) */
#define SYSLOG_ACTION_READ_ALL 3
#define SYSLOG_ACTION_SIZE_BUFFER 10

/* <linux/types.h> and <asm-generic/int-ll64.h> for user programs */
typedef unsigned char __u8;
typedef signed char __s8;
typedef unsigned short __u16;
typedef short __s16;
typedef unsigned int __u32;
typedef int __s32;
typedef unsigned long long __u64;
typedef long long __s64;

