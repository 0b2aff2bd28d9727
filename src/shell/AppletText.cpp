// busybox 1.35's text applets: cat, echo, head and tail, wc (coreutils/).
// Sources of C programs kctx compiles into the machine; text_applet_source() (AppletSources.cpp)
// puts them together.
#include "shell/AppletParts.h"

namespace kctx::shell::applet {

// coreutils/cat.c: each operand, or stdin for none and "-"; "cat: can't open 'F': ..."
const std::string_view kCat = R"c(
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
const std::string_view kEcho = R"c(
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
			if (octal(c)) {
				int v, k;
				if (c == '0' && octal(*s))
					c = *s++;
				v = c - '0';
				for (k = 1; k < 3 && octal(*s); k++)
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

// coreutils/printf.c: FORMAT reused while ARGUMENTs remain; the escapes of
// bb_process_escape_sequence() in FORMAT and in %b's argument, "\c" stops all output;
// flags, width and precision (or *), the length letters skipped; %d %i %o %u %x %X %c %s
// %b %f %e %E %g %G and %%; a number may be 'C (the character's code); a bad one is
// "invalid number" and status 1. Everything goes out in one write at the end, as stdio
// flushes it, and a failed write is status 1 with no message (ash's printf builtin:
// `status |= ferror(stdout)`), as `printf 12345 > /dev/small` meets ENOSPC.
const std::string_view kPrintf = R"c(
static char pf_out[65536];
static long pf_len;
static int pf_status;
static int pf_stop;

static void pf_put(const char *s, long n)
{
	if (n > (long)sizeof(pf_out) - pf_len)
		n = sizeof(pf_out) - pf_len;
	memcpy(pf_out + pf_len, s, n);
	pf_len += n;
}

/* libbb's bb_process_escape_sequence(): *p is just after the backslash. */
static int pf_escape(const char **p, int in_b)
{
	const char *s = *p;
	int c = *s, v = 0, k;

	if (c == 'x' && hex(s[1]) >= 0) {
		s++;
		for (k = 0; k < 2 && hex(*s) >= 0; k++)
			v = v * 16 + hex(*s++);
		*p = s;
		return v;
	}
	if (octal(c)) {
		/* %b takes \0NNN: the 0 does not count as a digit */
		if (in_b && c == '0')
			s++;
		for (k = 0; k < 3 && octal(*s); k++)
			v = v * 8 + (*s++ - '0');
		*p = s;
		return v;
	}
	*p = s + 1;
	switch (c) {
	case 'a': return '\a';
	case 'b': return '\b';
	case 'e': return 27;
	case 'f': return '\f';
	case 'n': return '\n';
	case 'r': return '\r';
	case 't': return '\t';
	case 'v': return '\v';
	case '\\': return '\\';
	}
	*p = s;
	return '\\';
}

/* A string with its escapes, as %b and FORMAT's text take them. */
static void pf_escaped(const char *s, int in_b)
{
	while (*s && !pf_stop) {
		char ch;
		if (*s != '\\' || !s[1]) {
			pf_put(s++, 1);
			continue;
		}
		s++;
		if (*s == 'c') {
			pf_stop = 1;
			return;
		}
		ch = (char)pf_escape(&s, in_b);
		pf_put(&ch, 1);
	}
}

/* An argument as a number: 'C and "C are the character's code. */
static long long pf_number(const char *arg, int is_unsigned)
{
	char *end;
	long long v;

	if (*arg == '\'' || *arg == '"')
		return (unsigned char)arg[1];
	errno = 0;
	v = is_unsigned && *arg != '-' ? (long long)strtoull(arg, &end, 0) : strtoll(arg, &end, 0);
	if (*arg == 0 || *end != 0 || errno) {
		fprintf(stderr, "printf: invalid number '%s'\n", arg);
		pf_status = 1;
	}
	return v;
}

/* strtod() for %f %e %g: [+-]digits[.digits][e[+-]digits]. kctx's libc has no strtod;
 * this one scales an exact 18-digit mantissa by powers of ten, so it may differ from
 * glibc's correctly rounded result in the last bit, beyond what %f's six places show. */
static double pf_strtod(const char *s, const char **end)
{
	unsigned long long m = 0;
	double v, p = 1;
	int neg = 0, digits = 0, point = 0, exp10 = 0;

	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	for (; (*s >= '0' && *s <= '9') || (*s == '.' && !point); s++) {
		if (*s == '.') {
			point = 1;
			continue;
		}
		digits++;
		if (m < 100000000000000000ULL)
			m = m * 10 + (*s - '0'), exp10 -= point;
		else
			exp10 += !point;
	}
	if (digits && (*s == 'e' || *s == 'E')) {
		const char *t = s + 1;
		int x = 0, xneg = 0;
		if (*t == '-' || *t == '+')
			xneg = *t++ == '-';
		if (*t >= '0' && *t <= '9') {
			for (; *t >= '0' && *t <= '9'; t++)
				if (x < 100000)
					x = x * 10 + (*t - '0');
			exp10 += xneg ? -x : x;
			s = t;
		}
	}
	*end = s;
	v = (double)m;
	for (; exp10 > 0; exp10--)
		v *= 10;
	for (; exp10 < 0; exp10++)
		p *= 10;
	v /= p;
	return neg ? -v : v;
}

static double pf_double(const char *arg)
{
	const char *end;
	double v;

	if (*arg == '\'' || *arg == '"')
		return (unsigned char)arg[1];
	v = pf_strtod(arg, &end);
	if (*arg == 0 || *end != 0) {
		fprintf(stderr, "printf: invalid number '%s'\n", arg);
		pf_status = 1;
	}
	return v;
}

/* One pass over FORMAT; the arguments it took, or -1 for a bad directive. */
static int pf_format(const char *f, char **args, int nargs)
{
	int used = 0;

	while (*f && !pf_stop) {
		char spec[64], buf[4096];
		const char *start, *arg;
		int n = 0, star[2], nstar = 0, k;
		char conv;

		if (*f == '\\') {
			f++;
			if (*f == 'c') {
				pf_stop = 1;
				break;
			}
			if (*f) {
				char ch = (char)pf_escape(&f, 0);
				pf_put(&ch, 1);
			} else {
				pf_put("\\", 1);
			}
			continue;
		}
		if (*f != '%') {
			pf_put(f++, 1);
			continue;
		}
		if (f[1] == '%') {
			pf_put("%", 1);
			f += 2;
			continue;
		}
		start = f++;
		spec[n++] = '%';
		while (*f && strchr("-+ #0", *f) && n < 40)
			spec[n++] = *f++;
		for (k = 0; k < 2; k++) {
			if (*f == '*') {
				star[nstar++] = used < nargs ? (int)pf_number(args[used++], 0) : 0;
				spec[n++] = '*';
				f++;
			} else {
				while (*f >= '0' && *f <= '9' && n < 50)
					spec[n++] = *f++;
			}
			if (k == 0 && *f == '.')
				spec[n++] = *f++;
			else
				break;
		}
		while (*f && strchr("hlLqjzt", *f))
			f++;
		conv = *f;
		if (!conv || !strchr("diouxXcsbfeEgGaA", conv)) {
			fprintf(stderr, "printf: %s: invalid format\n", start);
			return -1;
		}
		f++;
		arg = used < nargs ? args[used++] : NULL;
		if (conv == 'b') {
			pf_escaped(arg ? arg : "", 1);
			continue;
		}
		if (strchr("diouxX", conv)) {
			spec[n++] = 'l';
			spec[n++] = 'l';
		}
		spec[n++] = conv;
		spec[n] = 0;
		if (strchr("di", conv)) {
			long long v = arg ? pf_number(arg, 0) : 0;
			k = nstar == 2 ? snprintf(buf, sizeof(buf), spec, star[0], star[1], v)
				: nstar == 1 ? snprintf(buf, sizeof(buf), spec, star[0], v)
				: snprintf(buf, sizeof(buf), spec, v);
		} else if (strchr("ouxX", conv)) {
			unsigned long long v = arg ? (unsigned long long)pf_number(arg, 1) : 0;
			k = nstar == 2 ? snprintf(buf, sizeof(buf), spec, star[0], star[1], v)
				: nstar == 1 ? snprintf(buf, sizeof(buf), spec, star[0], v)
				: snprintf(buf, sizeof(buf), spec, v);
		} else if (conv == 'c') {
			int v = arg ? (unsigned char)arg[0] : 0;
			k = nstar == 2 ? snprintf(buf, sizeof(buf), spec, star[0], star[1], v)
				: nstar == 1 ? snprintf(buf, sizeof(buf), spec, star[0], v)
				: snprintf(buf, sizeof(buf), spec, v);
		} else if (conv == 's') {
			const char *v = arg ? arg : "";
			k = nstar == 2 ? snprintf(buf, sizeof(buf), spec, star[0], star[1], v)
				: nstar == 1 ? snprintf(buf, sizeof(buf), spec, star[0], v)
				: snprintf(buf, sizeof(buf), spec, v);
		} else {
			double v = arg ? pf_double(arg) : 0;
			k = nstar == 2 ? snprintf(buf, sizeof(buf), spec, star[0], star[1], v)
				: nstar == 1 ? snprintf(buf, sizeof(buf), spec, star[0], v)
				: snprintf(buf, sizeof(buf), spec, v);
		}
		if (k > (int)sizeof(buf) - 1)
			k = sizeof(buf) - 1;
		if (k > 0)
			pf_put(buf, k);
	}
	return used;
}

int main(int argc, char **argv)
{
	char **args = argv + 1;
	const char *format;
	int nargs = argc - 1, used;

	if (nargs > 0 && strcmp(args[0], "--") == 0) {
		args++;
		nargs--;
	}
	if (nargs == 0) {
		fprintf(stderr, "BusyBox v1.35.0 (Debian 1:1.35.0-4+b3) multi-call binary.\n\nUsage: printf FORMAT [ARG]...\n");
		return 1;
	}
	format = *args++;
	nargs--;
	do {
		used = pf_format(format, args, nargs);
		if (used < 0) {
			pf_status = 1;
			break;
		}
		args += used;
		nargs -= used;
	} while (used > 0 && nargs > 0 && !pf_stop);
	if (pf_len > 0 && bb_full_write(1, pf_out, pf_len) < 0)
		return 1;
	return pf_status;
}
)c";

// coreutils/tee.c: standard input to standard output and to each FILE (-a appends); a
// FILE that cannot be opened is reported and skipped, and the status is then 1.
const std::string_view kTee = R"c(
int main(int argc, char **argv)
{
	static char buf[4096];
	int fds[32], nfds = 0, i = 1, append = 0, status = 0, k;
	long n;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		const char *o = argv[i] + 1;
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		for (; *o; o++) {
			if (*o == 'a')
				append = 1;
			else if (*o != 'i') {
				fprintf(stderr, "tee: invalid option -- '%c'\n", *o);
				return 1;
			}
		}
	}
	fds[nfds++] = 1;
	for (; i < argc && nfds < 32; i++) {
		int fd = strcmp(argv[i], "-") == 0 ? 1 :
			 open(argv[i], O_WRONLY | O_CREAT | (append ? O_APPEND : O_TRUNC), 0666);
		if (fd < 0) {
			fprintf(stderr, "tee: %s: %s\n", argv[i], strerror(errno));
			status = 1;
			continue;
		}
		fds[nfds++] = fd;
	}
	while ((n = read(0, buf, sizeof(buf))) > 0) {
		for (k = 0; k < nfds; k++) {
			if (fds[k] >= 0 && bb_full_write(fds[k], buf, n) < 0) {
				fprintf(stderr, "tee: %s\n", strerror(errno));
				fds[k] = -1;
				status = 1;
			}
		}
	}
	for (k = 1; k < nfds; k++)
		if (fds[k] > 1)
			close(fds[k]);
	return status;
}
)c";

