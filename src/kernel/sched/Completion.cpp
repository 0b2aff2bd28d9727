// Completions (kernel/sched/completion.c): init, complete() and complete_all(), and
// waiting for one in wait_for_common().
#include <algorithm>

#include "abi/Layout.h"
#include "abi/Errno.h"
#include "kernel/core/Kernel.h"
#include "kernel/debug/CallTrace.h"

namespace kctx::kernel {

using abi::BuiltinId;

bool Kernel::completion_builtin(uint32_t cpu, TaskId t, const vm::BuiltinCall& call, std::span<const uint64_t> args)
{
	auto arg = [&](size_t i) -> uint64_t { return i < args.size() ? args[i] : 0; };
	StackKind stack = current_stack_kind(t);
	switch (call.id) {
	case BuiltinId::init_completion:
	case BuiltinId::reinit_completion:
		(void)m.kmem.store(arg(0), uint32_t{0});
		finish_builtin(t, 0);
		return true;
	case BuiltinId::complete:
	case BuiltinId::complete_all: {
		uint32_t done = 0;
		(void)m.kmem.load(arg(0), done);
		bool all = call.id == BuiltinId::complete_all;
		if (all)
			done = ~0u;
		else if (done != ~0u)
			done++;
		(void)m.kmem.store(arg(0), done);
		finish_builtin(t, 0);
		wake_waiters(arg(0) + abi::layout::completion::wait, abi::TASK_NORMAL, all ? 0 : 1, cpu);
		return true;
	}
	case BuiltinId::completion_done: {
		uint32_t done = 0;
		(void)m.kmem.load(arg(0), done);
		finish_builtin(t, done != 0);
		return true;
	}
	case BuiltinId::wait_for_completion:
	case BuiltinId::wait_for_completion_interruptible:
	case BuiltinId::wait_for_completion_killable:
	case BuiltinId::wait_for_completion_timeout: {
		might_sleep(cpu, t, "kernel/sched/completion.c", 101);
		bool timeout = call.id == BuiltinId::wait_for_completion_timeout;
		uint32_t state = call.id == BuiltinId::wait_for_completion_interruptible ? abi::TASK_INTERRUPTIBLE
				 : call.id == BuiltinId::wait_for_completion_killable ? abi::TASK_KILLABLE : abi::TASK_UNINTERRUPTIBLE;
		push_native(t, run::Completion{.completion = arg(0), .sleep_state = state,
					       .deadline = timeout ? jiffies(cpu) + arg(1) : kNoDeadline,
					       .returns = timeout ? CompletionReturn::JiffiesLeft : CompletionReturn::Zero}, stack);
		return true;
	}
	default: return false;
	}
}


void Kernel::step_completion(uint32_t cpu, TaskId t, NativeFrame& f)
{
	// wait_for_common(): take one `done` (complete_all()'s UINT_MAX stays), else sleep on
	// the completion's wait queue.
	auto& r = f.as<run::Completion>();
	uint64_t x = r.completion;
	uint64_t queue = x + abi::layout::completion::wait;
	uint32_t state = r.sleep_state;
	uint64_t deadline = r.deadline;
	uint32_t done = 0;
	(void)m.kmem.load(x, done);
	auto finish = [&](int64_t ret) {
		finish_wait(queue, t);
		pop_frame(t, ret);
	};
	if (done) {
		if (done != ~0u)
			(void)m.kmem.store(x, done - 1);
		int64_t left = deadline == kNoDeadline ? 0 : std::max<int64_t>(1, static_cast<int64_t>(deadline - jiffies(cpu)));
		finish(r.returns == CompletionReturn::JiffiesLeft ? left : 0);
		return;
	}
	if (r.resume == run::Completion::Resume::Slept) {
		switch (wait_result(cpu, t, state, deadline)) {
		case WaitResult::Interrupted: finish(-abi::kERESTARTSYS); return;
		case WaitResult::TimedOut: finish(0); return;
		case WaitResult::Woken: break;   // not done (another waiter took it): sleep again
		}
	}
	r.resume = run::Completion::Resume::Slept;
	wait_sleep(cpu, t, queue, WaitMode::Exclusive, state, deadline);
}

void trace_completion(const Machine& m, const Task& task, const NativeFrame& f, std::vector<TraceLine>& out)
{
	TraceAdder add{out, f.stack};
	add("__wait_for_common+0xb4/0x1d0");
	add("wait_for_completion+0x24/0x30");
}

}  // namespace kctx::kernel
