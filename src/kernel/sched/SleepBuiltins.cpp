// The builtins that sleep or wake: schedule(), schedule_timeout(), set_current_state(),
// cond_resched()/might_sleep(), msleep() and friends, wake_up_process(), signal_pending()
// (kernel/sched/core.c, kernel/time/timer.c, include/linux/sched/signal.h). A sleep pushes
// its native's run state: the task resumes there, the host never blocks.
#include "kernel/core/Kernel.h"
#include "kernel/time/Jiffies.h"

namespace kctx::kernel {

using abi::BuiltinId;

bool Kernel::sleep_builtin(uint32_t cpu, TaskId t, const vm::BuiltinCall& call, std::span<const uint64_t> args)
{
	auto arg = [&](size_t i) -> uint64_t { return i < args.size() ? args[i] : 0; };
	auto done = [&](uint64_t v) { finish_builtin(t, v); };
	StackKind stack = current_stack_kind(t);
	switch (call.id) {
	case BuiltinId::schedule: push_schedule(t); return true;
	case BuiltinId::schedule_timeout: {
		push_native(t, run::ScheduleTimeout{.timeout = static_cast<int64_t>(arg(0))}, stack);
		return true;
	}
	case BuiltinId::__kctx_set_current_state:
		set_task_state(t, static_cast<uint32_t>(arg(0)));
		done(0);
		return true;
	case BuiltinId::_cond_resched:
	case BuiltinId::__kctx_might_sleep: {
		// cond_resched() and might_sleep(): __might_resched() at the caller's file:line,
		// then (cond_resched always, might_sleep with PREEMPT_VOLUNTARY) a preemption point.
		std::string file = read_kstring(arg(0));
		done(0);
		might_sleep(cpu, t, file, static_cast<int>(arg(1)));
		return true;
	}
	case BuiltinId::msleep:
	case BuiltinId::ssleep:
	case BuiltinId::msleep_interruptible: {
		uint64_t ms = call.id == BuiltinId::ssleep ? arg(0) * 1000 : arg(0);
		SleepMode mode = call.id == BuiltinId::msleep_interruptible ? SleepMode::Interruptible : SleepMode::Uninterruptible;
		push_native(t, run::Msleep{.jiffies_left = msecs_to_jiffies(ms, m_config.hz) + 1, .mode = mode}, stack);
		return true;
	}
	case BuiltinId::wake_up_process: {
		std::optional<TaskId> k = task_by_struct(arg(0));
		done(k && wake_up_process(*k, cpu, abi::TASK_NORMAL) ? 1 : 0);
		return true;
	}
	case BuiltinId::signal_pending:
	case BuiltinId::fatal_signal_pending: {
		std::optional<TaskId> k = task_by_struct(arg(0));
		done(!k ? 0 : call.id == BuiltinId::signal_pending ? signal_pending(*k) : fatal_signal_pending(*k));
		return true;
	}
	default: return false;
	}
}

}  // namespace kctx::kernel
