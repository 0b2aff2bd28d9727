// The text applets a pipeline's commands use (cat, echo, grep, head, tail, wc, dmesg,
// sleep, true, false, mknod): small C programs written for kctx from what busybox 1.35's
// applets print and return (coreutils/, findutils/grep.c, util-linux/dmesg.c), run as
// child processes of init.sh like dd and lsmod (Applets.cpp).
#include "shell/Applets.h"

#include <initializer_list>

namespace kctx::shell {

namespace {

// What each includes.
constexpr std::string_view kIncludes = R"c(#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
)c";

// Reading lines of any length from a descriptor (libbb's xmalloc_fgetline()).
constexpr std::string_view kLineReader = R"c(
/* A line reader over a descriptor: lines of any length, the last one maybe without '\n'. */
struct bb_lines {
	int fd;
	char buf[4096];
	long len, pos;
	int eof;
	int error;
	char *line;
	long cap;
};

static void bb_lines_init(struct bb_lines *r, int fd)
{
	r->fd = fd;
	r->len = 0;
	r->pos = 0;
	r->eof = 0;
	r->error = 0;
	r->cap = 256;
	r->line = malloc(r->cap);
}

/* The next line with its '\n' if it has one; its length, 0 at the end, -1 on an error. */
static long bb_next_line(struct bb_lines *r)
{
	long n = 0;

	for (;;) {
		if (r->pos == r->len) {
			long got;

			if (r->eof)
				break;
			do
				got = read(r->fd, r->buf, sizeof(r->buf));
			while (got < 0 && errno == EINTR);
			if (got <= 0) {
				r->eof = 1;
				r->error = got < 0 ? errno : 0;
				break;
			}
			r->len = got;
			r->pos = 0;
		}
		if (n + 2 > r->cap) {
			r->cap *= 2;
			r->line = realloc(r->line, r->cap);
		}
		r->line[n++] = r->buf[r->pos++];
		if (r->line[n - 1] == '\n')
			break;
	}
	r->line[n] = 0;
	if (n == 0 && r->error)
		return -1;
	return n;
}
)c";

// libbb's full_write(): all of it, or an error.
constexpr std::string_view kFullWrite = R"c(
static long bb_full_write(int fd, const char *buf, long len)
{
	long total = 0;

	while (total < len) {
		long w = write(fd, buf + total, len - total);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		total += w;
	}
	return total;
}

)c";

// coreutils/cat.c: each operand, or stdin for none and "-"; "cat: can't open 'F': ..."
constexpr std::string_view kCat = R"c(
int main(int argc, char **argv)
{
	static char buf[4096];
	int i, status = 0;

	for (i = 1; i < argc || i == 1; i++) {
		const char *path = i < argc ? argv[i] : "-";
		int fd = 0;
		long n;

		if (strcmp(path, "-") != 0) {
			fd = open(path, O_RDONLY);
			if (fd < 0) {
				fprintf(stderr, "cat: can't open '%s': %s\n", path, strerror(errno));
				status = 1;
				continue;
			}
		}
		while ((n = read(fd, buf, sizeof(buf))) > 0) {
			if (bb_full_write(1, buf, n) < 0) {
				fprintf(stderr, "cat: write error: %s\n", strerror(errno));
				return 1;
			}
		}
		if (n < 0) {
			fprintf(stderr, "cat: read error: %s\n", strerror(errno));
			status = 1;
		}
		if (fd)
			close(fd);
		if (argc == 1)
			break;
	}
	return status;
}
)c";

