// Delays: usleep_range() sleeps on an hrtimer (kernel/time/timer.c); udelay(), mdelay(),
// ndelay() (include/asm-generic/delay.h) busy-wait in
// delay_tsc() (arch/x86/lib/delay.c) on the CPU that called them.
#include <algorithm>

#include "kernel/core/Kernel.h"
#include "kernel/debug/CallTrace.h"

namespace kctx::kernel {

using abi::BuiltinId;

bool Kernel::delay_builtin(uint32_t cpu, TaskId t, const vm::BuiltinCall& call, std::span<const uint64_t> args)
{
	auto arg = [&](size_t i) -> uint64_t { return i < args.size() ? args[i] : 0; };
	const Cpu& c = m.cpus[cpu];
	StackKind stack = current_stack_kind(t);
	switch (call.id) {
	case BuiltinId::usleep_range: {
		// usleep_range(): an uninterruptible hrtimer sleep of at least `min` µs.
		push_native(t, run::Nanosleep{.expires_ns = c.now + arg(0) * 1000, .mode = SleepMode::Uninterruptible}, stack);
		return true;
	}
	case BuiltinId::udelay:
	case BuiltinId::mdelay:
	case BuiltinId::ndelay: {
		// Busy-waiting: the CPU stays in this task, interrupts (if enabled) still come.
		uint64_t ns = call.id == BuiltinId::udelay ? arg(0) * 1000 : call.id == BuiltinId::mdelay ? arg(0) * 1000000 : arg(0);
		push_native(t, run::Delay{.until_ns = c.now + ns}, stack);
		return true;
	}
	default: return false;
	}
}

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
	// step_native() stops the clock at the step loop's limit.
	uint64_t next = next_event(cpu);
	c.now = std::max(c.now + 1, (c.irqs_enabled && next > c.now) ? std::min(next, until) : until);
}

void trace_delay(const Machine& m, const Task& task, const NativeFrame& f, std::vector<TraceLine>& out)
{
	TraceAdder add{out, f.stack};
	add("delay_tsc+0x26/0x60");
	add("__const_udelay+0x3f/0x50");
}

}  // namespace kctx::kernel
