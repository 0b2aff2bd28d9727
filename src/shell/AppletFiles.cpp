// busybox 1.35's rm, chmod, chown and chgrp (coreutils/rm.c with libbb/remove_file.c,
// coreutils/chmod.c with libbb/parse_mode.c, coreutils/chown.c), as LDD3-style load
// scripts use them on the nodes they make; and the users and groups of a Debian 12
// base system, which kctx's machine has no /etc/passwd or /etc/group to read.
// Sources of C programs kctx compiles into the machine; text_applet_source() (AppletSources.cpp)
// puts them together.
#include "shell/AppletParts.h"

namespace kctx::shell::applet {

// Debian 12's base-passwd: /etc/passwd's and /etc/group's names and ids. An id that is
// not there prints as its number, as busybox's get_cached_username() does.
const std::string_view kIds = R"c(
struct bb_id {
	const char *name;
	unsigned id;
};
static const struct bb_id bb_users[] = {
	{ "root", 0 }, { "daemon", 1 }, { "bin", 2 }, { "sys", 3 }, { "sync", 4 }, { "games", 5 },
	{ "man", 6 }, { "lp", 7 }, { "mail", 8 }, { "news", 9 }, { "uucp", 10 }, { "proxy", 13 },
	{ "www-data", 33 }, { "backup", 34 }, { "list", 38 }, { "irc", 39 }, { "_apt", 42 },
	{ "nobody", 65534 }, { 0, 0 },
};
static const struct bb_id bb_groups[] = {
	{ "root", 0 }, { "daemon", 1 }, { "bin", 2 }, { "sys", 3 }, { "adm", 4 }, { "tty", 5 },
	{ "disk", 6 }, { "lp", 7 }, { "mail", 8 }, { "news", 9 }, { "uucp", 10 }, { "man", 12 },
	{ "proxy", 13 }, { "kmem", 15 }, { "dialout", 20 }, { "fax", 21 }, { "voice", 22 },
	{ "cdrom", 24 }, { "floppy", 25 }, { "tape", 26 }, { "sudo", 27 }, { "audio", 29 },
	{ "dip", 30 }, { "www-data", 33 }, { "backup", 34 }, { "operator", 37 }, { "list", 38 },
	{ "irc", 39 }, { "src", 40 }, { "shadow", 42 }, { "utmp", 43 }, { "video", 44 },
	{ "sasl", 45 }, { "plugdev", 46 }, { "staff", 50 }, { "games", 60 }, { "users", 100 },
	{ "nogroup", 65534 }, { 0, 0 },
};

/* A name's id, or a number; -1 if neither. */
static long bb_id_of(const struct bb_id *t, const char *name)
{
	char *end;
	unsigned long v;

	for (; t->name; t++)
		if (strcmp(t->name, name) == 0)
			return t->id;
	if (!*name)
		return -1;
	v = strtoul(name, &end, 10);
	return *end || v > 0xfffffffeUL ? -1 : (long)v;
}

static const char *bb_name_of(const struct bb_id *t, unsigned id)
{
	static char num[2][16];
	static int which;

	for (; t->name; t++)
		if (t->id == id)
			return t->name;
	which ^= 1;
	snprintf(num[which], sizeof(num[which]), "%u", id);
	return num[which];
}
)c";

// rm [-irfv] FILE...: remove_file()'s messages; a directory is refused without -r, and
// kctx's directories cannot be removed with it either.
const std::string_view kRm = R"c(#include <sys/stat.h>

