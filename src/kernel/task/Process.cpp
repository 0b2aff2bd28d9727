// Processes: fork+exec of a scenario's program, exit and wait (kernel/exit.c), signals
// (kernel/signal.c, arch/x86/kernel/signal.c), and user-mode faults.
#include <algorithm>
#include <cstring>
#include <fmt/format.h>

#include "abi/Errno.h"
#include "abi/Layout.h"
#include "abi/Preempt.h"
#include "abi/Signal.h"
#include "base/Check.h"
#include "kernel/debug/CallTrace.h"
#include "kernel/core/Kernel.h"
#include "kernel/core/Layout.h"

namespace kctx::kernel {

void init_rand_state(RandState& s);

namespace {
constexpr uint32_t kSaNocldwait = 0x2;   // include/uapi/asm-generic/signal-defs.h
}  // namespace

uint64_t Kernel::wait_chldexit_key(const Task& task) { return task.task_struct_addr + 0xc0; }


namespace {

// What execve() of a file runs: the program, its argv and the comm it gets.
struct ExecImage {
	uint32_t program = 0;
	std::vector<std::string> argv;
	std::string comm;   // empty: the program's name
};

std::string_view kbasename(std::string_view path)
{
	size_t slash = path.rfind('/');
	return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

// fs/binfmt_script.c load_script(): a script runs its "#!" line's interpreter with argv
// INTERP [ARG] FILENAME ARGS..., and keeps bprm->filename, so fs/exec.c
// begin_new_exec()'s __set_task_comm(kbasename(bprm->filename)) names the task after the
// script: ./test.stp is "test.stp" in ps and to execname(). env(1) then execs ARG found on
// PATH, and that exec names the task after the interpreter ("stap"). The shell's argv[0]
// is the script's path as execve() got it.
ExecImage exec_file(const Code& code, uint32_t program, std::span<const std::string> argv)
{
	if (program < code.programs.size())
		return {program, {argv.begin(), argv.end()}, {}};
	const ScriptFile& s = code.scripts.at(program - code.programs.size());
	std::string filename = argv.empty() ? std::string() : argv.front();
	std::vector<std::string> args;
	if (s.env) {
		args.push_back(s.arg);
	} else {
		args.push_back(s.interp);
		if (!s.arg.empty())
			args.push_back(s.arg);
	}
	args.push_back(filename);
	if (!argv.empty())
		args.insert(args.end(), argv.begin() + 1, argv.end());
	return {s.interpreter, std::move(args), s.env ? std::string() : std::string(kbasename(filename))};
}

}  // namespace

TaskId Kernel::spawn_process(uint32_t cpu, TaskId parent, uint32_t file, std::span<const std::string> file_argv)
{
	bool init = file == ~0u;
	ExecImage exec = init ? ExecImage{file, {file_argv.begin(), file_argv.end()}, "init"}
			      : exec_file(m_code, file, file_argv);
	uint32_t program = exec.program;
	std::span<const std::string> argv = exec.argv;
	const vm::Program& p = init ? *m_code.init : *m_code.programs.at(program);
	// A program in a subdirectory (./other/cat_nonblock) is named after its file, as
	// begin_new_exec()'s __set_task_comm(kbasename(bprm->filename)) names it.
	TaskId tid = create_task(exec.comm.empty() ? std::string(kbasename(p.name)) : exec.comm, false, cpu);
	Task& t = m.tasks[tid];
	t.ppid = parent == kNoTask ? 0 : m.tasks[parent].pid;
	std::string cmdline;
	for (const std::string& a : argv)
		cmdline += (cmdline.empty() ? "" : " ") + a;
	t.cmdline = cmdline;
	UserState& u = t.user.emplace();
	// The child of a fork keeps fs_struct across execve(): the spawner's umask.
	if (parent != kNoTask && m.tasks[parent].user)
		u.umask = m.tasks[parent].user->umask;
	u.mm.attach_shmem(&m.shmem);
	u.mm.attach_kmem(&m.kmem);
	u.image = init ? 0 : program + 1;
	init_rand_state(u.rand);
	// execve(): the program's data, libc's page, the heap and the stack.
	// .data is copied in; .bss pages zero-fill when first touched (vm::Memory).
	uint64_t data_size = (p.data_size() + vm::kPageSize - 1) & ~(vm::kPageSize - 1);
	if (data_size)
		u.mm.map(addr::kUserData, data_size, "data");
	std::vector<uint8_t> data = p.linked_data(addr::kUserText, addr::kUserData);
	bool ok = data.empty() || u.mm.write(addr::kUserData, data.data(), data.size());
	u.mm.map(addr::kUserLibc, vm::kPageSize, "libc");
	u.errno_addr = addr::kUserLibc;
	// fs/binfmt_elf.c load_elf_binary(): mm->start_brk = mm->brk = ELF_PAGEALIGN(elf_brk),
	// the page after .bss (randomize_va_space=0: no arch_randomize_brk()).
	u.heap_base = addr::kUserData + data_size;
	u.mm.map(u.heap_base, addr::kUserHeapSize, "[heap]");
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
	push_native(tid, run::RetFromFork{}, StackKind::Task);
	uint32_t target = init ? 0 : runqueues().select_cpu(tid, cpu, true);
	// place_entity() with START_DEBIT: a new task starts a slice behind.
	t.sched.vruntime = m.cpus[target].sched.min_vruntime + 750'000;
	enqueue_task(tid, target);
	Cpu& tc = m.cpus[target];
	if (tc.curr == tc.idle)
		resched_curr(target, cpu);
	if (m_hooks)
		m_hooks->sched_process_exec(m, cpu, tid);
	return tid;
}

void Kernel::do_exit(uint32_t cpu, TaskId t, int32_t status)
{
	Task& task = m.tasks[t];
	if (task.exited)
		return;
	task.exited = true;
	task.exit_status = status;
	if (m_hooks)
		m_hooks->sched_process_exit(m, cpu, t);
	exit_shmem(t);
	page_count().exit_mmap(t);
	if (m_config.prove_locking())
		Lockdep(m.lockdep).task_gone(t);
	// Timers that would wake or signal a dead task go with it.
	for (auto& [addr, h] : m.time.hrtimers)
		if (h.task == t && h.pending) {
			m.time.hrtimer_unqueue(addr);
			h.pending = false;
		}
	// forget_original_parent(): the children go to init, which reaps them when they die;
	// the zombies among them at once.
	for (TaskId i = 0; task.pid > 1 && !task.kthread && i < m.tasks.size(); i++) {
		Task& child = m.tasks[i];
		if (child.ppid != task.pid || child.kthread || child.reaped)
			continue;
		child.ppid = 1;
		child.orphan = true;
		if (child.exited && child.state == abi::TASK_DEAD) {
			release_pid(child);
			put_task_struct(i);
		}
	}
	// Kernel threads are reaped at once (kthreadd ignores SIGCHLD: autoreap).
	if (task.kthread)
		release_pid(task);
	if (task.pid == 1) {
		m.halted = true;
		m.init_exit_status = status;
	}
	push_native(t, run::Exit{}, StackKind::Task);
	(void)cpu;
}

void Kernel::step_exit(uint32_t cpu, TaskId t, NativeFrame& f)
{
	// do_exit(): the task becomes a zombie, its parent is told, and it schedules away for
	// good (TASK_DEAD: __schedule never puts it back).
	auto& r = f.as<run::Exit>();
	using R = run::Exit::Resume;
	if (r.resume == R::Start && exit_files(cpu, t))   // exit_files(): drivers' ->flush and ->release first
		return;
	Task& task = m.tasks[t];
	set_task_state(t, abi::TASK_DEAD);
	if (r.resume == R::Start) {
		r.resume = R::Dead;
		wake_waiters(task.task_struct_addr, abi::TASK_NORMAL, 0, cpu);   // kthread_stop()
		exit_notify(cpu, t);
	}
	push_schedule(t);
}

void trace_exit(const Machine& m, const Task& task, const NativeFrame& f, std::vector<TraceLine>& out)
{
	TraceAdder add{out, f.stack};
	add("do_exit+0x2cb/0xa80");
	add("do_group_exit+0x2d/0x90");
}

void Kernel::exit_notify(uint32_t cpu, TaskId t)
{
	// exit_notify() -> do_notify_parent(): SIGCHLD to the parent, whose wait4() wakes
	// (__wake_up_parent). A parent that ignores SIGCHLD, or set SA_NOCLDWAIT, does not
	// get a zombie: the child is reaped at once (autoreap), as an orphan is by init.
	Task& task = m.tasks[t];
	if (task.kthread)
		return;
	if (task.orphan)
		release_pid(task);
	for (TaskId i = 0; i < m.tasks.size(); i++) {
		Task& parent = m.tasks[i];
		if (parent.pid != task.ppid || parent.exited || parent.pid <= 0 || task.orphan)
			continue;
		if (parent.user) {
			const SigAction& chld = parent.user->sigactions[static_cast<size_t>(abi::kSIGCHLD)];
			if (chld.handler == abi::kSIG_IGN || (chld.flags & kSaNocldwait))
				release_pid(task);
		}
		send_signal(cpu, i, abi::kSIGCHLD);
		wake_waiters(wait_chldexit_key(parent), abi::TASK_INTERRUPTIBLE, 0, cpu);
		break;
	}
}

void Kernel::step_wait_child(uint32_t cpu, TaskId t, NativeFrame& f)
{
	// do_wait(): for wait4 itself the status goes to user memory and the child's pid is
	// returned, 0 with WNOHANG while children run, and a signal ends the wait with
	// -ERESTARTSYS (restarted or EINTR by the usual rules). For the shell's __kctx_wait
	// the status is returned and a signal gives -EINTR. Orphans reparented to init are
	// init's to reap, not the shell's jobs.
	Task& task = m.tasks[t];
	auto& r = f.as<run::WaitChild>();
	bool wait4 = r.kind == run::WaitKind::Wait4;
	int32_t want = r.pid;
	uint64_t status_addr = r.status_addr;
	bool slept = r.resume == run::WaitChild::Resume::Woken;
	uint64_t key = wait_chldexit_key(task);
	auto done = [&](int64_t ret) {
		finish_wait(key, t);
		pop_frame(t, ret);
	};
	bool any = false;
	for (TaskId i = 0; i < m.tasks.size(); i++) {
		Task& child = m.tasks[i];
		if (child.ppid != task.pid || child.reaped || child.pid <= 0 || child.orphan || child.kthread)
			continue;
		if (want > 0 ? child.pid != want : want < -1)
			continue;
		any = true;
		if (!child.exited || child.state != abi::TASK_DEAD)
			continue;
		// release_task(): the zombie is gone; its status word as wait_task_zombie() builds it,
		// and what it used goes to the parent's children's totals.
		if (child.user) {
			ChildrenUsage& sum = task.children;
			sum.ns += child.sched.sum_exec + child.children.ns;
			sum.nvcsw += child.sched.nvcsw + child.children.nvcsw;
			sum.nivcsw += child.sched.nivcsw + child.children.nivcsw;
			sum.minflt += min_faults(i) + child.children.minflt;
			sum.maxrss_kb = std::max({sum.maxrss_kb, resident_pages(i) * 4, child.children.maxrss_kb});
		}
		release_pid(child);
		int32_t status = child.exit_status;
		int32_t pid = child.pid;
		put_task_struct(i);   // release_task(); `child` is gone
		if (!wait4) {
			done(status);
			return;
		}
		if (status_addr && !task.user->mm.store(status_addr, status)) {
			done(-abi::kEFAULT);
			return;
		}
		done(pid);
		return;
	}
	if (!any) {
		done(-abi::kECHILD);
		return;
	}
	if (wait4 && (r.options & 1)) {   // WNOHANG
		done(0);
		return;
	}
	if ((wait4 || slept) && signal_pending(t)) {
		done(wait4 ? -abi::kERESTARTSYS : -abi::kEINTR);
		return;
	}
	// add_wait_queue(&current->signal->wait_chldexit), then schedule().
	prepare_to_wait(t, key, WaitMode::Shared, abi::TASK_INTERRUPTIBLE);
	r.resume = run::WaitChild::Resume::Woken;
	push_schedule(t);
	(void)cpu;
}

void trace_wait_child(const Machine& m, const Task& task, const NativeFrame& f, std::vector<TraceLine>& out)
{
	TraceAdder add{out, f.stack};
	add("do_wait+0x16b/0x2b0");
	add("kernel_wait4+0xa6/0x140");
}

void Kernel::user_fault(uint32_t cpu, TaskId t, const vm::RunResult& r, DeviceFault device)
{
	Task& task = m.tasks[t];
	UserState& u = *task.user;
	// The placeholder pages of a device mapping (mm/Mm.cpp no_page_without_fault()):
	// inaccessible, though the vma allows some access.
	auto device_page_missing = [&](uint64_t a) {
		const vm::Region* reg = u.mm.region_at(a);
		uint64_t flags = 0;
		return reg && reg->vma && !reg->kaddr && !reg->readable &&
		       m.kmem.load(reg->vma + abi::layout::vm_area_struct::vm_flags, flags) && (flags & 0x7);
	};
	const vm::Program& prog = *m_images[u.image].program;
	uint64_t ip = vm::frame_address(m_images, u.thread.frames.back());
	uint64_t sp = u.thread.sp;
	// print_vma_addr(): the file mapping that holds ip, "name[start+size]".
	std::string vma = fmt::format("{}[{:x}+{:x}]", kbasename(prog.name), addr::kUserText,
				      (prog.text_size() + vm::kPageSize - 1) & ~(vm::kPageSize - 1));
	// The message goes at KERN_INFO, or KERN_EMERG for init.
	std::string level = task.pid > 1 ? "\0016" : "\0010";
	int32_t sig = abi::kSIGSEGV;
	std::string message;
	if (r.fault == vm::FaultKind::DivideByZero) {
		// arch/x86/kernel/traps.c do_error_trap() -> show_signal(): SIGFPE.
		sig = abi::kSIGFPE;
		level = "\0016";   // pr_info()
		message = fmt::format("traps: {}[{}] trap divide error ip:{:x} sp:{:x} error:0 in {}\n", task.comm,
				      task.pid, ip, sp, vma);
	} else if (device == DeviceFault::Sigbus && device_page_missing(r.fault_address)) {
		// A device mapping's page that its driver did not map: VM_FAULT_SIGBUS ->
		// do_sigbus() -> force_sig_fault(SIGBUS, BUS_ADRERR), with no message.
		sig = abi::kSIGBUS;
	} else {
		// arch/x86/mm/fault.c do_user_addr_fault(): the hardware error code is USER, plus
		// WRITE for a store, plus PROT when the page was present (a resident page the
		// mapping does not allow to be written); a missing mapping is SEGV_MAPERR, a
		// mapping that forbids the access (PROT_NONE, read-only) SEGV_ACCERR.
		bool write = r.fault == vm::FaultKind::Write;
		const vm::Region* region = u.mm.region_at(r.fault_address);
		bool present = region && region->readable && u.mm.is_resident(r.fault_address);
		uint32_t error = 4u | (write ? 2u : 0u) | (present ? 1u : 0u);
		message = fmt::format("{}[{}]: segfault at {:x} ip {:016x} sp {:016x} error {:x} in {} likely on CPU {} "
				      "(core {}, socket 0)\n",
				      task.comm, task.pid, r.fault_address, ip, sp, error, vma, cpu, cpu);
	}
	force_sig_fault(cpu, t, sig, message.empty() ? message : level + message);
}

void Kernel::force_sig_fault(uint32_t cpu, TaskId t, int32_t sig, const std::string& message)
{
	// show_signal_msg() speaks only for a signal the task does not handle
	// (unhandled_signal()); force_sig_fault() then unblocks it and resets an ignored
	// one, so the task dies unless a handler runs (and returns to the same fault).
	Task& task = m.tasks[t];
	SigAction& ka = task.user->sigactions[static_cast<size_t>(sig)];
	uint64_t bit = 1ull << sig;
	if ((ka.handler == abi::kSIG_DFL || ka.handler == abi::kSIG_IGN) && !message.empty())
		printk(cpu, message);
	if (ka.handler == abi::kSIG_IGN || (task.signal.blocked & bit)) {
		ka.handler = abi::kSIG_DFL;
		task.signal.blocked &= ~bit;
	}
	task.signal.pending |= bit;
	deliver_signals(cpu, t);
}

void Kernel::handle_fault(uint32_t cpu, TaskId t, bool user, const vm::RunResult& r)
{
	if (user) {
		bool write = r.fault == vm::FaultKind::Write;
		bool access = write || r.fault == vm::FaultKind::Read;
		if (access && driver_page_fault(cpu, t, r))
			return;   // the driver's ->fault runs, then the access runs again
		if (access && page_count().fault_needs_memory(t, r.fault_address, write)) {
			user_oom_fault(cpu, t);   // the access runs again unless the task dies
			return;
		}
		user_fault(cpu, t, r);
		return;
	}
	// A fault in module code: KASAN's report or the oops (Oops.cpp).
	kernel_fault(cpu, t, r);
}

}  // namespace kctx::kernel