// coreutils/echo.c: -n, -e, -E; "\c" stops the output.
constexpr std::string_view kEcho = R"c(
static int hex(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int main(int argc, char **argv)
{
	static char out[65536];
	long n = 0;
	int i = 1, newline = 1, escapes = 0;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		const char *o = argv[i] + 1;
		if (strspn(o, "neE") != strlen(o))
			break;
		for (; *o; o++) {
			if (*o == 'n')
				newline = 0;
			else
				escapes = *o == 'e';
		}
	}
	for (; i < argc; i++) {
		const char *s = argv[i];
		while (*s && n < (long)sizeof(out) - 8) {
			int c = *s++;
			if (c != '\\' || !escapes || !*s) {
				out[n++] = c;
				continue;
			}
			c = *s++;
			switch (c) {
			case 'a': out[n++] = '\a'; continue;
			case 'b': out[n++] = '\b'; continue;
			case 'e': out[n++] = 27; continue;
			case 'f': out[n++] = '\f'; continue;
			case 'n': out[n++] = '\n'; continue;
			case 'r': out[n++] = '\r'; continue;
			case 't': out[n++] = '\t'; continue;
			case 'v': out[n++] = '\v'; continue;
			case '\\': out[n++] = '\\'; continue;
			case 'c': bb_full_write(1, out, n); return 0;
			}
			if (c == 'x' && hex(*s) >= 0) {
				int v = hex(*s++);
				if (hex(*s) >= 0)
					v = v * 16 + hex(*s++);
				out[n++] = v;
				continue;
			}
			if (c >= '0' && c <= '7') {
				int v, k;
				if (c == '0' && *s >= '0' && *s <= '7')
					c = *s++;
				v = c - '0';
				for (k = 1; k < 3 && *s >= '0' && *s <= '7'; k++)
					v = v * 8 + (*s++ - '0');
				out[n++] = v;
				continue;
			}
			out[n++] = '\\';
			out[n++] = c;
		}
		if (i + 1 < argc)
			out[n++] = ' ';
	}
	if (newline)
		out[n++] = '\n';
	if (bb_full_write(1, out, n) < 0) {
		fprintf(stderr, "echo: write error: %s\n", strerror(errno));
		return 1;
	}
	return 0;
}
)c";

// findutils/grep.c: regular expressions without groups or back-references (basic, -E
// extended: ^ $ . * [set] + ? and top-level alternatives), -F fixed strings, -v -c -i
// -n -q -s -h -H -l; "FILE:" before lines when there are several files; status 0 if a
// line was selected, 1 if none, 2 on an error (unless a line was selected with -q).
constexpr std::string_view kGrep = R"c(
#define OPT_V 1
#define OPT_C 2
#define OPT_I 4
#define OPT_N 8
#define OPT_Q 16
#define OPT_S 32
#define OPT_E 64
#define OPT_F 128
#define OPT_H 256
#define OPT_NOH 512
#define OPT_L 1024

static int opts;
static const char *pattern;
/* The pattern's top-level alternatives ('|' with -E, '\|' in a basic one). */
static char *alts[32];
static int nalts;

static void split_alternatives(const char *p)
{
	char *copy = strcpy(malloc(strlen(p) + 1), p);
	char *s = copy;
	int depth = 0;

	alts[nalts++] = s;
	if (opts & OPT_F)
		return;
	while (*s) {
		int bar = (opts & OPT_E) ? *s == '|' : s[0] == '\\' && s[1] == '|';
		if (*s == '[') {
			depth = 1;
		} else if (*s == ']' && depth) {
			depth = 0;
		} else if (bar && !depth && nalts < 32) {
			*s = 0;
			s += (opts & OPT_E) ? 1 : 2;
			alts[nalts++] = s;
			continue;
		} else if (*s == '\\' && s[1]) {
			s++;
		}
		s++;
	}
}

static int fold(int c)
{
	if ((opts & OPT_I) && c >= 'A' && c <= 'Z')
		return c + 32;
	return c;
}

/* One atom of the pattern at p: its length, and whether it matches character c. */
static int atom_len(const char *p)
{
	if (*p == '\\' && p[1])
		return 2;
	if (*p == '[') {
		const char *q = p + 1;
		if (*q == '^')
			q++;
		if (*q == ']')
			q++;
		while (*q && *q != ']')
			q++;
		return *q ? (int)(q - p) + 1 : 1;
	}
	return 1;
}

static int atom_match(const char *p, int c)
{
	if (c == 0 || c == '\n')
		return 0;
	if (*p == '.')
		return 1;
	if (*p == '\\')
		return fold(p[1]) == fold(c);
	if (*p == '[' && atom_len(p) > 1) {
		const char *q = p + 1;
		int neg = 0, hit = 0;
		if (*q == '^') {
			neg = 1;
			q++;
		}
		do {
			if (q[1] == '-' && q[2] && q[2] != ']') {
				if (fold(c) >= fold(q[0]) && fold(c) <= fold(q[2]))
					hit = 1;
				q += 3;
			} else {
				if (fold(*q) == fold(c))
					hit = 1;
				q++;
			}
		} while (*q && *q != ']');
		return hit != neg;
	}
	return fold(*p) == fold(c);
}

