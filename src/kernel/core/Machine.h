// The machine's whole state: one plain value. Everything that changes while a scenario
// runs is in here, referred to by index (TaskId, CPU number, addresses in simulated
// memory), never by pointer, so a Machine can be copied, hashed, compared, serialized
// and restored (ARCHITECTURE.md, "The one rule").
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "base/CowVector.h"
#include "kernel/core/NativeFrame.h"
#include "kernel/core/TaskId.h"
#include "kernel/debug/DetectorState.h"
#include "kernel/printk/PrintkState.h"
#include "kernel/sched/SchedState.h"
#include "kernel/time/TimerState.h"
#include "kernel/locking/LockdepState.h"
#include "kernel/task/PidState.h"
#include "kernel/task/SignalState.h"
#include "kernel/mm/Ram.h"
#include "kernel/mm/Slab.h"
#include "kernel/module/ModuleArea.h"
#include "kernel/fs/Vfs.h"
#include "kernel/base/DeviceModel.h"
#include "kernel/task/WorkqueueState.h"
#include "kernel/irq/IrqDesc.h"
#include "vm/Memory.h"
#include "vm/Shmem.h"
#include "vm/Thread.h"

namespace kctx::kernel {

// Module code in progress: one entry from the kernel into bytecode.
struct VmFrame {
	vm::Thread thread;
	StackKind stack = StackKind::Task;
	bool operator==(const VmFrame&) const = default;
	template <typename Ar> void serialize(Ar& ar) { ar(thread, stack); }
};

using KFrame = std::variant<NativeFrame, VmFrame>;

// glibc's random_r TYPE_3 state (stdlib/random_r.c), so rand() matches a real program.
struct RandState {
	std::array<int32_t, 34> r{};
	uint32_t f = 3, b = 0;
	bool operator==(const RandState&) const = default;
	template <typename Ar> void serialize(Ar& ar) { ar(r, f, b); }
};

struct SigAction {
	uint64_t handler = 0;   // SIG_DFL 0, SIG_IGN 1, else a user function address
	uint32_t flags = 0;
	uint64_t mask = 0;
	bool operator==(const SigAction&) const = default;
	template <typename Ar> void serialize(Ar& ar) { ar(handler, flags, mask); }
};

// A process's user side: its address space, its program and libc's own state.
struct UserState {
	vm::Memory mm;
	vm::Thread thread;
	uint32_t image = 0;               // the program's image
	std::string stdout_buf;           // stdio's buffer for stdout (line-buffered: a tty)
	int32_t stdout_mode = -1;         // setvbuf()'s _IOFBF/_IOLBF/_IONBF; -1: glibc's choice by the file
	uint64_t errno_addr = 0;
	RandState rand;
	std::array<SigAction, 32> sigactions{};
	uint64_t heap_base = 0;           // mm->start_brk: where malloc's heap starts
	uint64_t heap_next = 0;           // malloc's bump pointer, from heap_base
	FileTable files;
	// fs_struct's umask: 022 from init_fs (fs/fs_struct.c), kept by fork and exec,
	// taken off the mode of mknod()s (fs/namei.c do_mknodat()).
	uint32_t umask = 022;
	std::vector<SigFrame> sigframes;   // signal handlers running on the user stack, innermost last
	// Minor faults (src/kernel/mm/Mm.cpp): a page becomes resident at its first touch, so the
	// faults are the pages resident now, plus those munmap/MADV_DONTNEED dropped, less
	// those the process started with (a fork child's inherited pages).
	uint64_t faults_dropped = 0;
	uint64_t faults_base = 0;
	bool operator==(const UserState&) const = default;
	template <typename Ar> void serialize(Ar& ar) { ar(mm, thread, image, stdout_buf, stdout_mode, errno_addr, rand, sigactions, heap_base, heap_next, files, umask, sigframes, faults_dropped, faults_base); }
};

// getrusage(RUSAGE_CHILDREN)'s figures, added up as children are reaped.
struct ChildrenUsage {
	uint64_t ns = 0;
	uint64_t minflt = 0;
	uint64_t nvcsw = 0;
	uint64_t nivcsw = 0;
	uint64_t maxrss_kb = 0;
	bool operator==(const ChildrenUsage&) const = default;
	template <typename Ar>
	void serialize(Ar& ar)
	{
		ar(ns, minflt, nvcsw, nivcsw, maxrss_kb);
	}
};

struct Task {
	int32_t pid = 0;
	int32_t tgid = 0;
	int32_t ppid = 0;
	std::string comm;
	std::string cmdline;            // /proc/PID/cmdline, as ps shows it
	uint32_t state = 0;             // TASK_* (abi/Preempt.h)
	bool kthread = false;
	bool exited = false;            // EXIT_ZOMBIE: waiting for the parent to reap it
	bool reaped = false;
	bool unused = false;            // a free slot of Machine::tasks (Machine::free_tasks)
	uint32_t usage = 0;             // get_task_struct() references that keep a dead task's slot
	bool orphan = false;            // reparented to init, which reaps it when it exits
	int32_t exit_status = 0;        // wait status (exit code << 8 | signal)
	uint32_t cpu = 0;               // task_cpu(): the CPU it runs or last ran on
	uint64_t start_time = 0;        // task->start_time: ns since boot when copy_process() made it
	bool kthread_should_stop = false;
	TaskSched sched;                // sched/SchedState.h
	TaskSignals signal;             // task/SignalState.h
	TaskLockdep lockdep;            // locking/LockdepState.h
	TaskHung hung;                  // debug/DetectorState.h
	// signal->cutime, cnvcsw, cnivcsw, cmin_flt, cmaxrss: what the children it reaped with
	// wait() used, theirs and their own reaped children's (wait_task_zombie()).
	ChildrenUsage children;
	uint64_t task_struct_addr = 0;  // its struct task_struct mirror in kernel memory
	uint64_t stack_base = 0;        // its 16 KiB kernel stack in kernel memory
	uint32_t pagefault_disabled = 0;
	int32_t rcu_read_lock_nesting = 0;
	uint64_t current_work = 0;      // a kworker's work item in progress (for dump headers)
	std::vector<KFrame> kstack;     // empty: the task is in user mode
	std::optional<UserState> user;  // processes only