int main(int argc, char **argv)
{
	int force = 0, recursive = 0, verbose = 0, status = 0, i = 1;
	struct stat st;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		const char *o = argv[i] + 1;
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		for (; *o; o++) {
			if (*o == 'f')
				force = 1;
			else if (*o == 'r' || *o == 'R')
				recursive = 1;
			else if (*o == 'v')
				verbose = 1;
			else if (*o != 'i') {
				fprintf(stderr, "rm: invalid option -- '%c'\nBusyBox v1.35.0 (Debian 1:1.35.0-4+b3) multi-call binary.\n\nUsage: rm [-irf] FILE...\n", *o);
				return 1;
			}
		}
	}
	if (i == argc && !force) {
		fprintf(stderr, "BusyBox v1.35.0 (Debian 1:1.35.0-4+b3) multi-call binary.\n\nUsage: rm [-irf] FILE...\n");
		return 1;
	}
	for (; i < argc; i++) {
		const char *p = argv[i];
		if (lstat(p, &st) < 0) {
			if (errno != ENOENT || !force) {
				fprintf(stderr, "rm: can't stat '%s': %s\n", p, strerror(errno));
				status = 1;
			}
			continue;
		}
		if (S_ISDIR(st.st_mode)) {
			if (!recursive)
				fprintf(stderr, "rm: '%s' is a directory\n", p);
			else
				fprintf(stderr, "rm: can't remove '%s': %s\n", p, strerror(EBUSY));
			status = 1;
			continue;
		}
		if (unlink(p) < 0) {
			fprintf(stderr, "rm: can't remove '%s': %s\n", p, strerror(errno));
			status = 1;
			continue;
		}
		if (verbose)
			printf("removed '%s'\n", p);
	}
	return status;
}
)c";

// ln -s [-fnv] TARGET... LINK|DIR (coreutils/ln.c): a symlink named LINK, or one per
// TARGET inside DIR named after its last component (DIR followed if it is a link, unless
// -n); -f unlinks the name first; the shared "can't create symlink" message. kctx has no
// hard links: init.sh accepts ln only with -s.
const std::string_view kLn = R"c(#include <sys/stat.h>

int main(int argc, char **argv)
{
	int force = 0, nofollow = 0, verbose = 0, status = 0, i = 1;
	struct stat st;
	const char *last;
	int dir;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		const char *o = argv[i] + 1;
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		for (; *o; o++) {
			if (*o == 'f')
				force = 1;
			else if (*o == 'n')
				nofollow = 1;
			else if (*o == 'v')
				verbose = 1;
			else if (*o != 's') {
				fprintf(stderr, "ln: invalid option -- '%c'\nBusyBox v1.35.0 (Debian 1:1.35.0-4+b3) multi-call binary.\n\nUsage: ln [-sfnbtv] [-S SUF] TARGET... LINK|DIR\n", *o);
				return 1;
			}
		}
	}
	if (argc - i < 2) {
		fprintf(stderr, "BusyBox v1.35.0 (Debian 1:1.35.0-4+b3) multi-call binary.\n\nUsage: ln [-sfnbtv] [-S SUF] TARGET... LINK|DIR\n");
		return 1;
	}
	last = argv[argc - 1];
	dir = (nofollow ? lstat(last, &st) : stat(last, &st)) == 0 && S_ISDIR(st.st_mode);
	if (argc - i > 2 && !dir) {
		fprintf(stderr, "ln: %s: Not a directory\n", last);
		return 1;
	}
	for (; i < argc - 1; i++) {
		char name[4096];
		const char *base = strrchr(argv[i], '/');
		if (dir)
			snprintf(name, sizeof(name), "%s/%s", last, base ? base + 1 : argv[i]);
		else
			snprintf(name, sizeof(name), "%s", last);
		if (force)
			unlink(name);
		if (symlink(argv[i], name) != 0) {
			fprintf(stderr, "ln: can't create symlink '%s' to '%s': %s\n", name, argv[i], strerror(errno));
			status = 1;
			continue;
		}
		if (verbose)
			printf("'%s' -> '%s'\n", name, argv[i]);
	}
	return status;
}
)c";

// chmod [-Rcvf] MODE[,MODE]... FILE...: an octal mode, or bb_parse_mode()'s symbolic
// clauses [ugoa]*[-+=][rwxXst]*.
const std::string_view kChmod = R"c(#include <sys/stat.h>

