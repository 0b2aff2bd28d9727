// Processes: fork+exec of a scenario's program, exit and wait (kernel/exit.c), signals
// (kernel/signal.c, arch/x86/kernel/signal.c), and user-mode faults.
#include <cstring>
#include <fmt/format.h>

#include "abi/Errno.h"
#include "abi/Preempt.h"
#include "abi/Signal.h"
#include "base/Check.h"
#include "kernel/Kernel.h"
#include "kernel/Layout.h"

namespace kctx::kernel {

void init_rand_state(RandState& s);


TaskId Kernel::spawn_process(uint32_t cpu, TaskId parent, uint32_t program, std::span<const std::string> argv)
{
	bool init = program == ~0u;
	const vm::Program& p = init ? *m_code.init : *m_code.programs.at(program);
	TaskId tid = create_task(init ? "init" : p.name, false, cpu);
	Task& t = m.tasks[tid];
	t.ppid = parent == kNoTask ? 0 : m.tasks[parent].pid;
	std::string cmdline;
	for (const std::string& a : argv)
		cmdline += (cmdline.empty() ? "" : " ") + a;
	t.cmdline = cmdline;
	UserState& u = t.user.emplace();
	u.image = init ? 0 : program + 1;
	init_rand_state(u.rand);
	// execve(): the program's data, libc's page, the heap and the stack.
	uint64_t data_size = (p.data.size() + vm::kPageSize - 1) & ~(vm::kPageSize - 1);
	if (data_size)
		u.mm.map(addr::kUserData, data_size, "data");
	std::vector<uint8_t> data = p.linked_data(addr::kUserText, addr::kUserData);
	bool ok = data.empty() || u.mm.write(addr::kUserData, data.data(), data.size());
	u.mm.map(addr::kUserLibc, vm::kPageSize, "libc");
	u.errno_addr = addr::kUserLibc;
	u.mm.map(addr::kUserHeap, addr::kUserHeapSize, "[heap]");
	u.mm.map(addr::kUserStackTop - addr::kUserStackSize, addr::kUserStackSize, "[stack]");
	// argv strings at the top of the stack, then the argv array.
	uint64_t sp = addr::kUserStackTop - 16;
	std::vector<uint64_t> ptrs;
	for (const std::string& a : argv) {
		sp -= a.size() + 1;
		ok = ok && u.mm.write(sp, a.c_str(), a.size() + 1);
		ptrs.push_back(sp);
	}
	ptrs.push_back(0);
	sp &= ~15ull;
	sp -= ptrs.size() * 8;
	sp &= ~15ull;
	uint64_t argv_addr = sp;
	ok = ok && u.mm.write(argv_addr, ptrs.data(), ptrs.size() * 8);
	KCTX_CHECK(ok);
	u.thread.sp = sp - 64;
	u.thread.stack_limit = addr::kUserStackTop - addr::kUserStackSize;
	auto main_fn = p.find_function("main");
	KCTX_CHECK(main_fn.has_value());
	std::vector<uint64_t> main_args = {argv.size(), argv_addr};
	main_args.resize(std::min<size_t>(2, p.functions[*main_fn].nparams));
	bool pushed = vm::push_call(u.thread, m_images, u.image, *main_fn, main_args);
	KCTX_CHECK(pushed);
	// The child starts in ret_from_fork and returns to user mode.
	t.kstack.push_back(NativeFrame{NativeFn::RetFromFork});
	uint32_t target = init ? 0 : select_task_rq(tid, cpu, true);
	// place_entity() with START_DEBIT: a new task starts a slice behind.
	t.vruntime = m.cpus[target].min_vruntime + 750'000;
	enqueue_task(tid, target);
	Cpu& tc = m.cpus[target];
	if (tc.curr == tc.idle)
		resched_curr(target);
	return tid;
}

void Kernel::do_exit(uint32_t cpu, TaskId t, int32_t status)
{
	Task& task = m.tasks[t];
	if (task.exited)
		return;
	task.exited = true;
	task.exit_status = status;
	if (m_config.prove_locking())
		Lockdep(m.lockdep).task_gone(t);
	// Timers that would wake or signal a dead task go with it.
	for (auto& [addr, h] : m.hrtimers)
		if (h.task == t)
			h.pending = false;
	for (Task& child : m.tasks)
		if (child.ppid == task.pid && task.pid > 1)
			child.ppid = 1;   // reparented to init
	// Kernel threads are reaped at once (kthreadd ignores SIGCHLD: autoreap).
	if (task.kthread)
		task.reaped = true;
	if (task.pid == 1) {
		m.halted = true;
		m.init_exit_status = status;
	}
	NativeFrame& f = push_native(t, NativeFn::Exit, StackKind::Task);
	(void)f;
	(void)cpu;
}

void Kernel::step_exit(uint32_t cpu, TaskId t, NativeFrame& f)
{
	// do_exit(): the task becomes a zombie, its parent is told, and it schedules away for
	// good (TASK_DEAD: __schedule never puts it back).
	if (f.state == 0 && exit_files(cpu, t))   // exit_files(): drivers' ->flush and ->release first
		return;
	Task& task = m.tasks[t];
	task.state = abi::TASK_DEAD;
	sync_task_struct(t);
	if (f.state == 0) {
		f.state = 1;
		wake_waiters(task.task_struct_addr, abi::TASK_NORMAL, 0, cpu);   // kthread_stop()
		for (TaskId i = 0; i < m.tasks.size() && !task.kthread; i++)
			if (m.tasks[i].pid == task.ppid && !m.tasks[i].exited && m.tasks[i].pid > 0) {
				send_signal(i, abi::kSIGCHLD);
				wake_up_process(i, cpu, abi::TASK_INTERRUPTIBLE);
			}
	}
	push_schedule(t);
}

void Kernel::step_wait_child(uint32_t cpu, TaskId t, NativeFrame& f)
{
	// do_wait(): a[0] the pid to wait for, or -1 for any child.
	Task& task = m.tasks[t];
	int32_t want = static_cast<int32_t>(f.a[0]);
	bool any = false;
	for (Task& child : m.tasks) {
		if (child.ppid != task.pid || child.reaped || child.pid <= 0 || (want > 0 && child.pid != want))
			continue;
		any = true;
		if (!child.exited || child.state != abi::TASK_DEAD)
			continue;
		child.reaped = true;
		pop_frame(t, child.exit_status);
		return;
	}
	if (!any) {
		pop_frame(t, -abi::kECHILD);
		return;
	}
	if (f.state == 1 && signal_pending(t)) {
		pop_frame(t, -abi::kEINTR);
		return;
	}
	task.state = abi::TASK_INTERRUPTIBLE;
	sync_task_struct(t);
	f.state = 1;
	push_schedule(t);
	(void)cpu;
}

void Kernel::handle_fault(uint32_t cpu, TaskId t, bool user, const vm::RunResult& r)
{
	Task& task = m.tasks[t];
	if (user) {
		// arch/x86/mm/fault.c show_signal_msg(), then SIGSEGV (or SIGFPE for #DE).
		if (r.fault == vm::FaultKind::DivideByZero) {
			printk(cpu, fmt::format("\0016traps: {}[{}] trap divide error ip:{:x} sp:{:x} error:0 in {}[{:x}+{:x}]\n", task.comm,
						task.pid, vm::frame_address(m_images, task.user->thread.frames.back()), task.user->thread.sp,
						task.comm, addr::kUserText, m_images[task.user->image].program->text_size()));
			do_exit(cpu, t, abi::kSIGFPE | 0x80);
			return;
		}
		printk(cpu, fmt::format("\0016{}[{}]: segfault at {:x} ip {:016x} sp {:016x} error {} in {}[{:x}+{:x}]\n", task.comm,
					task.pid, r.fault_address, vm::frame_address(m_images, task.user->thread.frames.back()),
					task.user->thread.sp, r.fault == vm::FaultKind::Write ? 6 : 4, task.comm, addr::kUserText,
					m_images[task.user->image].program->text_size()));
		do_exit(cpu, t, abi::kSIGSEGV | 0x80);
		return;
	}
	// A fault in module code: KASAN's report or the oops (Oops.cpp).
	kernel_fault(cpu, t, r);
}

}  // namespace kctx::kernel
