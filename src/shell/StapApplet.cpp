// stap as init.sh runs it (issue 13): `stap script.stp ARGS &`, `stap -e '...' &`, or a
// script with a "#!/usr/bin/stap" line run as ./NAME.stp. The program is kctx's, not
// SystemTap's: passes 1-2 and the probes themselves run in the kernel's probe host
// (__kctx_stap, kernel/core/ProbeHost.h). What stap's driver does around them is here,
// in the process: it waits out the compile-and-load time, then copies the session's
// output to its stdout as staprun's reader does, until the script calls exit(), a
// SIGINT or SIGTERM asks it to stop (stap catches both and unloads the module, which
// runs probe end), or the run ends.
#include "shell/Applets.h"

namespace kctx::shell {

namespace {

constexpr std::string_view kStap = R"c(/* stap, as kctx's init.sh runs it (src/shell/StapApplet.cpp). */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* __kctx_stap's requests: kernel/core/ProbeHost.h's StapOp, in its order. */
#define STAP_START 0
#define STAP_ATTACH 1
#define STAP_RUNNING 2
#define STAP_READ_OUT 3
#define STAP_READ_ERR 4
#define STAP_STOP 5

/* Simulated time from the command to the module's probes firing: stap's passes 1-4 and
 * staprun's insmod for a small script (docs/stap.md says why 1 s), and how often the
 * reader copies the session's output to stdout. */
#define STAP_LOAD_NS 1000000000L
#define STAP_POLL_NS 100000000L

static char stap_buf[1 << 16];
static volatile int stap_interrupted;
/* Where the session's output goes: stdout, or the file of -o FILE. */
static int stap_out = 1;
/* `stap -`: the script read from stdin, handed on as -e's text. */
static char stap_script[1 << 16];
static const char *stap_args[260];

static void stap_on_signal(int sig)
{
	stap_interrupted = sig;
}

static void stap_write(int fd, const char *p, long n)
{
	while (n > 0) {
		long w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		p += w;
		n -= w;
	}
}

/* Everything the session printed so far: its output to stdout, its messages to stderr. */
static void stap_drain(void)
{
	long n;

	while ((n = __kctx_stap(STAP_READ_OUT, 0, 0, stap_buf, sizeof(stap_buf))) > 0)
		stap_write(stap_out, stap_buf, n);
	while ((n = __kctx_stap(STAP_READ_ERR, 0, 0, stap_buf, sizeof(stap_buf))) > 0)
		stap_write(2, stap_buf, n);
}

/* Sleeps ns, or less when a signal comes (no SA_RESTART: nanosleep returns EINTR). */
static void stap_sleep(long ns)
{
	struct timespec ts;

	ts.tv_sec = ns / 1000000000L;
	ts.tv_nsec = ns % 1000000000L;
	nanosleep(&ts, 0);
}

/* The options whose value is the next word (stap's getopt string), so that a "-" there
 * is no script. */
static int stap_takes_value(const char *opt)
{
	return opt[0] == '-' && opt[1] && !opt[2] && strchr("oDGeIxcrmsBSaRdpTlLC", opt[1]) != 0;
}

/* What stap's driver does with the command line before the passes: -o FILE is staprun's
 * (stapio writes the module's output there), and a script named "-" is read from stdin
 * (<input> in stap's messages, as -e's text is). Returns the new argc, or -1 when stap
 * cannot go on (its message printed). */
static int stap_prepare(int argc, char **argv)
{
	const char *outfile = 0;
	int n = 0, i, script_seen = 0;

	for (i = 0; i < argc && n < 256; i++) {
		const char *a = argv[i];
		if (i > 0 && !script_seen && strcmp(a, "-o") == 0 && i + 1 < argc) {
			outfile = argv[++i];
			continue;
		}
		if (i > 0 && !script_seen && strncmp(a, "-o", 2) == 0 && a[2]) {
			outfile = a + 2;
			continue;
		}
		if (i > 0 && !script_seen && strcmp(a, "-") == 0) {
			long got = 0, r;
			struct stat st;
			/* A terminal on stdin would wait for someone to type the script, and
			 * nobody types on kctx's console: say so rather than hang. */
			if (fstat(0, &st) == 0 && S_ISCHR(st.st_mode) && ((st.st_rdev >> 8) & 0xfff) != 1) {
				const char *msg = "stap: the script is read from standard input, which is the console here; "
						  "nothing types on kctx's console, so pipe it in: echo 'probe ...' | stap -\n";
				stap_write(2, msg, strlen(msg));
				return -1;
			}
			while (got < (long)sizeof(stap_script) - 1 &&
			       (r = read(0, stap_script + got, sizeof(stap_script) - 1 - got)) > 0)
				got += r;
			stap_script[got] = 0;
			stap_args[n++] = "-e";
			stap_args[n++] = stap_script;
			script_seen = 1;
			continue;
		}
		stap_args[n++] = a;
		if (i > 0 && !script_seen && stap_takes_value(a) && i + 1 < argc) {
			stap_args[n++] = argv[++i];
			script_seen = strcmp(a, "-e") == 0;
			continue;
		}
		if (i > 0 && a[0] != '-')
			script_seen = 1;
	}
	stap_args[n] = 0;
	if (outfile) {
		stap_out = open(outfile, O_WRONLY | O_CREAT | O_TRUNC, 0666);
		if (stap_out < 0) {
			/* stapio's _perr() */
			int len = snprintf(stap_buf, sizeof(stap_buf), "ERROR: Couldn't open output file %s: %s\n",
					   outfile, strerror(errno));
			stap_write(2, stap_buf, len);
			return -1;
		}
	}
	return n;
}

int main(int argc, char **argv)
{
	struct sigaction sa;
	long status;

	argc = stap_prepare(argc, argv);
	if (argc < 0)
		return 1;
	if (__kctx_stap(STAP_START, stap_args, argc, 0, 0) != 0) {
		/* -p1, -p2, -l, or a script that did not parse or resolve: stap is done. */
		status = __kctx_stap(STAP_STOP, 0, 0, 0, 0);
		stap_drain();
		return status;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = stap_on_signal;
	sigaction(SIGINT, &sa, 0);
	sigaction(SIGTERM, &sa, 0);
	stap_sleep(STAP_LOAD_NS);
	if (!stap_interrupted) {
		__kctx_stap(STAP_ATTACH, 0, 0, 0, 0);
		for (;;) {
			stap_drain();
			if (stap_interrupted || !__kctx_stap(STAP_RUNNING, 0, 0, 0, 0))
				break;
			stap_sleep(STAP_POLL_NS);
		}
	}
	status = __kctx_stap(STAP_STOP, 0, 0, 0, 0);
	stap_drain();
	return status;
}
)c";

}  // namespace

std::string stap_applet_source()
{
	return std::string(kStap);
}

}  // namespace kctx::shell
