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

// coreutils/head.c and tail.c: -n N, -N (head -c N too), several files with "==> F <=="
// headers.
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
