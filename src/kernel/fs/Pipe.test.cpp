// Pipes (fs/pipe.c): the page ring's rules, then pipes, FIFOs, /dev/kmsg readers and
// module references as user programs and modules see them.
#include <gtest/gtest.h>

#include "base/Diagnostic.h"
#include "kernel/core/Kernel.h"
#include "kernel/fs/Pipe.h"
#include "kernel/core/UserTest.h"
#include "lang/Compiler.h"

namespace kctx::kernel {
namespace {

TEST(PipeRing, SmallWritesMergeIntoOnePageAndSixteenPagesFillIt)
{
	Pipe p;
	size_t total = 0;
	// pipe_write(): the first write of an empty pipe takes a fresh page; later small
	// writes merge into the last page while they fit.
	for (;;) {
		if (p.merge("x", 1) == 0 && p.push_page("x", false) == 0)
			break;
		total++;
	}
	EXPECT_EQ(total, 65536u);
	EXPECT_EQ(p.bufs.size(), kPipeDefBuffers);
	EXPECT_EQ(p.bytes(), 65536u);
	EXPECT_FALSE(p.writable() && p.readers > 0);
}

TEST(PipeRing, AWriteThatDoesNotFitTheLastPageTakesANewOne)
{
	Pipe p;
	EXPECT_EQ(p.merge(std::string(100, 'a'), 100), 0u);   // empty pipe: no merge
	EXPECT_EQ(p.push_page(std::string(4000, 'a'), false), 4000u);
	EXPECT_EQ(p.merge(std::string(100, 'b'), 100), 0u);   // 4000 + 100 > PAGE_SIZE
	EXPECT_EQ(p.push_page(std::string(100, 'b'), false), 100u);
	EXPECT_EQ(p.bufs.size(), 2u);
	// A reader emptying most of a page does not make room in it: the page's data still
	// ends where the writes put it.
	EXPECT_EQ(p.take(3990), std::string(3990, 'a'));
	EXPECT_EQ(p.merge(std::string(50, 'c'), 50), 50u);   // the last page has room
	EXPECT_EQ(p.bufs.size(), 2u);
	EXPECT_EQ(p.take(100), std::string(10, 'a'));         // one buffer per copy
	EXPECT_EQ(p.take(1000), std::string(100, 'b') + std::string(50, 'c'));
	EXPECT_TRUE(p.empty());
}

TEST(PipeRing, OnlyTheSubPagePartOfALongWriteMerges)
{
	Pipe p;
	(void)p.push_page("head", false);
	// 5000 bytes: chars = 5000 & 4095 = 904 go into the last page, then whole pages.
	std::string data(5000, 'z');
	size_t done = p.merge(data, data.size());
	EXPECT_EQ(done, 904u);
	done += p.push_page(std::string_view(data).substr(done), false);
	EXPECT_EQ(done, 5000u);
	EXPECT_EQ(p.bufs.size(), 2u);
	EXPECT_EQ(p.bufs[0].data.size(), 908u);
}

TEST(PipeRing, PacketsAreReadOneWriteAtATime)
{
	Pipe p;
	(void)p.push_page("first", true);
	EXPECT_EQ(p.merge("second", 6), 0u);   // packets never merge
	(void)p.push_page("second", true);
	EXPECT_EQ(p.take(3), "fir");   // the rest of the packet is discarded
	EXPECT_EQ(p.take(100), "second");
	EXPECT_TRUE(p.empty());
}

TEST(PipeRing, ReadableAndWritableAreWhatSleepersWaitFor)
{
	Pipe p;
	p.readers = p.writers = 1;
	EXPECT_FALSE(p.readable());   // empty, a writer left: a reader sleeps
	EXPECT_TRUE(p.writable());
	p.writers = 0;
	EXPECT_TRUE(p.readable());    // no writer: end of file
	for (uint32_t i = 0; i < kPipeDefBuffers; i++)
		(void)p.push_page(std::string(kPipePage, 'x'), false);
	EXPECT_FALSE(p.writable());
	p.readers = 0;
	EXPECT_TRUE(p.writable());    // no reader: the writer gets EPIPE
}

// ---- as programs see them ----

struct Unit {
	std::string name;
	std::string source;
};

struct Outcome {
	std::string console;
	int32_t status = 0;
	Machine machine;
};

vm::ProgramRef build(const Unit& u, abi::World world) { return testing::compile_unit(u.name, u.source, world); }

// Runs `init` as pid 1, with `programs` for __kctx_spawn and `modules` for __kctx_insmod.
Outcome run(const std::string& init, std::vector<Unit> programs = {}, std::vector<Unit> modules = {},
	    uint64_t seconds = 3)
{
	Code code;
	code.init = build({"init", init}, abi::World::User);
	for (const Unit& p : programs)
		code.programs.push_back(build(p, abi::World::User));
	for (const Unit& mod : modules)
		code.modules.push_back(build(mod, abi::World::Kernel));
	Outcome r;
	if (!code.init)
		return r;
	Config config;
	config.cpus = 2;
	config.end_ns = seconds * 1'000'000'000ull;
	Kernel k(config, code, r.machine);
	k.boot();
	k.run_until(config.end_ns);
	r.console = k.take_console();
	r.status = r.machine.init_exit_status;
	return r;
}

constexpr const char* kHeaders = R"(
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>
)";

TEST(Pipes, BigWriteBlocksUntilTheReaderDrainsIt)
{
	// The writer's 100000 bytes do not fit: pipe_write() sleeps on wr_wait after 64 KiB
	// and finishes when the reader has made room; the reader sees every byte once.
	Outcome two = run(std::string(kHeaders) + R"(
static char buf[3000];
int main(void)
{
	const char *argv[] = { "writer", NULL };
	long n, total = 0, reads = 0;
	int fd;
	mkfifo("/tmp/p", 0666);
	__kctx_spawn(0, 1, argv);
	fd = open("/tmp/p", O_RDONLY);
	sleep(1);   /* the writer fills the pipe and sleeps */
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		total += n;
		reads++;
	}
	printf("reader: %ld bytes in %ld reads, then %ld\n", total, reads, n);
	close(fd);
	while (__kctx_wait(-1) >= 0)
		;
	return 0;
}
)",
			  {{"writer", std::string(kHeaders) + R"(
static char big[100000];
int main(void)
{
	int fd = open("/tmp/p", O_WRONLY);
	long n;
	memset(big, 'w', sizeof(big));
	n = write(fd, big, sizeof(big));
	printf("writer: wrote %ld\n", n);
	close(fd);
	return 0;
}
)"}});
	EXPECT_NE(two.console.find("writer: wrote 100000\n"), std::string::npos) << two.console;
	EXPECT_NE(two.console.find("reader: 100000 bytes in "), std::string::npos) << two.console;
	EXPECT_NE(two.console.find(" reads, then 0\n"), std::string::npos) << two.console;
	EXPECT_TRUE(two.machine.vfs.pipes.empty());   // freed with its last end
	EXPECT_EQ(two.machine.vfs.fifos.at("/tmp/p"), 0u);
}

TEST(Pipes, FifoOpenRules)
{
	Outcome r = run(std::string(kHeaders) + R"(
int main(void)
{
	int rd, wr;
	printf("mkfifo: %d\n", mkfifo("/tmp/f", 0666));
	printf("again: %d %s\n", mkfifo("/tmp/f", 0666), strerror(errno));
	printf("elsewhere: %d %s\n", mkfifo("/home/f", 0666), strerror(errno));
	/* O_WRONLY|O_NONBLOCK with no reader: ENXIO; O_RDONLY|O_NONBLOCK opens at once */
	printf("writer first: %d %s\n", open("/tmp/f", O_WRONLY | O_NONBLOCK), strerror(errno));
	rd = open("/tmp/f", O_RDONLY | O_NONBLOCK);
	wr = open("/tmp/f", O_WRONLY | O_NONBLOCK);
	printf("reader %d, writer %d\n", rd, wr);
	write(wr, "abc", 3);
	{
		char b[8];
		int avail = 0;
		ioctl(rd, FIONREAD, &avail);
		printf("FIONREAD %d, read %ld, lseek %ld %s\n", avail, read(rd, b, sizeof(b)),
		       (long)lseek(rd, 0, SEEK_SET), strerror(errno));
	}
	close(wr);
	close(rd);
	return 0;
}
)");
	EXPECT_EQ(r.console, "mkfifo: 0\n"
			     "again: -1 File exists\n"
			     "elsewhere: -1 No such file or directory\n"
			     "writer first: -1 No such device or address\n"
			     "reader 3, writer 4\n"
			     "FIONREAD 3, read 3, lseek -1 Illegal seek\n");
}

TEST(Pipes, Pipe2FlagsAndTheReadEndFirst)
{
	Outcome r = run(std::string(kHeaders) + R"(
int main(void)
{
	int fds[2] = { -1, -1 };
	char b[4];
	printf("pipe2 bad flags: %d %s\n", pipe2(fds, O_CREAT), strerror(errno));
	printf("pipe2: %d [%d %d]\n", pipe2(fds, O_NONBLOCK), fds[0], fds[1]);
	printf("empty, O_NONBLOCK: %ld %s\n", read(fds[0], b, sizeof(b)), strerror(errno));
	printf("write to the read end: %ld %s\n", write(fds[0], "x", 1), strerror(errno));
	printf("zero-length write: %ld\n", write(fds[1], "x", 0));
	return 0;
}
)");
	EXPECT_EQ(r.console, "pipe2 bad flags: -1 Invalid argument\n"
			     "pipe2: 0 [3 4]\n"
			     "empty, O_NONBLOCK: -1 Resource temporarily unavailable\n"
			     "write to the read end: -1 Bad file descriptor\n"
			     "zero-length write: 0\n");
}

TEST(Pipes, SigpipeKillsAWriterWhoseReadersAreGone)
{
	// init is immune to SIGPIPE's default action; a child is not (kernel/signal.c).
	Outcome r = run(std::string(kHeaders) + R"(
int main(void)
{
	const char *argv[] = { "writer", NULL };
	int ws;
	__kctx_spawn(0, 1, argv);
	ws = __kctx_wait(-1);
	printf("writer: wait status %#x\n", ws);
	return 0;
}
)",
			{{"writer", std::string(kHeaders) + R"(
int main(void)
{
	int fds[2];
	pipe(fds);
	close(fds[0]);
	write(fds[1], "x", 1);
	printf("not reached\n");
	return 0;
}
)"}});
	EXPECT_EQ(r.console, "writer: wait status 0xd\n");   // killed by signal 13
}

TEST(Kmsg, ABlockedReaderWakesForTheNextRecord)
{
	Outcome r = run(std::string(kHeaders) + R"(
int main(void)
{
	const char *argv[] = { "logger", NULL };
	char rec[256];
	long n;
	int fd = open("/dev/kmsg", O_RDONLY);
	lseek(fd, 0, SEEK_END);
	__kctx_spawn(0, 1, argv);
	n = read(fd, rec, sizeof(rec) - 1);   /* sleeps in devkmsg_read() until the logger writes */
	rec[n > 0 ? n : 0] = 0;
	printf("init read: %s", strchr(rec, ';') + 1);
	while (__kctx_wait(-1) >= 0)
		;
	return 0;
}
)",
			{{"logger", std::string(kHeaders) + R"(
int main(void)
{
	int fd = open("/dev/kmsg", O_WRONLY);
	sleep(1);
	write(fd, "<6>logger: hello\n", 17);
	return 0;
}
)"}});
	EXPECT_NE(r.console.find("logger: hello\ninit read: logger: hello\n"), std::string::npos) << r.console;
}

constexpr const char* kHeldModule = R"(
#include <linux/module.h>
#include <linux/miscdevice.h>
#include <linux/fs.h>
static const struct file_operations held_fops = { .owner = THIS_MODULE };
static struct miscdevice held_dev = { .minor = MISC_DYNAMIC_MINOR, .name = "held", .fops = &held_fops };
static int __init held_init(void) { return misc_register(&held_dev); }
static void __exit held_exit(void) { misc_deregister(&held_dev); }
module_init(held_init);
module_exit(held_exit);
MODULE_LICENSE("GPL");
)";

TEST(ModuleRefs, AnOpenFileOfTheModulesDeviceKeepsItLoaded)
{
	Outcome r = run(std::string(kHeaders) + R"(
int main(void)
{
	int fd, fd2;
	__kctx_insmod(0, "");
	fd = open("/dev/held", O_RDONLY);
	fd2 = open("/dev/held", O_RDONLY);
	printf("rmmod with two open: %d\n", __kctx_rmmod("held"));
	close(fd);
	printf("rmmod with one open: %d\n", __kctx_rmmod("held"));
	close(fd2);
	printf("rmmod with none: %d\n", __kctx_rmmod("held"));
	return 0;
}
)",
			{}, {{"held", kHeldModule}});
	EXPECT_NE(r.console.find("rmmod with two open: -11\n"
				 "rmmod with one open: -11\n"
				 "rmmod with none: 0\n"),
		  std::string::npos)
		<< r.console;
	ASSERT_EQ(r.machine.modules.size(), 1u);
	EXPECT_EQ(r.machine.modules[0].state, ModuleState::Gone);
	EXPECT_EQ(r.machine.modules[0].refcnt, 0);
}

TEST(ModuleRefs, AnExitingProcessPutsItsReferences)
{
	Outcome r = run(std::string(kHeaders) + R"(
int main(void)
{
	const char *argv[] = { "opener", NULL };
	__kctx_insmod(0, "");
	__kctx_spawn(0, 1, argv);
	__kctx_wait(-1);
	printf("after the opener exited: %d\n", __kctx_rmmod("held"));
	return 0;
}
)",
			{{"opener", std::string(kHeaders) + R"(
int main(void)
{
	int fd = open("/dev/held", O_RDONLY);
	char line[64];
	int n = open("/proc/modules", O_RDONLY);
	long len = read(n, line, sizeof(line) - 1);
	line[len > 0 ? len : 0] = 0;
	*strchr(line, '-') = 0;
	printf("opener: fd %d, /proc/modules: %s\n", fd, line);
	return 0;
}
)"}},
			{{"held", kHeldModule}});
	EXPECT_NE(r.console.find("opener: fd 3, /proc/modules: held 8192 1 \n"
				 "after the opener exited: 0\n"),
		  std::string::npos)
		<< r.console;
}

}   // namespace
}   // namespace kctx::kernel
