#include "shell/Applets.h"

#include <array>
#include <fmt/format.h>
#include <utility>

namespace kctx::shell {

namespace {

// libbb/xatonum.c: cwbkMG_suffixes, as dd takes them.
constexpr std::array<std::pair<std::string_view, unsigned long long>, 13> kDdSuffixes = {{
	{"c", 1},
	{"w", 2},
	{"b", 512},
	{"kB", 1000},
	{"kD", 1000},
	{"k", 1024},
	{"K", 1024},
	{"MB", 1000000},
	{"MD", 1000000},
	{"M", 1048576},
	{"GB", 1000000000},
	{"GD", 1000000000},
	{"G", 1073741824},
}};

// busybox coreutils/dd.c, for kctx: the operands bs= ibs= obs= count= skip= seek= if= of=
// conv= status=; the same records lines, the same third status line
// (FEATURE_DD_THIRD_STATUS_LINE: the time is the simulated monotonic clock), the same
// messages. A read error ends dd with "dd: FILE: <strerror>" and status 1 and no
// records lines, as busybox's bb_simple_perror_msg_and_die() does; conv=noerror reports
// the error and goes on. Not here: iflag=, oflag=, conv=fsync and conv=swab (init.sh
// refuses them), and the ftruncate() of seek= without notrunc (kctx has no regular
// files, and busybox ignores the failure on a device).
constexpr std::string_view kDd = R"c(/* busybox dd, as kctx's init.sh runs it (src/shell/Applets.cpp). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define FLAG_NOTRUNC 1
#define FLAG_SYNC 2
#define FLAG_NOERROR 4
#define FLAG_TWOBUFS 8
#define FLAG_COUNT 16
#define FLAG_STATUS_NONE 32
#define FLAG_STATUS_NOXFER 64

static unsigned long long in_full, in_part, out_full, out_part, total_bytes, begin_us;
static int flags;
static int ifd, ofd = 1;
static const char *infile = "standard input";
static const char *outfile = "standard output";

static unsigned long long monotonic_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (unsigned long long)ts.tv_sec * 1000000ULL + (unsigned long long)ts.tv_nsec / 1000;
}

/* libbb make_human_readable_str(val, 1, 0): "512", "1.0M", with one decimal. */
static const char *human(unsigned long long val, char *buf, int size)
{
	static const char units[] = { 0, 'K', 'M', 'G', 'T', 'P', 'E' };
	unsigned frac = 0;
	int u = 0;

	if (val == 0)
		return "0";
	while (val >= 1024) {
		u++;
		frac = (((unsigned)val % 1024) * 10 + 1024 / 2) / 1024;
		val /= 1024;
	}
	if (frac >= 10) {
		val++;
		frac = 0;
	}
	if (u == 0)
		snprintf(buf, size, "%llu", val);
	else
		snprintf(buf, size, "%llu.%u%c", val, frac, units[u]);
	return buf;
}

static void output_status(void)
{
	char a[32], b[32];
	double seconds;
	unsigned long long bytes_sec;
	unsigned long long now_us = monotonic_us(); /* before fprintf */

	fprintf(stderr, "%llu+%llu records in\n%llu+%llu records out\n", in_full, in_part, out_full, out_part);
	if (flags & FLAG_STATUS_NOXFER)
		return;
	fprintf(stderr, "%llu bytes (%sB) copied, ", total_bytes, human(total_bytes, a, sizeof(a)));
	seconds = (now_us - begin_us) / 1000000.0;
	bytes_sec = total_bytes / seconds;
	fprintf(stderr, "%f seconds, %sB/s\n", seconds, human(bytes_sec, b, sizeof(b)));
}

static void die(const char *what)
{
	fprintf(stderr, "dd: %s: %s\n", what, strerror(errno));
	exit(1);
}

/* libbb xatoull_sfx() with cwbkMG_suffixes; init.sh has checked the operand already. */
static unsigned long long number(const char *s)
{
	static const char *sfx[] = { "c", "w", "b", "kB", "kD", "k", "K", "MB", "MD", "M", "GB", "GD", "G" };
	static const unsigned long long mult[] = { 1, 2, 512, 1000, 1000, 1024, 1024, 1000000, 1000000,
						   1048576, 1000000000, 1000000000, 1073741824 };
	char *end;
	unsigned long long v = strtoul(s, &end, 10);
	int i;

	for (i = 0; *end && i < 13; i++)
		if (strcmp(end, sfx[i]) == 0)
			return v * mult[i];
	return v;
}

static long safe_read(int fd, char *buf, long n)
{
	long r;

	do
		r = read(fd, buf, n);
	while (r < 0 && errno == EINTR);
	return r;
}

static long full_write(int fd, const char *buf, long len)
{
	long total = 0;

	while (len > 0) {
		long w = write(fd, buf, len);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return total ? total : -1;
		}
		total += w;
		buf += w;
		len -= w;
	}
	return total;
}

