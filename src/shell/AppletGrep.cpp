// busybox 1.35's grep (findutils/grep.c).
// Sources of C programs kctx compiles into the machine; text_applet_source() (AppletSources.cpp)
// puts them together.
#include "shell/AppletParts.h"

namespace kctx::shell::applet {

// findutils/grep.c: regular expressions without groups or back-references (basic, -E
// extended: ^ $ . * [set] + ? and top-level alternatives), -F fixed strings, -v -c -i
// -n -q -s -h -H -l; "FILE:" before lines when there are several files; status 0 if a
// line was selected, 1 if none, 2 on an error (unless a line was selected with -q).
// kRegex is the matcher, which awk's /REGEX/ uses too (with OPT_E).
const std::string_view kRegex = R"c(
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

)c";

// grep itself, over kRegex.
const std::string_view kGrep = R"c(
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

}   // namespace kctx::shell::applet