/* The repetition after an atom: '*', and with -E '+' and '?' (0 for none). */
static int repeat_of(const char *p)
{
	if (*p == '*')
		return '*';
	if ((opts & OPT_E) && (*p == '+' || *p == '?'))
		return *p;
	if (!(opts & OPT_E) && p[0] == '\\' && (p[1] == '+' || p[1] == '?'))
		return p[1];
	return 0;
}

static int match_here(const char *p, const char *s)
{
	int len, rep;

	if (*p == 0)
		return 1;
	if (*p == '$' && p[1] == 0)
		return *s == 0 || *s == '\n';
	len = atom_len(p);
	rep = repeat_of(p + len);
	if (rep) {
		const char *t = s;
		int skip = (p[len] == '\\') ? 2 : 1;
		int min = rep == '+' ? 1 : 0;
		int max = rep == '?' ? 1 : 1 << 30;
		int n = 0;
		while (n < max && atom_match(p, *t)) {
			t++;
			n++;
		}
		for (; n >= min; n--, t--)
			if (match_here(p + len + skip, t))
				return 1;
		return 0;
	}
	if (atom_match(p, *s))
		return match_here(p + len, s + 1);
	return 0;
}

static int alternative_matches(const char *pattern, const char *line)
{
	const char *s = line;

	if (opts & OPT_F) {
		long n = strlen(pattern);
		for (; *s; s++) {
			long i = 0;
			while (i < n && fold(s[i]) == fold(pattern[i]))
				i++;
			if (i == n)
				return 1;
		}
		return n == 0;
	}
	if (pattern[0] == '^')
		return match_here(pattern + 1, line);
	do {
		if (match_here(pattern, s))
			return 1;
	} while (*s++);
	return 0;
}

static int line_matches(const char *line)
{
	int k;

	for (k = 0; k < nalts; k++)
		if (alternative_matches(alts[k], line))
			return 1;
	return 0;
}

int main(int argc, char **argv)
{
	int i, nfiles, status = 1, error = 0;

	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		const char *o = argv[i] + 1;
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		for (; *o; o++) {
			switch (*o) {
			case 'v': opts |= OPT_V; break;
			case 'c': opts |= OPT_C; break;
			case 'i': opts |= OPT_I; break;
			case 'n': opts |= OPT_N; break;
			case 'q': opts |= OPT_Q; break;
			case 's': opts |= OPT_S; break;
			case 'E': opts |= OPT_E; break;
			case 'F': opts |= OPT_F; break;
			case 'H': opts |= OPT_H; break;
			case 'h': opts |= OPT_NOH; break;
			case 'l': opts |= OPT_L; break;
			case 'e':
				if (o[1])
					pattern = o + 1;
				else if (i + 1 < argc)
					pattern = argv[++i];
				o = " ";
				break;
			default:
				fprintf(stderr, "grep: invalid option -- '%c'\n", *o);
				return 2;
			}
			if (*o == ' ')
				break;
		}
	}
	if (!pattern) {
		if (i >= argc) {
			fprintf(stderr, "BusyBox v1.35.0 (Debian 1:1.35.0-4+b3) multi-call binary.\n\nUsage: grep [-HhnlLoqvsrRiwFE] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]...\n");
			return 2;
		}
		pattern = argv[i++];
	}
	split_alternatives(pattern);
	nfiles = argc - i;
	if (nfiles > 1 && !(opts & OPT_NOH))
		opts |= OPT_H;
	if (opts & OPT_NOH)
		opts &= ~OPT_H;
	for (; i < argc || nfiles == 0; i++) {
		const char *name = nfiles ? argv[i] : "(standard input)";
		int fd = 0;
		long count = 0, lineno = 0, n;
		struct bb_lines r;

		if (nfiles && strcmp(argv[i], "-") != 0) {
			fd = open(argv[i], O_RDONLY);
			if (fd < 0) {
				if (!(opts & OPT_S))
					fprintf(stderr, "grep: %s: %s\n", argv[i], strerror(errno));
				error = 1;
				continue;
			}
		}
		if (nfiles && strcmp(argv[i], "-") == 0)
			name = "(standard input)";
		bb_lines_init(&r, fd);
		while ((n = bb_next_line(&r)) > 0) {
			int hit;
			lineno++;
			if (r.line[n - 1] == '\n')
				r.line[n - 1] = 0;
			hit = line_matches(r.line) != ((opts & OPT_V) != 0);
			if (!hit)
				continue;
			status = 0;
			count++;
			if (opts & OPT_Q)
				return 0;
			if (opts & (OPT_C | OPT_L))
				continue;
			if (opts & OPT_H)
				printf("%s:", name);
			if (opts & OPT_N)
				printf("%ld:", lineno);
			printf("%s\n", r.line);
		}
		if (n < 0) {
			if (!(opts & OPT_S))
				fprintf(stderr, "grep: %s: %s\n", name, strerror(r.error));
			error = 1;
		}
		if (opts & OPT_L) {
			if (count)
				printf("%s\n", name);
		} else if (opts & OPT_C) {
			if (opts & OPT_H)
				printf("%s:", name);
			printf("%ld\n", count);
		}
		if (fd)
			close(fd);
		if (nfiles == 0)
			break;
	}
	if (error && !(status == 0 && (opts & OPT_Q)))
		return 2;
	return status;
}
)c";