static int write_and_stats(const char *buf, long len, long obs)
{
	long n = full_write(ofd, buf, len);

	if (n > 0)
		total_bytes += n;
	if (n == obs) {
		out_full++;
		return 0;
	}
	if (n == len) {
		out_part++;
		return 0;
	}
	fprintf(stderr, "dd: error writing '%s': %s\n", outfile, strerror(errno));
	return 1;
}

int main(int argc, char **argv)
{
	long ibs = 512, obs = 512, ocount = 0;
	unsigned long long count = 0, skip = 0, seek = 0;
	char *ibuf, *obuf;
	int i, exitcode = 1;

	for (i = 1; i < argc; i++) {
		char *arg = argv[i];
		char *val = strchr(arg, '=') + 1;

		if (strncmp(arg, "bs=", 3) == 0)
			ibs = obs = number(val);
		else if (strncmp(arg, "ibs=", 4) == 0)
			ibs = number(val);
		else if (strncmp(arg, "obs=", 4) == 0)
			obs = number(val);
		else if (strncmp(arg, "count=", 6) == 0) {
			flags |= FLAG_COUNT;
			count = number(val);
		} else if (strncmp(arg, "skip=", 5) == 0)
			skip = number(val);
		else if (strncmp(arg, "seek=", 5) == 0)
			seek = number(val);
		else if (strncmp(arg, "if=", 3) == 0)
			infile = val;
		else if (strncmp(arg, "of=", 3) == 0)
			outfile = val;
		else if (strncmp(arg, "status=", 7) == 0)
			flags |= strcmp(val, "none") == 0 ? FLAG_STATUS_NONE : FLAG_STATUS_NOXFER;
		else if (strncmp(arg, "conv=", 5) == 0) {
			while (*val) {
				char *comma = strchr(val, ',');
				long len = comma ? comma - val : (long)strlen(val);

				if (len == 7 && strncmp(val, "notrunc", 7) == 0)
					flags |= FLAG_NOTRUNC;
				if (len == 4 && strncmp(val, "sync", 4) == 0)
					flags |= FLAG_SYNC;
				if (len == 7 && strncmp(val, "noerror", 7) == 0)
					flags |= FLAG_NOERROR;
				val += len + (comma != NULL);
			}
		}
	}
	ibuf = malloc(ibs);
	obuf = ibuf;
	if (ibs != obs) {
		flags |= FLAG_TWOBUFS;
		obuf = malloc(obs);
	}
	begin_us = monotonic_us();
	if (strcmp(infile, "standard input") != 0) {
		ifd = open(infile, O_RDONLY);
		if (ifd < 0) {
			fprintf(stderr, "dd: can't open '%s': %s\n", infile, strerror(errno));
			return 1;
		}
	}
	if (strcmp(outfile, "standard output") != 0) {
		int oflag = O_WRONLY | O_CREAT;

		if (!seek && !(flags & FLAG_NOTRUNC))
			oflag |= O_TRUNC;
		ofd = open(outfile, oflag, 0666);
		if (ofd < 0) {
			fprintf(stderr, "dd: can't open '%s': %s\n", outfile, strerror(errno));
			return 1;
		}
	}
	if (skip && lseek(ifd, skip * ibs, SEEK_CUR) < 0) {
		do {
			long n = safe_read(ifd, ibuf, ibs);
			if (n < 0)
				die(infile);
			if (n == 0)
				break;
		} while (--skip != 0);
	}
	if (seek && lseek(ofd, seek * obs, SEEK_CUR) < 0)
		die(outfile);

	while (!(flags & FLAG_COUNT) || count != 0) {
		long n = safe_read(ifd, ibuf, ibs);

		if (n == 0)
			break;
		if (n < 0) {
			/* "Bad block" */
			if (!(flags & FLAG_NOERROR))
				die(infile);
			fprintf(stderr, "dd: %s: %s\n", infile, strerror(errno));
			lseek(ifd, ibs, SEEK_CUR);
			n = 0;
		}
		count--;
		if (n == ibs)
			in_full++;
		else {
			in_part++;
			if (flags & FLAG_SYNC) {
				memset(ibuf + n, 0, ibs - n);
				n = ibs;
			}
		}
		if (flags & FLAG_TWOBUFS) {
			char *tmp = ibuf;
			while (n) {
				long d = obs - ocount;
				if (d > n)
					d = n;
				memcpy(obuf + ocount, tmp, d);
				n -= d;
				tmp += d;
				ocount += d;
				if (ocount == obs) {
					if (write_and_stats(obuf, obs, obs))
						goto out_status;
					ocount = 0;
				}
			}
		} else if (write_and_stats(ibuf, n, obs)) {
			goto out_status;
		}
	}
	if (ocount != 0 && write_and_stats(obuf, ocount, obs))
		goto out_status;
	if (close(ifd) < 0)
		die(infile);
	if (close(ofd) < 0)
		die(outfile);
	exitcode = 0;
out_status:
	if (!(flags & FLAG_STATUS_NONE))
		output_status();
	return exitcode;
}
)c";

