// The kernel on hand-assembled programs (no C front end): determinism, snapshots,
// serialization, and the console's printk format.
#include <gtest/gtest.h>

#include "kernel/core/Kernel.h"
#include "kernel/core/MachineBytes.h"
#include "kernel/printk/Format.h"
#include "vm/Assembler.h"

namespace kctx::kernel {
namespace {

// pid 1: count to 20000, print a dot (stdio: putchar + fflush), forever.
constexpr const char* kDotLoop = R"(
program init
func main nparams=0 nregs=6
  LOADI r0, 0
  LOADI r1, 20000
  LOADK r4, 4097
loop:
  ADDI r0, r0, 1
  JLTS r0, r1, loop
  LOADI r0, 0
  LOADI r2, 46
  CALLB r3, r2, 1, $putchar
  CALLB r3, r4, 1, $fflush
  JMP loop
)";

Code make_code(const char* init_asm)
{
	auto p = vm::assemble(init_asm);
	EXPECT_TRUE(p.ok()) << (p.ok() ? "" : p.error().message);
	Code code;
	code.init = std::make_shared<vm::Program>(std::move(*p));
	return code;
}

Config small_config()
{
	Config c;
	c.cpus = 2;
	c.end_ns = 2'000'000'000;
	return c;
}

TEST(Kernel, BootsIdleTasksAndInit)
{
	Code code = make_code(kDotLoop);
	Config config = small_config();
	Machine m;
	Kernel k(config, code, m);
	k.boot();
	ASSERT_EQ(m.cpus.size(), 2u);
	EXPECT_EQ(m.tasks[m.cpus[0].idle].comm, "swapper/0");
	EXPECT_EQ(m.tasks[m.cpus[0].idle].pid, 0);
	EXPECT_EQ(m.tasks[m.cpus[1].idle].comm, "swapper/1");
	EXPECT_EQ(m.cpus[0].preempt_count, 1u);   // init_idle: PREEMPT_DISABLED
	bool found_init = false;
	for (const Task& t : m.tasks)
		found_init |= t.pid == 1 && t.comm == "init";
	EXPECT_TRUE(found_init);
}

TEST(Kernel, InitRunsAndPrintsToTheConsole)
{
	Code code = make_code(kDotLoop);
	Config config = small_config();
	Machine m;
	Kernel k(config, code, m);
	k.boot();
	k.run_until(200'000'000);
	std::string out = k.take_console();
	EXPECT_GT(out.size(), 5u);
	EXPECT_EQ(out.find_first_not_of('.'), std::string::npos) << out.substr(0, 200);
	EXPECT_GT(k.summary().interrupts, 0u);
}

TEST(Kernel, SameInputsGiveTheSameRun)
{
	Code code = make_code(kDotLoop);
	Config config = small_config();
	Machine a, b;
	Kernel ka(config, code, a), kb(config, code, b);
	ka.boot();
	kb.boot();
	ka.run_until(500'000'000);
	kb.run_until(500'000'000);
	EXPECT_EQ(a.printk.console, b.printk.console);
	EXPECT_TRUE(a == b);
	EXPECT_EQ(machine_hash(a), machine_hash(b));
}

TEST(Kernel, SnapshotMidRunContinuesIdentically)
{
	Code code = make_code(kDotLoop);
	Config config = small_config();
	Machine m;
	Kernel k(config, code, m);
	k.boot();
	k.run_until(123'456'789);
	Machine copy = m;   // the whole machine, as a value
	EXPECT_EQ(machine_hash(copy), machine_hash(m));
	Kernel kc(config, code, copy);
	k.run_until(900'000'000);
	kc.run_until(900'000'000);
	EXPECT_EQ(m.printk.console, copy.printk.console);
	EXPECT_TRUE(m == copy);
	EXPECT_EQ(machine_hash(m), machine_hash(copy));
}

TEST(Kernel, SerializedStateRestoresAndRunsOnIdentically)
{
	Code code = make_code(kDotLoop);
	Config config = small_config();
	Machine m;
	Kernel k(config, code, m);
	k.boot();
	k.run_until(300'000'000);
	std::string bytes = machine_to_bytes(m);
	auto restored = machine_from_bytes(bytes);
	ASSERT_TRUE(restored.ok()) << restored.error().message;
	Machine r = std::move(*restored);
	EXPECT_TRUE(r == m);
	Kernel kr(config, code, r);
	k.run_until(800'000'000);
	kr.run_until(800'000'000);
	EXPECT_EQ(m.printk.console, r.printk.console);
	EXPECT_EQ(machine_hash(m), machine_hash(r));
}

TEST(Kernel, ReadingUnmappedAddressLeavesHashUnchanged)
{
	// Inspecting a machine is no step of it: reading any address, resident, mapped but
	// never touched, or unmapped, leaves its value (equality and hash) as it was.
	Code code = make_code(kDotLoop);
	Config config = small_config();
	Machine m;
	Kernel k(config, code, m);
	k.boot();
	k.run_until(100'000'000);
	const Machine before = m;
	const uint64_t hash = machine_hash(m);
	std::vector<const vm::Memory*> spaces = {&m.kmem};
	for (const Task& t : m.tasks)
		if (t.user)
			spaces.push_back(&t.user->mm);
	for (const vm::Memory* mem : spaces) {
		for (const vm::Region& r : mem->regions()) {
			for (uint64_t a : {r.start, r.end - 8, r.start - 8, r.end}) {
				uint64_t v = 0;
				(void)mem->load(a, v);
				char buf[32];
				(void)mem->read(a, buf, sizeof buf);
				std::string s;
				(void)mem->read_string(a, s, 16);
			}
		}
	}
	EXPECT_TRUE(m == before);
	EXPECT_EQ(machine_hash(m), hash);
}

TEST(Kernel, CorruptSerializedStateIsAnError)
{
	auto r = machine_from_bytes(std::string("\x05garbage", 8));
	EXPECT_FALSE(r.ok());
}

TEST(Format, KernelAndLibcFlavours)
{
	FormatContext libc;
	FormatContext kern;
	kern.flavor = FormatFlavor::Kernel;
	std::vector<uint64_t> args = {0};
	EXPECT_EQ(format_printf("%#x", args, libc), "0");
	EXPECT_EQ(format_printf("%#x", args, kern), "0x0");   // lib/vsprintf.c keeps the prefix
	args = {static_cast<uint64_t>(-5)};
	EXPECT_EQ(format_printf("%d|%u|%5d|%-4d|", std::vector<uint64_t>{args[0], args[0], args[0], args[0]}, libc),
		  "-5|4294967291|   -5|-5  |");
	args = {0x101};
	EXPECT_EQ(format_printf("0x%08x", args, kern), "0x00000101");
	args = {std::bit_cast<uint64_t>(2.5)};
	EXPECT_EQ(format_printf("%g %.3f", std::vector<uint64_t>{args[0], args[0]}, libc), "2.5 2.500");
	args = {static_cast<uint64_t>(-1)};
	EXPECT_EQ(format_printf("%llu %zd %lx", std::vector<uint64_t>{args[0], args[0], args[0]}, libc),
		  "18446744073709551615 -1 ffffffffffffffff");
	EXPECT_EQ(format_printf("100%%", {}, libc), "100%");
	EXPECT_EQ(format_printf("%p", std::vector<uint64_t>{0}, libc), "(nil)");
}

}  // namespace
}  // namespace kctx::kernel