// coreutils/head.c and tail.c: -n N, -N (head -c N too), several files with "==> F <=="
// headers.
constexpr std::string_view kHeadTail = R"c(
static long count_arg(const char *s, const char *applet)
{
	char *end;
	long n = strtol(s, &end, 10);

	if (*s == 0 || *end || n < 0) {
		fprintf(stderr, "%s: invalid number '%s'\n", applet, s);
		exit(1);
	}
	return n;
}

int main(int argc, char **argv)
{
	const char *applet = HEAD ? "head" : "tail";
	long lines = 10;
	int i = 1, nfiles, status = 0, first = 1, bytes = 0;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (strcmp(argv[i], "-n") == 0 && i + 1 < argc)
			lines = count_arg(argv[++i], applet);
		else if (strncmp(argv[i], "-n", 2) == 0)
			lines = count_arg(argv[i] + 2, applet);
		else if (HEAD && strcmp(argv[i], "-c") == 0 && i + 1 < argc) {
			lines = count_arg(argv[++i], applet);
			bytes = 1;
		} else if (HEAD && strncmp(argv[i], "-c", 2) == 0) {
			lines = count_arg(argv[i] + 2, applet);
			bytes = 1;
		}
		else if (argv[i][1] >= '0' && argv[i][1] <= '9')
			lines = count_arg(argv[i] + 1, applet);
		else if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		} else {
			fprintf(stderr, "%s: invalid option -- '%c'\n", applet, argv[i][1]);
			return 1;
		}
	}
	nfiles = argc - i;
	for (; i < argc || nfiles == 0; i++) {
		const char *name = nfiles ? argv[i] : "-";
		int fd = 0;
		long n, seen = 0, k;
		char **ring = 0;
		struct bb_lines r;

		if (strcmp(name, "-") != 0) {
			fd = open(name, O_RDONLY);
			if (fd < 0) {
				fprintf(stderr, "%s: can't open '%s': %s\n", applet, name, strerror(errno));
				status = 1;
				continue;
			}
		}
		if (nfiles > 1) {
			printf("%s==> %s <==\n", first ? "" : "\n", strcmp(name, "-") ? name : "standard input");
			first = 0;
		}
		if (bytes) {
			/* head -c N: the first N bytes */
			static char buf[4096];
			while (seen < lines) {
				long want = lines - seen < (long)sizeof(buf) ? lines - seen : (long)sizeof(buf);
				n = read(fd, buf, want);
				if (n <= 0)
					break;
				fwrite(buf, 1, n, stdout);
				seen += n;
			}
			if (fd)
				close(fd);
			if (nfiles == 0)
				break;
			continue;
		}
		bb_lines_init(&r, fd);
		if (!HEAD && lines > 0)
			ring = calloc(lines, sizeof(char *));
		while ((HEAD ? seen < lines : 1) && (n = bb_next_line(&r)) > 0) {
			if (HEAD) {
				fputs(r.line, stdout);
			} else if (lines > 0) {
				free(ring[seen % lines]);
				ring[seen % lines] = strcpy(malloc(n + 1), r.line);
			}
			seen++;
		}
		if (!HEAD && lines > 0) {
			for (k = seen > lines ? seen - lines : 0; k < seen; k++)
				fputs(ring[k % lines], stdout);
		}
		if (fd)
			close(fd);
		if (nfiles == 0)
			break;
	}
	fflush(stdout);
	return status;
}
)c";

