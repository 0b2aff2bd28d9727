/*
 * init.sh, compiled by kctx (src/shell) into the program pid 1 runs: one block
 * per command of the script, and helpers that give the commands busybox ash's
 * behaviour (what they print, what $? becomes).
 *
 * programs (__kctx_spawn's first argument): 0 = ./cst_test
 * modules (__kctx_insmod's first argument): 0 = cst.ko
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* $?: the status of the last command. */
static int sh_status;
/* $!: the pid of the last background command, as a number and as its text. */
static int sh_bg_pid;
static char sh_bg_text[16];
/*
 * The job table: the pid of job %N at [N - 1], 0 when the slot is free. The
 * script starts 4 background commands, so it never needs more.
 */
#define SH_MAX_JOBS 4
static int sh_jobs[SH_MAX_JOBS];

/* $? from a wait status: the exit code, or 128 + the signal that killed the child. */
static int sh_exit_status(int ws)
{
	if ((ws & 0x7f) == 0)
		return (ws >> 8) & 0xff;
	return 128 + (ws & 0x7f);
}

/*
 * ash reports a foreground command that a signal killed, in strsignal()'s words, but
 * not SIGINT or SIGPIPE, and adds " (core dumped)" when the status says a core was
 * written (WCOREDUMP, busybox's sprint_status48()).
 */
static void sh_report_signal(int ws)
{
	const char *what;

	switch (ws & 0x7f) {
	case 0:
	case 2:
	case 13:
		return;
	case 1: what = "Hangup"; break;
	case 3: what = "Quit"; break;
	case 4: what = "Illegal instruction"; break;
	case 5: what = "Trace/breakpoint trap"; break;
	case 6: what = "Aborted"; break;
	case 7: what = "Bus error"; break;
	case 8: what = "Floating point exception"; break;
	case 9: what = "Killed"; break;
	case 10: what = "User defined signal 1"; break;
	case 11: what = "Segmentation fault"; break;
	case 12: what = "User defined signal 2"; break;
	case 14: what = "Alarm clock"; break;
	case 15: what = "Terminated"; break;
	case 16: what = "Stack fault"; break;
	case 17: what = "Child exited"; break;
	case 18: what = "Continued"; break;
	case 19: what = "Stopped (signal)"; break;
	case 20: what = "Stopped"; break;
	case 21: what = "Stopped (tty input)"; break;
	case 22: what = "Stopped (tty output)"; break;
	case 23: what = "Urgent I/O condition"; break;
	case 24: what = "CPU time limit exceeded"; break;
	case 25: what = "File size limit exceeded"; break;
	case 26: what = "Virtual timer expired"; break;
	case 27: what = "Profiling timer expired"; break;
	case 28: what = "Window changed"; break;
	case 29: what = "I/O possible"; break;
	case 30: what = "Power failure"; break;
	case 31: what = "Bad system call"; break;
	default:
		fprintf(stderr, "Unknown signal %d\n", ws & 0x7f);
		return;
	}
	fprintf(stderr, "%s%s\n", what, (ws & 0x80) ? " (core dumped)" : "");
}

/* A command that could not start: ash's words, and its $? (127 when not found). */
static int sh_spawn_failed(int err, const char *what)
{
	if (err == -ENOENT) {
		fprintf(stderr, "%s: not found\n", what);
		return 127;
	}
	fprintf(stderr, "%s: %s\n", what, strerror(-err));
	return 126;
}

/* Job %N's pid, or 0 if there is no such job (not started, or waited for). */
static int sh_job_pid(int n)
{
	if (n < 1 || n > SH_MAX_JOBS)
		return 0;
	return sh_jobs[n - 1];
}

/* A job that has been waited for leaves the table; its number is free again. */
static void sh_forget_job(int pid)
{
	int i;

	for (i = 0; i < SH_MAX_JOBS; i++)
		if (sh_jobs[i] == pid)
			sh_jobs[i] = 0;
}

