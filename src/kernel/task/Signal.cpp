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
#include "kernel/core/Hooks.h"
#include "kernel/core/Kernel.h"
#include "kernel/task/Restart.h"
#include "kernel/task/SignalBits.h"

namespace kctx::kernel {

using abi::BuiltinId;

using namespace signals;


uint64_t Kernel::blocked_signals(TaskId t) const { return m.tasks[t].signal.blocked; }

bool Kernel::signal_pending(TaskId t) const
{
	const Task& task = m.tasks[t];
	return (task.signal.pending & ~blocked_signals(t)) != 0;
}

bool Kernel::fatal_signal_pending(TaskId t) const
{
	return (m.tasks[t].signal.pending & sigbit(abi::kSIGKILL)) != 0;
}

bool Kernel::send_signal(uint32_t from_cpu, TaskId t, int32_t sig)
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
		task.signal.pending &= ~sigbit(abi::kSIGCONT);
	} else if (sig == abi::kSIGCONT) {
		task.signal.pending &= ~kStopMask;
		// A stop already dequeued but not yet taken is cancelled (JOBCTL_STOP_PENDING).
		for (KFrame& k : task.kstack)
			if (auto* nf = std::get_if<NativeFrame>(&k); nf && nf->fn() == NativeFn::SignalStop) {
				auto& stop = nf->as<run::SignalStop>();
				if (stop.resume == run::SignalStop::Resume::Start)
					stop.cancelled = true;
			}
		if (task.state & abi::TASK_STOPPED)
			wake_up_process(t, from_cpu, abi::TASK_STOPPED);
	}
	// sig_task_ignored(): init (SIGNAL_UNKILLABLE) only gets the signals it handles.
	if (task.pid == 1 && handler == abi::kSIG_DFL)
		return true;
	// sig_ignored(): a signal whose disposition is "ignore" is dropped here and wakes
	// nobody, unless it is blocked (the disposition may change before it is unblocked).
	if (!(bit & kUnblockable) && !(blocked & bit) &&
	    (handler == abi::kSIG_IGN || (handler == abi::kSIG_DFL && default_ignored(sig))))
		return true;
	task.signal.pending |= bit;

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
		task.signal.pending |= sigbit(abi::kSIGKILL);
		if (!task.signal.group_exit_sig)
			task.signal.group_exit_sig = sig;
	}
	// signal_wake_up_state(): interruptible sleepers wake, killable ones too for a fatal
	// signal; a task running in user mode on another CPU is kicked into the kernel.
	uint32_t mask = abi::TASK_INTERRUPTIBLE | (fatal ? abi::TASK_WAKEKILL : 0);
	if (!wake_up_process(t, from_cpu, mask)) {
		Cpu& c = m.cpus[task.cpu];
		if (c.curr == t && task.cpu != from_cpu)
			c.sched.wakeup_at = std::min(c.sched.wakeup_at, std::max(c.now, m.cpus[from_cpu].now));
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
	uint32_t call = op == static_cast<uint32_t>(BuiltinId::restart_syscall) ? task.signal.restart_block.op : op;
	bool raw = call == static_cast<uint32_t>(BuiltinId::rt_sigreturn) ||   // __restore_rt ignores it
		   (call < static_cast<uint32_t>(BuiltinId::Count) &&
		    abi::builtin(static_cast<BuiltinId>(call)).name.starts_with("__kctx_"));
	if (raw)
		return static_cast<uint64_t>(ret);
	if (call == static_cast<uint32_t>(BuiltinId::sleep) && ret == -abi::kEINTR) {
		(void)u.mm.store(u.errno_addr, static_cast<int32_t>(abi::kEINTR));
		return task.signal.restart_block.left / 1'000'000'000;
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
	// sys_rt_sigreturn() restores the registers, the stack pointer with them, so the frame
	// __restore_rt ran in is gone by the time the next signal is delivered. kctx's
	// __restore_rt frame stays until its RETV: one whose rt_sigreturn is done (pc past
	// its CALLB) is popped here as that RETV would, or a stream of signals (a 1 us
	// ITIMER_REAL) would stack one frame per signal without bound. Its call's value
	// (rt_sigreturn's, which __restore_rt ignores) goes nowhere.
	if (!th.frames.empty() && th.frames.back().image == vdso && th.frames.back().pc >= vm::op_words(vm::Op::CALLB)) {
		const vm::Frame& done = th.frames.back();
		uint64_t frame_size = m_images[vdso].program->functions[done.func].frame_size;
		th.sp = done.fp + ((frame_size + 15) & ~uint64_t{15});   // as push_call took it
		th.regs.resize(done.base);
		th.frames.pop_back();
		sf.has_result = false;
	}
	sf.depth = static_cast<uint32_t>(th.frames.size());
	sf.dest = th.pending_dest;
	sf.saved_mask = task.signal.blocked;
	sf.sig = sig;
	if (!vm::push_call(th, m_images, vdso, 0, {}, vm::kDiscardResult))
		return false;
	if (!vm::push_call(th, m_images, image, loc->func, args, vm::kDiscardResult))
		return false;
	u.sigframes.push_back(sf);
	task.signal.blocked |= ka.mask;
	if (!(ka.flags & abi::kSA_NODEFER))
		task.signal.blocked |= sigbit(sig);
	task.signal.blocked &= ~kUnblockable;
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
		uint64_t deliverable = task.signal.pending & ~task.signal.blocked;
		if (!deliverable)
			break;
		// dequeue_signal(): SIGKILL first (a group exit), then the lowest number.
		int32_t sig =
			(deliverable & sigbit(abi::kSIGKILL)) ? abi::kSIGKILL : std::countr_zero(deliverable);
		task.signal.pending &= ~sigbit(sig);
		if (sig == abi::kSIGALRM && task.signal.it_real_incr) {
			// dequeue_signal(): an interval ITIMER_REAL is re-armed when its SIGALRM is
			// taken, not when it fires (hrtimer_forward + hrtimer_restart).
			auto it = m.time.hrtimers.find(real_timer_key(task));
			uint64_t now = m.cpus[cpu].now;
			if (it != m.time.hrtimers.end() && !it->second.pending) {
				uint64_t expires = it->second.expires;
				if (expires <= now)
					expires +=
						((now - expires) / task.signal.it_real_incr + 1) * task.signal.it_real_incr;
				m.time.hrtimer_start(real_timer_key(task), HrtimerKind::Alarm, 0, expires, 0, cpu,
					      t);
			}
		}
		SigAction& ka = task.user->sigactions[static_cast<size_t>(sig)];
		if (sig == abi::kSIGKILL) {
			// do_group_exit(): the exit code is the fatal signal that started it.
			do_exit(cpu, t, task.signal.group_exit_sig ? task.signal.group_exit_sig : abi::kSIGKILL);
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
	const auto popped_fn = static_cast<uint32_t>(std::get<NativeFrame>(task.kstack.back()).fn());
	task.kstack.pop_back();   // r is gone now
	native_popped(m_hooks, m, cpu, t, popped_fn, ret);
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
	task.signal.restart_block = RestartBlock{RestartFn::Nanosleep, op, expires, rmtp, left};
	if (rmtp && task.user) {
		namespace L = abi::layout::timespec;
		bool ok = task.user->mm.store(rmtp + L::tv_sec, static_cast<int64_t>(left / 1'000'000'000)) &&
			  task.user->mm.store(rmtp + L::tv_nsec, static_cast<int64_t>(left % 1'000'000'000));
		if (!ok)
			return -abi::kEFAULT;
	}
	return -abi::kERESTART_RESTARTBLOCK;
}

}   // namespace kctx::kernel