// coreutils/wc.c: -l -w -c (-m as -c); "%9llu" columns, one bare number for one count
// of at most one file; "total" after several files.
constexpr std::string_view kWc = R"c(
int main(int argc, char **argv)
{
	static char buf[4096];
	unsigned long long counts[3], totals[3] = { 0, 0, 0 };
	int print = 0, i = 1, k, nfiles, status = 0, one;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		const char *o = argv[i] + 1;
		for (; *o; o++) {
			if (*o == 'l')
				print |= 1;
			else if (*o == 'w')
				print |= 2;
			else if (*o == 'c' || *o == 'm')
				print |= 4;
			else {
				fprintf(stderr, "wc: invalid option -- '%c'\n", *o);
				return 1;
			}
		}
	}
	if (!print)
		print = 7;
	nfiles = argc - i;
	one = nfiles <= 1 && (print == 1 || print == 2 || print == 4);
	for (; i < argc || nfiles == 0; i++) {
		const char *name = nfiles ? argv[i] : "";
		int fd = 0, in_word = 0;
		long n, j;

		if (nfiles && strcmp(name, "-") != 0) {
			fd = open(name, O_RDONLY);
			if (fd < 0) {
				fprintf(stderr, "wc: can't open '%s': %s\n", name, strerror(errno));
				status = 1;
				continue;
			}
		}
		counts[0] = counts[1] = counts[2] = 0;
		while ((n = read(fd, buf, sizeof(buf))) > 0) {
			counts[2] += n;
			for (j = 0; j < n; j++) {
				int c = (unsigned char)buf[j];
				if (c == '\n')
					counts[0]++;
				if (c > ' ' && c < 0x7f) {
					in_word = 1;
					continue;
				}
				if (c == ' ' || (c >= 9 && c <= 13)) {
					counts[1] += in_word;
					in_word = 0;
				}
			}
		}
		counts[1] += in_word;
		if (n < 0) {
			fprintf(stderr, "wc: %s: %s\n", nfiles ? name : "standard input", strerror(errno));
			status = 1;
		}
		if (fd)
			close(fd);
		{
			const char *sep = "";
			for (k = 0; k < 3; k++) {
				totals[k] += counts[k];
				if (!(print & (1 << k)))
					continue;
				printf(one ? "%s%llu" : "%s%9llu", sep, counts[k]);
				sep = " ";
			}
			if (nfiles)
				printf(" %s\n", name);
			else
				printf("\n");
		}
		if (nfiles == 0)
			break;
	}
	if (nfiles > 1) {
		const char *sep = "";
		for (k = 0; k < 3; k++) {
			if (!(print & (1 << k)))
				continue;
			printf("%s%9llu", sep, totals[k]);
			sep = " ";
		}
		printf(" total\n");
	}
	return status;
}
)c";

// util-linux/dmesg.c: syslog(2)'s whole buffer, the "<N>" level prefixes removed (-r
// keeps them); -n LEVEL sets the console's level instead (klogctl(8), LEVEL 1..8:
// xatoul_range()'s "invalid number" otherwise).
constexpr std::string_view kDmesg = R"c(#include <sys/klog.h>

