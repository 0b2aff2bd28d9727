// Signals (kernel/signal.c) and what happens on the way back to user mode
// (arch/x86/kernel/signal.c arch_do_signal_or_restart, handle_signal): default
// actions, handlers on the user stack, stop and continue, and syscall restart.
#include <bit>
#include <fmt/format.h>

#include "abi/Errno.h"
#include "abi/Layout.h"
#include "abi/Preempt.h"
#include "abi/Signal.h"
#include "base/Check.h"
#include "kernel/debug/CallTrace.h"
#include "kernel/core/Kernel.h"
#include "kernel/task/Restart.h"

namespace kctx::kernel {

using abi::BuiltinId;

namespace {
constexpr uint64_t sigbit(int32_t sig) { return 1ull << sig; }
constexpr uint64_t kStopMask =
	sigbit(abi::kSIGSTOP) | sigbit(abi::kSIGTSTP) | sigbit(abi::kSIGTTIN) | sigbit(abi::kSIGTTOU);
constexpr uint64_t kUnblockable = sigbit(abi::kSIGKILL) | sigbit(abi::kSIGSTOP);   // SIG_KERNEL_ONLY_MASK
constexpr uint64_t kAllSignals = ((1ull << abi::kNSIG) - 1) & ~1ull;

// include/linux/signal.h: SIG_KERNEL_IGNORE_MASK, SIG_KERNEL_COREDUMP_MASK, SIG_KERNEL_STOP_MASK.
bool default_ignored(int32_t sig)
{
	return sig == abi::kSIGCHLD || sig == abi::kSIGCONT || sig == abi::kSIGURG || sig == abi::kSIGWINCH;
}
bool default_core(int32_t sig)
{
	switch (sig) {
	case abi::kSIGQUIT:
	case abi::kSIGILL:
	case abi::kSIGTRAP:
	case abi::kSIGABRT:
	case abi::kSIGFPE:
	case abi::kSIGSEGV:
	case abi::kSIGBUS:
	case abi::kSIGSYS:
	case abi::kSIGXCPU:
	case abi::kSIGXFSZ: return true;
	default: return false;
	}
}
bool stop_signal(int32_t sig) { return (kStopMask & sigbit(sig)) != 0; }

// signal->real_timer: the hrtimer of alarm() and setitimer(ITIMER_REAL).
uint64_t real_timer_key(const Task& task) { return task.task_struct_addr + 0x80; }

// sigset_t in user memory has signal n at bit n - 1 (_NSIG_WORDS words; the kernel
// copies the first, sigsetsize 8); kctx's masks keep signal n at bit n.
uint64_t from_user_sigset(uint64_t word) { return (word << 1) & kAllSignals; }
uint64_t to_user_sigset(uint64_t mask) { return (mask & kAllSignals) >> 1; }

}   // namespace

uint64_t Kernel::blocked_signals(TaskId t) const { return m.tasks[t].sigblocked; }

bool Kernel::signal_pending(TaskId t) const
{
	const Task& task = m.tasks[t];
	return (task.sigpending & ~blocked_signals(t)) != 0;
}

bool Kernel::fatal_signal_pending(TaskId t) const
{
	return (m.tasks[t].sigpending & sigbit(abi::kSIGKILL)) != 0;
}

bool Kernel::send_signal(TaskId t, int32_t sig)
{
	Task& task = m.tasks[t];
	if (task.exited || sig <= 0 || sig >= abi::kNSIG)
		return false;
	// Kernel threads ignore every signal (kthreadd's ignore_signals()).
	if (!task.user)
		return true;
	uint64_t bit = sigbit(sig);
	uint64_t handler = task.user->sigactions[static_cast<size_t>(sig)].handler;
	uint64_t blocked = blocked_signals(t);

	// prepare_signal(): a stop signal cancels a pending SIGCONT; SIGCONT cancels pending
	// stop signals and resumes a stopped task, whatever its disposition.
	if (stop_signal(sig)) {
		task.sigpending &= ~sigbit(abi::kSIGCONT);
	} else if (sig == abi::kSIGCONT) {
		task.sigpending &= ~kStopMask;
		// A stop already dequeued but not yet taken is cancelled (JOBCTL_STOP_PENDING).
		for (KFrame& k : task.kstack)
			if (auto* nf = std::get_if<NativeFrame>(&k); nf && nf->fn() == NativeFn::SignalStop) {
				auto& stop = nf->as<run::SignalStop>();
				if (stop.resume == run::SignalStop::Resume::Start)
					stop.cancelled = true;
			}
		if (task.state & abi::TASK_STOPPED)
			wake_up_process(t, m_cpu, abi::TASK_STOPPED);
	}
	// sig_task_ignored(): init (SIGNAL_UNKILLABLE) only gets the signals it handles.
	if (task.pid == 1 && handler == abi::kSIG_DFL)
		return true;
	// sig_ignored(): a signal whose disposition is "ignore" is dropped here and wakes
	// nobody, unless it is blocked (the disposition may change before it is unblocked).
	if (!(bit & kUnblockable) && !(blocked & bit) &&
	    (handler == abi::kSIG_IGN || (handler == abi::kSIG_DFL && default_ignored(sig))))
		return true;
	task.sigpending |= bit;

	// complete_signal(): wants_signal() -- a blocked signal waits, and a stopped task
	// sees nothing but SIGKILL until SIGCONT.
	if (blocked & bit)
		return true;
	if (sig != abi::kSIGKILL && (task.state & abi::TASK_STOPPED))
		return true;
	// A fatal signal starts the group exit at once: SIGKILL with this signal as the exit
	// code, so killable sleeps end too (fatal_signal_pending()).
	bool fatal =
		handler == abi::kSIG_DFL && !default_ignored(sig) && !stop_signal(sig) && !default_core(sig);
	if (fatal && sig != abi::kSIGKILL) {
		task.sigpending |= sigbit(abi::kSIGKILL);
		if (!task.group_exit_sig)
			task.group_exit_sig = sig;
	}
	// signal_wake_up_state(): interruptible sleepers wake, killable ones too for a fatal
	// signal; a task running in user mode on another CPU is kicked into the kernel.
	uint32_t mask = abi::TASK_INTERRUPTIBLE | (fatal ? abi::TASK_WAKEKILL : 0);
	if (!wake_up_process(t, m_cpu, mask)) {
		Cpu& c = m.cpus[task.cpu];
		if (c.curr == t && task.cpu != m_cpu)
			c.wakeup_at = std::min(c.wakeup_at, std::max(c.now, m.cpus[m_cpu].now));
	}
	return true;
}

uint64_t Kernel::libc_return(TaskId t, uint32_t op, int64_t ret)
{
	// The libc wrapper the program called: -errno becomes -1 with errno set; sleep()
	// turns an interrupted nanosleep into the seconds left (glibc's __sleep). The shell's
	// own primitives (__kctx_*) take -errno as it is.
	Task& task = m.tasks[t];
	UserState& u = *task.user;
	uint32_t call = op == static_cast<uint32_t>(BuiltinId::restart_syscall) ? task.restart_block.op : op;
	bool raw = call == static_cast<uint32_t>(BuiltinId::rt_sigreturn) ||   // __restore_rt ignores it
		   (call < static_cast<uint32_t>(BuiltinId::Count) &&
		    abi::builtin(static_cast<BuiltinId>(call)).name.starts_with("__kctx_"));
	if (raw)
		return static_cast<uint64_t>(ret);
	if (call == static_cast<uint32_t>(BuiltinId::sleep) && ret == -abi::kEINTR) {
		(void)u.mm.store(u.errno_addr, static_cast<int32_t>(abi::kEINTR));
		return task.restart_block.left / 1'000'000'000;
	}
	if (ret < 0 && ret >= -4095) {
		(void)u.mm.store(u.errno_addr, static_cast<int32_t>(-ret));
		return static_cast<uint64_t>(-1ll);
	}
	return static_cast<uint64_t>(ret);
}

void Kernel::syscall_set_return(uint32_t cpu, TaskId t, uint32_t op, int64_t ret)
{
	vm::complete_builtin(m.tasks[t].user->thread, libc_return(t, op, ret));
	(void)cpu;
}

void Kernel::apply_restart(uint32_t cpu, TaskId t, uint32_t op, int64_t ret, RestartAction action)
{
	switch (action) {
	case RestartAction::PassThrough: syscall_set_return(cpu, t, op, ret); return;
	case RestartAction::Eintr: syscall_set_return(cpu, t, op, -abi::kEINTR); return;
	case RestartAction::Restart:
		// regs->ax = regs->orig_ax; regs->ip -= 2: the program executes the same call
		// again, with the same arguments, and enters the driver again.
		vm::rewind_builtin(m.tasks[t].user->thread);
		return;
	case RestartAction::RestartBlock:
		// regs->ax = __NR_restart_syscall; regs->ip -= 2: the syscall instruction runs
		// restart_syscall(2), whose result goes to the call the program is still in.
		start_syscall(cpu, t, BuiltinId::restart_syscall, {});
		return;
	}
}

bool Kernel::setup_rt_frame(uint32_t cpu, TaskId t, int32_t sig, const SigAction& ka, const SigFrame& frame)
{
	// handle_signal() -> setup_rt_frame(): on the user stack, __restore_rt (the
	// sa_restorer) and above it the handler, which returns into it; rt_sigreturn then
	// resumes the interrupted code. signal_delivered() blocks sa_mask and, without
	// SA_NODEFER, the signal itself until then.
	Task& task = m.tasks[t];
	UserState& u = *task.user;
	vm::Thread& th = u.thread;
	// Every program is linked at the same address: look the handler up in this one.
	uint32_t image = u.image;
	uint32_t vdso = 0;
	while (vdso < m.images.size() && m.images[vdso].kind != ImageSlot::Kind::Vdso)
		vdso++;
	if (image >= m_images.size() || vdso >= m_images.size())
		return false;
	auto loc = vm::locate(std::span(m_images).subspan(image, 1), ka.handler);
	if (!loc || loc->offset != 0)
		return false;
	const vm::Program& p = *m_images[image].program;
	// SA_SIGINFO handlers take (sig, siginfo_t *, void *): kctx passes no siginfo.
	std::vector<uint64_t> args = {static_cast<uint64_t>(sig), 0, 0};
	args.resize(std::min<size_t>(args.size(), p.functions[loc->func].nparams));
	SigFrame sf = frame;
	sf.depth = static_cast<uint32_t>(th.frames.size());
	sf.dest = th.pending_dest;
	sf.saved_mask = task.sigblocked;
	sf.sig = sig;
	if (!vm::push_call(th, m_images, vdso, 0, {}, vm::kDiscardResult))
		return false;
	if (!vm::push_call(th, m_images, image, loc->func, args, vm::kDiscardResult))
		return false;
	u.sigframes.push_back(sf);
	task.sigblocked |= ka.mask;
	if (!(ka.flags & abi::kSA_NODEFER))
		task.sigblocked |= sigbit(sig);
	task.sigblocked &= ~kUnblockable;
	(void)cpu;
	return true;
}

void Kernel::do_signal(uint32_t cpu, TaskId t, bool from_syscall, uint32_t op, int64_t ret,
		       bool in_get_signal)
{
	// exit_to_user_mode_loop(): with TIF_SIGPENDING, arch_do_signal_or_restart() runs
	// get_signal() until it finds a handler or nothing is left, then applies the restart
	// rules to the syscall the task is returning from (Restart.h).
	if (!m.tasks[t].user || m.tasks[t].exited)
		return;
	if (!in_get_signal && !signal_pending(t)) {
		if (from_syscall)
			apply_restart(cpu, t, op, ret, syscall_restart_action(ret, SignalOutcome::NoSignal));
		return;
	}
	for (;;) {
		Task& task = m.tasks[t];
		uint64_t deliverable = task.sigpending & ~task.sigblocked;
		if (!deliverable)
			break;
		// dequeue_signal(): SIGKILL first (a group exit), then the lowest number.
		int32_t sig =
			(deliverable & sigbit(abi::kSIGKILL)) ? abi::kSIGKILL : std::countr_zero(deliverable);
		task.sigpending &= ~sigbit(sig);
		if (sig == abi::kSIGALRM && task.it_real_incr) {
			// dequeue_signal(): an interval ITIMER_REAL is re-armed when its SIGALRM is
			// taken, not when it fires (hrtimer_forward + hrtimer_restart).
			auto it = m.hrtimers.find(real_timer_key(task));
			uint64_t now = m.cpus[cpu].now;
			if (it != m.hrtimers.end() && !it->second.pending) {
				uint64_t expires = it->second.expires;
				if (expires <= now)
					expires +=
						((now - expires) / task.it_real_incr + 1) * task.it_real_incr;
				hrtimer_start(real_timer_key(task), HrtimerKind::Alarm, 0, expires, 0, cpu,
					      t);
			}
		}
		SigAction& ka = task.user->sigactions[static_cast<size_t>(sig)];
		if (sig == abi::kSIGKILL) {
			// do_group_exit(): the exit code is the fatal signal that started it.
			do_exit(cpu, t, task.group_exit_sig ? task.group_exit_sig : abi::kSIGKILL);
			return;
		}
		if (ka.handler == abi::kSIG_IGN)
			continue;
		if (ka.handler != abi::kSIG_DFL) {
			SigAction act = ka;
			if (act.flags & abi::kSA_RESETHAND)
				ka.handler = abi::kSIG_DFL;   // SA_ONESHOT
			// handle_signal(): the restart rules with a handler. A restart rewinds the
			// call now; a value waits in the frame until rt_sigreturn.
			SigFrame frame;
			if (from_syscall) {
				RestartAction action =
					syscall_restart_action(ret, SignalOutcome::Handler, act.flags);
				if (action == RestartAction::Restart) {
					apply_restart(cpu, t, op, ret, action);
				} else {
					frame.has_result = true;
					frame.op = op;
					frame.result = action == RestartAction::Eintr ? -abi::kEINTR : ret;
				}
				from_syscall = false;   // regs->ax now holds -EINTR or orig_ax
			}
			if (!setup_rt_frame(cpu, t, sig, act, frame)) {
				// force_sigsegv(): a handler that cannot be set up kills the task.
				do_exit(cpu, t, abi::kSIGSEGV);
				return;
			}
			continue;
		}
		if (default_ignored(sig))
			continue;
		if (stop_signal(sig)) {
			// do_signal_stop(): the task stops here, in the kernel, until SIGCONT or
			// SIGKILL; get_signal() then loops again.
			push_native(t,
				    run::SignalStop{.from_syscall = from_syscall,
						    .syscall = static_cast<BuiltinId>(op),
						    .ret = ret,
						    .sig = sig},
				    StackKind::Task);
			return;
		}
		// The default action terminates: do_group_exit(). For the core-dumping signals
		// do_coredump() sets the status's 0x80 only when it wrote a core, and no core is
		// written: init's RLIMIT_CORE is 0 (include/asm-generic/resource.h INIT_RLIMITS)
		// and nothing in kctx raises it. So the shell says "Segmentation fault", as
		// busybox ash does without `ulimit -c`.
		do_exit(cpu, t, sig);
		return;
	}
	if (from_syscall)
		apply_restart(cpu, t, op, ret, syscall_restart_action(ret, SignalOutcome::NoHandler));
}

void Kernel::step_signal_stop(uint32_t cpu, TaskId t, NativeFrame& f)
{
	// do_signal_stop()
	Task& task = m.tasks[t];
	auto& r = f.as<run::SignalStop>();
	if (r.resume == run::SignalStop::Resume::Start) {
		if (!r.cancelled && !fatal_signal_pending(t)) {
			set_task_state(t, abi::TASK_WAKEKILL | abi::TASK_STOPPED);   // TASK_STOPPED
		}
		r.resume = run::SignalStop::Resume::Stopped;
		push_schedule(t);
		return;
	}
	if (task.state & abi::TASK_STOPPED) {
		// still stopped (a spurious pass): stay
		push_schedule(t);
		return;
	}
	bool from_syscall = r.from_syscall;
	auto op = static_cast<uint32_t>(r.syscall);
	int64_t ret = r.ret;
	task.kstack.pop_back();   // r is gone now
	do_signal(cpu, t, from_syscall, op, ret, true);
}

void trace_signal_stop(const Machine& m, const Task& task, const NativeFrame& f, std::vector<TraceLine>& out)
{
	TraceAdder add{out, f.stack};
	// get_signal() -> do_signal_stop() on the way back to user mode, from a syscall or
	// an interrupt.
	add("do_signal_stop+0x10c/0x2a0");
	add("get_signal+0x5b8/0x8e0");
	add("arch_do_signal_or_restart+0x2e/0x270");
	add("exit_to_user_mode_prepare+0x11f/0x190");
	if (f.as<run::SignalStop>().from_syscall) {
		add("syscall_exit_to_user_mode+0x17/0x40");
		add("do_syscall_64+0x67/0xc0");
		add("entry_SYSCALL_64_after_hwframe+0x64/0xce");
	} else {
		add("irqentry_exit_to_user_mode+0x9/0x20");
		add("asm_sysvec_apic_timer_interrupt+0x16/0x20");
	}
}

void Kernel::deliver_signals(uint32_t cpu, TaskId t) { do_signal(cpu, t, false, 0, 0, false); }

void Kernel::return_from_syscall(uint32_t cpu, TaskId t, uint32_t syscall, int64_t ret)
{
	do_signal(cpu, t, true, syscall, ret, false);
}

int64_t Kernel::nanosleep_interrupted(uint32_t cpu, TaskId t, uint32_t op, uint64_t expires, uint64_t rmtp)
{
	// do_nanosleep() woken by a signal: the time left goes to *rem at once, and the
	// restart block lets restart_syscall(2) sleep until the same expiry.
	Task& task = m.tasks[t];
	uint64_t now = m.cpus[cpu].now;
	uint64_t left = expires > now ? expires - now : 0;
	task.restart_block = RestartBlock{RestartFn::Nanosleep, op, expires, rmtp, left};
	if (rmtp && task.user) {
		namespace L = abi::layout::timespec;
		bool ok = task.user->mm.store(rmtp + L::tv_sec, static_cast<int64_t>(left / 1'000'000'000)) &&
			  task.user->mm.store(rmtp + L::tv_nsec, static_cast<int64_t>(left % 1'000'000'000));
		if (!ok)
			return -abi::kEFAULT;
	}
	return -abi::kERESTART_RESTARTBLOCK;
}

bool Kernel::signal_syscall(uint32_t cpu, TaskId t, NativeFrame& f)
{
	Task& task = m.tasks[t];
	Cpu& c = m.cpus[cpu];
	auto& r = f.as<run::Syscall>();
	auto finish = [&](int64_t v) {
		f.ret = v;
		return true;
	};
	switch (r.syscall) {
	case BuiltinId::kill:
	case BuiltinId::raise: {
		// kill_something_info(): a pid, the caller's group (0), or everyone but init (-1).
		bool raise = r.syscall == BuiltinId::raise;
		auto pid = raise ? task.pid : static_cast<int32_t>(r.args[0]);
		auto sig = static_cast<int32_t>(raise ? r.args[0] : r.args[1]);
		if (sig < 0 || sig >= abi::kNSIG)
			return finish(-abi::kEINVAL);
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
					send_signal(i, sig);
			}
			return finish(count ? 0 : -abi::kESRCH);
		}
		if (pid < 0)
			return finish(-abi::kESRCH);   // other process groups: there are none
		for (TaskId i = 0; i < m.tasks.size(); i++) {
			const Task& target = m.tasks[i];
			if (target.pid != pid || target.reaped)
				continue;
			// A zombie still has its pid: the signal goes nowhere, kill() succeeds.
			if (sig != 0 && !target.exited)
				send_signal(i, sig);
			return finish(0);
		}
		return finish(-abi::kESRCH);
	}
	case BuiltinId::signal:
	case BuiltinId::sigaction: {
		// do_sigaction()
		bool bsd = r.syscall == BuiltinId::signal;
		auto sig = static_cast<int32_t>(r.args[0]);
		bool setting = bsd || r.args[1] != 0;
		if (!task.user || sig <= 0 || sig >= abi::kNSIG || (setting && (sigbit(sig) & kUnblockable)))
			return finish(-abi::kEINVAL);
		SigAction& sa = task.user->sigactions[static_cast<size_t>(sig)];
		SigAction old = sa;
		namespace L = abi::layout::sigaction;
		vm::Memory& mm = task.user->mm;
		if (bsd) {
			// glibc's signal() is BSD signal(): SA_RESTART, the handler stays installed.
			sa = SigAction{r.args[1], abi::kSA_RESTART, 0};
		} else {
			if (r.args[2]) {
				bool ok = mm.store(r.args[2] + L::sa_handler, old.handler) &&
					  mm.store(r.args[2] + L::sa_flags, static_cast<int32_t>(old.flags)) &&
					  mm.store(r.args[2] + L::sa_mask, to_user_sigset(old.mask));
				if (!ok)
					return finish(-abi::kEFAULT);
			}
			if (r.args[1]) {
				uint64_t handler = 0, mask = 0;
				int32_t flags = 0;
				if (!mm.load(r.args[1] + L::sa_handler, handler) ||
				    !mm.load(r.args[1] + L::sa_flags, flags) ||
				    !mm.load(r.args[1] + L::sa_mask, mask))
					return finish(-abi::kEFAULT);
				sa = SigAction{handler, static_cast<uint32_t>(flags),
					       from_user_sigset(mask) & ~kUnblockable};
			}
		}
		// POSIX 3.3.1.3: setting "ignore" discards the signal if it is pending.
		if (setting &&
		    (sa.handler == abi::kSIG_IGN || (sa.handler == abi::kSIG_DFL && default_ignored(sig))))
			task.sigpending &= ~sigbit(sig);
		return finish(bsd ? static_cast<int64_t>(old.handler) : 0);
	}
	case BuiltinId::sigprocmask: {
		// rt_sigprocmask(how, set, oldset, 8)
		vm::Memory& mm = task.user->mm;
		uint64_t old = task.sigblocked;
		if (r.args[1]) {
			uint64_t word = 0;
			if (!mm.load(r.args[1], word))
				return finish(-abi::kEFAULT);
			uint64_t set = from_user_sigset(word) & ~kUnblockable;
			switch (r.args[0]) {
			case 0: task.sigblocked |= set; break;    // SIG_BLOCK
			case 1: task.sigblocked &= ~set; break;   // SIG_UNBLOCK
			case 2: task.sigblocked = set; break;     // SIG_SETMASK
			default: return finish(-abi::kEINVAL);
			}
		}
		if (r.args[2] && !mm.store(r.args[2], to_user_sigset(old)))
			return finish(-abi::kEFAULT);
		return finish(0);
	}
	case BuiltinId::sigpending: {
		// do_sigpending(): the pending signals that are blocked.
		if (!task.user->mm.store(r.args[0], to_user_sigset(task.sigpending & task.sigblocked)))
			return finish(-abi::kEFAULT);
		return finish(0);
	}
	case BuiltinId::alarm: {
		// alarm_setitimer(): the seconds left on the old alarm, rounded to nearest, and
		// never 0 for a pending one.
		uint64_t key = real_timer_key(task);
		auto it = m.hrtimers.find(key);
		uint64_t left = 0;
		if (it != m.hrtimers.end() && it->second.pending && it->second.expires > c.now) {
			uint64_t ns = it->second.expires - c.now;
			left = ns / 1'000'000'000;
			uint64_t usec = ns % 1'000'000'000 / 1000;
			if ((left == 0 && usec) || usec >= 500'000)
				left++;
		}
		task.it_real_incr = 0;
		if (r.args[0] == 0)
			hrtimer_cancel(key);
		else
			hrtimer_start(key, HrtimerKind::Alarm, 0, c.now + r.args[0] * 1'000'000'000ull, 0, cpu,
				      t);
		return finish(static_cast<int64_t>(left));
	}
	case BuiltinId::setitimer:
	case BuiltinId::getitimer: {
		// do_setitimer() / do_getitimer() for ITIMER_REAL; the CPU-time timers
		// (ITIMER_VIRTUAL, ITIMER_PROF) are not modelled.
		bool set = r.syscall == BuiltinId::setitimer;
		if (r.args[0] != 0)
			return finish(-abi::kEINVAL);
		vm::Memory& mm = task.user->mm;
		uint64_t key = real_timer_key(task);
		auto it = m.hrtimers.find(key);
		// get_itimerval(): an armed timer never reads as 0 left.
		uint64_t left = 0;
		if (it != m.hrtimers.end() && it->second.pending)
			left = it->second.expires > c.now ? it->second.expires - c.now : 1000;
		auto store_itimerval = [&](uint64_t p, uint64_t interval, uint64_t value) {
			return mm.store(p, static_cast<int64_t>(interval / 1'000'000'000)) &&
			       mm.store(p + 8, static_cast<int64_t>(interval % 1'000'000'000 / 1000)) &&
			       mm.store(p + 16, static_cast<int64_t>(value / 1'000'000'000)) &&
			       mm.store(p + 24, static_cast<int64_t>((value % 1'000'000'000 + 999) / 1000));
		};
		uint64_t out = set ? r.args[2] : r.args[1];
		std::array<int64_t, 4> v{};   // it_interval.tv_sec, tv_usec, it_value.tv_sec, tv_usec
		if (set && r.args[1]) {
			for (size_t i = 0; i < v.size(); i++)
				if (!mm.load(r.args[1] + 8 * i, v[i]))
					return finish(-abi::kEFAULT);
			for (size_t i = 0; i < v.size(); i += 2)
				if (v[i] < 0 || v[i + 1] < 0 || v[i + 1] >= 1'000'000)
					return finish(-abi::kEINVAL);
		}
		if (out && !store_itimerval(out, task.it_real_incr, left))
			return finish(-abi::kEFAULT);
		if (!set)
			return finish(0);
		uint64_t value =
			static_cast<uint64_t>(v[2]) * 1'000'000'000ull + static_cast<uint64_t>(v[3]) * 1000;
		task.it_real_incr =
			static_cast<uint64_t>(v[0]) * 1'000'000'000ull + static_cast<uint64_t>(v[1]) * 1000;
		if (value == 0)
			hrtimer_cancel(key);
		else
			hrtimer_start(key, HrtimerKind::Alarm, 0, c.now + value, 0, cpu, t);
		return finish(0);
	}
	case BuiltinId::pause: {
		// sys_pause(): sleep until a signal; -ERESTARTNOHAND, so a signal that runs no
		// handler (stop and continue) leaves the program in pause().
		if (signal_pending(t))
			return finish(-abi::kERESTARTNOHAND);
		set_task_state(t, abi::TASK_INTERRUPTIBLE);
		r.resume = run::Syscall::Resume::Called;
		push_schedule(t);
		return false;
	}
	case BuiltinId::rt_sigreturn: {
		// sys_rt_sigreturn(), from __restore_rt once a handler has returned: the blocked
		// mask of before the signal, the interrupted syscall's value to its caller (the
		// frame below __restore_rt), and no more restart through restart_syscall.
		vm::Thread& th = task.user->thread;
		std::vector<SigFrame>& frames = task.user->sigframes;
		if (frames.empty() || frames.back().depth + 1 != th.frames.size() ||
		    frames.back().depth == 0) {
			do_exit(cpu, t, abi::kSIGSEGV);   // badframe: force_sig(SIGSEGV)
			return false;
		}
		SigFrame sf = frames.back();
		frames.pop_back();
		task.sigblocked = sf.saved_mask & ~kUnblockable;
		task.restart_block.fn =
			RestartFn::None;   // "make any pending restarted system calls return -EINTR"
		if (sf.has_result) {
			uint64_t value = libc_return(t, sf.op, sf.result);
			th.regs[th.frames[sf.depth - 1].base + sf.dest] = value;
		}
		// It returns the restored regs->ax (sys_exit_rt_sigreturn shows it).
		return finish(sf.has_result ? sf.result : 0);
	}
	case BuiltinId::restart_syscall: {
		// sys_restart_syscall(): current->restart_block.fn; do_no_restart_syscall()
		// (-EINTR) unless an interrupted sleep set it since the last sigreturn.
		RestartBlock& rb = task.restart_block;
		if (r.resume != run::Syscall::Resume::Called) {
			if (rb.fn != RestartFn::Nanosleep)
				return finish(-abi::kEINTR);
			r.rmtp = rb.rmtp;
			r.restart_op = static_cast<BuiltinId>(rb.op);
			r.sleep_expires = rb.expires;
			if (c.now >= rb.expires)
				return finish(0);
			uint64_t expires = rb.expires;
			r.resume = run::Syscall::Resume::Called;
			push_native(t, run::Nanosleep{.expires_ns = expires}, StackKind::Task);   // r is gone now
			return false;
		}
		// hrtimer_nanosleep_restart()
		if (f.ret != 0)
			return finish(nanosleep_interrupted(cpu, t, static_cast<uint32_t>(r.restart_op), r.sleep_expires,
							    r.rmtp));
		return finish(0);
	}
	default: break;
	}
	return finish(-abi::kENOSYS);
}

}   // namespace kctx::kernel
