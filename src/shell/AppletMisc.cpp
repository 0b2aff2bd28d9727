// busybox 1.35's small applets: sleep, mknod, test/[, true, false (coreutils/).
// Sources of C programs kctx compiles into the machine; text_applet_source() (AppletSources.cpp)
// puts them together.
#include "shell/AppletParts.h"

namespace kctx::shell::applet {

// coreutils/sleep.c: N[.frac][smhd] operands that add up.
const std::string_view kSleep = R"c(#include <time.h>

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

// coreutils/mknod.c: mknod [-m MODE] NAME TYPE [MAJOR MINOR]; mode 0666, which the kernel
// takes the umask (022) off; -m MODE sets umask 0 first (libbb getopt_mk_fifo_nod()), so
// MODE is the node's mode. "mknod: NAME: <strerror>" and status 1 on failure.
const std::string_view kMknod = R"c(#include <sys/stat.h>
#include <sys/sysmacros.h>

int main(int argc, char **argv)
{
	unsigned mode = 0666;
	unsigned type;
	int i = 1;

	if (i + 1 < argc && strcmp(argv[i], "-m") == 0) {
		mode = strtoul(argv[i + 1], NULL, 8);
		umask(0);
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

// coreutils/test.c without the file tests (not written yet: init.sh refuses them):
// strings (-n -z = != < >), integers (-eq -ne -lt -le -gt -ge), ! -a -o and
// parentheses; status 0, 1, or 2 with "[: ..." or "test: ..." for a malformed expression.
const std::string_view kTest = R"c(
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

/*
 * coreutils/test.c filstat(): the unary file operators, on stat(2) (lstat for -h and
 * -L). init and its children are root, for whom test_eaccess() lets -r and -w pass on
 * any file and -x on one with an x bit (or a directory).
 */
static int is_fileop(const char *s)
{
	return s[0] == '-' && s[1] && !s[2] && strchr("bcdefghkLprsSuwxOG", s[1]);
}

static int filstat(char op, const char *path)
{
	struct stat st;

	if ((op == 'h' || op == 'L' ? lstat(path, &st) : stat(path, &st)) != 0)
		return 0;
	switch (op) {
	case 'e': return 1;
	case 'f': return S_ISREG(st.st_mode);
	case 'd': return S_ISDIR(st.st_mode);
	case 'c': return S_ISCHR(st.st_mode);
	case 'b': return S_ISBLK(st.st_mode);
	case 'p': return S_ISFIFO(st.st_mode);
	case 'S': return S_ISSOCK(st.st_mode);
	case 'h':
	case 'L': return S_ISLNK(st.st_mode);
	case 's': return st.st_size > 0;
	case 'u': return (st.st_mode & S_ISUID) != 0;
	case 'g': return (st.st_mode & S_ISGID) != 0;
	case 'k': return (st.st_mode & S_ISVTX) != 0;
	case 'r':
	case 'w': return 1;
	case 'x': return S_ISDIR(st.st_mode) || (st.st_mode & 0111) != 0;
	case 'O':
	case 'G': return st.st_uid == 0;
	}
	return 0;
}

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
	if (is_fileop(a) && at + 1 < nargs) {
		at += 2;
		return filstat(a[1], args[at - 1]);
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

const std::string_view kTrue = "\nint main(void)\n{\n\treturn 0;\n}\n";

const std::string_view kFalse = "\nint main(void)\n{\n\treturn 1;\n}\n";

}   // namespace kctx::shell::applet
