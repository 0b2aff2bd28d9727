// Signals (kernel/signal.c) and what happens on the way back to user mode
// (arch/x86/kernel/signal.c arch_do_signal_or_restart, handle_signal).
#include <fmt/format.h>

#include "abi/Errno.h"
#include "abi/Layout.h"
#include "abi/Preempt.h"
#include "abi/Signal.h"
#include "base/Check.h"
#include "kernel/Kernel.h"

namespace kctx::kernel {

using abi::BuiltinId;

namespace {
// Signals whose default action is to ignore (SIG_KERNEL_IGNORE_MASK) or to dump core
// (SIG_KERNEL_COREDUMP_MASK), include/linux/signal.h.
bool default_ignored(int32_t sig) { return sig == abi::kSIGCHLD || sig == abi::kSIGCONT || sig == abi::kSIGURG || sig == abi::kSIGWINCH; }
bool default_core(int32_t sig)
{
	switch (sig) {
	case abi::kSIGQUIT: case abi::kSIGILL: case abi::kSIGTRAP: case abi::kSIGABRT: case abi::kSIGFPE:
	case abi::kSIGSEGV: case abi::kSIGBUS: case abi::kSIGSYS: case abi::kSIGXCPU: case abi::kSIGXFSZ: return true;
	default: return false;
	}
}
bool stop_signal(int32_t sig) { return sig == abi::kSIGSTOP || sig == abi::kSIGTSTP || sig == abi::kSIGTTIN || sig == abi::kSIGTTOU; }
}  // namespace

bool Kernel::signal_pending(TaskId t) const
{
	const Task& task = m.tasks[t];
	return (task.sigpending & ~task.sigblocked) != 0;
}

bool Kernel::fatal_signal_pending(TaskId t) const { return m.tasks[t].sigpending & (1ull << abi::kSIGKILL); }

bool Kernel::send_signal(TaskId t, int32_t sig)
{
	Task& task = m.tasks[t];
	if (task.exited || sig <= 0 || sig >= abi::kNSIG)
		return false;
	// sig_ignored(): a signal whose disposition is "ignore" is dropped at send time and
	// wakes nobody. Kernel threads ignore everything but SIGKILL.
	if (sig != abi::kSIGKILL && sig != abi::kSIGSTOP) {
		if (!task.user)
			return true;
		uint64_t handler = task.user->sigactions[static_cast<size_t>(sig)].handler;
		if (handler == abi::kSIG_IGN || (handler == abi::kSIG_DFL && default_ignored(sig)))
			return true;
	}
	task.sigpending |= 1ull << sig;
	if (!signal_pending(t))
		return true;
	// signal_wake_up(): interruptible sleepers wake; SIGKILL wakes killable ones too; a
	// task running in user mode elsewhere is kicked into the kernel.
	uint32_t mask = abi::TASK_INTERRUPTIBLE | (sig == abi::kSIGKILL ? abi::TASK_WAKEKILL | abi::TASK_UNINTERRUPTIBLE : 0);
	if (task.state & abi::TASK_WAKEKILL && sig == abi::kSIGKILL)
		mask |= task.state;
	if (!wake_up_process(t, m_cpu, mask)) {
		Cpu& c = m.cpus[task.cpu];
		if (c.curr == t && task.cpu != m_cpu)
			c.wakeup_at = std::min(c.wakeup_at, std::max(c.now, m.cpus[m_cpu].now));
	}
	return true;
}

void Kernel::deliver_signals(uint32_t cpu, TaskId t)
{
	// arch_do_signal_or_restart() on the way back to user mode.
	Task& task = m.tasks[t];
	if (!task.user || task.exited)
		return;
	for (int32_t sig = 1; sig < abi::kNSIG; sig++) {
		uint64_t bit = 1ull << sig;
		if (!(task.sigpending & bit) || (task.sigblocked & bit))
			continue;
		task.sigpending &= ~bit;
		SigAction& sa = task.user->sigactions[static_cast<size_t>(sig)];
		if (sig == abi::kSIGKILL || sa.handler == abi::kSIG_DFL) {
			if (default_ignored(sig) || (stop_signal(sig) && sig != abi::kSIGKILL))
				continue;
			do_exit(cpu, t, sig | (default_core(sig) ? 0x80 : 0));
			return;
		}
		if (sa.handler == abi::kSIG_IGN)
			continue;
		// handle_signal(): the handler runs on the user stack, then sigreturn resumes the
		// interrupted code.
		uint64_t handler = sa.handler;
		if (sa.flags & abi::kSA_RESETHAND)
			sa = SigAction{};
		auto loc = vm::locate(m_images, handler);
		vm::Thread& th = task.user->thread;
		uint64_t arg = static_cast<uint64_t>(sig);
		if (!loc || !vm::push_call(th, m_images, loc->image, loc->func, std::span(&arg, 1), vm::kDiscardResult)) {
			do_exit(cpu, t, abi::kSIGSEGV | 0x80);
			return;
		}
		return;   // one signal per return to user mode; the rest on the next
	}
}

void Kernel::return_from_syscall(uint32_t cpu, TaskId t, uint32_t syscall, int64_t ret)
{
	// glibc's syscall wrappers: -errno becomes -1 with errno set.
	Task& task = m.tasks[t];
	(void)syscall;
	if (ret < 0 && ret >= -4095) {
		(void)task.user->mm.store(task.user->errno_addr, static_cast<int32_t>(-ret));
		ret = -1;
	}
	vm::complete_builtin(task.user->thread, static_cast<uint64_t>(ret));
	deliver_signals(cpu, t);
}


bool Kernel::is_signal_syscall(uint32_t op)
{
	switch (static_cast<BuiltinId>(op)) {
	case BuiltinId::kill:
	case BuiltinId::raise:
	case BuiltinId::signal:
	case BuiltinId::sigaction:
	case BuiltinId::alarm:
	case BuiltinId::pause: return true;
	default: return false;
	}
}

bool Kernel::signal_syscall(uint32_t cpu, TaskId t, NativeFrame& f)
{
	Task& task = m.tasks[t];
	Cpu& c = m.cpus[cpu];
	auto finish = [&](int64_t v) {
		f.ret = v;
		return true;
	};
	switch (static_cast<BuiltinId>(f.op)) {
	case BuiltinId::kill:
	case BuiltinId::raise: {
		int32_t pid = f.op == static_cast<uint32_t>(BuiltinId::raise) ? task.pid : static_cast<int32_t>(f.a[0]);
		int32_t sig = static_cast<int32_t>(f.op == static_cast<uint32_t>(BuiltinId::raise) ? f.a[0] : f.a[1]);
		if (sig < 0 || sig >= abi::kNSIG)
			return finish(-abi::kEINVAL);
		for (TaskId i = 0; i < m.tasks.size(); i++) {
			Task& target = m.tasks[i];
			if (target.pid != pid || target.pid <= 0 || target.reaped || (target.exited && sig != 0))
				continue;
			if (sig != 0)
				send_signal(i, sig);
			return finish(0);
		}
		return finish(-abi::kESRCH);
	}
	case BuiltinId::signal:
	case BuiltinId::sigaction: {
		int32_t sig = static_cast<int32_t>(f.a[0]);
		if (!task.user || sig <= 0 || sig >= abi::kNSIG || sig == abi::kSIGKILL || sig == abi::kSIGSTOP)
			return finish(f.op == static_cast<uint32_t>(BuiltinId::signal) ? -1 : -abi::kEINVAL);
		SigAction& sa = task.user->sigactions[static_cast<size_t>(sig)];
		SigAction old = sa;
		if (f.op == static_cast<uint32_t>(BuiltinId::signal)) {
			// glibc's signal() is BSD signal(): SA_RESTART, handler stays installed.
			sa = SigAction{f.a[1], abi::kSA_RESTART, 0};
			f.ret = static_cast<int64_t>(old.handler);
			return true;
		}
		namespace L = abi::layout::sigaction;
		vm::Memory& mm = task.user->mm;
		if (f.a[2]) {
			bool ok = mm.store(f.a[2] + L::sa_handler, old.handler) && mm.store(f.a[2] + L::sa_flags, static_cast<int32_t>(old.flags)) &&
				  mm.store(f.a[2] + L::sa_mask, old.mask);
			if (!ok)
				return finish(-abi::kEFAULT);
		}
		if (f.a[1]) {
			uint64_t handler = 0, mask = 0;
			int32_t flags = 0;
			if (!mm.load(f.a[1] + L::sa_handler, handler) || !mm.load(f.a[1] + L::sa_flags, flags) || !mm.load(f.a[1] + L::sa_mask, mask))
				return finish(-abi::kEFAULT);
			sa = SigAction{handler, static_cast<uint32_t>(flags), mask};
		}
		return finish(0);
	}
	case BuiltinId::alarm: {
		uint64_t key = task.task_struct_addr + 0x80;   // signal->real_timer
		auto it = m.hrtimers.find(key);
		uint64_t left = it != m.hrtimers.end() && it->second.pending && it->second.expires > c.now
					? (it->second.expires - c.now + 999999999) / 1000000000 : 0;
		if (f.a[0] == 0)
			hrtimer_cancel(key);
		else
			hrtimer_start(key, HrtimerKind::Alarm, 0, c.now + f.a[0] * 1000000000ull, 0, cpu, t);
		return finish(static_cast<int64_t>(left));
	}
	case BuiltinId::pause: {
		// sys_pause(): sleep until a signal; -ERESTARTNOHAND.
		if (f.state == 2 || signal_pending(t))
			return finish(-abi::kEINTR);
		task.state = abi::TASK_INTERRUPTIBLE;
		sync_task_struct(t);
		f.state = 2;
		push_schedule(t);
		return false;
	}
	default: break;
	}
	return finish(-abi::kENOSYS);
}

}  // namespace kctx::kernel