// coreutils/head.c and tail.c: -n N, -N (head -c N too), several files with "==> F <=="
// headers; tail -f follows the last file: every second it reads what is new and writes it
// out (a file whose size shrank below the position is read again from its start; /proc
// files, whose size is 0, are just read again), until it is killed.
const std::string_view kHeadTail = R"c(
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
#if !HEAD
	int follow = 0, follow_fd = -1;
#endif

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
#if !HEAD
		else if (strcmp(argv[i], "-f") == 0)
			follow = 1;
#endif
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
#if !HEAD
		if (follow && (i == argc - 1 || nfiles == 0)) {
			follow_fd = fd;
			break;
		}
#endif
		if (fd)
			close(fd);
		if (nfiles == 0)
			break;
	}
	fflush(stdout);
#if !HEAD
	while (follow_fd >= 0) {
		static char buf[4096];
		struct stat st;
		long n;

		sleep(1);
		for (;;) {
			if (fstat(follow_fd, &st) == 0 && st.st_size > 0 && st.st_size < lseek(follow_fd, 0, SEEK_CUR))
				lseek(follow_fd, 0, SEEK_SET);
			n = read(follow_fd, buf, sizeof(buf));
			if (n <= 0)
				break;
			bb_full_write(1, buf, n);
		}
	}
#endif
	return status;
}
)c";

// coreutils/wc.c: -l -w -c (-m as -c); "%9llu" columns, one bare number for one count
// of at most one file; "total" after several files.
const std::string_view kWc = R"c(
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

}   // namespace kctx::shell::applet
