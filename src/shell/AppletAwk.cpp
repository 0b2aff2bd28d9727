// A subset of busybox 1.35's awk (editors/awk.c) for the one-liners module load scripts
// use: `awk "\$2==\"scull\" {print \$1}" /proc/devices`, `awk '/re/ {print $2}'`,
// `awk 'END {print NR}'`, `awk -F: '{printf "%s\n", $1}'`.
// Sources of C programs kctx compiles into the machine; text_applet_source() (AppletSources.cpp)
// puts them together.
#include "shell/AppletParts.h"

namespace kctx::shell::applet {

// The program is items of `PATTERN { ACTIONS }` (either may be left out; BEGIN and END),
// a pattern an expression: $N, NR, NF, numbers, "strings", /regex/ (on $0), comparisons
// (numeric when both sides look like numbers, as POSIX awk's strnums), ~ and !~, !, &&,
// ||, + - * / %, concatenation, parentheses; actions are print, printf, next and exit.
// Variables, assignments, functions and arrays are not in: such a program is refused at
// its first unknown token with awk's "Unexpected token" and status 2. The interpreter
// parses as it evaluates (a program is a line or two), skipping what it does not run.
const std::string_view kAwk = R"c(
#define AWK_STR 0
#define AWK_NUM 1
#define AWK_STRNUM 2

struct awk_val {
	char s[512];
	double n;
	int kind;
};

static const char *prog;
static const char *pc;
static char *record;
static char *record_copy, *fields_copy;
static char *fields[256];
static int nf;
static long nr;
static char fs;   /* 0: blanks */
static int done_record, exiting, exit_code;

/* A decimal number at s (sign, digits, '.', exponent), as strtod() reads one. */
static double awk_strtod(const char *s, char **end)
{
	const char *p = s;
	double v = 0, scale = 1;
	int neg = 0, digits = 0, e = 0, eneg = 0;

	while (*p == ' ' || *p == '\t' || *p == '\n')
		p++;
	if (*p == '+' || *p == '-')
		neg = *p++ == '-';
	for (; *p >= '0' && *p <= '9'; p++, digits++)
		v = v * 10 + (*p - '0');
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9'; p++, digits++)
			v += (*p - '0') * (scale /= 10);
	if (!digits) {
		if (end)
			*end = (char *)s;
		return 0;
	}
	if ((*p == 'e' || *p == 'E') && ((p[1] >= '0' && p[1] <= '9') ||
					 ((p[1] == '+' || p[1] == '-') && p[2] >= '0' && p[2] <= '9'))) {
		p++;
		if (*p == '+' || *p == '-')
			eneg = *p++ == '-';
		for (; *p >= '0' && *p <= '9'; p++)
			e = e * 10 + (*p - '0');
		while (e-- > 0)
			v = eneg ? v / 10 : v * 10;
	}
	if (end)
		*end = (char *)p;
	return neg ? -v : v;
}

static void awk_die(const char *msg)
{
	fprintf(stderr, "awk: cmd. line:1: %s\n", msg);
	exit(2);
}

static void skip_blanks(int newlines)
{
	for (;;) {
		while (*pc == ' ' || *pc == '\t' || (newlines && (*pc == '\n' || *pc == ';')))
			pc++;
		if (*pc == '\\' && pc[1] == '\n') {
			pc += 2;
			continue;
		}
		if (*pc == '#') {
			while (*pc && *pc != '\n')
				pc++;
			continue;
		}
		return;
	}
}

static int accept(const char *tok)
{
	long n = strlen(tok);

	skip_blanks(0);
	if (strncmp(pc, tok, n) != 0)
		return 0;
	if ((tok[0] >= 'a' && tok[0] <= 'z') || (tok[0] >= 'A' && tok[0] <= 'Z'))
		if ((pc[n] >= 'a' && pc[n] <= 'z') || (pc[n] >= 'A' && pc[n] <= 'Z') || pc[n] == '_')
			return 0;
	pc += n;
	return 1;
}

static void expect(const char *tok)
{
	if (!accept(tok))
		awk_die("Unexpected token");
}

static int looks_numeric(const char *s, double *out)
{
	char *end;

	while (*s == ' ' || *s == '\t' || *s == '\n')
		s++;
	if (!*s)
		return 0;
	*out = awk_strtod(s, &end);
	if (end == s)
		return 0;
	while (*end == ' ' || *end == '\t' || *end == '\n')
		end++;
	return *end == 0;
}

static void set_str(struct awk_val *v, const char *s, int strnum)
{
	snprintf(v->s, sizeof(v->s), "%s", s);
	v->kind = AWK_STR;
	v->n = 0;
	if (looks_numeric(s, &v->n))
		v->kind = strnum ? AWK_STRNUM : AWK_STR;
	else
		v->n = awk_strtod(s, 0);
}

static void set_num(struct awk_val *v, double n)
{
	v->n = n;
	v->kind = AWK_NUM;
	if (n == (long)n)
		snprintf(v->s, sizeof(v->s), "%ld", (long)n);
	else
		snprintf(v->s, sizeof(v->s), "%.6g", n);
}

static void split_record(char *line)
{
	char *s = line;

	nf = 0;
	if (fs) {
		fields[nf++] = s;
		for (; *s; s++)
			if (*s == fs && nf < 256) {
				*s = 0;
				fields[nf++] = s + 1;
			}
		if (!*line)
			nf = 0;
		return;
	}
	for (;;) {
		while (*s == ' ' || *s == '\t')
			s++;
		if (!*s || nf == 256)
			return;
		fields[nf++] = s;
		while (*s && *s != ' ' && *s != '\t')
			s++;
		if (*s)
			*s++ = 0;
	}
}

static int expr(struct awk_val *v, int run);

/* /REGEX/ at pc: copied into buf, '\/' as '/'. */
static void regex_literal(char *buf, long size)
{
	long n = 0;

	pc++;
	while (*pc && *pc != '/' && *pc != '\n') {
		if (*pc == '\\' && pc[1] == '/')
			pc++;
		if (n + 1 < size)
			buf[n++] = *pc;
		pc++;
	}
	if (*pc != '/')
		awk_die("Unexpected end of string");
	pc++;
	buf[n] = 0;
}

/* An extended regular expression: its top-level alternatives, each through grep's matcher. */
static int regex_matches(const char *re, const char *s)
{
	char buf[512];
	char *alt = buf;
	int depth = 0;

	opts = OPT_E;
	snprintf(buf, sizeof(buf), "%s", re);
	for (char *p = buf;; p++) {
		if (*p == '\\' && p[1]) {
			p++;
			continue;
		}
		if (*p == '[')
			depth = 1;
		else if (*p == ']')
			depth = 0;
		if (*p == 0 || (*p == '|' && !depth)) {
			int end = *p == 0;
			*p = 0;
			if (alternative_matches(alt, s))
				return 1;
			if (end)
				return 0;
			alt = p + 1;
		}
	}
}

static int primary(struct awk_val *v, int run)
{
	char buf[512];

	skip_blanks(0);
	if (*pc == '(') {
		pc++;
		expr(v, run);
		expect(")");
		return 1;
	}
	if (*pc == '$') {
		long i;
		pc++;
		if (!primary(v, run))
			awk_die("Unexpected token");
		i = (long)v->n;
		if (run && i == 0)
			set_str(v, record, 1);
		else if (run && i > 0 && i <= nf)
			set_str(v, fields[i - 1], 1);
		else
			set_str(v, "", 1);
		return 1;
	}
	if ((*pc >= '0' && *pc <= '9') || *pc == '.') {
		char *end;
		set_num(v, awk_strtod(pc, &end));
		pc = end;
		return 1;
	}
	if (*pc == '"') {
		long n = 0;
		for (pc++; *pc && *pc != '"'; pc++) {
			char c = *pc;
			if (c == '\\' && pc[1]) {
				pc++;
				c = *pc == 'n' ? '\n' : *pc == 't' ? '\t' : *pc;
			}
			if (n + 1 < (long)sizeof(buf))
				buf[n++] = c;
		}
		if (*pc != '"')
			awk_die("Unexpected end of string");
		pc++;
		buf[n] = 0;
		set_str(v, buf, 0);
		return 1;
	}
	if (*pc == '/') {
		regex_literal(buf, sizeof(buf));
		set_num(v, run ? regex_matches(buf, record) : 0);
		return 1;
	}
	if (accept("NR")) {
		set_num(v, nr);
		return 1;
	}
	if (accept("NF")) {
		set_num(v, nf);
		return 1;
	}
	return 0;
}

static int unary(struct awk_val *v, int run)
{
	if (accept("!")) {
		if (!unary(v, run))
			awk_die("Unexpected token");
		set_num(v, v->kind == AWK_NUM ? v->n == 0 : v->s[0] == 0);
		return 1;
	}
	if (accept("-")) {
		if (!unary(v, run))
			awk_die("Unexpected token");
		set_num(v, -v->n);
		return 1;
	}
	return primary(v, run);
}

static int term(struct awk_val *v, int run)
{
	struct awk_val r;

	if (!unary(v, run))
		return 0;
	for (;;) {
		skip_blanks(0);
		char op = *pc;
		if ((op != '*' && op != '/' && op != '%') || pc[1] == '=')
			return 1;
		pc++;
		if (!unary(&r, run))
			awk_die("Unexpected token");
		if (op == '*') {
			set_num(v, v->n * r.n);
			continue;
		}
		if (r.n == 0 && run)
			awk_die("Division by zero");
		set_num(v, r.n == 0 ? 0 : op == '/' ? v->n / r.n : v->n - r.n * (long)(v->n / r.n));
	}
}

static int additive(struct awk_val *v, int run)
{
	struct awk_val r;

	if (!term(v, run))
		return 0;
	for (;;) {
		skip_blanks(0);
		char op = *pc;
		if ((op != '+' && op != '-') || pc[1] == op || pc[1] == '=')
			return 1;
		pc++;
		if (!term(&r, run))
			awk_die("Unexpected token");
		set_num(v, op == '+' ? v->n + r.n : v->n - r.n);
	}
}

/* Concatenation: values side by side. */
static int concat(struct awk_val *v, int run)
{
	struct awk_val r;
	size_t a, b;

	if (!additive(v, run))
		return 0;
	for (;;) {
		skip_blanks(0);
		/* Only what can start a value continues a concatenation. */
		if (!(*pc == '$' || *pc == '"' || *pc == '(' || (*pc >= '0' && *pc <= '9') ||
		      strncmp(pc, "NR", 2) == 0 || strncmp(pc, "NF", 2) == 0))
			return 1;
		if (!additive(&r, run))
			awk_die("Unexpected token");
		a = strlen(v->s);
		b = strlen(r.s);
		if (a + b >= sizeof(v->s))
			b = sizeof(v->s) - 1 - a;
		memcpy(v->s + a, r.s, b);
		v->s[a + b] = 0;
		v->kind = AWK_STR;
		v->n = awk_strtod(v->s, 0);
	}
}

static int compare(struct awk_val *v, int run)
{
	static const char *ops[] = { "==", "!=", "<=", ">=", "<", ">", 0 };
	struct awk_val r;
	int i, c;

	if (!concat(v, run))
		return 0;
	skip_blanks(0);
	if (accept("!~") || accept("~")) {
		int neg = pc[-2] == '!';
		char re[512];
		skip_blanks(0);
		if (*pc == '/') {
			regex_literal(re, sizeof(re));
		} else {
			if (!concat(&r, run))
				awk_die("Unexpected token");
			snprintf(re, sizeof(re), "%s", r.s);
		}
		set_num(v, run ? regex_matches(re, v->s) != neg : 0);
		return 1;
	}
	for (i = 0; ops[i]; i++)
		if (accept(ops[i]))
			break;
	if (!ops[i])
		return 1;
	if (!concat(&r, run))
		awk_die("Unexpected token");
	if (v->kind != AWK_STR && r.kind != AWK_STR)
		c = v->n < r.n ? -1 : v->n > r.n;
	else
		c = strcmp(v->s, r.s);
	switch (i) {
	case 0: c = c == 0; break;
	case 1: c = c != 0; break;
	case 2: c = c <= 0; break;
	case 3: c = c >= 0; break;
	case 4: c = c < 0; break;
	default: c = c > 0; break;
	}
	set_num(v, c);
	return 1;
}

static int truth(const struct awk_val *v)
{
	return v->kind == AWK_STR ? v->s[0] != 0 : v->n != 0;
}

static int and_expr(struct awk_val *v, int run)
{
	struct awk_val r;

	if (!compare(v, run))
		return 0;
	while (accept("&&")) {
		int left = truth(v);
		if (!compare(&r, run && left))
			awk_die("Unexpected token");
		set_num(v, left && truth(&r));
	}
	return 1;
}

static int expr(struct awk_val *v, int run)
{
	struct awk_val r;

	if (!and_expr(v, run))
		return 0;
	while (accept("||")) {
		int left = truth(v);
		if (!and_expr(&r, run && !left))
			awk_die("Unexpected token");
		set_num(v, left || truth(&r));
	}
	return 1;
}

/* printf FORMAT, ARGS: each conversion through the C library's. */
static void awk_printf(int run)
{
	struct awk_val f, a;
	char spec[32];
	const char *s;

	if (!expr(&f, run))
		awk_die("Unexpected token");
	for (s = f.s; *s; s++) {
		long n = 0;
		if (*s != '%') {
			if (run)
				putchar(*s);
			continue;
		}
		if (s[1] == '%') {
			if (run)
				putchar('%');
			s++;
			continue;
		}
		spec[n++] = *s++;
		while (*s && strchr("-+ #0123456789.", *s) && n < 28)
			spec[n++] = *s++;
		if (!*s)
			break;
		a.s[0] = 0;
		a.n = 0;
		if (accept(","))
			expr(&a, run);
		if (!run)
			continue;
		if (strchr("diouxXc", *s)) {
			spec[n++] = 'l';
			spec[n++] = *s == 'i' ? 'd' : *s;
			spec[n] = 0;
			if (*s == 'c')
				printf("%c", a.kind == AWK_NUM ? (int)a.n : a.s[0]);
			else
				printf(spec, (long)a.n);
		} else if (strchr("eEfgG", *s)) {
			spec[n++] = *s;
			spec[n] = 0;
			printf(spec, a.n);
		} else {
			spec[n++] = 's';
			spec[n] = 0;
			printf(spec, a.s);
		}
	}
	while (accept(","))
		expr(&a, 0);
}

static void statement(int run)
{
	struct awk_val v;

	skip_blanks(1);
	if (accept("print")) {
		int first = 1;
		skip_blanks(0);
		if (*pc == '}' || *pc == ';' || *pc == '\n' || !*pc) {
			if (run)
				printf("%s\n", record);
			return;
		}
		do {
			if (!expr(&v, run))
				awk_die("Unexpected token");
			if (run)
				printf("%s%s", first ? "" : " ", v.s);
			first = 0;
		} while (accept(","));
		if (run)
			putchar('\n');
		return;
	}
	if (accept("printf")) {
		awk_printf(run);
		return;
	}
	if (accept("next")) {
		if (run)
			done_record = 1;
		return;
	}
	if (accept("exit")) {
		skip_blanks(0);
		if (*pc != '}' && *pc != ';' && *pc != '\n' && expr(&v, run) && run)
			exit_code = (int)v.n;
		if (run)
			exiting = done_record = 1;
		return;
	}
	awk_die("Unexpected token");
}

/* { STATEMENTS } */
static void action(int run)
{
	expect("{");
	for (;;) {
		skip_blanks(1);
		if (accept("}"))
			return;
		if (!*pc)
			awk_die("Unexpected end of string");
		statement(run && !done_record);
	}
}

/* Runs the items of kind 0 (main), 1 (BEGIN) or 2 (END) on the current record. */
static void run_items(int kind)
{
	struct awk_val v;

	pc = prog;
	done_record = 0;
	for (;;) {
		int is_kind, matched = 1, has_pattern = 0;
		skip_blanks(1);
		if (!*pc)
			return;
		if (accept("BEGIN"))
			is_kind = 1;
		else if (accept("END"))
			is_kind = 2;
		else
			is_kind = 0;
		skip_blanks(0);
		if (is_kind == 0 && *pc != '{') {
			has_pattern = 1;
			if (!expr(&v, kind == 0 && !done_record))
				awk_die("Unexpected token");
			matched = truth(&v);
		}
		skip_blanks(0);
		if (*pc == '{') {
			action(is_kind == kind && matched && !done_record);
		} else {
			if (is_kind != 0 || !has_pattern)
				awk_die("Unexpected token");
			if (kind == 0 && matched && !done_record)
				printf("%s\n", record);
		}
	}
}

static void process(int fd)
{
	struct bb_lines r;
	long n;

	bb_lines_init(&r, fd);
	while (!exiting && (n = bb_next_line(&r)) > 0) {
		if (r.line[n - 1] == '\n')
			r.line[--n] = 0;
		nr++;
		/* The record and its fields stay for END, as POSIX awk keeps $0 and NF. */
		free(record_copy);
		free(fields_copy);
		record = record_copy = strcpy(malloc(n + 1), r.line);
		fields_copy = strcpy(malloc(n + 1), r.line);
		split_record(fields_copy);
		run_items(0);
	}
	free(r.line);
}

int main(int argc, char **argv)
{
	int i = 1, status = 0;

	if (i + 1 < argc && strcmp(argv[i], "-F") == 0) {
		fs = argv[i + 1][0] == '\\' && argv[i + 1][1] == 't' ? '\t' : argv[i + 1][0];
		i += 2;
	} else if (i < argc && strncmp(argv[i], "-F", 2) == 0 && argv[i][2]) {
		fs = argv[i][2] == '\\' && argv[i][3] == 't' ? '\t' : argv[i][2];
		i++;
	}
	if (i >= argc) {
		fprintf(stderr, "BusyBox v1.35.0 (Debian 1:1.35.0-4+b3) multi-call binary.\n\nUsage: awk [OPTIONS] [AWK_PROGRAM] [FILE]...\n");
		return 1;
	}
	prog = argv[i++];
	record = "";
	run_items(1);
	if (!exiting && i == argc)
		process(0);
	for (; !exiting && i < argc; i++) {
		int fd = strcmp(argv[i], "-") == 0 ? 0 : open(argv[i], O_RDONLY);
		if (fd < 0) {
			fprintf(stderr, "awk: %s: %s\n", argv[i], strerror(errno));
			status = 2;
			continue;
		}
		process(fd);
		if (fd)
			close(fd);
	}
	exiting = 0;
	run_items(2);
	fflush(stdout);
	return exit_code ? exit_code : status;
}
)c";

}   // namespace kctx::shell::applet
