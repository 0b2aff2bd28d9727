// stat(2), readlink(2) and getdents64(2) as a program sees them: Linux's errors (fs/stat.c,
// fs/namei.c, fs/readdir.c), FIFOs and pipes, and directories opened and read.
#include <gtest/gtest.h>

#include "kernel/core/UserTest.h"

namespace kctx::kernel {
namespace {

using testing::run_user_program;

constexpr const char* kHeaders = R"(
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <dirent.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
)";

TEST(Stat, ErrorsAreLinuxs)
{
	auto r = run_user_program(std::string(kHeaders) + R"(
int main(void)
{
	struct stat st;
	printf("nope: %d %s\n", stat("/nope", &st), strerror(errno));
	printf("through a node: %d %s\n", stat("/dev/null/x", &st), strerror(errno));
	printf("trailing slash on a node: %d %s\n", stat("/dev/null/", &st), strerror(errno));
	printf("empty: %d %s\n", stat("", &st), strerror(errno));
	printf("bad fd: %d %s\n", fstat(42, &st), strerror(errno));
	printf("bad buffer: %d %s\n", stat("/dev", (struct stat *)16), strerror(errno));
	printf("bad flags: %d %s\n", fstatat(AT_FDCWD, "/dev", &st, 1), strerror(errno));
	printf("readlink of a file: %ld %s\n", (long)readlink("/dev/null", (char *)&st, 8), strerror(errno));
	return 0;
}
)");
	EXPECT_EQ(r.console, "nope: -1 No such file or directory\n"
			     "through a node: -1 Not a directory\n"
			     "trailing slash on a node: -1 Not a directory\n"
			     "empty: -1 No such file or directory\n"
			     "bad fd: -1 Bad file descriptor\n"
			     "bad buffer: -1 Bad address\n"
			     "bad flags: -1 Invalid argument\n"
			     "readlink of a file: -1 Invalid argument\n");
}

TEST(Stat, KindsOfFiles)
{
	auto r = run_user_program(std::string(kHeaders) + R"(
static void show(const char *p)
{
	struct stat st;
	if (lstat(p, &st) < 0) {
		printf("%s: %s\n", p, strerror(errno));
		return;
	}
	printf("%s: %06o nlink %lu size %ld rdev %u:%u\n", p, st.st_mode, st.st_nlink, (long)st.st_size,
	       major(st.st_rdev), minor(st.st_rdev));
}
int main(void)
{
	int p[2];
	struct stat st;
	char target[16];
	mkfifo("/tmp/f", 0644);
	show("/");
	show("/tmp");
	show("/tmp/f");
	show("/dev/null");
	show("/dev/console");
	show("/proc");
	show("/proc/1");
	show("/proc/1/comm");
	show("/proc/self");
	show("/proc/version");
	show("/proc/sys/kernel/printk");
	show("/sys/kernel/debug");
	pipe(p);
	fstat(p[0], &st);
	printf("pipe: %06o\n", st.st_mode);
	long n = readlink("/proc/self", target, sizeof(target));
	printf("self -> %.*s\n", (int)n, target);
	return 0;
}
)");
	EXPECT_EQ(r.console, "/: 040755 nlink 6 size 120 rdev 0:0\n"
			     "/tmp: 041777 nlink 2 size 60 rdev 0:0\n"
			     "/tmp/f: 010644 nlink 1 size 0 rdev 0:0\n"
			     "/dev/null: 020666 nlink 1 size 0 rdev 1:3\n"
			     "/dev/console: 020600 nlink 1 size 0 rdev 5:1\n"
			     // proc_root's 2, its 8 directories, and nr_processes(): init and
			     // the 18 kernel threads of a two-CPU machine
			     "/proc: 040555 nlink 28 size 0 rdev 0:0\n"
			     "/proc/1: 040555 nlink 9 size 0 rdev 0:0\n"
			     "/proc/1/comm: 100644 nlink 1 size 0 rdev 0:0\n"
			     "/proc/self: 120777 nlink 1 size 0 rdev 0:0\n"
			     "/proc/version: 100444 nlink 1 size 0 rdev 0:0\n"
			     "/proc/sys/kernel/printk: 100644 nlink 1 size 0 rdev 0:0\n"
			     "/sys/kernel/debug: 040700 nlink 2 size 0 rdev 0:0\n"
			     "pipe: 010600\n"
			     "self -> 1\n");
}

TEST(Readdir, DirectoriesOpenReadAndList)
{
	auto r = run_user_program(std::string(kHeaders) + R"(
int main(void)
{
	char buf[64];
	int fd = open("/proc/1", O_RDONLY | O_DIRECTORY);
	printf("read: %ld %s\n", (long)read(fd, buf, sizeof(buf)), strerror(errno));
	printf("small buffer: %ld %s\n", (long)getdents64(fd, buf, 20), strerror(errno));
	long n = getdents64(fd, buf, 60);
	printf("60 bytes: %ld\n", n);
	printf("next: %ld\n", (long)getdents64(fd, buf, sizeof(buf)));
	printf("rest: %ld\n", (long)getdents64(fd, buf, sizeof(buf)));
	printf("end: %ld\n", (long)getdents64(fd, buf, sizeof(buf)));
	close(fd);
	printf("write a dir: %d %s\n", open("/dev", O_WRONLY), strerror(errno));
	printf("O_DIRECTORY on a node: %d %s\n", open("/dev/null", O_RDONLY | O_DIRECTORY), strerror(errno));
	fd = open("/dev/null", O_RDONLY);
	printf("getdents64 of a node: %ld %s\n", (long)getdents64(fd, buf, sizeof(buf)), strerror(errno));
	DIR *d = opendir("/proc/1");
	struct dirent *e;
	while ((e = readdir(d)))
		printf("%s %d\n", e->d_name, e->d_type);
	closedir(d);
	return 0;
}
)");
	EXPECT_EQ(r.console, "read: -1 Is a directory\n"
			     "small buffer: -1 Invalid argument\n"
			     "60 bytes: 48\n"   // "." and "..": 24 each; "status" needs 32
			     "next: 56\n"   // "status" 32 and "comm" 24; "cmdline" (32) does not fit
			     "rest: 32\n"
			     "end: 0\n"
			     "write a dir: -1 Is a directory\n"
			     "O_DIRECTORY on a node: -1 Not a directory\n"
			     "getdents64 of a node: -1 Not a directory\n"
			     ". 4\n.. 4\nstatus 8\ncomm 8\ncmdline 8\n");
}

// kernel/sys.c umask(2) and fs/namei.c do_mknodat(): a process starts with init_fs's 022,
// mknod() takes it off the mode, umask() returns the old mask and keeps only 0777's bits,
// and a fork child inherits it.
TEST(Stat, UmaskIsTakenOffMknodsMode)
{
	auto r = run_user_program(std::string(kHeaders) + R"(
#include <sys/wait.h>
static void node(const char *p, unsigned mode)
{
	struct stat st;
	if (mknod(p, mode, makedev(1, 3)) < 0 || stat(p, &st) < 0) {
		printf("%s: %s\n", p, strerror(errno));
		return;
	}
	printf("%s: %06o\n", p, st.st_mode);
}
int main(void)
{
	node("/dev/a", S_IFCHR | 0666);
	printf("old mask %03o\n", umask(077));
	node("/dev/b", S_IFCHR | 0666);
	printf("old mask %03o\n", umask(07777));
	node("/dev/c", S_IFCHR | 0666);
	umask(002);
	if (fork() == 0) {
		node("/dev/d", S_IFCHR | 0777);
		struct stat st;
		mkfifo("/tmp/f", 0666);
		stat("/tmp/f", &st);
		printf("/tmp/f: %06o\n", st.st_mode);
		return 0;
	}
	wait(NULL);
	return 0;
}
)");
	EXPECT_EQ(r.console, "/dev/a: 020644\n"
			     "old mask 022\n"
			     "/dev/b: 020600\n"
			     "old mask 077\n"
			     "/dev/c: 020000\n"
			     "/dev/d: 020775\n"
			     "/tmp/f: 010664\n");
}

// fs/namei.c do_unlinkat(), fs/open.c chmod_common() and chown_common() on the nodes a
// program made: the name goes (an open file keeps working), the mode's permission bits
// and the owner change; directories, kctx's own nodes and /proc are refused.
TEST(Stat, UnlinkChmodChownOfNodes)
{
	auto r = run_user_program(std::string(kHeaders) + R"(
static void show(const char *p)
{
	struct stat st;
	if (stat(p, &st) < 0) {
		printf("%s: %s\n", p, strerror(errno));
		return;
	}
	printf("%s: %06o %u:%u\n", p, st.st_mode, st.st_uid, st.st_gid);
}
int main(void)
{
	int fd;
	mknod("/dev/n", S_IFCHR | 0644, makedev(1, 3));
	printf("chmod: %d\n", chmod("/dev/n", 04751));
	show("/dev/n");
	printf("chgrp: %d\n", chown("/dev/n", -1, 50));
	show("/dev/n");
	printf("chown: %d\n", chown("/dev/n", 7, -1));
	show("/dev/n");
	fd = open("/dev/n", O_WRONLY);
	printf("unlink: %d\n", unlink("/dev/n"));
	show("/dev/n");
	printf("write to the open file: %ld\n", (long)write(fd, "x", 1));
	printf("again: %d %s\n", unlink("/dev/n"), strerror(errno));
	mkfifo("/tmp/f", 0600);
	printf("fifo: %d\n", unlink("/tmp/f"));
	show("/tmp/f");
	printf("dir: %d %s\n", unlink("/dev"), strerror(errno));
	printf("null: %d %s\n", chmod("/dev/null", 0600), strerror(errno));
	printf("proc: %d %s\n", unlink("/proc/version"), strerror(errno));
	printf("through a node: %d %s\n", chmod("/dev/null/x", 0600), strerror(errno));
	return 0;
}
)");
	EXPECT_EQ(r.console, "chmod: 0\n"
			     "/dev/n: 024751 0:0\n"
			     "chgrp: 0\n"
			     "/dev/n: 020751 0:50\n"
			     "chown: 0\n"
			     "/dev/n: 020751 7:50\n"
			     "unlink: 0\n"
			     "/dev/n: No such file or directory\n"
			     "write to the open file: 1\n"
			     "again: -1 No such file or directory\n"
			     "fifo: 0\n"
			     "/tmp/f: No such file or directory\n"
			     "dir: -1 Is a directory\n"
			     "null: -1 Operation not permitted\n"
			     "proc: -1 Operation not permitted\n"
			     "through a node: -1 Not a directory\n");
}

// fs/namei.c do_symlinkat() in /dev and /tmp, as busybox `ln -s` makes LDD3's /dev/scull:
// open, stat, chmod follow the link (relative to its directory), lstat and readlink see
// it, unlink removes only it; a loop is ELOOP; elsewhere EPERM, over a name EEXIST.
TEST(Stat, SymlinksInDevAndTmp)
{
	auto r = run_user_program(std::string(kHeaders) + R"(
int main(void)
{
	struct stat st;
	char buf[64];
	long n;
	int fd;

	mknod("/dev/n0", S_IFCHR | 0644, makedev(1, 3));
	printf("symlink: %d\n", symlink("n0", "/dev/n"));
	printf("again: %d %s\n", symlink("n0", "/dev/n"), strerror(errno));
	lstat("/dev/n", &st);
	printf("lstat: %06o size %ld\n", st.st_mode, (long)st.st_size);
	stat("/dev/n", &st);
	printf("stat: %06o %u,%u\n", st.st_mode, major(st.st_rdev), minor(st.st_rdev));
	n = readlink("/dev/n", buf, sizeof(buf));
	printf("readlink: %.*s\n", (int)n, buf);
	fd = open("/dev/n", O_WRONLY);
	printf("write through it: %ld\n", (long)write(fd, "x", 1));
	printf("chmod: %d\n", chmod("/dev/n", 0600));
	stat("/dev/n0", &st);
	printf("n0 now %06o\n", st.st_mode);
	symlink("/tmp/loop", "/tmp/loop");
	printf("loop: %d %s\n", open("/tmp/loop", O_RDONLY), strerror(errno));
	printf("dangling: %d %s\n", symlink("nowhere", "/tmp/d") | open("/tmp/d", O_RDONLY), strerror(errno));
	printf("in /proc: %d %s\n", symlink("x", "/proc/x"), strerror(errno));
	printf("unlink: %d\n", unlink("/dev/n"));
	printf("n0 stays: %d, n is gone: %d\n", stat("/dev/n0", &st), lstat("/dev/n", &st));
	return 0;
}
)");
	EXPECT_EQ(r.console, "symlink: 0\n"
			     "again: -1 File exists\n"
			     "lstat: 120777 size 2\n"
			     "stat: 020644 1,3\n"
			     "readlink: n0\n"
			     "write through it: 1\n"
			     "chmod: 0\n"
			     "n0 now 020600\n"
			     "loop: -1 Too many levels of symbolic links\n"
			     "dangling: -1 No such file or directory\n"
			     "in /proc: -1 Operation not permitted\n"
			     "unlink: 0\n"
			     "n0 stays: 0, n is gone: -1\n");
}

}   // namespace
}   // namespace kctx::kernel