/*
 * A background command: it sets $! and takes the lowest free job number, as in ash.
 * Nothing is printed when it ends; $? is 0.
 */
static int sh_background(int pid, const char *what)
{
	int i;

	if (pid < 0) {
		sh_spawn_failed(pid, what);
		return 0;
	}
	sh_bg_pid = pid;
	snprintf(sh_bg_text, sizeof(sh_bg_text), "%d", pid);
	for (i = 0; i < SH_MAX_JOBS; i++) {
		if (sh_jobs[i] == 0) {
			sh_jobs[i] = pid;
			break;
		}
	}
	return 0;
}

/* wait with no operand: reap children until the kernel says there are none (ECHILD). */
static int sh_wait_all(void)
{
	int ws = __kctx_wait(-1);
	int i;

	while (ws >= 0 || ws == -EINTR)
		ws = __kctx_wait(-1);
	for (i = 0; i < SH_MAX_JOBS; i++)
		sh_jobs[i] = 0;
	return 0;
}

/* busybox modutils.c: moderror(), the words insmod gives init_module's errors. */
static const char *sh_moderror(int err)
{
	switch (err) {
	case 8: /* ENOEXEC */
		return "invalid module format";
	case ENOENT:
		return "unknown symbol in module, or unknown parameter";
	case ESRCH:
		return "module has wrong symbol version";
	case ENOSYS:
		return "kernel does not support requested operation";
	}
	return strerror(err);
}

/*
 * busybox insmod: says why init_module failed and exits with its errno. A positive
 * value is the wait status of an insmod that a signal killed (an oops in the module's
 * init: make_task_dead()), which ash reports as for any foreground command.
 */
static int sh_insmod(int err, const char *file)
{
	if (err > 0) {
		sh_report_signal(err);
		return sh_exit_status(err);
	}
	if (err == 0)
		return 0;
	fprintf(stderr, "insmod: can't insert '%s': %s\n", file, sh_moderror(-err));
	return -err & 0xff;
}

/* busybox rmmod: perror()'s words for delete_module's error, and exit status 1. */
static int sh_rmmod(const char *name)
{
	int err = __kctx_rmmod(name);

	if (err >= 0)
		return 0;
	fprintf(stderr, "rmmod: can't unload module '%s': %s\n", name, strerror(-err));
	return 1;
}

/* sleep: a signal that interrupts nanosleep() does not cut the sleep short. */
static int sh_sleep(long sec, long nsec)
{
	struct timespec ts;

	ts.tv_sec = sec;
	ts.tv_nsec = nsec;
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
	return 0;
}

int main(void)
{
	/* init.sh:3: ./cst_test & */
	{
		const char *argv[] = { "./cst_test", NULL };
		sh_status = sh_background(__kctx_spawn(0, 1, argv), "init.sh: line 3: ./cst_test");
	}
	/* init.sh:4: ./cst_test & */
	{
		const char *argv[] = { "./cst_test", NULL };
		sh_status = sh_background(__kctx_spawn(0, 1, argv), "init.sh: line 4: ./cst_test");
	}
	/* init.sh:5: ./cst_test & */
	{
		const char *argv[] = { "./cst_test", NULL };
		sh_status = sh_background(__kctx_spawn(0, 1, argv), "init.sh: line 5: ./cst_test");
	}
	/* init.sh:6: ./cst_test & */
	{
		const char *argv[] = { "./cst_test", NULL };
		sh_status = sh_background(__kctx_spawn(0, 1, argv), "init.sh: line 6: ./cst_test");
	}
	/* init.sh:7: insmod cst.ko */
	sh_status = sh_insmod(__kctx_insmod(0, ""), "cst.ko");
	/* init.sh:8: sleep 4 */
	sh_status = sh_sleep(4, 0);
	/* init.sh:9: rmmod cst */
	sh_status = sh_rmmod("cst");
	/*
	 * The end of init.sh. Like busybox init once its rc script is done, pid 1 stays to
	 * reap children, and ends when it has none left.
	 */
	sh_wait_all();
	return sh_status;
}
