// Tasklets (kernel/softirq.c): tasklet_schedule() queues one on this CPU and raises
// TASKLET_SOFTIRQ (HI_SOFTIRQ for the _hi kind); the softirq runs tasklet_action_common().
#include "abi/Layout.h"
#include "abi/Preempt.h"
#include "kernel/core/Kernel.h"
#include "kernel/debug/CallTrace.h"

namespace kctx::kernel {

namespace {
using abi::BuiltinId;
namespace L = abi::layout::tasklet_struct;
}  // namespace

bool Kernel::tasklet_builtin(uint32_t cpu, TaskId t, const vm::BuiltinCall& call, std::span<const uint64_t> args)
{
	auto arg = [&](size_t i) -> uint64_t { return i < args.size() ? args[i] : 0; };
	Cpu& c = m.cpus[cpu];
	switch (call.id) {
	case BuiltinId::tasklet_setup:
	case BuiltinId::tasklet_init: {
		// struct tasklet_struct: next 0, state 8, count 16, use_callback 20, func 24, data 32
		(void)m.kmem.store(arg(0) + L::use_callback, static_cast<uint8_t>(call.id == BuiltinId::tasklet_setup));
		(void)m.kmem.store(arg(0) + L::func, arg(1));
		(void)m.kmem.store(arg(0) + L::data, arg(2));
		finish_builtin(t, 0);
		return true;
	}
	case BuiltinId::tasklet_schedule:
	case BuiltinId::tasklet_hi_schedule: {
		uint64_t state = 0;
		(void)m.kmem.load(arg(0) + L::state, state);
		finish_builtin(t, 0);
		if (state & 1)   // TASKLET_STATE_SCHED
			return true;
		(void)m.kmem.store(arg(0) + L::state, state | 1);
		c.irq.tasklets.push_back(arg(0));
		raise_softirq(cpu, call.id == BuiltinId::tasklet_schedule ? abi::TASKLET_SOFTIRQ : abi::HI_SOFTIRQ);
		return true;
	}
	case BuiltinId::tasklet_kill: {
		if (abi::in_interrupt(c.preempt_count))
			printk(cpu, "\0014Attempt to kill tasklet from interrupt\n");
		(void)m.kmem.store(arg(0) + L::state, uint64_t{0});
		for (Cpu& other : m.cpus)
			std::erase(other.irq.tasklets, arg(0));
		finish_builtin(t, 0);
		return true;
	}
	default: return false;
	}
}

void Kernel::step_tasklets(uint32_t cpu, TaskId t, NativeFrame& f)
{
	// tasklet_action_common(): one tasklet per step, callback(t) or func(data).
	Cpu& c = m.cpus[cpu];
	if (c.irq.tasklets.empty()) {
		pop_frame(t, 0);
		return;
	}
	uint64_t tl = c.irq.tasklets.front();
	c.irq.tasklets.erase(c.irq.tasklets.begin());
	uint64_t state = 0, fn = 0, data = 0;
	uint8_t use_callback = 0;
	(void)m.kmem.load(tl + L::state, state);
	(void)m.kmem.store(tl + L::state, state & ~1ull);
	(void)m.kmem.load(tl + L::use_callback, use_callback);
	(void)m.kmem.load(tl + L::func, fn);
	(void)m.kmem.load(tl + L::data, data);
	StackKind stack = f.stack;
	push_vm_call(t, fn, std::vector<uint64_t>{use_callback ? tl : data}, stack);
}

void trace_tasklets(const Machine& m, const Task& task, const NativeFrame& f, std::vector<TraceLine>& out)
{
	TraceAdder add{out, f.stack};
	add("tasklet_action_common.constprop.0+0xb6/0x1a0");
}

}  // namespace kctx::kernel
