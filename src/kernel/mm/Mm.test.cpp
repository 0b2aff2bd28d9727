// Anonymous mmap, munmap, mprotect and madvise seen from user programs: where mappings
// go, first-touch faults and VmRSS, MADV_DONTNEED, the errors Linux gives, and the
// SIGSEGV (with show_signal_msg()'s line) of an access the mapping does not allow.
#include <gtest/gtest.h>

#include "kernel/core/UserTest.h"

namespace kctx::kernel {
namespace {

using testing::kUserPrologue;
using testing::run_user_program;

std::string program(const std::string& body) { return std::string(kUserPrologue) + body; }

// VmRSS from /proc/self/status, in kB.
constexpr const char* kVmRss = R"(
#include <fcntl.h>
static long vm_rss(void)
{
	static char buf[4096];
	int fd = open("/proc/self/status", O_RDONLY);
	long n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	buf[n > 0 ? n : 0] = 0;
	char *p = buf;
	while (*p && strncmp(p, "VmRSS:", 6) != 0)
		p++;
	return *p ? atol(p + 7) : -1;
}
static long minflt(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_minflt;
}
)";

TEST(Mm, PagesBecomeResidentAtFirstTouchAndDontneedDropsThem)
{
	auto r = run_user_program(program(std::string(kVmRss) + R"(
int main(void)
{
	long rss0 = vm_rss(), flt0 = minflt();
	char *p = mmap(NULL, 16 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	printf("mapped at %p, aligned %d\n", p, ((unsigned long)p & 4095) == 0);
	printf("untouched: rss +%ld kB, faults +%ld\n", vm_rss() - rss0, minflt() - flt0);
	int zero = p[5000];
	printf("read one: rss +%ld kB, faults +%ld, zero %d\n", vm_rss() - rss0, minflt() - flt0, zero);
	for (int i = 0; i < 8; i++)
		p[i * 4096] = 'a' + i;
	printf("touched 8: rss +%ld kB, faults +%ld\n", vm_rss() - rss0, minflt() - flt0);
	printf("madvise: %d\n", madvise(p, 4 * 4096, MADV_DONTNEED));
	printf("dropped 4: rss +%ld kB\n", vm_rss() - rss0);
	char c3 = p[3 * 4096], c5 = p[5 * 4096];
	printf("p[3 pages] %d, p[5 pages] %c, rss +%ld kB\n", c3, c5, vm_rss() - rss0);
	printf("faults +%ld\n", minflt() - flt0);
	printf("munmap: %d, rss +%ld kB\n", munmap(p, 16 * 4096), vm_rss() - rss0);
	return 0;
}
)"));
	// The first read of p[5000] makes one page resident (the zero page is not modelled
	// apart: a read fault allocates, as with a write). The reads after MADV_DONTNEED
	// fault page 3 in again.
	EXPECT_EQ(r.console, "mapped at 0x7fffff7ef000, aligned 1\n"
			     "untouched: rss +0 kB, faults +0\n"
			     "read one: rss +4 kB, faults +1, zero 0\n"
			     "touched 8: rss +32 kB, faults +8\n"
			     "madvise: 0\n"
			     "dropped 4: rss +16 kB\n"
			     "p[3 pages] 0, p[5 pages] f, rss +20 kB\n"
			     "faults +9\n"
			     "munmap: 0, rss +0 kB\n");
}

TEST(Mm, MappingsGoTopDownAndTakeAFreeHint)
{
	auto r = run_user_program(program(R"(
int main(void)
{
	char *a = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *b = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *c = mmap((void *)0x50000000, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	munmap(a, 4096);
	char *d = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	printf("%p %p %p %p\n", a, b, c, d);
	char *e = mmap(b, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	printf("noreplace: %p %s\n", e, strerror(errno));
	b[4096] = 'x';
	e = mmap(b + 4096, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	printf("fixed: %d, replaced page reads %d\n", e == b + 4096, b[4096]);
	return 0;
}
)"));
	EXPECT_EQ(r.console, "0x7fffff7fe000 0x7fffff7fc000 0x50000000 0x7fffff7fe000\n"
			     "noreplace: 0xffffffffffffffff File exists\n"
			     "fixed: 1, replaced page reads 0\n");
}

TEST(Mm, ErrorsAsLinuxGivesThem)
{
	auto r = run_user_program(program(R"(
#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)
#define RW (PROT_READ | PROT_WRITE)
static void show(const char *what, long ret)
{
	printf("%s: %ld %s\n", what, ret, ret < 0 ? strerror(errno) : "ok");
	errno = 0;
}
int main(void)
{
	show("len 0", (long)mmap(NULL, 0, RW, ANON, -1, 0));
	show("no type", (long)mmap(NULL, 4096, RW, MAP_ANONYMOUS, -1, 0));
	show("odd offset", (long)mmap(NULL, 4096, RW, ANON, -1, 100));
	show("fixed unaligned", (long)mmap((void *)0x50000010, 4096, RW, ANON | MAP_FIXED, -1, 0));
	show("fixed low", (long)mmap((void *)0x1000, 4096, RW, ANON | MAP_FIXED, -1, 0));
	show("huge", (long)mmap(NULL, 1UL << 40, RW, ANON, -1, 0));
	show("bad fd", (long)mmap(NULL, 4096, RW, MAP_PRIVATE, 42, 0));
	show("tty", (long)mmap(NULL, 4096, RW, MAP_PRIVATE, 1, 0));
	show("munmap unaligned", munmap((void *)0x50000010, 4096));
	show("munmap len 0", munmap((void *)0x50000000, 0));
	show("munmap nothing there", munmap((void *)0x50000000, 4096));
	show("mprotect unmapped", mprotect((void *)0x50000000, 4096, PROT_READ));
	show("mprotect bad prot", mprotect((void *)0x50000000, 4096, 0x100));
	show("madvise bad advice", madvise((void *)0x50000000, 4096, 77));
	show("madvise unmapped", madvise((void *)0x50000000, 4096, MADV_DONTNEED));
	return 0;
}
)"));
	EXPECT_EQ(r.console, "len 0: -1 Invalid argument\n"
			     "no type: -1 Invalid argument\n"
			     "odd offset: -1 Invalid argument\n"
			     "fixed unaligned: -1 Invalid argument\n"
			     "fixed low: -1 Operation not permitted\n"
			     "huge: -1 Cannot allocate memory\n"
			     "bad fd: -1 Bad file descriptor\n"
			     "tty: -1 No such device\n"
			     "munmap unaligned: -1 Invalid argument\n"
			     "munmap len 0: -1 Invalid argument\n"
			     "munmap nothing there: 0 ok\n"
			     "mprotect unmapped: -1 Cannot allocate memory\n"
			     "mprotect bad prot: -1 Invalid argument\n"
			     "madvise bad advice: -1 Invalid argument\n"
			     "madvise unmapped: -1 Cannot allocate memory\n");
}

// Each access runs in a child so that the parent can report how the child died.
constexpr const char* kTouch = R"(
static char *area;
static void touch(const char *what, int write, char *p)
{
	int status;
	pid_t pid = fork();
	if (pid == 0) {
		if (write)
			*p = 1;
		else
			printf("%s: read %d\n", what, *p);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	if (WIFSIGNALED(status))
		printf("%s: killed by signal %d\n", what, WTERMSIG(status));
	else
		printf("%s: ok\n", what);
}
)";

TEST(Mm, AccessesTheMappingForbidsAreSegfaults)
{
	auto r = run_user_program(program(std::string(kTouch) + R"(
int main(void)
{
	area = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	area[0] = 'r';
	mprotect(area, 4096, PROT_READ);
	mprotect(area + 4096, 4096, PROT_NONE);
	munmap(area + 2 * 4096, 4096);
	touch("read-only read", 0, area);
	touch("read-only write", 1, area);
	touch("none read", 0, area + 4096);
	touch("unmapped write", 1, area + 2 * 4096 + 8);
	mprotect(area, 2 * 4096, PROT_READ | PROT_WRITE);
	touch("restored write", 1, area + 4096);
	printf("kept: %c\n", area[0]);
	return 0;
}
)"));
	// show_signal_msg(): error 7 = user|write|present, 4 = user read of a page the
	// mapping does not let be present, 6 = user write, nothing mapped.
	std::string c = r.console;
	EXPECT_NE(c.find("read-only read: read 114\nread-only read: ok\n"), std::string::npos) << c;
	EXPECT_NE(c.find("]: segfault at 7fffff7fc000 ip "), std::string::npos) << c;
	EXPECT_NE(c.find(" error 7 in init[401000+"), std::string::npos) << c;
	EXPECT_NE(c.find("]: segfault at 7fffff7fd000 ip "), std::string::npos) << c;
	EXPECT_NE(c.find(" error 4 in init[401000+"), std::string::npos) << c;
	EXPECT_NE(c.find("]: segfault at 7fffff7fe008 ip "), std::string::npos) << c;
	EXPECT_NE(c.find(" error 6 in init[401000+"), std::string::npos) << c;
	EXPECT_NE(c.find("read-only write: killed by signal 11\n"), std::string::npos) << c;
	EXPECT_NE(c.find("none read: killed by signal 11\n"), std::string::npos) << c;
	EXPECT_NE(c.find("unmapped write: killed by signal 11\n"), std::string::npos) << c;
	EXPECT_NE(c.find("restored write: ok\nkept: r\n"), std::string::npos) << c;
	EXPECT_NE(c.find(" likely on CPU "), std::string::npos) << c;
}

TEST(Mm, ASigsegvHandlerRunsInsteadOfTheMessage)
{
	auto r = run_user_program(program(R"(
static void on_segv(int sig)
{
	printf("handler: signal %d\n", sig);
	fflush(stdout);
	_exit(42);
}
int main(void)
{
	int status;
	pid_t pid = fork();
	if (pid == 0) {
		signal(SIGSEGV, on_segv);
		*(volatile int *)0x1000 = 1;
		_exit(0);
	}
	waitpid(pid, &status, 0);
	printf("child exited %d with %d\n", WIFEXITED(status), WEXITSTATUS(status));
	return 0;
}
)"));
	EXPECT_EQ(r.console, "handler: signal 11\nchild exited 1 with 42\n");
}

// RssShmem from /proc/self/status, in kB.
constexpr const char* kRssShmem = R"(
static long rss_shmem(void)
{
	static char buf[4096];
	int fd = open("/proc/self/status", O_RDONLY);
	long n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	buf[n > 0 ? n : 0] = 0;
	char *p = strstr(buf, "RssShmem:");
	return p ? atol(p + 9) : -1;
}
)";

TEST(Mm, SharedPagesCountInTheRssOfEachProcessThatMapsThem)
{
	// fs/proc/task_mmu.c task_mem(): RssShmem is MM_SHMEMPAGES, the shmem pages this mm
	// maps. fork() copies no PTEs of a shared mapping (mm/memory.c vma_needs_copy()), so
	// the child starts at 0 and counts what it touches; MADV_DONTNEED unmaps (RSS drops)
	// but the object keeps the data.
	auto r = run_user_program(program(std::string(kVmRss) + kRssShmem + R"(
int main(void)
{
	long rss0 = vm_rss();
	char *p = mmap(NULL, 4 * 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	p[0] = 'a';
	p[4096] = 'b';
	printf("parent: shmem %ld kB, rss +%ld kB\n", rss_shmem(), vm_rss() - rss0);
	if (fork() == 0) {
		long flt0 = minflt();
		printf("child: shmem %ld kB\n", rss_shmem());
		char c = p[4096];
		p[2 * 4096] = 'c';
		p[3 * 4096] = 'd';
		printf("child: read %c, shmem %ld kB, faults +%ld\n", c, rss_shmem(), minflt() - flt0);
		madvise(p, 4 * 4096, MADV_DONTNEED);
		printf("child: dontneed, shmem %ld kB\n", rss_shmem());
		printf("child: reads %c%c%c%c, shmem %ld kB\n", p[0], p[4096], p[2 * 4096], p[3 * 4096], rss_shmem());
		_exit(0);
	}
	wait(NULL);
	printf("parent: shmem %ld kB, sees %c%c\n", rss_shmem(), p[2 * 4096], p[3 * 4096]);
	printf("parent: shmem %ld kB\n", rss_shmem());
	munmap(p, 4 * 4096);
	printf("parent: unmapped, shmem %ld kB, rss +%ld kB\n", rss_shmem(), vm_rss() - rss0);
	return 0;
}
)"));
	EXPECT_EQ(r.console, "parent: shmem 8 kB, rss +8 kB\n"
			     "child: shmem 0 kB\n"
			     "child: read b, shmem 12 kB, faults +3\n"
			     "child: dontneed, shmem 0 kB\n"
			     "child: reads abcd, shmem 16 kB\n"
			     "parent: shmem 8 kB, sees cd\n"
			     "parent: shmem 16 kB\n"
			     "parent: unmapped, shmem 0 kB, rss +0 kB\n");
}

TEST(Mm, ASharedMappingChargesItsObjectAgainstOvercommit)
{
	// mm/shmem.c __shmem_file_setup() -> shmem_acct_size(): without MAP_NORESERVE the whole
	// size is charged, whatever the protection, and more than RAM (8 GiB here) fails.
	auto r = run_user_program(program(R"(
int main(void)
{
	size_t big = 16ul << 30;
	void *a = mmap(NULL, big, PROT_READ, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	printf("%d %d\n", a == MAP_FAILED, errno == ENOMEM);
	void *b = mmap(NULL, big, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	printf("%d\n", b != MAP_FAILED);
	((char *)b)[big - 1] = 1;
	printf("%d %d\n", ((char *)b)[big - 1], munmap(b, big));
	return 0;
}
)"));
	EXPECT_EQ(r.console, "1 1\n1\n1 0\n");
}

TEST(Mm, ForkCopiesPrivateMappings)
{
	auto r = run_user_program(program(R"(
int main(void)
{
	int *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	p[0] = 1;
	if (fork() == 0) {
		p[0] = 2;
		printf("child sees %d\n", p[0]);
		_exit(0);
	}
	wait(NULL);
	printf("parent sees %d\n", p[0]);
	return 0;
}
)"));
	EXPECT_EQ(r.console, "child sees 2\nparent sees 1\n");
}

}  // namespace
}  // namespace kctx::kernel
