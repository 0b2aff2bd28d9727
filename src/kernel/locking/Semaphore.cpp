// Counting semaphores (kernel/locking/semaphore.c): down() and friends sleep in
// __down_common() until up() hands the semaphore over.
#include <fmt/format.h>

#include "abi/Errno.h"
#include "abi/Layout.h"
#include "kernel/core/Kernel.h"
#include "kernel/debug/CallTrace.h"

namespace kctx::kernel {

using abi::BuiltinId;

bool Kernel::semaphore_builtin(uint32_t cpu, TaskId t, const vm::BuiltinCall& call, std::span<const uint64_t> args)
{
	auto arg = [&](size_t i) -> uint64_t { return i < args.size() ? args[i] : 0; };
	StackKind stack = current_stack_kind(t);
	switch (call.id) {
	case BuiltinId::sema_init:
		(void)m.kmem.store(arg(0) + abi::layout::semaphore::count, static_cast<int32_t>(arg(1)));
		finish_builtin(t, 0);
		return true;
	case BuiltinId::down:
	case BuiltinId::down_interruptible:
	case BuiltinId::down_killable:
	case BuiltinId::down_timeout: {
		int line = call.id == BuiltinId::down ? 59 : call.id == BuiltinId::down_interruptible ? 83
			   : call.id == BuiltinId::down_killable ? 110 : 165;
		might_sleep(cpu, t, "kernel/locking/semaphore.c", line);
		int32_t count = 0;
		(void)m.kmem.load(arg(0) + abi::layout::semaphore::count, count);
		if (count > 0) {
			(void)m.kmem.store(arg(0) + abi::layout::semaphore::count, count - 1);
			finish_builtin(t, 0);
			return true;
		}
		uint32_t state = call.id == BuiltinId::down_interruptible ? abi::TASK_INTERRUPTIBLE
				 : call.id == BuiltinId::down_killable ? abi::TASK_KILLABLE : abi::TASK_UNINTERRUPTIBLE;
		uint64_t deadline = call.id == BuiltinId::down_timeout ? jiffies(cpu) + arg(1) : kNoDeadline;
		push_native(t, run::SemDown{.sem = arg(0), .sleep_state = state, .deadline = deadline}, stack);
		return true;
	}
	case BuiltinId::down_trylock: {
		int32_t count = 0;
		(void)m.kmem.load(arg(0) + abi::layout::semaphore::count, count);
		if (count > 0)
			(void)m.kmem.store(arg(0) + abi::layout::semaphore::count, count - 1);
		finish_builtin(t, count > 0 ? 0 : 1);
		return true;
	}
	case BuiltinId::up: {
		// __up(): hand the semaphore to the first waiter, else count it.
		finish_builtin(t, 0);
		auto it = m.waiters.find(arg(0));
		if (it == m.waiters.end() || it->second.empty()) {
			int32_t count = 0;
			(void)m.kmem.load(arg(0) + abi::layout::semaphore::count, count);
			(void)m.kmem.store(arg(0) + abi::layout::semaphore::count, count + 1);
			return true;
		}
		Waiter& w = it->second.front();
		w.granted = true;
		wake_up_process(w.task, cpu, abi::TASK_NORMAL | abi::TASK_WAKEKILL);
		return true;
	}
	default: return false;
	}
}

void Kernel::step_sem_down(uint32_t cpu, TaskId t, NativeFrame& f)
{
	// __down_common(): sleep until up() hands the semaphore over (Waiter::granted).
	auto& r = f.as<run::SemDown>();
	uint64_t sem = r.sem;
	uint32_t state = r.sleep_state;
	uint64_t deadline = r.deadline;
	auto done = [&](int64_t ret) {
		finish_wait(sem, t);
		pop_frame(t, ret);
	};
	if (Waiter* w = find_waiter(m.waiters, sem, t); w && w->granted) {
		done(0);
		return;
	}
	if (r.resume == run::SemDown::Resume::Slept) {
		switch (wait_result(cpu, t, state, deadline)) {
		case WaitResult::Interrupted: done(-abi::kEINTR); return;
		case WaitResult::TimedOut: done(-abi::kETIME); return;
		case WaitResult::Woken: break;   // not handed over (yet): sleep again
		}
	}
	r.resume = run::SemDown::Resume::Slept;
	wait_sleep(cpu, t, sem, WaitMode::Exclusive, state, deadline);
}

// The frames above __down_common() name the call that slept, as in 6.x x86-64 traces
// (hung-task reports of xfs_buf_lock(): "__down_common+0xc3/0x200 __down+0x1d/0x30
// down+0x48/0x50"; of acpi_os_wait_semaphore(): "__down_common+0x137/0x2d0
// down_timeout+0x67/0x70"): down() reaches it through the noinline __down(), the others
// through a tail call of theirs. Which call it was is in the run state: down_timeout()
// alone has a deadline, down_interruptible() and down_killable() their sleep states.
void trace_sem_down(const Machine& m, const Task& task, const NativeFrame& f, std::vector<TraceLine>& out)
{
	TraceAdder add{out, f.stack};
	const auto& r = f.as<run::SemDown>();
	add("schedule_timeout+0x9b/0x150");
	add("__down_common+0x10c/0x1f0");
	if (r.deadline != kNoDeadline) {
		add("down_timeout+0x67/0x70");
		return;
	}
	switch (r.sleep_state) {
	case abi::TASK_INTERRUPTIBLE: add("down_interruptible+0x4d/0x60"); return;
	case abi::TASK_KILLABLE: add("down_killable+0x4d/0x60"); return;
	default:
		add("__down+0x1d/0x30");
		add("down+0x48/0x50");
		return;
	}
}

}  // namespace kctx::kernel
