// The crash applet: the crash inspector's session on a live machine.
// Sources of C programs kctx compiles into the machine; text_applet_source() (AppletSources.cpp)
// puts them together.
#include "shell/AppletParts.h"

namespace kctx::shell::applet {

// crash 8.0.2 on the live machine (issue 14). memory.c's order: /dev/crash if it exists;
// else /dev/mem, unless CONFIG_STRICT_DEVMEM restricts it (devmem_is_restricted(): a
// page of RAM past the first megabyte cannot be read), in which case crash says so and
// switches to /proc/kcore (switch_to_proc_kcore(): its ELF header must read back). Then
// the session: the banner, and each command line (from -i FILE, then standard input)
// echoed after the prompt and answered by the kernel's inspector (__kctx_crash).
const std::string_view kCrash = R"c(
static char crash_out[1 << 20];

static int crash_readable(const char *path, long offset, char *b, long n)
{
	int fd = open(path, O_RDONLY);
	long got;

	if (fd < 0)
		return 0;
	got = lseek(fd, offset, SEEK_SET) == offset ? read(fd, b, n) : -1;
	close(fd);
	return got == n;
}

static const char *crash_memory_source(void)
{
	char b[4];
	int fd;

	fd = open("/dev/crash", O_RDONLY);
	if (fd >= 0) {
		close(fd);
		return "/dev/crash";
	}
	if (crash_readable("/dev/mem", 257 * 4096L, b, 1))
		return "/dev/mem";
	printf("crash: this kernel may be configured with CONFIG_STRICT_DEVMEM, which\n"
	       "       renders /dev/mem unusable as a live memory source.\n"
	       "crash: trying /proc/kcore as an alternative to /dev/mem\n\n");
	if (!crash_readable("/proc/kcore", 0, b, 4) || memcmp(b, "\177ELF", 4) != 0) {
		printf("crash: /proc/kcore: initialization failed\n");
		return 0;
	}
	return "/proc/kcore";
}

static void crash_show(long n)
{
	if (n < 0) {
		printf("crash: %s\n", strerror(-n));
		return;
	}
	if (n > (long)sizeof(crash_out))
		n = sizeof(crash_out);
	fflush(stdout);
	bb_full_write(1, crash_out, n);
}

/* Runs the lines of fd; 1 when one was q or exit. */
static int crash_session(const char *src, int fd)
{
	struct bb_lines r;
	long len;

	bb_lines_init(&r, fd);
	while ((len = bb_next_line(&r)) > 0) {
		char *line = r.line;

		if (line[len - 1] == '\n')
			line[--len] = 0;
		printf("crash> %s\n", line);
		crash_show(__kctx_crash(src, line, crash_out, sizeof(crash_out)));
		if (strcmp(line, "q") == 0 || strcmp(line, "exit") == 0)
			return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	const char *input = 0, *src;
	int i, fd;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-i") == 0 && i + 1 < argc) {
			input = argv[++i];
			continue;
		}
		fprintf(stderr, "Usage: crash [-i FILE]\n");
		return 1;
	}
	src = crash_memory_source();
	if (!src)
		return 1;
	crash_show(__kctx_crash(src, 0, crash_out, sizeof(crash_out)));
	if (input) {
		fd = open(input, O_RDONLY);
		if (fd < 0) {
			fflush(stdout);
			fprintf(stderr, "crash: %s: %s\n", input, strerror(errno));
			return 1;
		}
		if (crash_session(src, fd))
			return 0;
		close(fd);
	}
	crash_session(src, 0);
	return 0;
}
)c";

}   // namespace kctx::shell::applet