	[[nodiscard]] bool in_user_mode() const { return kstack.empty() && user.has_value(); }
	[[nodiscard]] bool kthread_bound() const { return sched.bound; }
	bool operator==(const Task&) const = default;
	template <typename Ar>
	void serialize(Ar& ar)
	{
		ar(pid, tgid, ppid, comm, cmdline, state, kthread, exited, reaped, unused, usage, orphan, exit_status, cpu,
		   start_time, kthread_should_stop, sched, signal, lockdep, hung, children, task_struct_addr, stack_base, pagefault_disabled,
		   rcu_read_lock_nesting, current_work, kstack, user);
	}
};

struct Cpu {
	uint64_t now = 0;                 // this CPU's local clock, ns since boot
	TaskId curr = kNoTask;
	TaskId idle = kNoTask;
	uint32_t preempt_count = 0;       // per-CPU on x86 (arch/x86/include/asm/preempt.h)
	bool irqs_enabled = true;         // EFLAGS.IF
	// Where preemption was last disabled from zero, for DEBUG_PREEMPT's "Preemption
	// disabled at:" (current->preempt_disable_ip, kept per CPU as the count is).
	std::string preempt_disable_ip;
	CpuSched sched;                   // struct rq (sched/SchedState.h)
	CpuIrq irq;                       // softirqs, tasklets, the hardirq stack (irq/IrqDesc.h)
	CpuTick tick;                     // the periodic tick and NO_HZ (time/TimerState.h)
	CpuWatchdog watchdog;             // the lockup detectors (debug/DetectorState.h)
	TaskId stopper = kNoTask;         // migration/N
	TaskId kworker = kNoTask;         // kworker/N:0
	TaskId ksoftirqd = kNoTask;       // ksoftirqd/N
	std::vector<uint64_t> worklist;   // the per-CPU pool's queued work items, in order
	bool operator==(const Cpu&) const = default;
	template <typename Ar>
	void serialize(Ar& ar)
	{
		ar(now, curr, idle, preempt_count, irqs_enabled, preempt_disable_ip, sched, irq, tick, watchdog, stopper,
		   kworker, ksoftirqd, worklist);
	}
};

enum class ModuleState : uint8_t { Live, Coming, Going, Gone };

struct Module {
	std::string name;
	uint32_t code = 0;      // index into Code::modules
	uint32_t image = 0;
	ModuleState state = ModuleState::Coming;
	int32_t refcnt = 0;     // module_refcount(): try_module_get()s not yet put (open files, using modules)
	std::vector<uint32_t> uses;   // modules whose exported symbols this one uses (each holds one reference)
	bool operator==(const Module&) const = default;
	template <typename Ar> void serialize(Ar& ar) { ar(name, code, image, state, refcnt, uses); }
};

// A program or module placed in memory. The code itself is outside the state (Code).
struct ImageSlot {
	enum class Kind : uint8_t { Init, Program, Module, Vdso };   // Vdso: kernel/user/Vdso.h, __restore_rt
	Kind kind = Kind::Program;
	uint32_t index = 0;     // into Code::programs or Code::modules
	uint64_t text_base = 0;
	uint64_t data_base = 0;
	bool unloaded = false;  // a module's image after rmmod (or a failed load): its range may be reused
	bool operator==(const ImageSlot&) const = default;
	template <typename Ar> void serialize(Ar& ar) { ar(kind, index, text_base, data_base, unloaded); }
};

// A task waiting on a wait queue, mutex, semaphore or completion (keyed by its address).
struct Waiter {
	TaskId task = kNoTask;
	bool exclusive = false;   // WQ_FLAG_EXCLUSIVE: wake_up() wakes one of these
	bool granted = false;     // the lock or semaphore was handed to this waiter
	bool persists = false;    // default_wake_function (add_wait_queue): stays queued when woken
	bool operator==(const Waiter&) const = default;
	template <typename Ar> void serialize(Ar& ar) { ar(task, exclusive, granted, persists); }
};

// A work item (struct work_struct) kctx has seen, by address.
struct Work {
	uint64_t fn = 0;
	std::string name;          // "(work_completion)(&w)", lockdep's name for it
	bool pending = false;      // queued, not yet started
	bool running = false;
	uint32_t cpu = 0;
	uint64_t seq = 0;
	bool delayed = false;      // part of a struct delayed_work (its timer is at abi::layout::delayed_work::timer)
	uint64_t wq = 0;           // the workqueue it was last queued on (0: system_wq)
	bool operator==(const Work&) const = default;
	template <typename Ar> void serialize(Ar& ar) { ar(fn, name, pending, running, cpu, seq, delayed, wq); }
};

// What the run found, for the exit status and the summary line.
struct Findings {
	uint32_t bugs = 0;       // BUG: … reports
	uint32_t warnings = 0;   // WARNING: … reports
	uint32_t oopses = 0;
	uint32_t lockups = 0;
	bool panicked = false;
	bool operator==(const Findings&) const = default;
	template <typename Ar> void serialize(Ar& ar) { ar(bugs, warnings, oopses, lockups, panicked); }
	[[nodiscard]] uint32_t total() const { return bugs + warnings + oopses + lockups; }
};

// The task table: copies share each task until one writes it (base/CowVector.h), so a
// copy of the machine costs a pointer per task, not the tasks.
using TaskTable = CowVector<Task>;

struct Machine {
	std::vector<Cpu> cpus;
	TaskTable tasks;                     // by TaskId; a freed slot is `unused` until reused
	std::vector<TaskId> free_tasks;       // the unused slots, reused last freed first
	vm::Memory kmem;                      // the kernel's address space
	vm::ShmemTable shmem;                 // MAP_SHARED anonymous memory, by id (Shmem.cpp)
	std::vector<ImageSlot> images;
	std::vector<Module> modules;          // load order
	std::string last_unloaded_module;
	TimeState time;                       // timer_lists, hrtimers and their queues (time/TimerState.h)
	std::map<uint64_t, std::vector<Waiter>> waiters;   // by wait queue / lock address
	std::map<uint64_t, Work> works;                    // by struct work_struct address
	HungTaskCheck hung;                                // khungtaskd (debug/DetectorState.h)
	PidState pid;                         // kernel/pid.c's idr and cursor (task/PidState.h)
	uint64_t kmalloc_next = 0;            // kmalloc's bump pointer
	ModuleArea module_area;               // module_alloc()'s ranges of the module area
	uint32_t tainted = 0;                 // bit per abi::Taint
	std::set<std::string> warned_once;    // WARN_ONCE sites that fired
	uint64_t might_sleep_prev_jiffy = 0;  // __might_resched's rate limit
	PrintkState printk;                   // the log ring buffer and the console (printk/PrintkState.h)
	Findings findings;
	LockdepState lockdep;
	VfsState vfs;
	DeviceModelState devmodel;            // sysfs, classes, devices (kernel/base/)
	SlabState slab;                       // kmalloc's caches and KASAN's view of them (Slab.h)
	RamState ram;                         // mem=, the page blocks handed out, the OOM killer (mm/Ram.h)
	WorkqueueState wq;                    // modules' own workqueues (task/WorkqueueState.h)
	IrqState irq;                         // interrupt lines and their actions (irq/IrqDesc.h)
	// A loaded module named an object of the kernel's .data (jiffies, abi/KernelData.h):
	// its page is mapped and kept current before module code runs.
	bool kernel_data_live = false;
	uint64_t rng = 0;                     // the machine's PRNG (seeded), for jitter
	bool halted = false;                  // panic, or init exited
	int32_t init_exit_status = 0;
	int32_t panic_cpu = -1;               // kernel/panic.c panic_cpu: the CPU that panicked (PANIC_CPU_INVALID -1)
	// The frames above the panicking task's kernel stack when panic() ran ("panic+0x118/0x2f0"
	// and its callers that are not frames of their own), as a dump's stack holds them.
	std::vector<std::string> panic_stack;

	bool operator==(const Machine&) const = default;
	template <typename Ar>
	void serialize(Ar& ar)
	{
		ar(cpus, tasks, free_tasks, kmem, shmem, images, modules, last_unloaded_module, time, waiters, works,
		   hung, pid, kmalloc_next, module_area, tainted, warned_once, might_sleep_prev_jiffy, printk, findings, lockdep, vfs, devmodel, slab, ram, wq, irq, kernel_data_live, rng, halted, init_exit_status, panic_cpu, panic_stack);
	}
};

}  // namespace kctx::kernel