// busybox modutils/lsmod.c with FEATURE_LSMOD_PRETTY_2_6_OUTPUT and
// FEATURE_CHECK_TAINTED_MODULE: /proc/modules, one line per module, after a header
// that check_tainted() ends on the same line.
constexpr std::string_view kLsmod = R"c(/* busybox lsmod, as kctx's init.sh runs it (src/shell/Applets.cpp). */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char text[16384];

static long read_file(const char *path, char *buf, long size)
{
	long n, total = 0;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return -1;
	while (total < size - 1 && (n = read(fd, buf + total, size - 1 - total)) > 0)
		total += n;
	buf[total] = 0;
	close(fd);
	return total;
}

static void check_tainted(void)
{
	char buf[32];
	int tainted = 0;

	if (read_file("/proc/sys/kernel/tainted", buf, sizeof(buf)) > 0)
		tainted = atoi(buf);
	if (tainted)
		printf("    Tainted: %c%c%c\n", tainted & 1 ? 'P' : 'G', tainted & 2 ? 'F' : ' ',
		       tainted & 4 ? 'S' : ' ');
	else
		puts("    Not tainted");
}

/* The next blank-separated word of *p, NUL-terminated in place. */
static char *word(char **p)
{
	char *s = *p;

	while (*s == ' ' || *s == '\t')
		s++;
	*p = s;
	while (**p && **p != ' ' && **p != '\t')
		(*p)++;
	if (**p)
		*(*p)++ = 0;
	return s;
}

