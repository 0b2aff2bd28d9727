// ticker — an interval timer and anonymous memory. setitimer(ITIMER_REAL) sends
// SIGALRM every 50 ms to a sigaction handler while the program pause()s; then it maps
// 64 KiB, touches it page by page, and watches VmRSS and its minor faults follow
// the touches, MADV_DONTNEED and munmap.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/time.h>

#define PAGES 16
#define PAGE 4096

static volatile sig_atomic_t ticks;

static void on_alarm(int sig)
{
	ticks++;
}

static void say(const char *line)
{
	write(STDOUT_FILENO, line, strlen(line));
}

/* VmRSS: from /proc/self/status, in kB. */
static long vm_rss(void)
{
	static char buf[2048];
	int fd = open("/proc/self/status", O_RDONLY);
	ssize_t n = read(fd, buf, sizeof(buf) - 1);
	char *p;

	close(fd);
	buf[n > 0 ? n : 0] = 0;
	p = strstr(buf, "VmRSS:");
	return p ? atol(p + 6) : -1;
}

static long minor_faults(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_minflt;
}

int main(void)
{
	char line[128];
	struct sigaction sa;
	struct itimerval it, left;
	struct timespec t0, t;
	long rss0, flt0;
	char *area;
	int i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, NULL);
	memset(&it, 0, sizeof(it));
	it.it_interval.tv_usec = 50000;
	it.it_value.tv_usec = 50000;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	setitimer(ITIMER_REAL, &it, NULL);
	while (ticks < 4) {
		if (pause() == -1 && errno == EINTR) {
			clock_gettime(CLOCK_MONOTONIC, &t);
			snprintf(line, sizeof(line), "tick %d at +%ld ms\n", ticks,
				 (t.tv_sec - t0.tv_sec) * 1000 + (t.tv_nsec - t0.tv_nsec) / 1000000);
			say(line);
		}
	}
	getitimer(ITIMER_REAL, &left);
	memset(&it, 0, sizeof(it));
	setitimer(ITIMER_REAL, &it, NULL);
	snprintf(line, sizeof(line), "timer: interval %ld us, next due in %ld us; disarmed\n",
		 (long)left.it_interval.tv_usec, (long)left.it_value.tv_usec);
	say(line);

	rss0 = vm_rss();
	flt0 = minor_faults();
	area = mmap(NULL, PAGES * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (area == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	snprintf(line, sizeof(line), "mmap: %d pages at %p, VmRSS +%ld kB\n", PAGES, area, vm_rss() - rss0);
	say(line);
	for (i = 0; i < PAGES; i++)
		area[i * PAGE] = (char)i;
	snprintf(line, sizeof(line), "touched: VmRSS +%ld kB, %ld minor faults\n", vm_rss() - rss0,
		 minor_faults() - flt0);
	say(line);
	madvise(area, PAGES / 2 * PAGE, MADV_DONTNEED);
	snprintf(line, sizeof(line), "MADV_DONTNEED half: VmRSS +%ld kB\n", vm_rss() - rss0);
	say(line);
	snprintf(line, sizeof(line), "page 1 reads %d, page 9 reads %d\n", area[PAGE], area[9 * PAGE]);
	say(line);
	munmap(area, PAGES * PAGE);
	snprintf(line, sizeof(line), "munmap: VmRSS +%ld kB, %ld minor faults in all\n", vm_rss() - rss0,
		 minor_faults() - flt0);
	say(line);
	return 0;
}
