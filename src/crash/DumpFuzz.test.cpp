// Mutated dumps through the whole reader, libFuzzer-style but deterministic: each
// mutation of a good dump's machine bytes is re-sealed with a valid checksum (so the
// structure parser and the target's checks, not the checksum, meet it), then decoded and
// opened. Each must be refused with a message naming the file, or opened and survive
// every command. A crash or a hang of the test is the failure this guards against.
#include <gtest/gtest.h>

#include <random>

#include "crash/Dump.h"
#include "crash/Session.h"
#include "kernel/core/MachineBytes.h"

namespace kctx::crash {
namespace {

kernel::Machine seed_machine()
{
	kernel::Machine m;
	m.cpus.resize(2);
	for (uint32_t i = 0; i < 4; i++) {
		kernel::Task t;
		t.pid = static_cast<int32_t>(i < 2 ? 0 : i + 100);
		t.ppid = i < 2 ? 0 : 1;
		t.comm = i < 2 ? "swapper/" + std::to_string(i) : "task" + std::to_string(i);
		t.cpu = i % 2;
		t.kthread = i < 2;
		t.task_struct_addr = 0xffff888100000000ull + i * 0x100;
		t.stack_base = 0xffffc90000000000ull + i * 0x8000;
		t.sched.on_rq = i >= 2;
		m.tasks.push_back(t);
	}
	m.cpus[0].curr = m.cpus[0].idle = 0;
	m.cpus[1].idle = 1;
	m.cpus[1].curr = 2;
	m.cpus[1].sched.rq = {2, 3};
	m.printk.log = {{1000, 6, "booted"}, {2000, 4, "Kernel panic - not syncing: test"}};
	m.time.timers[0xffffc90000007e00ull] = kernel::Timer{kernel::TimerKind::ProcessTimeout, 0, 0, 300, 300, 1, true, 3, 1, "", 0};
	m.time.timer_queue.insert({1, 300, 1, 0xffffc90000007e00ull});
	m.slab.caches.push_back({"kmalloc-64", 64, 64, 0, 0, {}});
	m.slab.slabs[0xffff888104a3c000ull] = 0;
	m.kmem.map(0xffffc90000100000ull, 0x1000, "data");
	m.panic_cpu = 1;
	return m;
}

DumpImage seed_image()
{
	DumpImage img;
	img.kctx_version = "kctx fuzz";
	img.release = "6.1.0-kctx-debug";
	img.scenario = "fuzz";
	img.taken_ns = 1'000'000'000;
	img.machine = kernel::machine_to_bytes(seed_machine());
	return img;
}

// One mutation of `bytes`, chosen by `rng`: a byte changed, a word overwritten with an
// extreme value, a cut, a chunk repeated or dropped.
void mutate(std::string& bytes, std::mt19937_64& rng)
{
	if (bytes.empty())
		return;
	auto at = [&]() { return static_cast<size_t>(rng() % bytes.size()); };
	switch (rng() % 5) {
	case 0: bytes[at()] = static_cast<char>(rng()); break;
	case 1: {
		size_t p = at();
		uint64_t v = rng() % 2 ? ~0ull : rng() % 2 ? 0 : (1ull << (rng() % 64));
		for (size_t i = 0; i < 8 && p + i < bytes.size(); i++)
			bytes[p + i] = static_cast<char>(v >> (8 * i));
		break;
	}
	case 2: bytes.resize(at()); break;
	case 3: {
		size_t p = at(), n = std::min<size_t>(bytes.size() - p, 1 + rng() % 32);
		bytes.insert(p, bytes.substr(p, n));
		break;
	}
	default: {
		size_t p = at();
		bytes.erase(p, std::min<size_t>(bytes.size() - p, 1 + rng() % 32));
		break;
	}
	}
}

TEST(DumpFuzz, MutatedMachinesAreRefusedOrReadSafely)
{
	std::mt19937_64 rng(14);
	kernel::Config config;
	config.cpus = 2;
	int refused = 0, opened = 0;
	for (int round = 0; round < 3000; round++) {
		DumpImage img = seed_image();
		for (uint64_t n = 1 + rng() % 3; n > 0; n--)
			mutate(img.machine, rng);
		std::string file = encode_dump(img);
		Result<DumpImage> decoded = decode_dump(file, "fuzz.vmcore");
		ASSERT_TRUE(decoded.ok()) << decoded.error().message;   // the checksum holds: the frame is sound
		Result<Target> t = open_target(std::move(*decoded), config, kernel::Code{}, "fuzz.vmcore");
		if (!t.ok()) {
			refused++;
			EXPECT_TRUE(t.error().message.starts_with("fuzz.vmcore: corrupt kctx vmcore: ")) << t.error().message;
			continue;
		}
		opened++;
		Session s(*t, "kctx fuzz");
		(void)s.banner();
		for (const CommandInfo& c : all_commands())
			(void)s.run(c.name);
		for (const char* line : {"bt -a", "bt -f -l 102", "ps -p 103", "task 102", "timer -r", "kmem -i", "files 102",
					 "foreach bt", "runq", "rd ffffc90000100000 4", "irq -b", "log -T"})
			(void)s.run(line);
	}
	// Both outcomes happen: the test reaches past the parser into the commands.
	EXPECT_GT(refused, 100);
	EXPECT_GT(opened, 100);
}

TEST(DumpFuzz, MutatedFilesAreRefusedWithAReason)
{
	std::mt19937_64 rng(1414);
	std::string good = encode_dump(seed_image());
	for (int round = 0; round < 3000; round++) {
		std::string file = good;
		mutate(file, rng);
		if (file == good)
			continue;
		Result<DumpImage> r = decode_dump(file, "f.vmcore");
		ASSERT_FALSE(r.ok()) << "round " << round << " accepted a damaged file";
		EXPECT_TRUE(r.error().message.starts_with("f.vmcore: ")) << r.error().message;
	}
}

}  // namespace
}  // namespace kctx::crash
