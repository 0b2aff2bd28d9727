/* sysconf(3) (glibc 2.36 sysdeps/unix/sysv/linux/sysconf.c, posix/sysconf.c) for what a
 * program on kctx's machine can ask: the page size, the clock tick of times(2), the
 * descriptor limit, the argument space, and the CPUs, counted as glibc's fallback counts
 * them, from /proc/cpuinfo's "processor" lines. A name kctx does not answer is -1 with
 * EINVAL, as glibc answers one it does not know. */
enum {
	_SC_ARG_MAX = 0,
	_SC_CLK_TCK = 2,
	_SC_OPEN_MAX = 4,
	_SC_PAGESIZE = 30,
	_SC_NPROCESSORS_CONF = 83,
	_SC_NPROCESSORS_ONLN = 84,
};
#define _SC_PAGE_SIZE _SC_PAGESIZE

static long __kctx_sysconf_cpus(void)
{
	char buf[4096];
	long n = 0, len, i;
	int fd = open("/proc/cpuinfo", O_RDONLY);

	if (fd < 0)
		return 1;
	while ((len = read(fd, buf, sizeof(buf) - 1)) > 0) {
		buf[len] = 0;
		for (i = 0; i < len; i++)
			if ((i == 0 || buf[i - 1] == '\n') && strncmp(buf + i, "processor", 9) == 0)
				n++;
	}
	close(fd);
	return n ? n : 1;
}

__attribute__((weak)) long sysconf(int name)
{
	switch (name) {
	case _SC_ARG_MAX:
		return 2097152;   /* a quarter of the 8 MiB stack limit (fs/exec.c) */
	case _SC_CLK_TCK:
		return 100;       /* USER_HZ */
	case _SC_OPEN_MAX:
		return 1024;      /* RLIMIT_NOFILE's soft limit */
	case _SC_PAGESIZE:
		return 4096;
	case _SC_NPROCESSORS_CONF:
	case _SC_NPROCESSORS_ONLN:
		return __kctx_sysconf_cpus();
	}
	errno = EINVAL;
	return -1;
}

__attribute__((weak)) int getpagesize(void)
{
	return 4096;
}
