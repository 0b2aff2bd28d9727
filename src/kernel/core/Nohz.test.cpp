// NO_HZ idle in the event loop (core/Step.cpp): a machine whose CPUs are all halted in
// idle jumps to its next event, and a caller that runs it in slices may take every
// slice before that event at once, leaving the machine exactly as slice by slice.
#include <gtest/gtest.h>

#include "kernel/core/Kernel.h"
#include "kernel/core/MachineBytes.h"
#include "vm/Assembler.h"

namespace kctx::kernel {
namespace {

// pid 1: sleep(1000) for ever, printing a dot after each.
constexpr const char* kSleeper = R"(
program init
func main nparams=0 nregs=6
  LOADI r0, 1000
  LOADK r4, 4097
loop:
  CALLB r1, r0, 1, $sleep
  LOADI r2, 46
  CALLB r3, r2, 1, $putchar
  CALLB r3, r4, 1, $fflush
  JMP loop
)";

Code sleeper_code()
{
	auto p = vm::assemble(kSleeper);
	EXPECT_TRUE(p.ok()) << (p.ok() ? "" : p.error().message);
	Code code;
	code.init = std::make_shared<vm::Program>(std::move(*p));
	return code;
}

Config long_config()
{
	Config c;
	c.cpus = 3;
	c.end_ns = 2'500'000'000'000ull;   // 2500 s
	return c;
}

constexpr uint64_t kSliceNs = 10'000'000;   // the cli's console slice

TEST(Nohz, AnIdleMachineIsQuietUntilItsNextEvent)
{
	Code code = sleeper_code();
	Config config = long_config();
	Machine m;
	Kernel k(config, code, m);
	k.boot();
	k.run_until(1'000'000'000);   // init is asleep, the boot's threads too
	uint64_t quiet = k.quiet_until();
	EXPECT_GT(quiet, k.now());
	// The watchdog hrtimers (every 4 s) and the NMI watchdog (every 10 s) still come.
	EXPECT_LE(quiet, 10'000'000'000ull);
	for (const Cpu& c : m.cpus)
		EXPECT_EQ(c.now, 1'000'000'000ull);   // run_until() left every clock at its end
}

TEST(Nohz, TakingTheQuietSlicesAtOnceLeavesTheSameMachine)
{
	Code code = sleeper_code();
	Config config = long_config();
	Machine a, b;
	Kernel ka(config, code, a), kb(config, code, b);
	ka.boot();
	kb.boot();
	uint64_t calls_a = 0, calls_b = 0;
	while (ka.run_until(ka.now() + kSliceNs))
		calls_a++;
	for (;;) {
		calls_b++;
		uint64_t slices = std::max<uint64_t>(1, (kb.quiet_until() - kb.now()) / kSliceNs);
		if (!kb.run_until(kb.now() + slices * kSliceNs))
			break;
	}
	EXPECT_EQ(a.printk.console, b.printk.console);
	EXPECT_EQ(a.printk.console, "..");   // sleep(1000) twice in 2500 s
	EXPECT_TRUE(a == b);
	EXPECT_EQ(machine_hash(a), machine_hash(b));
	EXPECT_EQ(ka.summary().sim_ns, 2'500'000'000'000ull);
	// 250,000 slices one by one; a few per event (4 s watchdogs, 10 s NMIs) at once.
	EXPECT_GT(calls_a, 249'000u);
	EXPECT_LT(calls_b, calls_a / 20);
}

}  // namespace
}  // namespace kctx::kernel