static int parse_mode(const char *s, unsigned cur, unsigned *out)
{
	unsigned mode = cur & 07777;

	if (*s >= '0' && *s <= '7') {
		char *end;
		unsigned long v = strtoul(s, &end, 8);
		if (*end || v > 07777)
			return 0;
		*out = v;
		return 1;
	}
	while (*s) {
		unsigned who = 0, perm;
		char op;
		for (; *s && strchr("ugoa", *s); s++)
			who |= *s == 'u' ? 04700 : *s == 'g' ? 02070 : *s == 'o' ? 01007 : 07777;
		if (!who)
			who = 07777 & ~022;   /* the umask's bits stay, as for chmod +x */
		if (!*s || !strchr("+-=", *s))
			return 0;
		while (*s && strchr("+-=", *s)) {
			op = *s++;
			perm = 0;
			for (; *s && strchr("rwxXst", *s); s++) {
				switch (*s) {
				case 'r': perm |= 0444; break;
				case 'w': perm |= 0222; break;
				case 'x': perm |= 0111; break;
				case 'X': perm |= (S_ISDIR(cur) || (cur & 0111)) ? 0111 : 0; break;
				case 's': perm |= 06000; break;
				case 't': perm |= 01000; break;
				}
			}
			perm &= who;
			if (op == '+')
				mode |= perm;
			else if (op == '-')
				mode &= ~perm;
			else
				mode = (mode & ~(who & 07777)) | perm;
		}
		if (*s == ',')
			s++;
		else if (*s)
			return 0;
	}
	*out = mode;
	return 1;
}

int main(int argc, char **argv)
{
	int i = 1, quiet = 0, status = 0;
	const char *mode_arg;
	unsigned mode;
	struct stat st;

	for (; i < argc && argv[i][0] == '-' && argv[i][1] && strchr("Rcvf", argv[i][1]); i++) {
		quiet |= strchr(argv[i], 'f') != 0;
	}
	if (argc - i < 2) {
		fprintf(stderr, "BusyBox v1.35.0 (Debian 1:1.35.0-4+b3) multi-call binary.\n\nUsage: chmod [-Rcvf] MODE[,MODE]... FILE...\n");
		return 1;
	}
	mode_arg = argv[i++];
	if (!parse_mode(mode_arg, 0, &mode)) {
		fprintf(stderr, "chmod: invalid mode '%s'\n", mode_arg);
		return 1;
	}
	for (; i < argc; i++) {
		if (stat(argv[i], &st) != 0 || !parse_mode(mode_arg, st.st_mode, &mode) || chmod(argv[i], mode) != 0) {
			if (!quiet)
				fprintf(stderr, "chmod: %s: %s\n", argv[i], strerror(errno));
			status = 1;
		}
	}
	return status;
}
)c";

// chown [-Rhcvf] USER[:[GRP]] FILE..., chgrp [-Rhcvf] GROUP FILE... (CHGRP set by the
// source's prelude).
const std::string_view kChown = R"c(
int main(int argc, char **argv)
{
	const char *applet = CHGRP ? "chgrp" : "chown";
	int i = 1, quiet = 0, status = 0;
	long uid = -1, gid = -1;
	char spec[256];
	char *colon;

	for (; i < argc && argv[i][0] == '-' && argv[i][1] && strchr("RhLHPcvf", argv[i][1]); i++)
		quiet |= strchr(argv[i], 'f') != 0;
	if (argc - i < 2) {
		fprintf(stderr, "BusyBox v1.35.0 (Debian 1:1.35.0-4+b3) multi-call binary.\n\nUsage: %s\n",
			CHGRP ? "chgrp [-RhLHPcvf]... GROUP FILE..." : "chown [-RhLHPcvf]... USER[:[GRP]] FILE...");
		return 1;
	}
	snprintf(spec, sizeof(spec), "%s%s", CHGRP ? ":" : "", argv[i++]);
	colon = strchr(spec, ':');
	if (!colon)
		colon = strchr(spec, '.');
	if (colon)
		*colon++ = 0;
	if (spec[0]) {
		uid = bb_id_of(bb_users, spec);
		if (uid < 0) {
			fprintf(stderr, "%s: unknown user %s\n", applet, spec);
			return 1;
		}
	}
	if (colon && *colon) {
		gid = bb_id_of(bb_groups, colon);
		if (gid < 0) {
			fprintf(stderr, "%s: unknown group %s\n", applet, colon);
			return 1;
		}
	}
	for (; i < argc; i++) {
		if (chown(argv[i], (unsigned)uid, (unsigned)gid) != 0) {
			if (!quiet)
				fprintf(stderr, "%s: %s: %s\n", applet, argv[i], strerror(errno));
			status = 1;
		}
	}
	return status;
}
)c";

}   // namespace kctx::shell::applet