int main(int argc, char **argv)
{
	int raw = 0, i;
	int len = klogctl(10, NULL, 0);
	int in = 0, out = 0, last = '\n';
	char *buf, *text;

	for (i = 1; i < argc; i++) {
		const char *level = NULL;
		char *end;
		long n;

		if (strcmp(argv[i], "-r") == 0) {
			raw = 1;
			continue;
		}
		if (strcmp(argv[i], "-n") == 0 && i + 1 < argc)
			level = argv[++i];
		else if (strncmp(argv[i], "-n", 2) == 0 && argv[i][2])
			level = argv[i] + 2;
		if (!level) {
			fprintf(stderr, "dmesg: invalid option -- '%s'\n", argv[i] + (argv[i][0] == '-'));
			return 1;
		}
		n = strtol(level, &end, 10);
		if (*end || end == level || n < 1 || n > 8) {
			fprintf(stderr, "dmesg: invalid number '%s'\n", level);
			return 1;
		}
		if (klogctl(8, NULL, (int)n) < 0) {
			fprintf(stderr, "dmesg: klogctl: %s\n", strerror(errno));
			return 1;
		}
		return 0;
	}

	if (len < 16 * 1024)
		len = 16 * 1024;
	buf = malloc(len);
	text = malloc(len + 1);
	len = klogctl(3, buf, len);
	if (len < 0) {
		fprintf(stderr, "%s: klogctl: %s\n", argv[0], strerror(errno));
		return 1;
	}
	while (in < len) {
		if (!raw && last == '\n' && buf[in] == '<') {
			while (in < len && buf[in++] != '>')
				;
			continue;
		}
		last = buf[in++];
		text[out++] = last;
	}
	if (out && last != '\n')
		text[out++] = '\n';
	bb_full_write(1, text, out);
	return 0;
}
)c";

// journalctl as systemd 252 prints the kernel's records in its default "short" format:
// "Mon DD HH:MM:SS HOST kernel: text", the time the boot time (CLOCK_REALTIME less
// CLOCK_MONOTONIC) plus the record's timestamp, in UTC, the host "localhost" (systemd's
// fallback hostname). Its options (--since, -k, -b ...) are accepted and change nothing:
// every record is from this boot.
constexpr std::string_view kJournalctl = R"c(#include <sys/klog.h>
#include <time.h>

static const char *months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
				"Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

/* The civil date of a day count since 1970-01-01 (the proleptic Gregorian calendar). */
static void civil(long days, int *month, int *day)
{
	long era, doe, yoe, doy, mp;

	days += 719468;
	era = (days >= 0 ? days : days - 146096) / 146097;
	doe = days - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*day = doy - (153 * mp + 2) / 5 + 1;
	*month = mp < 10 ? mp + 3 : mp - 9;
}

int main(void)
{
	struct timespec real, mono;
	long boot, len = klogctl(10, NULL, 0);
	char *buf, *line;

	clock_gettime(CLOCK_REALTIME, &real);
	clock_gettime(CLOCK_MONOTONIC, &mono);
	boot = real.tv_sec - mono.tv_sec - (real.tv_nsec < mono.tv_nsec ? 1 : 0);
	buf = malloc(len + 1);
	len = klogctl(3, buf, len);
	if (len < 0)
		return 1;
	buf[len] = 0;
	for (line = buf; *line;) {
		char *nl = strchr(line, '\n');
		char *text = strchr(line, ']');
		long sec = 0, when, days, secs;
		int month, day;
		const char *p = strchr(line, '[');

		if (nl)
			*nl = 0;
		if (p)
			sec = atol(p + 1);
		text = text ? text + 2 : line;
		when = boot + sec;
		days = when / 86400;
		secs = when % 86400;
		civil(days, &month, &day);
		printf("%s %02d %02ld:%02ld:%02ld localhost kernel: %s\n", months[month - 1], day, secs / 3600,
		       secs / 60 % 60, secs % 60, text);
		if (!nl)
			break;
		line = nl + 1;
	}
	return 0;
}
)c";

// coreutils/sleep.c: N[.frac][smhd] operands that add up.
constexpr std::string_view kSleep = R"c(#include <time.h>

int main(int argc, char **argv)
{
	unsigned long long ns = 0;
	struct timespec ts;
	int i;

	if (argc < 2) {
		fprintf(stderr, "BusyBox v1.35.0 (Debian 1:1.35.0-4+b3) multi-call binary.\n\nUsage: sleep [N]...\n");
		return 1;
	}
	for (i = 1; i < argc; i++) {
		const char *s = argv[i];
		unsigned long long whole = 0, frac = 0, scale = 100000000, unit = 1;
		int digits = 0;
		for (; *s >= '0' && *s <= '9'; s++, digits++)
			whole = whole * 10 + (*s - '0');
		if (*s == '.')
			for (s++; *s >= '0' && *s <= '9'; s++, digits++, scale /= 10)
				frac += (*s - '0') * scale;
		if (*s == 's' || *s == 'm' || *s == 'h' || *s == 'd') {
			unit = *s == 'm' ? 60 : *s == 'h' ? 3600 : *s == 'd' ? 86400 : 1;
			s++;
		}
		if (!digits || *s) {
			fprintf(stderr, "sleep: invalid number '%s'\n", argv[i]);
			return 1;
		}
		ns += (whole * 1000000000ULL + frac) * unit;
	}
	ts.tv_sec = ns / 1000000000ULL;
	ts.tv_nsec = ns % 1000000000ULL;
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
	return 0;
}
)c";

