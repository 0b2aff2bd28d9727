// The idle task's loop (kernel/sched/idle.c do_idle()).
#include "kernel/core/Kernel.h"
#include "kernel/debug/CallTrace.h"

namespace kctx::kernel {

void Kernel::step_idle(uint32_t cpu, TaskId t, NativeFrame& f)
{
	// do_idle(): with nothing to run the CPU halts until its next event (NO_HZ idle:
	// the tick is stopped, so that is the next timer or a wake-up).
	Cpu& c = m.cpus[cpu];
	if (m.tasks[t].sched.need_resched || !c.sched.rq.empty()) {
		c.tick.stopped = false;
		push_schedule(t);
		return;
	}
	c.tick.stopped = true;
}

void trace_idle(const Machine& m, const Task& task, const NativeFrame& f, std::vector<TraceLine>& out)
{
	TraceAdder add{out, f.stack};
	add("default_idle_call+0x3c/0xb0");
	add("do_idle+0x210/0x290");
	add("cpu_startup_entry+0x1d/0x20");
	if (task.cpu == 0) {
		add("rest_init+0xd1/0xe0");
		add("arch_call_rest_init+0xe/0x1b");
		add("start_kernel+0x6f3/0x71c");
	} else {
		add("start_secondary+0x13d/0x160");
	}
	add("secondary_startup_64_no_verify+0xe5/0xeb");
}

}  // namespace kctx::kernel
