// stdio beyond printf (Stdio.cpp, prelude/user_lib-stdio.h): sscanf's conversions,
// streams on files, line input, setvbuf, strsignal and uname, each as glibc gives them.
#include <gtest/gtest.h>

#include "kernel/core/UserTest.h"

namespace kctx::kernel {
namespace {

using testing::kUserPrologue;
using testing::run_user_program;

std::string program(const std::string& body) { return std::string(kUserPrologue) + body; }

TEST(Stdio, SscanfConversionsAsGlibc)
{
	auto r = run_user_program(program(R"(
int main(void)
{
	int a, b, c, n, k;
	unsigned u;
	long l;
	long long ll;
	double d;
	float f;
	char s[16], set[16], ch[3];
	k = sscanf("  -12 0x1f 017 42 99999999999 -7 2.5e2 1.25 word abc123; xyz", "%d %i %i %u %ld %lld %lf %f %15s %[a-z]%n",
		   &a, &b, &c, &u, &l, &ll, &d, &f, s, set, &n);
	printf("%d: %d %d %d %u %ld %lld %g %g %s %s %d\n", k, a, b, c, u, l, ll, d, f, s, set, n);
	k = sscanf("ab:cd", "%2c:%*s%n", ch, &n);
	ch[2] = 0;
	printf("%d: %s %d\n", k, ch, n);
	printf("%d %d\n", sscanf("", "%d", &a), sscanf("x", "%d", &a));
	k = sscanf("1,2", "%d,%x", &a, &b);
	printf("%d: %d %d\n", k, a, b);
	return 0;
}
)"));
	EXPECT_EQ(r.console, "10: -12 31 15 42 99999999999 -7 250 1.25 word abc 52\n"
			     "1: ab 5\n"
			     "-1 0\n"
			     "2: 1 2\n");
}

TEST(Stdio, StreamsOnFilesAndLineInput)
{
	auto r = run_user_program(program(R"(
#include <sys/utsname.h>
int main(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[64], *buf = NULL;
	size_t cap = 0;
	long n;
	int lines = 0;
	struct utsname u;

	if (!f || !fgets(line, sizeof(line), f))
		return 1;
	printf("first: %s", line);
	while ((n = getline(&buf, &cap, f)) > 0)
		lines++;
	printf("more lines: %d, eof %d\n", lines > 3, feof(f) != 0);
	fclose(f);
	f = fopen("/nonexistent", "r");
	printf("%p %s\n", (void *)f, strerror(errno));
	f = fopen("/dev/null", "w");
	fprintf(f, "dropped %d\n", 1);
	printf("fileno %d %d\n", fileno(f), fileno(stdout));
	fclose(f);
	printf("%s|%s|%s\n", strsignal(SIGSEGV), strsignal(SIGUSR1), strsignal(40));
	uname(&u);
	printf("%s %s %s %s\n", u.sysname, u.nodename, u.release, u.machine);
	setvbuf(stdout, NULL, _IONBF, 0);
	printf("unbuffered ");
	printf("line\n");
	return 0;
}
)"));
	EXPECT_EQ(r.console, "first: Name:\tinit\n"
			     "more lines: 1, eof 1\n"
			     "(nil) No such file or directory\n"
			     "fileno 3 1\n"
			     "Segmentation fault|User defined signal 1|Real-time signal 6\n"
			     "Linux (none) 6.1.0-kctx-debug x86_64\n"
			     "unbuffered line\n");
}

}   // namespace
}   // namespace kctx::kernel
