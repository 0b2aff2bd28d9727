// Open-coded waits (kernel/sched/wait.c): prepare_to_wait(), prepare_to_wait_exclusive()
// and add_wait_queue() of a struct wait_queue_entry. The entry is the module's; the
// kernel's one wait primitive (Wait.h) queues its task on the head. finish_wait() is the
// wait_event() macros' __kctx_finish_wait.
#include "kernel/core/Kernel.h"
#include "kernel/sched/Wait.h"

namespace kctx::kernel {

namespace {
using abi::BuiltinId;
}  // namespace

bool Kernel::wait_entry_builtin(uint32_t cpu, TaskId t, const vm::BuiltinCall& call, std::span<const uint64_t> args)
{
	auto arg = [&](size_t i) -> uint64_t { return i < args.size() ? args[i] : 0; };
	(void)cpu;
	switch (call.id) {
	case BuiltinId::__kctx_prepare_to_wait: {
		// prepare_to_wait(): queue (once) and set the state; no signal check, which the
		// caller's schedule() and signal_pending() make. A state of -1 is
		// add_wait_queue(): queue only. A default_wake_function entry persists when woken.
		uint64_t wq = arg(0);
		auto state = static_cast<int32_t>(arg(1));
		WaitMode mode = arg(2) ? WaitMode::Exclusive : WaitMode::Shared;
		add_waiter(m.waiters, wq, t, mode);
		if (Waiter* w = find_waiter(m.waiters, wq, t))
			w->persists = arg(3) != 0;
		if (state >= 0)
			set_task_state(t, static_cast<uint32_t>(state));
		finish_builtin(t, 0);
		return true;
	}
	case BuiltinId::__kctx_remove_wait_queue:
		remove_waiter(m.waiters, arg(0), t);
		finish_builtin(t, 0);
		return true;
	default: return false;
	}
}

}  // namespace kctx::kernel
