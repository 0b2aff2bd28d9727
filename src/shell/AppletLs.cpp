// busybox 1.35's ls (coreutils/ls.c) as Debian's initramfs has it, for the files kctx has:
// -1 -a -A -d -l -n -C; the operands' files first, then each directory's entries, sorted
// by name (strcmp: the C locale); "DIR:" headers when there are several operands; -l's
// columns "%-10s %4lu %-8.8s %-8.8s " then "%4u, %3u " for a device or "%9llu " for a
// size, ctime()'s "Mmm dd hh:mm" (or "Mmm dd  yyyy" for a file over six months old) in
// UTC, and "total N" (1 KiB blocks) before a directory's entries; columns filling the
// terminal's width less one when stdout is a tty (TIOCGWINSZ on stdin, 80 by default),
// else one name per line. A file that cannot be stat()ed is "ls: NAME: <strerror>" and
// status 1; -l shows a symlink's target (readlink(2)) after " -> ".
#include "shell/AppletParts.h"

namespace kctx::shell::applet {

const std::string_view kLs = R"c(#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/ioctl.h>
#include <dirent.h>
#include <time.h>

#define OPT_1 1
#define OPT_a 2
#define OPT_A 4
#define OPT_d 8
#define OPT_l 16
#define OPT_n 32
#define OPT_C 64

struct dnode {
	char *fullname;
	const char *name;
	struct stat st;
};

static int opts;
static int exit_code;
static int show_dirname;
static long now;
static int width = 79;

static int by_name(const void *a, const void *b)
{
	const struct dnode *x = *(const struct dnode **)a, *y = *(const struct dnode **)b;
	return strcmp(x->name, y->name);
}

static struct dnode *my_stat(char *fullname, const char *name, int follow)
{
	struct dnode *d = malloc(sizeof(struct dnode));
	d->fullname = fullname;
	d->name = name;
	if ((follow ? stat(fullname, &d->st) : lstat(fullname, &d->st)) != 0) {
		fprintf(stderr, "ls: %s: %s\n", fullname, strerror(errno));
		exit_code = 1;
		free(d);
		return NULL;
	}
	return d;
}

/* libbb's bb_mode_string(): the type letter, then rwx with s/S and t/T. */
static void mode_string(unsigned mode, char *out)
{
	static const char *types = "?pc?d?b?-?l?s???";
	out[0] = types[(mode >> 12) & 15];
	for (int i = 0; i < 9; i++)
		out[1 + i] = (mode & (0400 >> i)) ? "rwxrwxrwx"[i] : '-';
	if (mode & S_ISUID)
		out[3] = (mode & S_IXUSR) ? 's' : 'S';
	if (mode & S_ISGID)
		out[6] = (mode & S_IXGRP) ? 's' : 'S';
	if (mode & S_ISVTX)
		out[9] = (mode & S_IXOTH) ? 't' : 'T';
	out[10] = 0;
}

/* ctime()'s fields in UTC: days since the epoch to a civil date. */
static void civil_time(long t, char *out, int recent)
{
	static const char *months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
				       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	long days = t / 86400, secs = t % 86400;
	long z = days + 719468, era = z / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	long day = doy - (153 * mp + 2) / 5 + 1;
	long month = mp < 10 ? mp + 3 : mp - 9;
	long year = yoe + era * 400 + (month <= 2);
	if (recent)
		sprintf(out, "%s %2ld %02ld:%02ld", months[month - 1], day, secs / 3600, secs % 3600 / 60);
	else
		sprintf(out, "%s %2ld  %ld", months[month - 1], day, year);
}

static int display_single(struct dnode *d)
{
	if (!(opts & OPT_l)) {
		printf("%s", d->name);
		return strlen(d->name);
	}
	char mode[11], when[32];
	mode_string(d->st.st_mode, mode);
	printf("%-10s %4lu ", mode, d->st.st_nlink);
	if (opts & OPT_n)
		printf("%-8u %-8u ", d->st.st_uid, d->st.st_gid);
	else
		printf("%-8.8s %-8.8s ", bb_name_of(bb_users, d->st.st_uid), bb_name_of(bb_groups, d->st.st_gid));
	if (S_ISCHR(d->st.st_mode) || S_ISBLK(d->st.st_mode))
		printf("%4u, %3u ", major(d->st.st_rdev), minor(d->st.st_rdev));
	else
		printf("%9lu ", d->st.st_size);
	long age = now - d->st.st_mtime;
	civil_time(d->st.st_mtime, when, age < 3600L * 24 * 365 / 2 && age > -15 * 60);
	printf("%s %s", when, d->name);
	if (S_ISLNK(d->st.st_mode)) {
		/* xmalloc_readlink_or_warn() */
		char target[4096];
		long n = readlink(d->fullname, target, sizeof(target) - 1);
		if (n >= 0) {
			target[n] = 0;
			printf(" -> %s", target);
		} else {
			fprintf(stderr, "ls: %s: cannot read link: %s\n", d->fullname, strerror(errno));
		}
	}
	return 0;
}

static void display_files(struct dnode **dn, int n)
{
	int ncols = 1, nrows = n, colwidth = 0;
	if (!(opts & (OPT_l | OPT_1))) {
		for (int i = 0; i < n; i++)
			if (colwidth < (int)strlen(dn[i]->name))
				colwidth = strlen(dn[i]->name);
		colwidth += 2;
		ncols = width / colwidth;
		if (ncols > 1) {
			nrows = (n + ncols - 1) / ncols;
		} else {
			ncols = 1;
			nrows = n;
		}
	}
	for (int row = 0; row < nrows; row++) {
		int column = 0, nexttab = 0;
		for (int nc = 0; nc < ncols; nc++) {
			int i = nc * nrows + row;
			if (i >= n)
				continue;
			if (column > 0) {
				printf("%*s", nexttab - column, "");
				column = nexttab;
			}
			nexttab = column + colwidth;
			column += display_single(dn[i]);
		}
		printf("\n");
	}
}

static void list_dir(struct dnode *dir, int first)
{
	if (show_dirname) {
		if (!first)
			printf("\n");
		printf("%s:\n", dir->fullname);
	}
	DIR *d = opendir(dir->fullname);
	if (!d) {
		fprintf(stderr, "ls: can't open '%s': %s\n", dir->fullname, strerror(errno));
		exit_code = 1;
		return;
	}
	struct dnode **dn = NULL;
	int n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.') {
			if (!(opts & (OPT_a | OPT_A)))
				continue;
			if (!(opts & OPT_a) && (!e->d_name[1] || (e->d_name[1] == '.' && !e->d_name[2])))
				continue;
		}
		int dl = strlen(dir->fullname);
		char *full = malloc(dl + strlen(e->d_name) + 2);
		strcpy(full, dir->fullname);
		if (dl == 0 || full[dl - 1] != '/')
			strcat(full, "/");
		strcat(full, e->d_name);
		struct dnode *cur = my_stat(full, full + strlen(full) - strlen(e->d_name), 0);
		if (!cur)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			dn = realloc(dn, cap * sizeof(*dn));
		}
		dn[n++] = cur;
	}
	closedir(d);
	if (opts & OPT_l) {
		unsigned long blocks = 1;
		for (int i = 0; i < n; i++)
			blocks += dn[i]->st.st_blocks;
		printf("total %lu\n", blocks >> 1);
	}
	if (n > 0) {
		qsort(dn, n, sizeof(*dn), by_name);
		display_files(dn, n);
	}
}

