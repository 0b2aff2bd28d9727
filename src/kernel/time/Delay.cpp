// Busy-waiting: udelay(), mdelay(), ndelay() (include/asm-generic/delay.h) spin in
// delay_tsc() (arch/x86/lib/delay.c) on the CPU that called them.
#include <algorithm>

#include "kernel/core/Kernel.h"
#include "kernel/debug/CallTrace.h"

namespace kctx::kernel {

void Kernel::step_delay(uint32_t cpu, TaskId t, NativeFrame& f)
{
	// delay_tsc(): spin on the TSC until the end of the wait. The CPU stays in this task;
	// with irqs on, time jumps to the next event so the interrupt comes in the loop.
	Cpu& c = m.cpus[cpu];
	uint64_t until = f.as<run::Delay>().until_ns;
	if (c.now >= until) {
		pop_frame(t, 0);
		return;
	}
	uint64_t next = next_event(cpu);
	uint64_t target = (c.irqs_enabled && next > c.now) ? std::min({m_limit, next, until}) : std::min(m_limit, until);
	c.now = std::max(c.now + 1, target);
}

void trace_delay(const Machine& m, const Task& task, const NativeFrame& f, std::vector<TraceLine>& out)
{
	TraceAdder add{out, f.stack};
	add("delay_tsc+0x26/0x60");
	add("__const_udelay+0x3f/0x50");
}

}  // namespace kctx::kernel
