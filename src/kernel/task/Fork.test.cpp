// fork(), wait()/waitpid() and getrusage() seen from user programs run as init: the two
// returns of fork, copy-on-write memory, inherited dispositions and cleared pending
// signals, wait status words, zombies, WNOHANG, ECHILD, SIGCHLD, an interrupted wait
// with and without SA_RESTART, orphans reparented to init, autoreap.
#include <gtest/gtest.h>

#include "kernel/core/MachineBytes.h"
#include "kernel/core/UserTest.h"

namespace kctx::kernel {
namespace {

using testing::compile_init;
using testing::kUserPrologue;
using testing::run_user_program;

std::string program(const std::string& body) { return std::string(kUserPrologue) + body; }

TEST(Fork, ReturnsZeroInTheChildAndTheChildsPidInTheParent)
{
	auto r = run_user_program(program(R"(
int main(void)
{
	int status = -1;
	pid_t parent = getpid();
	pid_t pid = fork();
	if (pid == 0) {
		printf("child: ppid is parent %d, pid is new %d\n", getppid() == parent, getpid() != parent);
		exit(3);
	}
	pid_t got = waitpid(pid, &status, 0);
	printf("parent: reaped %d, exited %d, code %d, status %#x\n", got == pid, WIFEXITED(status),
	       WEXITSTATUS(status), status);
	return 0;
}
)"));
	EXPECT_EQ(r.console, "child: ppid is parent 1, pid is new 1\n"
			     "parent: reaped 1, exited 1, code 3, status 0x300\n");
}

TEST(Fork, TheChildWritesItsOwnCopyOfMemory)
{
	auto r = run_user_program(program(R"(
static int counter = 10;
int main(void)
{
	char *heap = malloc(16);
	strcpy(heap, "parent");
	if (fork() == 0) {
		counter = 99;
		strcpy(heap, "child");
		printf("child: %d %s\n", counter, heap);
		_exit(0);
	}
	wait(NULL);
	printf("parent: %d %s\n", counter, heap);
	return 0;
}
)"));
	EXPECT_EQ(r.console, "child: 99 child\nparent: 10 parent\n");
}

TEST(Fork, UnflushedStdioIsCopiedLikeAnyOtherMemory)
{
	// glibc's stdout buffer is user memory: a line not yet flushed before fork() is
	// printed by both processes (the classic duplicate-output surprise).
	auto r = run_user_program(program(R"(
int main(void)
{
	printf("once? ");
	if (fork() == 0) {
		printf("child\n");
		exit(0);
	}
	wait(NULL);
	printf("parent\n");
	return 0;
}
)"));
	EXPECT_EQ(r.console, "once? child\nonce? parent\n");
}

TEST(Fork, StatusWordsOfSignalledChildren)
{
	auto r = run_user_program(program(R"(
static void report(const char *what, int status)
{
	printf("%s: exited %d signaled %d sig %d core %d status %#x\n", what, WIFEXITED(status) != 0,
	       WIFSIGNALED(status) != 0, WIFSIGNALED(status) ? WTERMSIG(status) : 0,
	       WCOREDUMP(status) != 0, status);
}
int main(void)
{
	int status;
	pid_t pid = fork();
	if (pid == 0) {
		raise(SIGTERM);
		exit(0);
	}
	waitpid(pid, &status, 0);
	report("SIGTERM", status);
	pid = fork();
	if (pid == 0)
		abort();
	waitpid(pid, &status, 0);
	report("abort", status);
	pid = fork();
	if (pid == 0) {
		sleep(100);
		exit(0);
	}
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	report("SIGKILL", status);
	return 0;
}
)"));
	EXPECT_EQ(r.console, "SIGTERM: exited 0 signaled 1 sig 15 core 0 status 0xf\n"
			     "abort: exited 0 signaled 1 sig 6 core 0 status 0x6\n"
			     "SIGKILL: exited 0 signaled 1 sig 9 core 0 status 0x9\n");
}

TEST(Fork, AZombieKeepsItsPidUntilReaped)
{
	auto r = run_user_program(program(R"(
int main(void)
{
	int status;
	pid_t pid = fork();
	if (pid == 0)
		exit(7);
	sleep(1);
	printf("zombie: kill 0 -> %d\n", kill(pid, 0));
	printf("WNOHANG -> %d\n", waitpid(pid, &status, WNOHANG) == pid);
	errno = 0;
	printf("reaped: kill 0 -> %d errno %d\n", kill(pid, 0), errno);
	errno = 0;
	printf("again: waitpid -> %d errno %d (ECHILD %d)\n", waitpid(pid, &status, 0), errno, ECHILD);
	return 0;
}
)"));
	EXPECT_EQ(r.console, "zombie: kill 0 -> 0\nWNOHANG -> 1\nreaped: kill 0 -> -1 errno 3\n"
			     "again: waitpid -> -1 errno 10 (ECHILD 10)\n");
}

TEST(Fork, WnohangReturnsZeroWhileTheChildRuns)
{
	auto r = run_user_program(program(R"(
int main(void)
{
	int status = 0;
	pid_t pid = fork();
	if (pid == 0) {
		usleep(200000);
		exit(1);
	}
	printf("running: %d\n", waitpid(-1, &status, WNOHANG));
	printf("blocking: %d\n", waitpid(-1, &status, 0) == pid);
	errno = 0;
	printf("none left: %d errno %d\n", wait(&status), errno);
	printf("bad options: %d errno %d\n", waitpid(-1, &status, 0x100), errno);
	return 0;
}
)"));
	EXPECT_EQ(r.console, "running: 0\nblocking: 1\nnone left: -1 errno 10\nbad options: -1 errno 22\n");
}

TEST(Fork, DispositionsAndMaskAreInheritedPendingSignalsAreNot)
{
	auto r = run_user_program(program(R"(
static volatile int got;
static void on_usr1(int sig) { got = sig; }
int main(void)
{
	sigset_t set, pending;
	signal(SIGUSR1, on_usr1);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	raise(SIGUSR1);
	if (fork() == 0) {
		sigset_t blocked;
		sigpending(&pending);
		sigprocmask(SIG_BLOCK, NULL, &blocked);
		printf("child: pending %d blocked %d\n", sigismember(&pending, SIGUSR1), sigismember(&blocked, SIGUSR1));
		sigprocmask(SIG_UNBLOCK, &set, NULL);
		raise(SIGUSR1);
		printf("child: handler ran for %d\n", got);
		exit(0);
	}
	wait(NULL);
	sigpending(&pending);
	printf("parent: pending %d handler ran %d\n", sigismember(&pending, SIGUSR1), got);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	printf("parent: handler ran for %d\n", got);
	return 0;
}
)"));
	EXPECT_EQ(r.console, "child: pending 0 blocked 1\nchild: handler ran for 10\n"
			     "parent: pending 1 handler ran 0\nparent: handler ran for 10\n");
}

// A child exits after 100 ms while the parent waits for another one that sleeps 1 s:
// SIGCHLD's handler interrupts the wait.
constexpr const char* kInterruptedWait = R"(
static volatile int chld;
static void on_chld(int sig) { chld++; }
int main(void)
{
	struct sigaction sa;
	int status;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_chld;
	sa.sa_flags = FLAGS;
	sigaction(SIGCHLD, &sa, NULL);
	pid_t quick = fork();
	if (quick == 0) {
		usleep(100000);
		_exit(0);
	}
	pid_t slow = fork();
	if (slow == 0) {
		sleep(1);
		_exit(5);
	}
	pid_t got = waitpid(slow, &status, 0);
	if (got < 0)
		printf("waitpid: %s after %d SIGCHLD\n", strerror(errno), chld);
	else
		printf("waitpid: slow child, code %d, after %d SIGCHLD\n", WEXITSTATUS(status), chld);
	while (wait(NULL) > 0)
		;
	return 0;
}
)";

TEST(Fork, SigchldInterruptsWaitpidWithEintr)
{
	auto r = run_user_program(program(std::string("#define FLAGS 0\n") + kInterruptedWait));
	EXPECT_EQ(r.console, "waitpid: Interrupted system call after 1 SIGCHLD\n");
}

TEST(Fork, SaRestartRestartsTheInterruptedWaitpid)
{
	// The slow child's own SIGCHLD is delivered on the way out of the restarted
	// waitpid(), before the program sees its result: two handler runs.
	auto r = run_user_program(program(std::string("#define FLAGS SA_RESTART\n") + kInterruptedWait));
	EXPECT_EQ(r.console, "waitpid: slow child, code 5, after 2 SIGCHLD\n");
}

TEST(Fork, OrphansAreReparentedToInitWhichReapsThem)
{
	auto r = run_user_program(program(R"(
int main(void)
{
	pid_t child = fork();
	if (child == 0) {
		if (fork() == 0) {
			sleep(1);
			printf("grandchild: ppid %d\n", getppid());
			exit(0);
		}
		exit(0);
	}
	waitpid(child, NULL, 0);
	errno = 0;
	printf("init: wait -> %d errno %d\n", wait(NULL), errno);
	sleep(2);
	return 0;
}
)"));
	EXPECT_EQ(r.console, "init: wait -> -1 errno 10\ngrandchild: ppid 1\n");
}

TEST(Fork, IgnoringSigchldReapsChildrenAtOnce)
{
	auto r = run_user_program(program(R"(
int main(void)
{
	signal(SIGCHLD, SIG_IGN);
	pid_t pid = fork();
	if (pid == 0)
		exit(0);
	errno = 0;
	printf("wait -> %d errno %d, kill -> %d\n", wait(NULL), errno, kill(pid, 0));
	return 0;
}
)"));
	EXPECT_EQ(r.console, "wait -> -1 errno 10, kill -> -1\n");
}

TEST(Fork, ChildrenRunOnOtherCpusAndCountInRusage)
{
	auto r = run_user_program(program(R"(
int main(void)
{
	struct rusage self, children;
	int i;
	for (i = 0; i < 3; i++) {
		if (fork() == 0) {
			volatile long n = 0;
			while (n < 200000)
				n++;
			_exit(0);
		}
	}
	while (wait(NULL) > 0)
		;
	getrusage(RUSAGE_SELF, &self);
	getrusage(RUSAGE_CHILDREN, &children);
	printf("children used more cpu: %d, self voluntary switches: %d\n",
	       children.ru_utime.tv_sec * 1000000 + children.ru_utime.tv_usec >
		       self.ru_utime.tv_sec * 1000000 + self.ru_utime.tv_usec,
	       self.ru_nvcsw > 0);
	return 0;
}
)"));
	EXPECT_EQ(r.console, "children used more cpu: 1, self voluntary switches: 1\n");
}

TEST(Fork, ASnapshotWithChildrenAndMappingsRunsOnIdentically)
{
	// Mid-run: two children alive, one zombie, a mapping shared copy-on-write.
	Code code = compile_init(program(R"(
int main(void)
{
	int *p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int i;
	p[0] = 5;
	for (i = 1; i <= 3; i++) {
		if (fork() == 0) {
			p[0] += i;
			usleep(i * 300000);
			printf("child %d: %d\n", i, p[0]);
			exit(i);
		}
	}
	sleep(2);
	int status;
	pid_t pid;
	while ((pid = wait(&status)) > 0)
		printf("reaped one with %d\n", WEXITSTATUS(status));
	printf("parent: %d\n", p[0]);
	return 0;
}
)"));
	ASSERT_TRUE(code.init);
	Config config;
	config.cpus = 2;
	config.end_ns = 3'000'000'000ull;
	Machine m;
	Kernel k(config, code, m);
	k.boot();
	k.run_until(450'000'000);
	auto restored = machine_from_bytes(machine_to_bytes(m));
	ASSERT_TRUE(restored.ok()) << restored.error().message;
	Machine r = std::move(*restored);
	EXPECT_TRUE(r == m);
	Machine copy = m;
	Kernel kr(config, code, r);
	Kernel kc(config, code, copy);
	k.run_until(config.end_ns);
	kr.run_until(config.end_ns);
	kc.run_until(config.end_ns);
	EXPECT_EQ(m.printk.console, "child 1: 6\nchild 2: 7\nchild 3: 8\nreaped one with 1\nreaped one with 2\n"
			     "reaped one with 3\nparent: 5\n");
	EXPECT_EQ(r.printk.console, m.printk.console);
	EXPECT_EQ(copy.printk.console, m.printk.console);
	EXPECT_TRUE(m == r);
	EXPECT_TRUE(m == copy);
}

}  // namespace
}  // namespace kctx::kernel