int main(void)
{
	char *line = text;

	if (read_file("/proc/modules", text, sizeof(text)) < 0) {
		fprintf(stderr, "lsmod: can't open '/proc/modules': No such file or directory\n");
		return 1;
	}
	printf("%-24sSize  Used by", "Module");
	check_tainted();
	while (*line) {
		char *nl = strchr(line, '\n');
		char *p = line;
		char *name, *size, *refs, *users;

		if (nl)
			*nl = 0;
		name = word(&p);
		size = word(&p);
		refs = word(&p);
		users = word(&p);
		/* users is '-' or "a,b,": dropping its last character is what is needed */
		if (users[0])
			users[strlen(users) - 1] = 0;
		printf("%-19s %8s %2s %s\n", name, size, refs, users);
		if (!nl)
			break;
		line = nl + 1;
	}
	return 0;
}
)c";

}   // namespace

std::string applet_source(std::string_view name)
{
	if (name == "dd")
		return std::string(kDd);
	if (name == "lsmod")
		return std::string(kLsmod);
	if (name == "stap")
		return stap_applet_source();
	return text_applet_source(name);
}

std::optional<unsigned long long> dd_number(std::string_view text)
{
	size_t i = 0;
	unsigned long long v = 0;
	for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; i++)
		if (__builtin_mul_overflow(v, 10, &v) || __builtin_add_overflow(v, text[i] - '0', &v))
			return std::nullopt;
	if (i == 0)
		return std::nullopt;
	std::string_view suffix = text.substr(i);
	if (suffix.empty())
		return v;
	for (const auto& [s, mult] : kDdSuffixes)
		if (s == suffix)
			return __builtin_mul_overflow(v, mult, &v) ? std::nullopt : std::optional(v);
	return std::nullopt;
}

std::optional<std::string> check_dd_operand(std::string_view operand)
{
	size_t eq = operand.find('=');
	if (eq == std::string_view::npos)
		return fmt::format("dd: '{}' is not an operand: expected NAME=VALUE (if= of= bs= count= ...)", operand);
	std::string_view key = operand.substr(0, eq);
	std::string_view value = operand.substr(eq + 1);
	if (key == "if" || key == "of")
		return value.empty() ? std::optional<std::string>(fmt::format("dd: {}= needs a file", key)) : std::nullopt;
	if (key == "bs" || key == "ibs" || key == "obs") {
		// xatoul_range_sfx(val, 1, SSIZE_MAX); kctx's programs get 64 MiB of heap.
		std::optional<unsigned long long> n = dd_number(value);
		if (!n || *n == 0)
			return fmt::format("dd: invalid number '{}'", value);
		if (*n > 16 * 1024 * 1024)
			return fmt::format("dd: {}={} is more than kctx's dd buffers (16M at most)", key, value);
		return std::nullopt;
	}
	if (key == "count" || key == "skip" || key == "seek")
		return dd_number(value) ? std::nullopt : std::optional<std::string>(fmt::format("dd: invalid number '{}'", value));
	if (key == "status") {
		if (value == "none" || value == "noxfer")
			return std::nullopt;
		return fmt::format("dd: invalid argument '{}' to 'status'{}", value,
				   value == "progress" ? " (status=progress is not supported in init.sh)" : "");
	}
	if (key == "conv") {
		size_t start = 0;
		while (start <= value.size()) {
			size_t comma = value.find(',', start);
			std::string_view word = value.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
			if (word != "notrunc" && word != "sync" && word != "noerror")
				return word == "fsync" || word == "swab"
					       ? fmt::format("dd: conv={} is not supported in init.sh", word)
					       : fmt::format("dd: invalid argument '{}' to 'conv'", word);
			if (comma == std::string_view::npos)
				break;
			start = comma + 1;
		}
		return std::nullopt;
	}
	if (key == "iflag" || key == "oflag")
		return fmt::format("dd: {}= is not supported in init.sh", key);
	return fmt::format("dd: unknown operand '{}': dd takes if= of= bs= ibs= obs= count= skip= seek= conv= status=", key);
}

}   // namespace kctx::shell
