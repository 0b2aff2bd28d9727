// The user programs' libc beyond fork and mmap: snprintf's conversions, strerror and
// perror, the clocks, and ITIMER_REAL/alarm delivering SIGALRM to sigaction handlers.
#include <gtest/gtest.h>

#include "kernel/core/UserTest.h"

namespace kctx::kernel {
namespace {

using testing::kUserPrologue;
using testing::run_user_program;

std::string program(const std::string& body) { return std::string(kUserPrologue) + body; }

TEST(Libc, SnprintfConversionsAsGlibc)
{
	auto r = run_user_program(program(R"(
int main(void)
{
	char buf[160];
	int n = snprintf(buf, sizeof(buf), "%llu|%g|%g|%zd|%#x|%#o|%5.2f|%-4s|%lld|%lu|%08x|%p|%c|%%|%+d|%e",
			 18446744073709551615ULL, 0.5, 1e-5, (ssize_t)-3, 255, 8, 3.14159, "ab", -5LL, 42UL, 0xbeef,
			 (void *)0x1000, 'z', 7, 12345.678);
	printf("%d %s\n", n, buf);
	n = snprintf(buf, 4, "hello");
	printf("%d %s\n", n, buf);
	n = snprintf(NULL, 0, "%d", 123456);
	printf("%d\n", n);
	return 0;
}
)"));
	EXPECT_EQ(r.console, "95 18446744073709551615|0.5|1e-05|-3|0xff|010| 3.14|ab  |-5|42|0000beef|0x1000|z|%|+7|"
			     "1.234568e+04\n"
			     "5 hel\n"
			     "6\n");
}

TEST(Libc, StrstrAndStrrchr)
{
	auto r = run_user_program(program(R"(
int main(void)
{
	const char *s = "VmSize: 12 kB\nVmRSS: 8 kB\n";
	printf("[%s] [%s] %d %d\n", strstr(s, "VmRSS:"), strrchr("a/b/c", '/'), strstr(s, "nope") == NULL,
	       strrchr(s, 0) == s + strlen(s));
	return 0;
}
)"));
	EXPECT_EQ(r.console, "[VmRSS: 8 kB\n] [/c] 1 1\n");
}

TEST(Libc, StrerrorAndPerror)
{
	auto r = run_user_program(program(R"(
int main(void)
{
	printf("%s / %s / %s\n", strerror(EINVAL), strerror(ECHILD), strerror(9999));
	errno = ENOENT;
	perror("open /nowhere");
	errno = EINTR;
	perror(NULL);
	return 0;
}
)"));
	EXPECT_EQ(r.console, "Invalid argument / No child processes / Unknown error 9999\n"
			     "open /nowhere: No such file or directory\n"
			     "Interrupted system call\n");
}

TEST(Libc, ClocksAdvanceWithSimulatedTime)
{
	auto r = run_user_program(program(R"(
int main(void)
{
	struct timespec a, b, real;
	clock_gettime(CLOCK_MONOTONIC, &a);
	usleep(250000);
	clock_gettime(CLOCK_MONOTONIC, &b);
	long ms = (b.tv_sec - a.tv_sec) * 1000 + (b.tv_nsec - a.tv_nsec) / 1000000;
	clock_gettime(CLOCK_REALTIME, &real);
	time_t now = time(NULL);
	printf("slept %ld ms, realtime matches time(): %d, after 2026: %d\n", ms, real.tv_sec == now,
	       now > 1767225600);
	return 0;
}
)"));
	EXPECT_EQ(r.console, "slept 250 ms, realtime matches time(): 1, after 2026: 1\n");
}

TEST(Libc, ItimerRealFiresPeriodicallyIntoASigactionHandler)
{
	auto r = run_user_program(program(R"(
static volatile int ticks;
static long at[8];
static struct timespec t0;
static long ms_since_start(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0.tv_sec) * 1000 + (t.tv_nsec - t0.tv_nsec) / 1000000;
}
static void on_alrm(int sig)
{
	if (ticks < 8)
		at[ticks] = ms_since_start();
	ticks++;
}
int main(void)
{
	struct sigaction sa;
	struct itimerval it, cur, old;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alrm;
	sigaction(SIGALRM, &sa, NULL);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	it.it_interval.tv_sec = 0;
	it.it_interval.tv_usec = 100000;
	it.it_value.tv_sec = 0;
	it.it_value.tv_usec = 250000;
	printf("setitimer: %d\n", setitimer(ITIMER_REAL, &it, NULL));
	getitimer(ITIMER_REAL, &cur);
	printf("getitimer: interval %ld.%06ld, value in (0, 250 ms]: %d\n", cur.it_interval.tv_sec,
	       cur.it_interval.tv_usec, cur.it_value.tv_sec == 0 && cur.it_value.tv_usec > 0 && cur.it_value.tv_usec <= 250000);
	while (ticks < 5) {
		int rc = pause();
		if (rc != -1 || errno != EINTR)
			printf("pause: %d %d\n", rc, errno);
	}
	memset(&it, 0, sizeof(it));
	setitimer(ITIMER_REAL, &it, &old);
	printf("disarmed: old interval %ld us\n", old.it_interval.tv_usec);
	usleep(500000);
	printf("ticks %d at", ticks);
	for (int i = 0; i < 5; i++)
		printf(" %ld", at[i]);
	printf(" ms\n");
	printf("alarm: %u", alarm(3));
	printf(" then %u\n", alarm(0));
	return 0;
}
)"));
	EXPECT_EQ(r.console, "setitimer: 0\n"
			     "getitimer: interval 0.100000, value in (0, 250 ms]: 1\n"
			     "disarmed: old interval 100000 us\n"
			     "ticks 5 at 250 350 450 550 650 ms\n"
			     "alarm: 0 then 3\n");
}

}  // namespace
}  // namespace kctx::kernel
