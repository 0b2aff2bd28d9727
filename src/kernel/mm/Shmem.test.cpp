// MAP_SHARED anonymous memory as machine state: the shmem object behind a mapping lives
// in Machine::shmem while any live process maps it (freed at the last munmap, or when the
// last mapper exits), fork() and a fork of a fork map the one object, and a Machine
// holding a live object compares, serializes, copies and runs on like any other.
#include <gtest/gtest.h>

#include <set>

#include "kernel/core/MachineBytes.h"
#include "kernel/core/UserTest.h"

namespace kctx::kernel {
namespace {

using testing::compile_init;
using testing::kUserPrologue;

std::string program(const std::string& body) { return std::string(kUserPrologue) + body; }

constexpr uint64_t kMs = 1'000'000;

Config two_cpus(uint64_t seconds)
{
	Config config;
	config.cpus = 2;
	config.end_ns = seconds * 1'000'000'000ull;
	return config;
}

// The user processes init forked (pid order), init itself first.
std::vector<const Task*> processes(const Machine& m)
{
	std::vector<const Task*> out;
	for (const Task& t : m.tasks)
		if (t.user && !t.kthread)
			out.push_back(&t);
	return out;
}

// The shmem objects a live task maps.
std::set<uint32_t> mapped_objects(const Task& t)
{
	std::set<uint32_t> ids;
	if (t.user && !t.exited)
		for (const vm::Region& r : t.user->mm.regions())
			if (r.shmem)
				ids.insert(r.shmem);
	return ids;
}

// The first int of an object's page 0, or -1 while that page was never touched.
int32_t first_int(const Machine& m, uint32_t id)
{
	const vm::ShmemObject* o = m.shmem.find(id);
	if (!o || !o->data.contains(0))
		return -1;
	int32_t v = 0;
	std::memcpy(&v, o->data.at(0).data(), sizeof v);
	return v;
}

TEST(Shmem, ObjectLivesUntilItsLastMappingGoes)
{
	// The parent unmaps first (t = 0.1 s); the child keeps using the object, then exits
	// (t = 0.6 s), and the object goes with it.
	Code code = compile_init(program(R"(
int main(void)
{
	int *p = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	p[0] = 1;
	pid_t pid = fork();
	if (pid == 0) {
		usleep(300000);
		p[0] += 10;
		usleep(300000);
		_exit(p[0]);
	}
	usleep(100000);
	munmap(p, 2 * 4096);
	int status;
	waitpid(pid, &status, 0);
	printf("child saw %d\n", WEXITSTATUS(status));
	sleep(1);
	return 0;
}
)"));
	ASSERT_TRUE(code.init);
	Config config = two_cpus(3);
	Machine m;
	Kernel k(config, code, m);
	k.boot();
	EXPECT_TRUE(m.shmem.objects().empty());

	k.run_until(50 * kMs);
	ASSERT_EQ(m.shmem.objects().size(), 1u);
	uint32_t id = m.shmem.objects().begin()->first;
	auto procs = processes(m);
	ASSERT_EQ(procs.size(), 2u);
	EXPECT_EQ(mapped_objects(*procs[0]), std::set<uint32_t>{id});
	EXPECT_EQ(mapped_objects(*procs[1]), std::set<uint32_t>{id});
	EXPECT_EQ(first_int(m, id), 1);

	k.run_until(200 * kMs);   // the parent has unmapped: the child's mapping keeps it
	EXPECT_TRUE(mapped_objects(*processes(m)[0]).empty());
	EXPECT_EQ(mapped_objects(*processes(m)[1]), std::set<uint32_t>{id});
	EXPECT_EQ(first_int(m, id), 1);

	k.run_until(450 * kMs);   // the child's store went to the object
	EXPECT_EQ(first_int(m, id), 11);

	k.run_until(800 * kMs);   // the child exited: the last mapping is gone
	EXPECT_TRUE(m.shmem.objects().empty());

	k.run_until(config.end_ns);
	EXPECT_EQ(k.take_console(), "child saw 11\n");
	EXPECT_EQ(m.init_exit_status, 0);
}

TEST(Shmem, ObjectIsFreedWhenBothMappersExit)
{
	// Neither process unmaps: the child's exit leaves the parent's mapping, init's exit
	// (the end of the run) the last one.
	Code code = compile_init(program(R"(
int main(void)
{
	long *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	long *q = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (fork() == 0) {
		p[0] = 5;
		q[0] = 6;
		usleep(200000);
		exit(0);
	}
	usleep(400000);
	printf("%ld %ld\n", p[0], q[0]);
	sleep(1);
	return 0;
}
)"));
	ASSERT_TRUE(code.init);
	Config config = two_cpus(3);
	Machine m;
	Kernel k(config, code, m);
	k.boot();
	k.run_until(100 * kMs);
	EXPECT_EQ(m.shmem.objects().size(), 2u);
	k.run_until(300 * kMs);   // the child is a zombie now, mapping nothing
	auto procs = processes(m);
	ASSERT_EQ(procs.size(), 2u);
	EXPECT_TRUE(procs[1]->exited);
	EXPECT_TRUE(mapped_objects(*procs[1]).empty());
	EXPECT_EQ(procs[1]->user->mm.resident_shmem_pages(0, vm::kKernelSpaceStart), 0u);
	EXPECT_EQ(m.shmem.objects().size(), 2u);
	k.run_until(config.end_ns);
	EXPECT_TRUE(m.halted);
	EXPECT_EQ(k.take_console(), "5 6\n");
	EXPECT_TRUE(m.shmem.objects().empty());
}

TEST(Shmem, AForkOfAForkMapsTheSameObject)
{
	Code code = compile_init(program(R"(
int main(void)
{
	int *v = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	v[0] = 1;
	if (fork() == 0) {
		v[0] *= 10;
		if (fork() == 0) {
			v[0] += 3;
			usleep(500000);
			_exit(0);
		}
		usleep(500000);
		wait(NULL);
		_exit(0);
	}
	usleep(200000);
	v[0] += 100;
	wait(NULL);
	printf("%d\n", v[0]);
	return 0;
}
)"));
	ASSERT_TRUE(code.init);
	Config config = two_cpus(3);
	Machine m;
	Kernel k(config, code, m);
	k.boot();
	k.run_until(100 * kMs);
	auto procs = processes(m);
	ASSERT_EQ(procs.size(), 3u);
	ASSERT_EQ(m.shmem.objects().size(), 1u);
	uint32_t id = m.shmem.objects().begin()->first;
	for (const Task* t : procs)
		EXPECT_EQ(mapped_objects(*t), std::set<uint32_t>{id}) << t->pid;
	EXPECT_EQ(first_int(m, id), 13);   // the child's and the grandchild's stores, in order
	k.run_until(300 * kMs);
	EXPECT_EQ(first_int(m, id), 113);   // and the grandparent's
	k.run_until(config.end_ns);
	EXPECT_EQ(k.take_console(), "113\n");
	EXPECT_TRUE(m.shmem.objects().empty());
}

TEST(Shmem, ASnapshotWithALiveObjectComparesRestoresAndRunsOnIdentically)
{
	// Two processes on two CPUs add to one shared counter, turn by turn through a pipe,
	// across the snapshot.
	Code code = compile_init(program(R"(
int main(void)
{
	int *n = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	int ping[2], pong[2];
	char c = 0;
	pipe(ping);
	pipe(pong);
	if (fork() == 0) {
		for (int i = 0; i < 6; i++) {
			read(ping[0], &c, 1);
			n[0] += 100;
			n[1024 + i] = n[0];
			write(pong[1], &c, 1);
		}
		_exit(0);
	}
	for (int i = 0; i < 6; i++) {
		usleep(100000);
		n[0] += 1;
		write(ping[1], &c, 1);
		read(pong[0], &c, 1);
		printf("%d\n", n[0]);
	}
	wait(NULL);
	printf("child wrote %d %d\n", n[1024], n[1029]);
	return 0;
}
)"));
	ASSERT_TRUE(code.init);
	Config config = two_cpus(3);
	Machine m;
	Kernel k(config, code, m);
	k.boot();
	k.run_until(350 * kMs);
	ASSERT_EQ(m.shmem.objects().size(), 1u);
	uint32_t id = m.shmem.objects().begin()->first;
	int32_t at_snapshot = first_int(m, id);
	EXPECT_EQ(at_snapshot, 303);

	auto restored = machine_from_bytes(machine_to_bytes(m));
	ASSERT_TRUE(restored.ok()) << restored.error().message;
	Machine r = std::move(*restored);
	EXPECT_TRUE(r == m);
	EXPECT_EQ(machine_hash(r), machine_hash(m));
	Machine copy = m;
	EXPECT_TRUE(copy == m);

	// The original runs on alone first: neither the copy nor the restored machine may see
	// its stores.
	k.run_until(config.end_ns);
	EXPECT_EQ(first_int(copy, id), at_snapshot);
	EXPECT_EQ(first_int(r, id), at_snapshot);

	Kernel kr(config, code, r);
	Kernel kc(config, code, copy);
	kr.run_until(config.end_ns);
	kc.run_until(config.end_ns);
	EXPECT_EQ(m.printk.console, "101\n202\n303\n404\n505\n606\nchild wrote 101 606\n");
	EXPECT_EQ(r.printk.console, m.printk.console);
	EXPECT_EQ(copy.printk.console, m.printk.console);
	EXPECT_TRUE(m == r);
	EXPECT_TRUE(m == copy);
	EXPECT_TRUE(m.shmem.objects().empty());
}

}  // namespace
}  // namespace kctx::kernel
