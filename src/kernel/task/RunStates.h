// Tasks: fork's return, kthreads and workers, syscalls, exit and wait, signal stops, the shell's applets.
// Run states (core/NativeFrame.h): a native's resume point and locals, as plain data.
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "abi/Builtins.h"

namespace kctx::kernel::run {

// ret_from_fork() (arch/x86/entry/entry_64.S) -> schedule_tail(): a new task's first
// return from the context switch; no locals.
struct RetFromFork {
	bool operator==(const RetFromFork&) const = default;
	void serialize(auto&) {}
};

// kthread() (kernel/kthread.c): a new kernel thread sleeps until first woken, then runs
// threadfn(data) and exits with its result.
struct Kthread {
	enum class Resume : uint8_t {
		Start,      // woken: run threadfn, or exit if kthread_stop() came first
		Returned,   // back from threadfn: do_exit() with `ret`
	};
	Resume resume = Resume::Start;
	uint64_t threadfn = 0;   // 0 for the boot threads kctx does not model: they sleep for good
	uint64_t data = 0;       // threadfn's argument
	bool operator==(const Kthread&) const = default;
	template <typename Ar> void serialize(Ar& ar) { ar(resume, threadfn, data); }
};

// do_syscall_64() (arch/x86/entry/common.c): one system call from entry to the return
// to user mode, with the kernel function it runs (ksys_read, __do_sys_wait4, …) folded
// in. Its Resume is also the file syscalls' (fs/), the signal syscalls' (Signal.cpp)
// and the process syscalls' (Fork.cpp) resume points.
struct Syscall {
	enum class Resume : uint8_t {
		Entry,              // entry_SYSCALL_64: pt_regs, the mode switch, sys_enter
		Start,              // the syscall's first pass (do_syscall)
		Called,             // back from the frame it pushed (do_wait, do_one_initcall,
		                    // do_nanosleep, schedule() in pause…): its value in `ret`
		DriverCalled,       // fs: back from a driver's file operation (vfs_call_driver),
		                    // or from ->flush on close(): its value in `ret`
		TtyWait,            // fs: asleep in n_tty_read(), nothing types on the console
		ReleaseReturned,    // fs: close(): back from ->release, after ->flush
		PipeWait,           // fs: asleep in pipe_read() / pipe_write() (PipeFs.cpp)
		FifoWait,           // fs: asleep in fifo_open()'s wait_for_partner() (PipeFs.cpp)
		KmsgWait,           // fs: asleep in devkmsg_read(), on log_wait
		ExitToUser,         // syscall_exit_to_user_mode(): reschedule, then signals
	};
	Resume resume = Resume::Entry;
	abi::BuiltinId syscall{};          // the libc call, or a kernel-only one (Syscalls.cpp)
	std::array<uint64_t, 6> args{};    // the six syscall arguments, as the registers hold them
	// The bytes of a write stdio makes (`libc_write`), or the module an applet's
	// finit_module or delete_module names.
	std::string data;
	// A write stdio (printf, puts, fflush…) makes for its buffer: the data is `data`, and
	// the program sees the libc function's own value, `libc_result`, not write's.
	bool libc_write = false;
	int64_t libc_result = 0;
	// nanosleep, sleep, usleep and restart_syscall's nanosleep: the absolute expiry (CPU
	// clock, ns); restart_syscall's also the call it restarts and where the time left goes.
	uint64_t sleep_expires = 0;
	abi::BuiltinId restart_op{};
	uint64_t rmtp = 0;
	// open(): the fd the new file holds while its ->open (or fifo_open's wait) runs, and
	// for a FIFO the partner counter it waits to see move.
	int32_t fd = -1;
	uint32_t fifo_partner = 0;
	// read() and write() of a pipe: the count, clamped to MAX_RW_COUNT, and pipe_write()'s
	// progress across sleeps (the bytes done | kWasEmptyOrFull | kWakeNext, PipeFs.cpp).
	uint64_t count = 0;
	uint64_t pipe_progress = 0;
	// close() of a driver's file: its struct file, inode and file_operations for ->flush
	// and ->release, and close()'s value (->flush's) while ->release runs.
	uint64_t file = 0;
	uint64_t inode = 0;
	uint64_t fops = 0;
	int64_t close_ret = 0;
	// mmap() of a device: the struct vm_area_struct its ->mmap fills, and the range
	// mmap_region() mapped for it (unmapped again when ->mmap fails).
	uint64_t vma = 0;
	uint64_t map_start = 0;
	uint64_t map_len = 0;
	bool operator==(const Syscall&) const = default;
	template <typename Ar> void serialize(Ar& ar)
	{
		ar(resume, syscall, args, data, libc_write, libc_result, sleep_expires, restart_op, rmtp, fd,
		   fifo_partner, count, pipe_progress, file, inode, fops, close_ret, vma, map_start, map_len);
	}
};

// Who waits in do_wait(): wait4() itself, or the shell's __kctx_wait (and an applet's parent).
enum class WaitKind : uint8_t {
	Shell,   // the status is returned; a signal gives -EINTR once the wait has slept
	Wait4,   // the status goes to user memory and the pid is returned; WNOHANG; a signal
	         // ends the wait with -ERESTARTSYS
};

// do_wait() (kernel/exit.c), called by kernel_wait4() or the shell's wait.
struct WaitChild {
	enum class Resume : uint8_t {
		Start,   // look for a zombie; none: sleep on wait_chldexit
		Woken,   // back from schedule(): look again
	};
	Resume resume = Resume::Start;
	int32_t pid = -1;             // the child (> 0), or any (-1, and 0: kctx has one process group)
	uint64_t options = 0;         // wait4's options (WNOHANG…)
	WaitKind kind = WaitKind::Shell;
	uint64_t status_addr = 0;     // Wait4: the user's int *wstatus, or 0
	bool operator==(const WaitChild&) const = default;
	template <typename Ar> void serialize(Ar& ar) { ar(resume, pid, options, kind, status_addr); }
};

// do_exit() (kernel/exit.c): the files, the parent's notice, then schedule away for good.
struct Exit {
	enum class Resume : uint8_t {
		Start,   // exit_files(): each driver file's ->flush and ->release, one call a pass
		Dead,    // TASK_DEAD and the parent told: only schedule() is left
	};
	Resume resume = Resume::Start;
	bool operator==(const Exit&) const = default;
	template <typename Ar> void serialize(Ar& ar) { ar(resume); }
};

// worker_thread() -> process_one_work() (kernel/workqueue.c): kworker/N:0 runs the CPU's
// queued work items in order, and sleeps when there are none.
struct Worker {
	enum class Resume : uint8_t {
		Next,       // run the next queued item, or sleep
		Returned,   // back from the item's function: release its lockdep maps
	};
	Resume resume = Resume::Next;
	uint64_t work = 0;   // the work_struct being run
	bool operator==(const Worker&) const = default;
	template <typename Ar> void serialize(Ar& ar) { ar(resume, work); }
};

// smpboot_thread_fn() -> cpu_stopper_thread() (kernel/stop_machine.c): migration/N runs
// its queued stop work, then sleeps; no locals, the queue is the CPU's.
struct Stopper {
	bool operator==(const Stopper&) const = default;
	void serialize(auto&) {}
};

// __flush_workqueue(), drain_workqueue(), destroy_workqueue() (kernel/workqueue.c): sleep
// until no work item of the queue is pending or running; each item that finishes wakes
// the waiters (the flush color's completion, here keyed by the queue).
struct FlushWorkqueue {
	enum class Mode : uint8_t {
		Flush,     // flush_workqueue()
		Drain,     // drain_workqueue(): __WQ_DRAINING while it waits
		Destroy,   // destroy_workqueue(): drain, then the queue and its rescuer go
	};
	Mode mode = Mode::Flush;
	uint64_t wq = 0;   // the struct workqueue_struct (0: system_wq)
	bool operator==(const FlushWorkqueue&) const = default;
	template <typename Ar> void serialize(Ar& ar) { ar(mode, wq); }
};

// kthread_stop() (kernel/kthread.c): wait for the thread to exit, return its result.
struct KthreadStop {
	uint32_t thread = 0;   // the TaskId of the thread being stopped
	// free_irq()'s kthread_stop() of the line's irq/N-name thread: free_irq() then
	// returns the action's devname, not the thread's result.
	bool free_irq = false;
	uint64_t devname = 0;
	bool operator==(const KthreadStop&) const = default;
	template <typename Ar> void serialize(Ar& ar) { ar(thread, free_irq, devname); }
};

// The busybox applets init's shell runs as child tasks.
enum class AppletKind : uint8_t { Insmod, Rmmod, Ps, Dmesg };

// A busybox applet's user-mode side (Syscalls.cpp spawn_applet): one syscall, output,
// exit status.
struct Applet {
	enum class Resume : uint8_t {
		Start,        // insmod/rmmod: make the syscall; ps/dmesg: print and exit
		SyscallDone,  // back from finit_module/delete_module: exit with its errno
	};
	Resume resume = Resume::Start;
	AppletKind kind = AppletKind::Ps;
	std::string arg;    // the command line after the applet's name
	bool operator==(const Applet&) const = default;
	template <typename Ar> void serialize(Ar& ar) { ar(resume, kind, arg); }
};

// do_signal_stop() (kernel/signal.c) in get_signal(), on the way back to user mode.
struct SignalStop {
	enum class Resume : uint8_t {
		Start,     // TASK_STOPPED (unless SIGCONT or SIGKILL came first), schedule()
		Stopped,   // woken: still stopped, or continued into get_signal() again
	};
	Resume resume = Resume::Start;
	bool from_syscall = false;    // a syscall is returning (else an interrupt or exception)
	abi::BuiltinId syscall{};     // from_syscall: which, and its value
	int64_t ret = 0;
	int32_t sig = 0;              // the stop signal
	bool cancelled = false;       // a SIGCONT came before the task stopped (JOBCTL_STOP_PENDING)
	bool operator==(const SignalStop&) const = default;
	template <typename Ar> void serialize(Ar& ar) { ar(resume, from_syscall, syscall, ret, sig, cancelled); }
};

}  // namespace kctx::kernel::run
