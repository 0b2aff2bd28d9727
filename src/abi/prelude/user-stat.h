/* <sys/stat.h>, <fcntl.h>'s AT_* and <dirent.h> as glibc 2.36 declares them on x86-64.
 * struct stat is the kernel's (arch/x86/include/uapi/asm/stat.h, filled by fs/stat.c
 * cp_new_stat(); abi/Layout.h mirrors it); glibc's struct dirent has linux_dirent64's
 * head, so readdir() returns records straight from getdents64()'s buffer. The functions
 * are builtins (src/kernel/fs/Stat.cpp, Readdir.cpp) and user_lib-dirent.h. */
typedef unsigned long ino_t;
typedef unsigned long nlink_t;
typedef long blksize_t;
typedef long blkcnt_t;
struct stat {
	dev_t st_dev;
	ino_t st_ino;
	nlink_t st_nlink;
	mode_t st_mode;
	uid_t st_uid;
	gid_t st_gid;
	int __pad0;
	dev_t st_rdev;
	off_t st_size;
	blksize_t st_blksize;
	blkcnt_t st_blocks;
	struct timespec st_atim;
	struct timespec st_mtim;
	struct timespec st_ctim;
	long __glibc_reserved[3];
};
#define st_atime st_atim.tv_sec
#define st_mtime st_mtim.tv_sec
#define st_ctime st_ctim.tv_sec
/* <fcntl.h> (include/uapi/linux/fcntl.h, asm-generic/fcntl.h on x86-64) */
#define AT_FDCWD (-100)
#define AT_SYMLINK_NOFOLLOW 0x100
#define AT_EMPTY_PATH 0x1000
#define O_DIRECTORY 0200000
#define O_NOFOLLOW 0400000

/* <dirent.h> */
struct dirent {
	ino_t d_ino;
	off_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[256];
};
#define DT_UNKNOWN 0
#define DT_FIFO 1
#define DT_CHR 2
#define DT_DIR 4
#define DT_BLK 6
#define DT_REG 8
#define DT_LNK 10
#define DT_SOCK 12
/* glibc's struct __dirstream (sysdeps/unix/sysv/linux/dirstream.h), its buffer the
 * 32 KiB __alloc_dir() gives it (4 * BUFSIZ). */
struct __dirstream {
	int fd;
	unsigned long size;
	unsigned long offset;
	long filepos;
	char data[32768];
};
typedef struct __dirstream DIR;
