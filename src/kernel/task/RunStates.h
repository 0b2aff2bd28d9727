// Tasks: fork's return, kthreads and workers, syscalls, exit and wait, signal stops, the shell's applets.
// Run states (core/NativeFrame.h): a native's resume point and locals, as plain data.
#pragma once

#include <cstdint>

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

struct Syscall {
	bool operator==(const Syscall&) const = default;
	void serialize(auto&) {}
};

struct WaitChild {
	bool operator==(const WaitChild&) const = default;
	void serialize(auto&) {}
};

struct Exit {
	bool operator==(const Exit&) const = default;
	void serialize(auto&) {}
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

// kthread_stop() (kernel/kthread.c): wait for the thread to exit, return its result.
struct KthreadStop {
	uint32_t thread = 0;   // the TaskId of the thread being stopped
	bool operator==(const KthreadStop&) const = default;
	template <typename Ar> void serialize(Ar& ar) { ar(thread); }
};

struct Applet {
	bool operator==(const Applet&) const = default;
	void serialize(auto&) {}
};

struct SignalStop {
	bool operator==(const SignalStop&) const = default;
	void serialize(auto&) {}
};

}  // namespace kctx::kernel::run
