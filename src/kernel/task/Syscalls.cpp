// System calls: entry and exit (arch/x86/entry/entry_64.S, kernel/entry/common.c), the
// syscalls user programs make, and the busybox applets init runs.
#include <fmt/format.h>

#include "abi/Errno.h"
#include "abi/Layout.h"
#include "abi/Preempt.h"
#include "abi/Signal.h"
#include "base/Check.h"
#include "kernel/debug/CallTrace.h"
#include "kernel/core/Kernel.h"

namespace kctx::kernel {

namespace {
using abi::BuiltinId;
// Kernel-only syscalls the applets make (they are no libc builtin).
constexpr uint32_t kSysFinitModule = 1000;
constexpr uint32_t kSysDeleteModule = 1001;
constexpr uint32_t kStateExit = 100;
enum Applet : uint32_t { kInsmod, kRmmod, kPs, kDmesg };
}  // namespace

void Kernel::start_syscall(uint32_t cpu, TaskId t, BuiltinId id, std::span<const uint64_t> args, std::string data)
{
	NativeFrame& f = push_native(t, NativeFn::Syscall, StackKind::Task);
	f.op = static_cast<uint32_t>(id);
	for (size_t i = 0; i < args.size() && i < f.a.size(); i++)
		f.a[i] = args[i];
	f.text = std::move(data);
	(void)cpu;
}

void Kernel::step_syscall(uint32_t cpu, TaskId t, NativeFrame& f)
{
	if (f.state == 0) {
		// entry_SYSCALL_64: pt_regs on this task's kernel stack; the mode switch.
		charge(cpu, m_config.costs.syscall_ns);
		f.state = 1;
		if (m_hooks)
			m_hooks->sys_enter(m, cpu, t, f.op, f.a);
		return;
	}
	if (f.state < kStateExit) {
		if (do_syscall(cpu, t, f))
			std::get<NativeFrame>(m.tasks[t].kstack.back()).state = kStateExit;
		return;
	}
	exit_to_user_mode(cpu, t, f, kStateExit);
}

void trace_syscall(const Machine& m, const Task& task, const NativeFrame& f, std::vector<TraceLine>& out)
{
	TraceAdder add{out, f.stack};
	// A file syscall inside a driver's file operation: the VFS path to it (Vfs.cpp).
	bool misc = false;
	if (task.user && f.op == static_cast<uint32_t>(abi::BuiltinId::open)) {
		auto it = task.user->files.fds.find(static_cast<int32_t>(f.a[3]));
		misc = it != task.user->files.fds.end() && (it->second.rdev >> 20) == 10;
	}
	for (std::string_view line : vfs_trace_lines(f.op, f.state, misc))
		add(std::string(line));
	add("do_syscall_64+0x5b/0xc0");
	add("entry_SYSCALL_64_after_hwframe+0x64/0xce");
}

void Kernel::exit_to_user_mode(uint32_t cpu, TaskId t, NativeFrame& f, uint16_t next_state)
{
	// syscall_exit_to_user_mode() -> exit_to_user_mode_loop(): reschedule, then signals.
	Task& task = m.tasks[t];
	if (task.need_resched) {
		f.state = next_state;
		push_schedule(t);
		return;
	}
	int64_t ret = f.ret;
	uint32_t f_op = f.op;
	if (m_hooks)
		m_hooks->sys_exit(m, cpu, t, f_op, ret);
	bool libc_result = f.a[4] == 1 && f.op == static_cast<uint32_t>(BuiltinId::write);
	if (libc_result)
		ret = static_cast<int64_t>(f.a[5]);
	task.kstack.pop_back();
	if (!task.user) {
		// an applet: its "user mode" is the Applet frame below
		if (!task.kstack.empty())
			std::get<NativeFrame>(task.kstack.back()).ret = ret;
		return;
	}
	return_from_syscall(cpu, t, f_op, ret);
}

bool Kernel::do_syscall(uint32_t cpu, TaskId t, NativeFrame& f)
{
	Task& task = m.tasks[t];
	Cpu& c = m.cpus[cpu];
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
	auto run_applet = [&](uint32_t applet, std::string name, std::string text) {
		TaskId child = spawn_applet(cpu, t, name, applet, std::move(text));
		int32_t pid = m.tasks[child].pid;
		f.state = 2;
		NativeFrame& w = push_native(t, NativeFn::WaitChild, StackKind::Task);
		w.a[0] = static_cast<uint64_t>(static_cast<int64_t>(pid));
		return false;
	};
	switch (f.op) {
	case kSysFinitModule: {
		if (f.state == 2)
			return finish(f.ret);
		uint64_t init_fn = 0;
		int64_t idx = load_module(cpu, t, static_cast<uint32_t>(f.a[0]), f.text, &init_fn);
		if (idx < 0)
			return finish(idx);
		f.state = 2;
		NativeFrame& mi = push_native(t, NativeFn::ModuleInit, StackKind::Task);
		mi.a[0] = static_cast<uint64_t>(idx);
		mi.a[1] = init_fn;
		return false;
	}
	case kSysDeleteModule: {
		if (f.state == 2)
			return finish(f.ret);
		for (uint32_t i = 0; i < m.modules.size(); i++) {
			Module& mod = m.modules[i];
			if (mod.name != f.text || mod.state == ModuleState::Gone)
				continue;
			if (mod.state != ModuleState::Live)
				return finish(-abi::kEBUSY);
			const vm::Program& p = *m_code.modules[mod.code];
			const vm::Global* g = p.find_global("__kctx_module_exit");
			uint64_t exit_fn = 0;
			if (g)
				(void)m.kmem.load(m.images[mod.image].data_base + g->offset, exit_fn);
			if (!exit_fn)
				return finish(-abi::kEBUSY);   // no module_exit: the module cannot be unloaded
			// try_stop_module(): a module still in use (open files of its devices hold
			// references) is refused with -EWOULDBLOCK, busybox rmmod's O_NONBLOCK.
			if (mod.refcnt > 0)
				return finish(-abi::kEAGAIN);
			mod.state = ModuleState::Going;
			f.state = 2;
			NativeFrame& me = push_native(t, NativeFn::ModuleExit, StackKind::Task);
			me.a[0] = i;
			me.a[1] = exit_fn;
			return false;
		}
		return finish(-abi::kENOENT);
	}
	default: break;
	}

	if (is_vfs_syscall(f.op))
		return vfs_syscall(cpu, t, f);
	if (is_signal_syscall(f.op))
		return signal_syscall(cpu, t, f);
	if (is_process_syscall(f.op))
		return process_syscall(cpu, t, f);
	if (is_mm_syscall(f.op))
		return mm_syscall(cpu, t, f);
	switch (static_cast<BuiltinId>(f.op)) {
	case BuiltinId::sleep:
	case BuiltinId::usleep:
	case BuiltinId::nanosleep: {
		if (f.state == 2) {
			// hrtimer_nanosleep(): a signal ends the sleep with -ERESTART_RESTARTBLOCK and
			// the time left; libc's sleep() turns EINTR into seconds (Signal.cpp).
			if (f.ret != 0)
				return finish(nanosleep_interrupted(cpu, t, f.op, f.a[3],
								    f.op == static_cast<uint32_t>(BuiltinId::nanosleep) ? f.a[1] : 0));
			return finish(0);
		}
		uint64_t ns = 0;
		if (static_cast<BuiltinId>(f.op) == BuiltinId::sleep)
			ns = f.a[0] * 1000000000ull;
		else if (static_cast<BuiltinId>(f.op) == BuiltinId::usleep)
			ns = f.a[0] * 1000ull;
		else {
			int64_t sec = 0, nsec = 0;
			namespace L = abi::layout::timespec;
			if (!task.user || !task.user->mm.load(f.a[0] + L::tv_sec, sec) || !task.user->mm.load(f.a[0] + L::tv_nsec, nsec))
				return finish(-abi::kEFAULT);
			if (sec < 0 || nsec < 0 || nsec >= 1000000000)
				return finish(-abi::kEINVAL);
			ns = static_cast<uint64_t>(sec) * 1000000000ull + static_cast<uint64_t>(nsec);
		}
		f.a[3] = c.now + ns;
		f.state = 2;
		push_native(t, run::Nanosleep{.expires_ns = c.now + ns}, StackKind::Task);
		return false;
	}
	case BuiltinId::sched_yield:
		task.need_resched = true;
		return finish(0);
	case BuiltinId::exit:
	case BuiltinId::_exit:
	case BuiltinId::abort: {
		if (task.user && f.op == static_cast<uint32_t>(BuiltinId::exit))
			console_write(flush_stdout(t));
		// abort() dies of SIGABRT without the core bit: RLIMIT_CORE is 0 (Signal.cpp).
		int32_t status = f.op == static_cast<uint32_t>(BuiltinId::abort)
					 ? abi::kSIGABRT
					 : static_cast<int32_t>((f.a[0] & 0xff) << 8);
		do_exit(cpu, t, status);
		return false;
	}
	case BuiltinId::__kctx_spawn: {
		std::vector<std::string> argv;
		for (uint64_t i = 0; i < f.a[1] && i < 64; i++) {
			uint64_t p = 0;
			if (!task.user->mm.load(f.a[2] + i * 8, p))
				return finish(-abi::kEFAULT);
			argv.push_back(user_string(p));
		}
		if (f.a[0] >= m_code.programs.size())
			return finish(-abi::kENOENT);
		TaskId child = spawn_process(cpu, t, static_cast<uint32_t>(f.a[0]), argv);
		return finish(m.tasks[child].pid);
	}
	case BuiltinId::__kctx_insmod:
		// The applet's errno, or its wait status when a signal killed it (an oops).
		if (f.state == 2)
			return finish(f.ret & 0x7f ? f.ret : f.ret >> 8 ? -(f.ret >> 8) : 0);
		return run_applet(kInsmod, "insmod", std::to_string(f.a[0]) + " " + user_string(f.a[1]));
	case BuiltinId::__kctx_rmmod:
		if (f.state == 2)
			return finish(f.ret >> 8 ? -(f.ret >> 8) : 0);
		return run_applet(kRmmod, "rmmod", user_string(f.a[0]));
	case BuiltinId::__kctx_ps:
		if (f.state == 2)
			return finish(0);
		return run_applet(kPs, "ps", "");
	case BuiltinId::__kctx_dmesg:
		if (f.state == 2)
			return finish(0);
		return run_applet(kDmesg, "dmesg", "");
	case BuiltinId::__kctx_wait: {
		if (f.state == 2)
			return finish(f.ret);
		f.state = 2;
		uint64_t pid = f.a[0];   // f may move when the stack grows
		NativeFrame& w = push_native(t, NativeFn::WaitChild, StackKind::Task);
		w.a[0] = pid;
		return false;
	}
	case BuiltinId::__kctx_shell_error:
		console_write(user_string(f.a[0]));
		return finish(0);
	default: break;
	}
	std::string key = fmt::format("unimplemented:{}", abi::builtin(static_cast<BuiltinId>(f.op)).name);
	if (m.warned_once.insert(key).second)
		printk(cpu, fmt::format("\0014kctx: {}() is not simulated yet; it fails with ENOSYS\n",
					abi::builtin(static_cast<BuiltinId>(f.op)).name));
	return finish(-abi::kENOSYS);
}

TaskId Kernel::spawn_applet(uint32_t cpu, TaskId parent, std::string_view name, uint32_t applet, std::string arg)
{
	TaskId child = create_task(name, false, cpu);
	Task& c = m.tasks[child];
	c.ppid = m.tasks[parent].pid;
	c.cmdline = std::string(name) + (arg.empty() ? "" : " " + arg);
	NativeFrame f;
	f.set_fn(NativeFn::Applet);
	f.op = applet;
	f.text = std::move(arg);
	c.kstack.push_back(std::move(f));
	c.kstack.push_back(NativeFrame{NativeFn::RetFromFork});
	uint32_t target = select_task_rq(child, cpu, true);
	c.vruntime = m.cpus[target].min_vruntime;
	enqueue_task(child, target);
	Cpu& tc = m.cpus[target];
	if (tc.curr == tc.idle)
		resched_curr(target);
	return child;
}

void Kernel::step_applet(uint32_t cpu, TaskId t, NativeFrame& f)
{
	// The busybox applet's user-mode side: one syscall, output, exit status.
	Task& task = m.tasks[t];
	switch (f.op) {
	case kInsmod:
	case kRmmod:
		if (f.state == 0) {
			f.state = 1;
			std::string text = f.text;
			uint64_t module = 0;
			if (f.op == kInsmod) {
				size_t sp = text.find(' ');
				module = std::stoull(text.substr(0, sp));
				text = sp == std::string::npos ? "" : text.substr(sp + 1);
			}
			uint32_t op = f.op == kInsmod ? kSysFinitModule : kSysDeleteModule;   // before f may move
			NativeFrame& s = push_native(t, NativeFn::Syscall, StackKind::Task);
			s.op = op;
			s.a[0] = module;
			s.text = text;
			return;
		}
		do_exit(cpu, t, f.ret < 0 ? static_cast<int32_t>((-f.ret & 0xff) << 8) : 0);
		return;
	case kPs: {
		std::string out = "  PID USER       VSZ STAT COMMAND\n";
		for (const Task& p : m.tasks) {
			if (p.pid <= 0 || p.reaped)
				continue;
			char stat = p.exited ? 'Z' : (p.on_rq || &p == &task) ? 'R'
				    : (p.state & abi::TASK_UNINTERRUPTIBLE) ? 'D' : p.state & abi::TASK_STOPPED ? 'T' : 'S';
			std::string cmd = p.kthread ? "[" + p.comm + "]" : (p.cmdline.empty() ? p.comm : p.cmdline);
			std::string vsz = p.kthread ? "" : std::to_string(p.user ? 1200 + p.pid % 7 * 4 : 1100);
			out += fmt::format("{:5} {:<8} {:>5} {:<4} {}\n", p.pid, "root", vsz, stat, cmd);
		}
		console_write(out);
		do_exit(cpu, t, 0);
		return;
	}
	case kDmesg: {
		std::string out;
		for (const LogRecord& r : m.log)
			out += fmt::format("[{:5}.{:06}] {}", r.ts / 1000000000, r.ts % 1000000000 / 1000, r.text);
		if (!out.empty() && out.back() != '\n')
			out += '\n';
		console_write(out);
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