// coreutils/mknod.c: mknod [-m MODE] NAME TYPE [MAJOR MINOR]; mode 0666 less the umask
// (022), "mknod: NAME: <strerror>" and status 1 on failure.
constexpr std::string_view kMknod = R"c(#include <sys/stat.h>
#include <sys/sysmacros.h>

int main(int argc, char **argv)
{
	unsigned mode = 0666 & ~022;
	unsigned type;
	int i = 1;

	if (i + 1 < argc && strcmp(argv[i], "-m") == 0) {
		mode = strtoul(argv[i + 1], NULL, 8);
		i += 2;
	}
	if (argc - i < 2 || argv[i + 1][1]) {
		fprintf(stderr, "BusyBox v1.35.0 (Debian 1:1.35.0-4+b3) multi-call binary.\n\nUsage: mknod [-m MODE] NAME TYPE [MAJOR MINOR]\n");
		return 1;
	}
	switch (argv[i + 1][0]) {
	case 'b': type = S_IFBLK; break;
	case 'c':
	case 'u': type = S_IFCHR; break;
	case 'p': type = S_IFIFO; break;
	default:
		fprintf(stderr, "BusyBox v1.35.0 (Debian 1:1.35.0-4+b3) multi-call binary.\n\nUsage: mknod [-m MODE] NAME TYPE [MAJOR MINOR]\n");
		return 1;
	}
	if ((type == S_IFIFO) != (argc - i == 2)) {
		fprintf(stderr, "BusyBox v1.35.0 (Debian 1:1.35.0-4+b3) multi-call binary.\n\nUsage: mknod [-m MODE] NAME TYPE [MAJOR MINOR]\n");
		return 1;
	}
	if (mknod(argv[i], mode | type,
		  type == S_IFIFO ? 0 : makedev(strtoul(argv[i + 2], NULL, 10), strtoul(argv[i + 3], NULL, 10))) != 0) {
		fprintf(stderr, "mknod: %s: %s\n", argv[i], strerror(errno));
		return 1;
	}
	return 0;
}
)c";

// coreutils/test.c without the file tests (kctx has no stat(): init.sh refuses them):
// strings (-n -z = != < >), integers (-eq -ne -lt -le -gt -ge), ! -a -o and
// parentheses; status 0, 1, or 2 with "[: ..." or "test: ..." for a malformed expression.
constexpr std::string_view kTest = R"c(
static char **args;
static int nargs, at;
static const char *applet;

static void syntax(const char *op, const char *msg)
{
	if (op && *op)
		fprintf(stderr, "%s: %s: %s\n", applet, op, msg);
	else
		fprintf(stderr, "%s: %s\n", applet, msg);
	exit(2);
}

static long number(const char *s)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno)
		syntax(s, "out of range");
	while (*end == ' ' || *end == '\t')
		end++;
	if (end == s || *end)
		syntax(s, "bad number");
	return v;
}

static int is_binop(const char *s)
{
	static const char *ops[] = { "=", "==", "!=", "<", ">", "-eq", "-ne", "-lt", "-le", "-gt", "-ge", 0 };
	int i;

	for (i = 0; ops[i]; i++)
		if (strcmp(s, ops[i]) == 0)
			return 1;
	return 0;
}

static int oexpr(void);

