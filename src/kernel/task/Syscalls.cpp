// System calls: entry and exit (arch/x86/entry/entry_64.S, kernel/entry/common.c), the
// syscalls user programs make, and the busybox applets init runs.
#include <algorithm>
#include <fmt/format.h>

#include "abi/Errno.h"
#include "abi/Layout.h"
#include "abi/Preempt.h"
#include "abi/Signal.h"
#include "base/Check.h"
#include "kernel/debug/CallTrace.h"
#include "kernel/core/Hooks.h"
#include "kernel/core/Kernel.h"

namespace kctx::kernel {

namespace {
using abi::BuiltinId;
using R = run::Syscall::Resume;
// Kernel-only syscalls the applets make (they are no libc builtin).
constexpr BuiltinId kSysFinitModule = static_cast<BuiltinId>(1000);
constexpr BuiltinId kSysDeleteModule = static_cast<BuiltinId>(1001);
}  // namespace

void Kernel::start_syscall(uint32_t cpu, TaskId t, BuiltinId id, std::span<const uint64_t> args, std::string data)
{
	run::Syscall r{.syscall = id, .data = std::move(data)};
	for (size_t i = 0; i < args.size() && i < r.args.size(); i++)
		r.args[i] = args[i];
	push_native(t, std::move(r), StackKind::Task);
	(void)cpu;
}

void Kernel::start_libc_write(uint32_t cpu, TaskId t, int32_t fd, std::string data, int64_t result)
{
	run::Syscall r{.syscall = BuiltinId::write, .data = std::move(data), .libc_write = true, .libc_result = result};
	r.args[0] = static_cast<uint64_t>(fd);
	r.args[2] = r.data.size();
	push_native(t, std::move(r), StackKind::Task);
	(void)cpu;
}

void Kernel::step_syscall(uint32_t cpu, TaskId t, NativeFrame& f)
{
	auto& r = f.as<run::Syscall>();
	if (r.resume == R::Entry) {
		// entry_SYSCALL_64: pt_regs on this task's kernel stack; the mode switch.
		charge(cpu, m_config.costs.syscall_ns);
		r.resume = R::Start;
		if (m_hooks)
			m_hooks->sys_enter(m, cpu, t, static_cast<uint32_t>(r.syscall), r.args);
		return;
	}
	if (r.resume != R::ExitToUser) {
		if (do_syscall(cpu, t, f))
			std::get<NativeFrame>(m.tasks[t].kstack.back()).as<run::Syscall>().resume = R::ExitToUser;
		return;
	}
	exit_to_user_mode(cpu, t, f);
}

void trace_syscall(const Machine& m, const Task& task, const NativeFrame& f, std::vector<TraceLine>& out)
{
	TraceAdder add{out, f.stack};
	const auto& r = f.as<run::Syscall>();
	// A file syscall inside a driver's file operation: the VFS path to it (fs/).
	bool misc = false;
	if (task.user && r.syscall == BuiltinId::open) {
		auto it = task.user->files.fds.find(r.fd);
		misc = it != task.user->files.fds.end() && is_misc_device(it->second.rdev);
	}
	for (std::string_view line : vfs_trace_lines(r.syscall, r.resume, misc))
		add(std::string(line));
	add("do_syscall_64+0x5b/0xc0");
	add("entry_SYSCALL_64_after_hwframe+0x64/0xce");
}

void Kernel::exit_to_user_mode(uint32_t cpu, TaskId t, NativeFrame& f)
{
	// syscall_exit_to_user_mode() -> exit_to_user_mode_loop(): reschedule, then signals.
	Task& task = m.tasks[t];
	auto& r = f.as<run::Syscall>();
	if (task.sched.need_resched) {
		push_schedule(t);   // resumes at ExitToUser again
		return;
	}
	int64_t ret = f.ret;
	BuiltinId op = r.syscall;
	if (m_hooks)
		m_hooks->sys_exit(m, cpu, t, static_cast<uint32_t>(op), ret);
	if (r.libc_write)
		ret = r.libc_result;
	const auto popped_fn = static_cast<uint32_t>(std::get<NativeFrame>(task.kstack.back()).fn());
	task.kstack.pop_back();   // r is gone now
	native_popped(m_hooks, m, cpu, t, popped_fn, ret);
	if (!task.user) {
		// an applet: its "user mode" is the Applet frame below
		if (!task.kstack.empty())
			std::get<NativeFrame>(task.kstack.back()).ret = ret;
		return;
	}
	return_from_syscall(cpu, t, static_cast<uint32_t>(op), ret);
}

bool Kernel::module_syscall(uint32_t cpu, TaskId t, NativeFrame& f)
{
	// finit_module() and delete_module() (kernel/module/main.c), as insmod and rmmod make them.
	auto& r = f.as<run::Syscall>();
	auto finish = [&](int64_t v) {
		f.ret = v;
		return true;
	};
	if (r.resume == R::Called)
		return finish(f.ret);
	if (r.syscall == kSysFinitModule) {
		uint64_t init_fn = 0;
		int64_t idx = load_module(cpu, t, static_cast<uint32_t>(r.args[0]), r.data, &init_fn);
		if (idx < 0)
			return finish(idx);
		r.resume = R::Called;
		push_native(t, run::ModuleInit{.module = static_cast<uint32_t>(idx), .init_fn = init_fn}, StackKind::Task);
		return false;
	}
	for (uint32_t i = 0; i < m.modules.size(); i++) {
		Module& mod = m.modules[i];
		if (mod.name != r.data || mod.state == ModuleState::Gone)
			continue;
		// delete_module(): other modules depend on us: get rid of them first.
		if (!module_users(i).empty())
			return finish(-abi::kEAGAIN);
		if (mod.state != ModuleState::Live)
			return finish(-abi::kEBUSY);
		uint64_t exit_fn = module_exit_fn(mod);
		if (!exit_fn)
			return finish(-abi::kEBUSY);   // no module_exit: the module cannot be unloaded
		// try_stop_module(): a module still in use (open files of its devices hold
		// references) is refused with -EWOULDBLOCK, busybox rmmod's O_NONBLOCK.
		if (mod.refcnt > 0)
			return finish(-abi::kEAGAIN);
		mod.state = ModuleState::Going;
		r.resume = R::Called;
		push_native(t, run::ModuleExit{.module = i, .exit_fn = exit_fn}, StackKind::Task);
		return false;
	}
	return finish(-abi::kENOENT);
}

bool Kernel::sleep_syscall(uint32_t cpu, TaskId t, NativeFrame& f)
{
	// sleep(), usleep(), nanosleep(): hrtimer_nanosleep() -> do_nanosleep().
	Task& task = m.tasks[t];
	auto& r = f.as<run::Syscall>();
	auto finish = [&](int64_t v) {
		f.ret = v;
		return true;
	};
	if (r.resume == R::Called) {
		// hrtimer_nanosleep(): a signal ends the sleep with -ERESTART_RESTARTBLOCK and
		// the time left; libc's sleep() turns EINTR into seconds (Signal.cpp).
		if (f.ret != 0)
			return finish(nanosleep_interrupted(cpu, t, static_cast<uint32_t>(r.syscall), r.sleep_expires,
							    r.syscall == BuiltinId::nanosleep ? r.args[1] : 0));
		return finish(0);
	}
	uint64_t ns = 0;
	if (r.syscall == BuiltinId::sleep)
		ns = r.args[0] * 1000000000ull;
	else if (r.syscall == BuiltinId::usleep)
		ns = r.args[0] * 1000ull;
	else {
		int64_t sec = 0, nsec = 0;
		namespace L = abi::layout::timespec;
		if (!task.user || !task.user->mm.load(r.args[0] + L::tv_sec, sec) ||
		    !task.user->mm.load(r.args[0] + L::tv_nsec, nsec))
			return finish(-abi::kEFAULT);
		if (sec < 0 || nsec < 0 || nsec >= 1000000000)
			return finish(-abi::kEINVAL);
		ns = static_cast<uint64_t>(sec) * 1000000000ull + static_cast<uint64_t>(nsec);
	}
	uint64_t expires = m.cpus[cpu].now + ns;
	r.sleep_expires = expires;
	r.resume = R::Called;
	push_native(t, run::Nanosleep{.expires_ns = expires}, StackKind::Task);   // r is gone now
	return false;
}

bool Kernel::shell_syscall(uint32_t cpu, TaskId t, NativeFrame& f)
{
	// kctx's shell builtins (__kctx_*): spawn a program, run a busybox applet, wait.
	Task& task = m.tasks[t];
	auto& r = f.as<run::Syscall>();
	auto finish = [&](int64_t v) {
		f.ret = v;
		return true;
	};
	auto user_string = [&](uint64_t p) {
		std::string s;
		if (task.user)
			(void)task.user->mm.read_string(p, s, 4096);
		return s;
	};
	// A child task runs a busybox applet; this task waits for it (fork + exec + wait).
	auto run_applet = [&](run::AppletKind applet, std::string name, std::string text) {
		if (int64_t err = fork_limits_check())
			return finish(err);   // the shell's fork() failed
		TaskId child = spawn_applet(cpu, t, name, applet, std::move(text));
		int32_t pid = m.tasks[child].pid;
		r.resume = R::Called;
		push_native(t, run::WaitChild{.pid = pid}, StackKind::Task);   // r is gone now
		return false;
	};
	bool waited = r.resume == R::Called;
	switch (r.syscall) {
	case BuiltinId::__kctx_spawn: {
		std::vector<std::string> argv;
		for (uint64_t i = 0; i < r.args[1] && i < 64; i++) {
			uint64_t p = 0;
			if (!task.user->mm.load(r.args[2] + i * 8, p))
				return finish(-abi::kEFAULT);
			argv.push_back(user_string(p));
		}
		if (!exec_file_exists(r.args[0]))
			return finish(-abi::kENOENT);
		if (int64_t err = fork_limits_check())
			return finish(err);
		TaskId child = spawn_process(cpu, t, static_cast<uint32_t>(r.args[0]), argv);
		return finish(m.tasks[child].pid);
	}
	case BuiltinId::__kctx_insmod:
		// The applet's errno, or its wait status when a signal killed it (an oops).
		if (waited)
			return finish(f.ret & 0x7f ? f.ret : f.ret >> 8 ? -(f.ret >> 8) : 0);
		return run_applet(run::AppletKind::Insmod, "insmod", std::to_string(r.args[0]) + " " + user_string(r.args[1]));
	case BuiltinId::__kctx_rmmod:
		if (waited)
			return finish(f.ret >> 8 ? -(f.ret >> 8) : 0);
		return run_applet(run::AppletKind::Rmmod, "rmmod", user_string(r.args[0]));
	case BuiltinId::__kctx_ps:
		if (waited)
			return finish(0);
		return run_applet(run::AppletKind::Ps, "ps", "");
	case BuiltinId::__kctx_dmesg:
		if (waited)
			return finish(0);
		return run_applet(run::AppletKind::Dmesg, "dmesg", "");
	case BuiltinId::__kctx_wait: {
		if (waited)
			return finish(f.ret);
		r.resume = R::Called;
		auto pid = static_cast<int32_t>(static_cast<int64_t>(r.args[0]));
		push_native(t, run::WaitChild{.pid = pid}, StackKind::Task);   // r is gone now
		return false;
	}
	case BuiltinId::__kctx_shell_error:
		m.printk.console_write(user_string(r.args[0]));
		return finish(0);
	default: break;
	}
	KCTX_UNREACHABLE();
}

bool Kernel::do_syscall(uint32_t cpu, TaskId t, NativeFrame& f)
{
	// The syscall table: Builtins.def's handler column. True when the syscall finished
	// (f.ret set), false when it pushed a frame and resumes when that returns.
	BuiltinId op = f.as<run::Syscall>().syscall;
	// finit_module and delete_module, which only the shell's insmod and rmmod make.
	if (op == kSysFinitModule || op == kSysDeleteModule)
		return module_syscall(cpu, t, f);
	if (SyscallFn handler = builtin_handler(op).syscall)
		return (this->*handler)(cpu, t, f);
	std::string key = fmt::format("unimplemented:{}", abi::builtin(op).name);
	if (m.warned_once.insert(key).second)
		printk(cpu, fmt::format("\0014kctx: {}() is not simulated yet; it fails with ENOSYS\n", abi::builtin(op).name));
	f.ret = -abi::kENOSYS;
	return true;
}

bool Kernel::exit_syscall(uint32_t cpu, TaskId t, NativeFrame& f)
{
	// exit(3) flushes stdio first; _exit(2) does not. abort() dies of SIGABRT without the
	// core bit: RLIMIT_CORE is 0 (Signal.cpp).
	Task& task = m.tasks[t];
	BuiltinId op = f.as<run::Syscall>().syscall;
	if (task.user && op == BuiltinId::exit)
		flush_stdout_at_exit(cpu, t);
	int32_t status = op == BuiltinId::abort ? abi::kSIGABRT
						: static_cast<int32_t>((f.as<run::Syscall>().args[0] & 0xff) << 8);
	do_exit(cpu, t, status);
	return false;
}

bool Kernel::sched_yield_syscall(uint32_t cpu, TaskId t, NativeFrame& f)
{
	// sched_yield(2): a preemption point on the way back to user mode.
	(void)cpu;
	m.tasks[t].sched.need_resched = true;
	f.ret = 0;
	return true;
}

TaskId Kernel::spawn_applet(uint32_t cpu, TaskId parent, std::string_view name, run::AppletKind applet, std::string arg)
{
	TaskId child = create_task(name, false, cpu);
	Task& c = m.tasks[child];
	c.ppid = m.tasks[parent].pid;
	c.cmdline = std::string(name) + (arg.empty() ? "" : " " + arg);
	push_native(child, run::Applet{.kind = applet, .arg = std::move(arg)}, StackKind::Task);
	push_native(child, run::RetFromFork{}, StackKind::Task);
	uint32_t target = runqueues().select_cpu(child, cpu, true);
	c.sched.vruntime = m.cpus[target].sched.min_vruntime;
	enqueue_task(child, target);
	Cpu& tc = m.cpus[target];
	if (tc.curr == tc.idle)
		resched_curr(target, cpu);
	return child;
}

void Kernel::step_applet(uint32_t cpu, TaskId t, NativeFrame& f)
{
	// The busybox applet's user-mode side: one syscall, output, exit status.
	Task& task = m.tasks[t];
	auto& r = f.as<run::Applet>();
	switch (r.kind) {
	case run::AppletKind::Insmod:
	case run::AppletKind::Rmmod:
		if (r.resume == run::Applet::Resume::Start) {
			r.resume = run::Applet::Resume::SyscallDone;
			bool insmod = r.kind == run::AppletKind::Insmod;
			std::string text = r.arg;
			uint64_t module = 0;
			if (insmod) {
				size_t sp = text.find(' ');
				module = std::stoull(text.substr(0, sp));
				text = sp == std::string::npos ? "" : text.substr(sp + 1);
			}
			std::array<uint64_t, 1> args = {module};
			start_syscall(cpu, t, insmod ? kSysFinitModule : kSysDeleteModule, args, std::move(text));
			return;
		}
		// Back in user mode a fatal signal (an OOM kill during module_init) ends it.
		if (fatal_signal_pending(t)) {
			do_exit(cpu, t, abi::kSIGKILL);
			return;
		}
		do_exit(cpu, t, f.ret < 0 ? static_cast<int32_t>((-f.ret & 0xff) << 8) : 0);
		return;
	case run::AppletKind::Ps: {
		std::string out = "  PID USER       VSZ STAT COMMAND\n";
		// ps reads /proc in pid order; task slots are reused, so sort by pid.
		std::vector<const Task*> listed;
		for (const Task& p : m.tasks)
			if (p.pid > 0 && !p.reaped)
				listed.push_back(&p);
		std::sort(listed.begin(), listed.end(), [](const Task* a, const Task* b) { return a->pid < b->pid; });
		for (const Task* pp : listed) {
			const Task& p = *pp;
			char stat = p.exited ? 'Z' : (p.sched.on_rq || &p == &task) ? 'R'
				    : (p.state & abi::TASK_UNINTERRUPTIBLE) ? 'D' : p.state & abi::TASK_STOPPED ? 'T' : 'S';
			std::string cmd = p.kthread ? "[" + p.comm + "]" : (p.cmdline.empty() ? p.comm : p.cmdline);
			std::string vsz = p.kthread ? "" : std::to_string(p.user ? 1200 + p.pid % 7 * 4 : 1100);
			out += fmt::format("{:5} {:<8} {:>5} {:<4} {}\n", p.pid, "root", vsz, stat, cmd);
		}
		m.printk.console_write(out);
		do_exit(cpu, t, 0);
		return;
	}
	case run::AppletKind::Dmesg: {
		std::string out;
		for (uint64_t seq = m.printk.first_seq(); seq < m.printk.next_seq(); seq++) {
			const LogRecord& r = m.printk.record(seq);
			out += fmt::format("[{:5}.{:06}] {}", r.ts / 1000000000, r.ts % 1000000000 / 1000, r.text);
		}
		if (!out.empty() && out.back() != '\n')
			out += '\n';
		m.printk.console_write(out);
		do_exit(cpu, t, 0);
		return;
	}
	}
	(void)task;
	KCTX_UNREACHABLE();
}

void trace_applet(const Machine& m, const Task& task, const NativeFrame& f, std::vector<TraceLine>& out)
{
}

}  // namespace kctx::kernel
