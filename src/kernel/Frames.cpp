// A task's kernel stack: pushing and popping frames, and stepping the native ones.
#include <fmt/format.h>

#include "base/Check.h"
#include "kernel/Kernel.h"
#include "kernel/Layout.h"

namespace kctx::kernel {

StackKind Kernel::current_stack_kind(TaskId t) const
{
	const Task& task = m.tasks[t];
	if (task.kstack.empty())
		return StackKind::Task;
	const KFrame& top = task.kstack.back();
	return std::holds_alternative<NativeFrame>(top) ? std::get<NativeFrame>(top).stack : std::get<VmFrame>(top).stack;
}

NativeFrame& Kernel::push_native(TaskId t, NativeFn fn, StackKind stack)
{
	NativeFrame f;
	f.fn = fn;
	f.stack = stack;
	return std::get<NativeFrame>(m.tasks[t].kstack.emplace_back(std::move(f)));
}

void Kernel::push_vm_call(TaskId t, uint64_t fn_address, std::span<const uint64_t> args, StackKind stack)
{
	Task& task = m.tasks[t];
	VmFrame vf;
	vf.stack = stack;
	// Module code's stack memory comes from the task's kernel stack, below whatever
	// module frames are already on it.
	uint64_t sp = task.stack_base + addr::kThreadSize - 256;   // pt_regs and entry frames
	for (const KFrame& k : task.kstack)
		if (const auto* other = std::get_if<VmFrame>(&k))
			sp = std::min(sp, other->thread.sp);
	vf.thread.sp = sp & ~15ull;
	vf.thread.stack_limit = task.stack_base;
	auto loc = vm::locate(m_images, fn_address);
	if (!loc || loc->offset != 0 || !vm::push_call(vf.thread, m_images, loc->image, loc->func, args)) {
		// A callback that is not a function (a corrupted pointer, an unloaded module):
		// the real kernel would oops here. Until kctx models the oops, say so and
		// carry on as if the call returned 0.
		printk(m_cpu, fmt::format("\0013kctx: call through a bad function pointer {:#x} skipped\n", fn_address));
		return;
	}
	task.kstack.emplace_back(std::move(vf));
}

void Kernel::pop_frame(TaskId t, int64_t ret)
{
	Task& task = m.tasks[t];
	KCTX_CHECK(!task.kstack.empty());
	// schedule() returns nothing: a native caller keeps the value it had (a syscall that
	// reschedules on its way out must not lose its return value to it).
	const auto* popped = std::get_if<NativeFrame>(&task.kstack.back());
	bool void_callee = popped && popped->fn == NativeFn::Schedule;
	task.kstack.pop_back();
	if (task.kstack.empty())
		return;
	KFrame& top = task.kstack.back();
	if (auto* nf = std::get_if<NativeFrame>(&top)) {
		if (!void_callee)
			nf->ret = ret;
		return;
	}
	vm::complete_builtin(std::get<VmFrame>(top).thread, static_cast<uint64_t>(ret));
}

void Kernel::finish_builtin(TaskId t, uint64_t value)
{
	vm::complete_builtin(std::get<VmFrame>(m.tasks[t].kstack.back()).thread, value);
}

std::string Kernel::caller_site(TaskId t) const
{
	// The module code that called the builtin being handled: its return address.
	const Task& task = m.tasks[t];
	for (auto it = task.kstack.rbegin(); it != task.kstack.rend(); ++it)
		if (const auto* vf = std::get_if<VmFrame>(&*it); vf && !vf->thread.frames.empty())
			return symbolize(vm::frame_address(m_images, vf->thread.frames.back()));
	return "0x0";
}

void Kernel::step_native(uint32_t cpu, TaskId t)
{
	NativeFrame& f = std::get<NativeFrame>(m.tasks[t].kstack.back());
	switch (f.fn) {
	case NativeFn::Idle: {
		// do_idle(): with nothing to run the CPU halts until its next event (NO_HZ idle:
		// the tick is stopped, so that is the next timer or a wake-up).
		Cpu& c = m.cpus[cpu];
		if (m.tasks[t].need_resched || !c.rq.empty()) {
			c.tick_stopped = false;
			push_schedule(t);
			return;
		}
		c.tick_stopped = true;
		return;
	}
	case NativeFn::RetFromFork: {
		// schedule_tail(): finish_task_switch() drops the rq lock, then preempt_enable().
		Cpu& c = m.cpus[cpu];
		c.preempt_count = c.preempt_count >= 2 ? c.preempt_count - 2 : 0;
		c.irqs_enabled = true;
		pop_frame(t, 0);
		return;
	}
	case NativeFn::Kthread: step_kthread(cpu, t, f); return;
	case NativeFn::Syscall: step_syscall(cpu, t, f); return;
	case NativeFn::Schedule: step_schedule(cpu, t, f); return;
	case NativeFn::ScheduleTimeout: step_schedule_timeout(cpu, t, f); return;
	case NativeFn::Msleep: step_msleep(cpu, t, f); return;
	case NativeFn::Nanosleep: step_nanosleep(cpu, t, f); return;
	case NativeFn::Interrupt: step_interrupt(cpu, t, f); return;
	case NativeFn::Softirqs: step_softirqs(cpu, t, f); return;
	case NativeFn::RunTimers: step_run_timers(cpu, t, f); return;
	case NativeFn::CallTimerFn: step_call_timer_fn(cpu, t, f); return;
	case NativeFn::RunHrtimer: step_run_hrtimer(cpu, t, f); return;
	case NativeFn::ModuleInit: step_module_init(cpu, t, f); return;
	case NativeFn::ModuleExit: step_module_exit(cpu, t, f); return;
	case NativeFn::WaitChild: step_wait_child(cpu, t, f); return;
	case NativeFn::Exit: step_exit(cpu, t, f); return;
	case NativeFn::Spin: step_spin(cpu, t, f); return;
	case NativeFn::MutexLock: step_mutex_lock(cpu, t, f); return;
	case NativeFn::SemDown: step_sem_down(cpu, t, f); return;
	case NativeFn::Completion: step_completion(cpu, t, f); return;
	case NativeFn::Worker: step_worker(cpu, t, f); return;
	case NativeFn::Stopper: step_stopper(cpu, t, f); return;
	case NativeFn::KthreadStop: step_kthread_stop(cpu, t, f); return;
	case NativeFn::Delay: step_delay(cpu, t, f); return;
	case NativeFn::FaultIn: step_fault_in(cpu, t, f); return;
	case NativeFn::Tasklets: run_tasklets(cpu, t, f); return;
	case NativeFn::Applet: step_applet(cpu, t, f); return;
	case NativeFn::SignalStop: step_signal_stop(cpu, t, f); return;
	case NativeFn::Count: break;
	}
	KCTX_UNREACHABLE();
}

}  // namespace kctx::kernel