static int primary(void)
{
	const char *a, *op, *b;

	if (at >= nargs)
		syntax(0, "argument expected");
	a = args[at];
	if (strcmp(a, "(") == 0 && at + 1 < nargs) {
		int v;
		at++;
		v = oexpr();
		if (at >= nargs || strcmp(args[at], ")") != 0)
			syntax(0, "closing paren expected");
		at++;
		return v;
	}
	if (at + 2 < nargs + 0 && is_binop(args[at + 1])) {
		op = args[at + 1];
		b = args[at + 2];
		at += 3;
		if (op[0] != '-') {
			int c = strcmp(a, b);
			if (op[0] == '=')
				return c == 0;
			if (op[0] == '!')
				return c != 0;
			return op[0] == '<' ? c < 0 : c > 0;
		}
		{
			long x = number(a), y = number(b);
			if (op[1] == 'e')
				return x == y;
			if (op[1] == 'n')
				return x != y;
			if (op[1] == 'l')
				return op[2] == 't' ? x < y : x <= y;
			return op[2] == 't' ? x > y : x >= y;
		}
	}
	if ((strcmp(a, "-n") == 0 || strcmp(a, "-z") == 0) && at + 1 < nargs) {
		at += 2;
		return (args[at - 1][0] != 0) == (a[1] == 'n');
	}
	at++;
	return a[0] != 0;
}

static int nexpr(void)
{
	if (at < nargs && strcmp(args[at], "!") == 0 && at + 1 < nargs) {
		at++;
		return !nexpr();
	}
	return primary();
}

static int aexpr(void)
{
	int v = nexpr();

	if (at < nargs && strcmp(args[at], "-a") == 0) {
		at++;
		return aexpr() && v;
	}
	return v;
}

static int oexpr(void)
{
	int v = aexpr();

	if (at < nargs && strcmp(args[at], "-o") == 0) {
		at++;
		return oexpr() || v;
	}
	return v;
}

int main(int argc, char **argv)
{
	int v;

	applet = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
	applet = strcmp(applet, "[") == 0 ? "[" : "test";
	args = argv + 1;
	nargs = argc - 1;
	if (applet[0] == '[') {
		if (nargs == 0 || strcmp(args[nargs - 1], "]") != 0)
			syntax(0, "missing ]");
		nargs--;
	}
	if (nargs == 0)
		return 1;
	v = oexpr();
	if (at != nargs)
		syntax(args[at], "unknown operand");
	return !v;
}
)c";

// crash 8.0.2 on the live machine (issue 14). memory.c's order: /dev/crash if it exists;
// else /dev/mem, unless CONFIG_STRICT_DEVMEM restricts it (devmem_is_restricted(): a
// page of RAM past the first megabyte cannot be read), in which case crash says so and
// switches to /proc/kcore (switch_to_proc_kcore(): its ELF header must read back). Then
// the session: the banner, and each command line (from -i FILE, then standard input)
// echoed after the prompt and answered by the kernel's inspector (__kctx_crash).
constexpr std::string_view kCrash = R"c(
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

constexpr std::string_view kTrue = "\nint main(void)\n{\n\treturn 0;\n}\n";
constexpr std::string_view kFalse = "\nint main(void)\n{\n\treturn 1;\n}\n";

}   // namespace

std::string text_applet_source(std::string_view name)
{
	std::string out = "/* busybox " + std::string(name) +
			  ", as kctx's init.sh runs it (src/shell/AppletSources.cpp). */\n" + std::string(kIncludes);
	auto with = [&](std::initializer_list<std::string_view> parts) {
		for (std::string_view p : parts)
			out += p;
		return out;
	};
	if (name == "cat")
		return with({kFullWrite, kCat});
	if (name == "echo")
		return with({kFullWrite, kEcho});
	if (name == "grep")
		return with({kLineReader, kGrep});
	if (name == "head" || name == "tail")
		return with({kLineReader, name == "head" ? "#define HEAD 1\n" : "#define HEAD 0\n", kHeadTail});
	if (name == "wc")
		return with({kWc});
	if (name == "crash")
		return with({kLineReader, kFullWrite, kCrash});
	if (name == "dmesg")
		return with({kFullWrite, kDmesg});
	if (name == "journalctl")
		return with({kJournalctl});
	if (name == "sleep")
		return with({kSleep});
	if (name == "mknod")
		return with({kMknod});
	if (name == "test" || name == "[")
		return with({kTest});
	if (name == "true")
		return with({kTrue});
	if (name == "false")
		return with({kFalse});
	return {};
}

}   // namespace kctx::shell
