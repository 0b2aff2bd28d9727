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
#include <signal.h>
#include <string.h>
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
		stap_write(1, stap_buf, n);
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

int main(int argc, char **argv)
{
	struct sigaction sa;
	long status;

	if (__kctx_stap(STAP_START, (const char **)argv, argc, 0, 0) != 0) {
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