int main(int argc, char **argv)
{
	int i = 1;
	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		for (const char *p = argv[i] + 1; *p; p++) {
			switch (*p) {
			case '1': opts = (opts & ~OPT_C) | OPT_1; break;
			case 'C': opts = (opts & ~(OPT_1 | OPT_l)) | OPT_C; break;
			case 'a': opts |= OPT_a; break;
			case 'A': opts |= OPT_A; break;
			case 'd': opts |= OPT_d; break;
			case 'l': opts = (opts & ~OPT_C) | OPT_l; break;
			case 'n': opts = (opts & ~OPT_C) | OPT_n | OPT_l; break;
			default:
				fprintf(stderr, "ls: invalid option -- '%c'\nBusyBox v1.35.0 (Debian 1:1.35.0-4+b3) multi-call binary.\n\nUsage: ls [-1AaCxdLHRFplinshrSXvctu] [-w WIDTH] [FILE]...\n\nList directory contents\n", *p);
				return 1;
			}
		}
	}
	now = time(NULL);
	if (!(opts & (OPT_l | OPT_1 | OPT_C))) {
		char termios[64];
		opts |= ioctl(1, 0x5401 /* TCGETS: isatty() */, termios) == 0 ? OPT_C : OPT_1;
	}
	unsigned short ws[4];
	if (ioctl(0, 0x5413 /* TIOCGWINSZ */, ws) == 0 && ws[1] > 0)
		width = ws[1] - 1;
	char *dot[] = {".", NULL};
	char **args = i < argc ? argv + i : dot;
	int nargs = i < argc ? argc - i : 1;
	if (nargs > 1)
		show_dirname = 1;
	struct dnode **files = malloc(nargs * sizeof(*files)), **dirs = malloc(nargs * sizeof(*dirs));
	int nfiles = 0, ndirs = 0;
	for (int k = 0; k < nargs; k++) {
		struct dnode *cur = my_stat(args[k], args[k], !(opts & OPT_l));
		if (!cur)
			continue;
		if (S_ISDIR(cur->st.st_mode) && !(opts & OPT_d))
			dirs[ndirs++] = cur;
		else
			files[nfiles++] = cur;
	}
	if (nfiles > 0) {
		qsort(files, nfiles, sizeof(*files), by_name);
		display_files(files, nfiles);
	}
	if (ndirs > 0) {
		qsort(dirs, ndirs, sizeof(*dirs), by_name);
		for (int k = 0; k < ndirs; k++)
			list_dir(dirs[k], nfiles == 0 && k == 0);
	}
	return exit_code;
}
)c";

}   // namespace kctx::shell::applet
