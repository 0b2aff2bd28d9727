// The signal system calls (kernel/signal.c, kernel/time/itimer.c): one handler per
// Builtins.def group. Each returns true when finished (f.ret set), false when it pushed a
// frame (resumed at run::Syscall::Resume::Called).
#include <array>

#include "abi/Errno.h"
#include "abi/Layout.h"
#include "abi/Signal.h"
#include "kernel/core/Kernel.h"
#include "kernel/task/Restart.h"
#include "kernel/task/SignalBits.h"

namespace kctx::kernel {

using abi::BuiltinId;
using namespace signals;

namespace {

bool finish(NativeFrame& f, int64_t v)
{
	f.ret = v;
	return true;
}

// get_itimerval(): an armed timer never reads as 0 left.
uint64_t real_timer_left(const Machine& m, const Task& task, uint64_t now)
{
	auto it = m.time.hrtimers.find(real_timer_key(task));
	if (it == m.time.hrtimers.end() || !it->second.pending)
		return 0;
	return it->second.expires > now ? it->second.expires - now : 1000;
}

}   // namespace

bool Kernel::kill_syscall(uint32_t cpu, TaskId t, NativeFrame& f)
{
	// kill_something_info(): a pid, the caller's group (0), or everyone but init (-1).
	auto& r = f.as<run::Syscall>();
	bool raise = r.syscall == BuiltinId::raise;
	auto pid = raise ? m.tasks[t].pid : static_cast<int32_t>(r.args[0]);
	auto sig = static_cast<int32_t>(raise ? r.args[0] : r.args[1]);
	if (sig < 0 || sig >= abi::kNSIG)
		return finish(f, -abi::kEINVAL);
	if (pid == -1 || pid == 0) {
		// -1: every process but init and the caller; 0: the caller's process group,
		// which in kctx (no setpgid, no job control) holds every task, kernel threads
		// included (they ignore signals).
		int count = 0;
		for (TaskId i = 0; i < m.tasks.size(); i++) {
			const Task& target = m.tasks[i];
			if (target.pid <= 0 || target.exited || (pid == -1 && (target.pid == 1 || i == t)))
				continue;
			count++;
			if (sig != 0)
				send_signal(cpu, i, sig);
		}
		return finish(f, count ? 0 : -abi::kESRCH);
	}
	if (pid < 0)
		return finish(f, -abi::kESRCH);   // other process groups: there are none
	for (TaskId i = 0; i < m.tasks.size(); i++) {
		const Task& target = m.tasks[i];
		if (target.pid != pid || target.reaped)
			continue;
		// A zombie still has its pid: the signal goes nowhere, kill() succeeds.
		if (sig != 0 && !target.exited)
			send_signal(cpu, i, sig);
		return finish(f, 0);
	}
	return finish(f, -abi::kESRCH);
}

bool Kernel::sigaction_syscall(uint32_t, TaskId t, NativeFrame& f)
{
	// do_sigaction()
	Task& task = m.tasks[t];
	auto& r = f.as<run::Syscall>();
	bool bsd = r.syscall == BuiltinId::signal;
	auto sig = static_cast<int32_t>(r.args[0]);
	bool setting = bsd || r.args[1] != 0;
	if (!task.user || sig <= 0 || sig >= abi::kNSIG || (setting && (sigbit(sig) & kUnblockable)))
		return finish(f, -abi::kEINVAL);
	SigAction& sa = task.user->sigactions[static_cast<size_t>(sig)];
	SigAction old = sa;
	namespace L = abi::layout::sigaction;
	vm::Memory& mm = task.user->mm;
	if (bsd) {
		// glibc's signal() is BSD signal(): SA_RESTART, the handler stays installed.
		sa = SigAction{r.args[1], abi::kSA_RESTART, 0};
	} else {
		if (r.args[2]) {
			bool ok = mm.store(r.args[2] + L::handler, old.handler) &&
				  mm.store(r.args[2] + L::flags, static_cast<int32_t>(old.flags)) &&
				  mm.store(r.args[2] + L::mask, to_user_sigset(old.mask));
			if (!ok)
				return finish(f, -abi::kEFAULT);
		}
		if (r.args[1]) {
			uint64_t handler = 0, mask = 0;
			int32_t flags = 0;
			if (!mm.load(r.args[1] + L::handler, handler) || !mm.load(r.args[1] + L::flags, flags) ||
			    !mm.load(r.args[1] + L::mask, mask))
				return finish(f, -abi::kEFAULT);
			sa = SigAction{handler, static_cast<uint32_t>(flags), from_user_sigset(mask) & ~kUnblockable};
		}
	}
	// POSIX 3.3.1.3: setting "ignore" discards the signal if it is pending.
	if (setting && (sa.handler == abi::kSIG_IGN || (sa.handler == abi::kSIG_DFL && default_ignored(sig))))
		task.signal.pending &= ~sigbit(sig);
	return finish(f, bsd ? static_cast<int64_t>(old.handler) : 0);
}

bool Kernel::sigmask_syscall(uint32_t, TaskId t, NativeFrame& f)
{
	Task& task = m.tasks[t];
	auto& r = f.as<run::Syscall>();
	vm::Memory& mm = task.user->mm;
	if (r.syscall == BuiltinId::sigpending) {
		// do_sigpending(): the pending signals that are blocked.
		if (!mm.store(r.args[0], to_user_sigset(task.signal.pending & task.signal.blocked)))
			return finish(f, -abi::kEFAULT);
		return finish(f, 0);
	}
	// rt_sigprocmask(how, set, oldset, 8)
	uint64_t old = task.signal.blocked;
	if (r.args[1]) {
		uint64_t word = 0;
		if (!mm.load(r.args[1], word))
			return finish(f, -abi::kEFAULT);
		uint64_t set = from_user_sigset(word) & ~kUnblockable;
		switch (r.args[0]) {
		case 0: task.signal.blocked |= set; break;    // SIG_BLOCK
		case 1: task.signal.blocked &= ~set; break;   // SIG_UNBLOCK
		case 2: task.signal.blocked = set; break;     // SIG_SETMASK
		default: return finish(f, -abi::kEINVAL);
		}
	}
	if (r.args[2] && !mm.store(r.args[2], to_user_sigset(old)))
		return finish(f, -abi::kEFAULT);
	return finish(f, 0);
}

bool Kernel::alarm_syscall(uint32_t cpu, TaskId t, NativeFrame& f)
{
	// alarm_setitimer(): the seconds left on the old alarm, rounded to nearest, and never
	// 0 for a pending one.
	Task& task = m.tasks[t];
	auto& r = f.as<run::Syscall>();
	uint64_t now = m.cpus[cpu].now;
	uint64_t key = real_timer_key(task);
	auto it = m.time.hrtimers.find(key);
	uint64_t left = 0;
	if (it != m.time.hrtimers.end() && it->second.pending && it->second.expires > now) {
		uint64_t ns = it->second.expires - now;
		left = ns / 1'000'000'000;
		uint64_t usec = ns % 1'000'000'000 / 1000;
		if ((left == 0 && usec) || usec >= 500'000)
			left++;
	}
	task.signal.it_real_incr = 0;
	if (r.args[0] == 0)
		m.time.hrtimer_cancel(key);
	else
		m.time.hrtimer_start(key, HrtimerKind::Alarm, 0, now + r.args[0] * 1'000'000'000ull, 0, cpu, t);
	return finish(f, static_cast<int64_t>(left));
}

bool Kernel::itimer_syscall(uint32_t cpu, TaskId t, NativeFrame& f)
{
	// do_setitimer() / do_getitimer() for ITIMER_REAL; the CPU-time timers
	// (ITIMER_VIRTUAL, ITIMER_PROF) are not modelled.
	Task& task = m.tasks[t];
	auto& r = f.as<run::Syscall>();
	bool set = r.syscall == BuiltinId::setitimer;
	if (r.args[0] != 0)
		return finish(f, -abi::kEINVAL);
	vm::Memory& mm = task.user->mm;
	uint64_t now = m.cpus[cpu].now;
	namespace I = abi::layout::itimerval;
	namespace V = abi::layout::timeval;
	// A struct timeval as two longs: {sec, usec}; the value rounds up to a microsecond.
	auto store_timeval = [&](uint64_t p, uint64_t ns, bool round_up) {
		uint64_t usec = (ns % 1'000'000'000 + (round_up ? 999 : 0)) / 1000;
		return mm.store(p + V::tv_sec, static_cast<int64_t>(ns / 1'000'000'000)) &&
		       mm.store(p + V::tv_usec, static_cast<int64_t>(usec));
	};
	// get_itimerval(): the whole struct is copied in (EFAULT) before it is checked (EINVAL).
	uint64_t out = set ? r.args[2] : r.args[1];
	uint64_t interval = 0, value = 0;
	if (set && r.args[1]) {
		std::array<int64_t, 4> v{};   // it_interval's sec, usec; it_value's sec, usec
		for (size_t i = 0; i < 2; i++) {
			uint64_t p = r.args[1] + (i == 0 ? I::it_interval : I::it_value);
			if (!mm.load(p + V::tv_sec, v[2 * i]) || !mm.load(p + V::tv_usec, v[2 * i + 1]))
				return finish(f, -abi::kEFAULT);
		}
		for (size_t i = 0; i < v.size(); i += 2)
			if (v[i] < 0 || v[i + 1] < 0 || v[i + 1] >= 1'000'000)
				return finish(f, -abi::kEINVAL);
		auto ns = [](int64_t sec, int64_t usec) {
			return static_cast<uint64_t>(sec) * 1'000'000'000ull + static_cast<uint64_t>(usec) * 1000;
		};
		interval = ns(v[0], v[1]);
		value = ns(v[2], v[3]);
	}
	if (out && !(store_timeval(out + I::it_interval, task.signal.it_real_incr, false) &&
		     store_timeval(out + I::it_value, real_timer_left(m, task, now), true)))
		return finish(f, -abi::kEFAULT);
	if (!set)
		return finish(f, 0);
	task.signal.it_real_incr = interval;
	uint64_t key = real_timer_key(task);
	if (value == 0)
		m.time.hrtimer_cancel(key);
	else
		m.time.hrtimer_start(key, HrtimerKind::Alarm, 0, now + value, 0, cpu, t);
	return finish(f, 0);
}

bool Kernel::pause_syscall(uint32_t, TaskId t, NativeFrame& f)
{
	// sys_pause(): sleep until a signal; -ERESTARTNOHAND, so a signal that runs no handler
	// (stop and continue) leaves the program in pause().
	auto& r = f.as<run::Syscall>();
	if (signal_pending(t))
		return finish(f, -abi::kERESTARTNOHAND);
	set_task_state(t, abi::TASK_INTERRUPTIBLE);
	r.resume = run::Syscall::Resume::Called;
	push_schedule(t);
	return false;
}

bool Kernel::sigreturn_syscall(uint32_t cpu, TaskId t, NativeFrame& f)
{
	// sys_rt_sigreturn(), from __restore_rt once a handler has returned: the blocked mask
	// of before the signal, the interrupted syscall's value to its caller (the frame below
	// __restore_rt), and no more restart through restart_syscall.
	Task& task = m.tasks[t];
	vm::Thread& th = task.user->thread;
	std::vector<SigFrame>& frames = task.user->sigframes;
	if (frames.empty() || frames.back().depth + 1 != th.frames.size() || frames.back().depth == 0) {
		do_exit(cpu, t, abi::kSIGSEGV);   // badframe: force_sig(SIGSEGV)
		return false;
	}
	SigFrame sf = frames.back();
	frames.pop_back();
	task.signal.blocked = sf.saved_mask & ~kUnblockable;
	task.signal.restart_block.fn = RestartFn::None;   // "make any pending restarted system calls return -EINTR"
	if (sf.has_result) {
		uint64_t value = libc_return(t, sf.op, sf.result);
		th.regs[th.frames[sf.depth - 1].base + sf.dest] = value;
	}
	// It returns the restored regs->ax (sys_exit_rt_sigreturn shows it).
	return finish(f, sf.has_result ? sf.result : 0);
}

bool Kernel::restart_block_syscall(uint32_t cpu, TaskId t, NativeFrame& f)
{
	// sys_restart_syscall(): current->restart_block.fn; do_no_restart_syscall() (-EINTR)
	// unless an interrupted sleep set it since the last sigreturn.
	auto& r = f.as<run::Syscall>();
	RestartBlock& rb = m.tasks[t].signal.restart_block;
	if (r.resume != run::Syscall::Resume::Called) {
		if (rb.fn != RestartFn::Nanosleep)
			return finish(f, -abi::kEINTR);
		r.rmtp = rb.rmtp;
		r.restart_op = static_cast<BuiltinId>(rb.op);
		r.sleep_expires = rb.expires;
		if (m.cpus[cpu].now >= rb.expires)
			return finish(f, 0);
		uint64_t expires = rb.expires;
		r.resume = run::Syscall::Resume::Called;
		push_native(t, run::Nanosleep{.expires_ns = expires}, StackKind::Task);   // r is gone now
		return false;
	}
	// hrtimer_nanosleep_restart()
	if (f.ret != 0)
		return finish(f, nanosleep_interrupted(cpu, t, static_cast<uint32_t>(r.restart_op), r.sleep_expires,
						       r.rmtp));
	return finish(f, 0);
}

}   // namespace kctx::kernel
