// Waiting for a completion: wait_for_common() (kernel/sched/completion.c). The builtins
// that complete one (complete(), complete_all()) are in locking/Locks.cpp.
#include <algorithm>

#include "abi/Layout.h"
#include "abi/Errno.h"
#include "kernel/core/Kernel.h"
#include "kernel/debug/CallTrace.h"

namespace kctx::kernel {


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
