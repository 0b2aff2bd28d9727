// Processes that user programs make and reap: fork() (kernel/fork.c kernel_clone,
// copy_process), wait()/waitpid() (kernel/exit.c do_wait, wait_consider_task) and
// getrusage() (kernel/sys.c getrusage). Exit, reparenting and the parent's SIGCHLD are
// in Process.cpp (do_exit, exit_notify).
#include <fmt/format.h>

#include "abi/Errno.h"
#include "abi/Preempt.h"
#include "abi/Signal.h"
#include "kernel/debug/CallTrace.h"
#include "kernel/core/Kernel.h"

namespace kctx::kernel {

using abi::BuiltinId;

namespace {
constexpr uint64_t kWnohang = 1;   // include/uapi/linux/wait.h

// struct rusage as glibc lays it out on x86-64 (sys/resource.h): two timevals, then
// fourteen longs.
namespace rusage {
constexpr uint64_t ru_utime = 0, ru_stime = 16, ru_maxrss = 32, ru_minflt = 64, ru_nvcsw = 128, ru_nivcsw = 136,
		   size = 144;
}
}  // namespace

bool Kernel::process_syscall(uint32_t cpu, TaskId t, NativeFrame& f)
{
	auto& r = f.as<run::Syscall>();
	auto finish = [&](int64_t v) {
		f.ret = v;
		return true;
	};
	switch (r.syscall) {
	case BuiltinId::fork: return finish(do_fork(cpu, t));
	case BuiltinId::wait:
	case BuiltinId::waitpid: {
		// wait4(pid, wstatus, options, NULL); glibc's wait(s) is wait4(-1, s, 0, NULL).
		if (r.resume == run::Syscall::Resume::Called)
			return finish(f.ret);
		bool is_wait = r.syscall == BuiltinId::wait;
		uint64_t pid = is_wait ? static_cast<uint64_t>(-1ll) : r.args[0];
		uint64_t status = is_wait ? r.args[0] : r.args[1];
		uint64_t options = is_wait ? 0 : r.args[2];
		// kernel_wait4(): only WNOHANG, WUNTRACED, WCONTINUED and the __W* bits are valid.
		if (options & ~(0x1ull | 0x2 | 0x8 | 0x20000000 | 0x40000000 | 0x80000000))
			return finish(-abi::kEINVAL);
		r.resume = run::Syscall::Resume::Called;
		push_native(t,
			    run::WaitChild{.pid = static_cast<int32_t>(static_cast<int64_t>(pid)),
					   .options = options,
					   .kind = run::WaitKind::Wait4,
					   .status_addr = status},
			    StackKind::Task);   // r is gone now
		return false;
	}
	case BuiltinId::getrusage: {
		// getrusage(RUSAGE_SELF) and RUSAGE_CHILDREN (the children reaped so far). kctx
		// does not split user and system time: all of it shows as ru_utime.
		Task& task = m.tasks[t];
		auto who = static_cast<int32_t>(r.args[0]);
		if (who != 0 && who != -1)
			return finish(-abi::kEINVAL);
		uint64_t ns = 0, minflt = 0, nvcsw = 0, nivcsw = 0, maxrss = 0;
		auto add = [&](TaskId i) {
			const Task& p = m.tasks[i];
			ns += p.sched.sum_exec;
			nvcsw += p.sched.nvcsw;
			nivcsw += p.sched.nivcsw;
			if (p.user) {
				minflt += min_faults(i);
				maxrss = std::max(maxrss, resident_pages(i) * 4);
			}
		};
		if (who == 0) {
			add(t);
		} else {
			ns = task.children.ns;
			nvcsw = task.children.nvcsw;
			nivcsw = task.children.nivcsw;
			minflt = task.children.minflt;
			maxrss = task.children.maxrss_kb;
		}
		std::vector<uint8_t> zero(rusage::size, 0);
		vm::Memory& mm = task.user->mm;
		uint64_t p = r.args[1];
		bool ok = mm.write(p, zero.data(), zero.size()) &&
			  mm.store(p + rusage::ru_utime, static_cast<int64_t>(ns / 1'000'000'000)) &&
			  mm.store(p + rusage::ru_utime + 8, static_cast<int64_t>(ns % 1'000'000'000 / 1000)) &&
			  mm.store(p + rusage::ru_stime, int64_t{0}) && mm.store(p + rusage::ru_maxrss, maxrss) &&
			  mm.store(p + rusage::ru_minflt, minflt) && mm.store(p + rusage::ru_nvcsw, nvcsw) &&
			  mm.store(p + rusage::ru_nivcsw, nivcsw);
		return finish(ok ? 0 : -abi::kEFAULT);
	}
	default: break;
	}
	return finish(-abi::kENOSYS);
}

int64_t Kernel::do_fork(uint32_t cpu, TaskId parent)
{
	// kernel_clone() -> copy_process(): a new task with a copy of the parent's address
	// space (copy-on-write: vm::Memory copies share pages until written; MAP_SHARED
	// mappings keep naming the same shmem objects, Shmem.cpp), its file
	// table (the open files themselves are shared: one struct file, one more reference),
	// its signal handlers and blocked mask. Pending signals and timers are not inherited
	// (POSIX; copy_process clears sigpending, it_real_incr is per signal_struct).
	if (int64_t err = fork_limits_check())
		return err;   // copy_process(): bad_fork_cleanup_count
	std::string comm = m.tasks[parent].comm;
	TaskId child = create_task(comm, false, cpu);   // invalidates Task references
	Task& p = m.tasks[parent];
	Task& c = m.tasks[child];
	c.ppid = p.pid;
	c.cmdline = p.cmdline;
	c.user = p.user;
	c.signal.blocked = p.signal.blocked;
	UserState& u = *c.user;
	for (auto& [fd, of] : u.files.fds) {
		if (of.kind == FileKind::Driver && of.opened)
			m.vfs.shared_files[of.file]++;
		if (of.kind == FileKind::Pipe)
			pipe_share(of.pipe, of.mode);
	}
	// dup_mmap(): the child maps the same shmem objects as the parent (a MAP_SHARED
	// mapping is shared, not copied), but copy_page_range() copies no PTEs of them
	// (vma_needs_copy()): the child faults their pages in from the object when it
	// touches them, and they count in its RSS from then on.
	u.mm.attach_shmem(&m.shmem);
	u.mm.attach_kmem(&m.kmem);
	u.mm.drop_shmem_ptes();
	u.faults_dropped = 0;
	u.faults_base = u.mm.resident_pages(0, vm::kKernelSpaceStart);
	// The child returns 0 from fork() (ret_from_fork: regs->ax = 0) through the same
	// exit path as the parent, with no signal pending.
	vm::complete_builtin(u.thread, 0);
	push_native(child, run::RetFromFork{}, StackKind::Task);
	sync_task_struct(child);
	// wake_up_new_task(): select_task_rq(SD_BALANCE_FORK), place_entity() with START_DEBIT.
	uint32_t target = runqueues().select_cpu(child, cpu, true);
	c.sched.vruntime = m.cpus[target].sched.min_vruntime + 750'000;
	enqueue_task(child, target);
	Cpu& tc = m.cpus[target];
	if (tc.curr == tc.idle)
		resched_curr(target, cpu);
	return c.pid;
}

bool Kernel::put_shared_file(uint64_t file)
{
	auto it = m.vfs.shared_files.find(file);
	if (it == m.vfs.shared_files.end())
		return true;
	if (--it->second == 0)
		m.vfs.shared_files.erase(it);
	return false;
}

void Kernel::step_ret_from_fork(uint32_t cpu, TaskId t, NativeFrame& f)
{
	// schedule_tail(): finish_task_switch() drops the rq lock, then preempt_enable().
	Cpu& c = m.cpus[cpu];
	c.preempt_count = c.preempt_count >= 2 ? c.preempt_count - 2 : 0;
	c.irqs_enabled = true;
	pop_frame(t, 0);
}

void trace_ret_from_fork(const Machine& m, const Task& task, const NativeFrame& f, std::vector<TraceLine>& out)
{
	TraceAdder add{out, f.stack};
	add("ret_from_fork+0x22/0x30");
}

}  // namespace kctx::kernel
