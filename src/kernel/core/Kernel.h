// The simulated kernel: the code that advances a Machine. A Kernel holds no state of its
// own beyond caches derived from the Machine; two Kernels over two copies of a Machine
// run identically (the snapshot test checks this).
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "abi/Builtins.h"
#include "abi/Preempt.h"
#include "kernel/core/Choice.h"
#include "kernel/core/Config.h"
#include "kernel/core/Hooks.h"
#include "kernel/locking/Lockdep.h"
#include "kernel/core/Machine.h"
#include "kernel/mm/PageCount.h"
#include "kernel/sched/RunQueues.h"
#include "kernel/sched/Wait.h"
#include "vm/Interpreter.h"
#include "vm/Program.h"

namespace kctx::kernel {

enum class RestartAction : uint8_t;   // kernel/task/Restart.h

// The compiled code of a scenario: immutable, shared by every copy of the Machine.
// A file run as a program through its "#!INTERP [ARG]" first line (fs/binfmt_script.c):
// ./test.stp whose line is "#!/usr/bin/stap".
struct ScriptFile {
	uint32_t interpreter = 0;   // the program INTERP is: an index of Code::programs
	std::string interp;         // INTERP as the line writes it: "/usr/bin/stap"
	std::string arg;            // the line's optional argument, "" when there is none
	// INTERP is env(1) ("#! /usr/bin/env stap"), which execs ARG found on PATH: the
	// interpreter program.
	bool env = false;
};

struct Code {
	vm::ProgramRef init;                     // the init script, compiled (pid 1)
	std::vector<vm::ProgramRef> programs;    // ./NAME, by the index __kctx_spawn takes
	std::vector<vm::ProgramRef> modules;     // NAME.ko, by the index __kctx_insmod takes
	// Scripts run as ./NAME: __kctx_spawn's index programs.size() + i is scripts[i].
	std::vector<ScriptFile> scripts;
};

struct Summary {
	uint64_t sim_ns = 0;
	uint64_t context_switches = 0;
	uint64_t interrupts = 0;
	Findings findings;
};

class Kernel;
struct Kstat;      // fs/Kstat.h
struct DirEntry;   // fs/Dirent.h
struct ParamEnv;   // module/Params.h

// What a native (a libc or lib/ function run inside vm::run, user/Libc.cpp) gets as
// vm::NativeContext::host: the kernel, and the CPU and task it runs on.
struct NativeHost {
	Kernel* kernel = nullptr;
	uint32_t cpu = 0;
	TaskId task = kNoTask;
};

class Kernel {
public:
	Kernel(const Config& config, const Code& code, Machine& machine);

	// Builds the initial state into the Machine: CPUs, idle tasks, kernel threads, init.
	void boot();
	// Advances the machine until every CPU reaches `until_ns` (or the end of the run, or a
	// halt). Returns false when the run is over.
	bool run_until(uint64_t until_ns);
	[[nodiscard]] bool finished() const;
	// When every CPU is halted in idle with nothing due, the earliest event (timer,
	// hrtimer, NMI, wake-up) on any of them; otherwise now(). Until then only the clocks
	// move (NO_HZ idle), so a caller running the machine in slices may take every slice
	// that ends by then in one run_until(): the clocks end where they would have.
	[[nodiscard]] uint64_t quiet_until() const;
	// The slowest CPU's clock: everything before it has happened.
	[[nodiscard]] uint64_t now() const;
	// Console output not yet taken.
	[[nodiscard]] std::string take_console();
	[[nodiscard]] Summary summary() const;
	[[nodiscard]] const Machine& machine() const { return m; }
	// ---- explore mode (core/Choice.h, core/Explore.cpp) ----
	// The choices enabled in the current state, in a fixed order (CPU, then kind). The
	// explorer applies its own bounds (the interrupt budget) on top.
	[[nodiscard]] std::vector<Choice> choices() const;
	// Takes one enabled choice and says what happened. Without `describe`, the note says
	// only whether the step progressed or took a lock (the search's fast path).
	StepNote take(const Choice& choice, bool describe = true);
	// After take(): n if the step ended in prandom_u32_max(n) with n > 1 (it returned the
	// choice's value), else 0. The explorer takes the same step for each value below n.
	[[nodiscard]] uint32_t random_range() const { return m_random_range; }
	// The Machine's value was replaced under this Kernel (an explorer reusing one Kernel
	// for many states): rebinds what is derived from it.
	void machine_replaced()
	{
		rebuild_images();
		attach_shmem();
	}
	// A CPU spinning on a contended spinlock: the lock, the CPU its owner took it on, and
	// the task holding it (lockdep's held locks, else the owner CPU's current task).
	struct SpinWait {
		uint32_t cpu = 0;
		uint64_t lock = 0;
		uint32_t owner_cpu = 0;
		TaskId holder = kNoTask;
	};
	[[nodiscard]] std::optional<SpinWait> spin_wait(uint32_t cpu) const;
	// "&lock" for a lock's address (its symbol), "holder/104" for a task.
	[[nodiscard]] std::string lock_name(uint64_t addr) const;
	[[nodiscard]] std::string task_label(TaskId t) const;
	// Observers (not owned; may be null). Hooks never change the machine.
	void set_hooks(Hooks* hooks) { m_hooks = hooks; }
	// The live crash sessions' answers (core/Inspector.h); none: __kctx_crash is ENOSYS.
	void set_inspector(class Inspector* inspector) { m_inspector = inspector; }
	// The stap sessions started inside the machine (core/ProbeHost.h); none: __kctx_stap is ENOSYS.
	void set_probe_host(class ProbeHost* host) { m_probe_host = host; }
	// For observers: the image table addresses resolve against (module and program code).
	[[nodiscard]] const std::vector<vm::Image>& images() const { return m_images; }
	// For observers: the machine's configuration, and jiffies as `cpu` reads it now.
	[[nodiscard]] const Config& config() const { return m_config; }
	[[nodiscard]] uint64_t cpu_jiffies(uint32_t cpu) const { return jiffies(cpu); }

	// ---- used by the parts of the kernel (split across files by subsystem) ----
	// Not a public API for other layers.
	using ArgSpan = std::span<const uint64_t>;

	// The kinds of handler Builtins.def's last column names (core/BuiltinTable.cpp).
	using KernelBuiltinFn = bool (Kernel::*)(uint32_t cpu, TaskId t, const vm::BuiltinCall& call,
						 std::span<const uint64_t> args);
	using UserBuiltinFn = void (Kernel::*)(uint32_t cpu, TaskId t, const vm::BuiltinCall& call,
					       std::span<const uint64_t> args);
	using SyscallFn = bool (Kernel::*)(uint32_t cpu, TaskId t, NativeFrame& f);
	// One of the three is set: the kind of handler Builtins.def names.
	struct BuiltinHandler {
		KernelBuiltinFn kernel = nullptr;
		UserBuiltinFn user = nullptr;
		SyscallFn syscall = nullptr;
	};

private:
	// core/Boot.cpp
	TaskId create_task(std::string_view comm, bool kthread, uint32_t cpu, int32_t pid = -1);
	void sync_task_struct(TaskId t);
	[[nodiscard]] uint64_t alloc_kernel(uint64_t size, std::string_view what);
	void rebuild_images();
	[[nodiscard]] uint64_t jiffies_at(uint64_t ns) const;
	[[nodiscard]] uint64_t jiffies(uint32_t cpu) const { return jiffies_at(m.cpus[cpu].now); }
	[[nodiscard]] uint64_t next_random();

	// task/TaskSlots.cpp: task slots and pids (kernel/fork.c; the pids are m.pid, task/PidState.h)
	// copy_process()'s limits: 0, or -EAGAIN at threads-max or when no pid is free.
	[[nodiscard]] int64_t fork_limits_check() const;
	// release_task() -> free_pid(): the task is reaped and its pid free again.
	void release_pid(Task& task);
	// put_task_struct(): frees t's slot once it is reaped, dead, off every CPU and unreferenced.
	void put_task_struct(TaskId t);
	// The task whose struct task_struct is at `addr` (what `current` and kthread_create give modules).
	[[nodiscard]] std::optional<TaskId> task_by_struct(uint64_t addr) const;

	// core/Step.cpp: the event loop
	void run_cpu(uint32_t cpu, uint64_t limit);
	[[nodiscard]] uint64_t next_event(uint32_t cpu) const;
	[[nodiscard]] bool interrupt_due(uint32_t cpu) const;
	[[nodiscard]] bool halted_in_idle(uint32_t cpu) const;
	// Runs t's bytecode up to `limit`; with `visible`, the builtin it stopped at is
	// described there (explore mode's schedule).
	vm::RunResult run_vm(uint32_t cpu, TaskId t, vm::Thread& thread, bool user, uint64_t limit,
			     std::string* visible = nullptr);
	// "spin_lock(&lock)": a builtin call as the counterexample's schedule shows it.
	[[nodiscard]] std::string describe_call(const vm::Thread& thread, const vm::BuiltinCall& call) const;

	// core/Explore.cpp: the explorer's side of the choice points
	StepNote explore_run(uint32_t cpu, bool describe);
	// True if it took the lock (the step ends holding it).
	bool take_free_spinlock(uint32_t cpu, TaskId t);
	[[nodiscard]] bool cpu_has_work(uint32_t cpu) const;
	[[nodiscard]] uint64_t next_timer_expiry(uint32_t cpu) const;
	// A reschedule IPI in flight to `cpu` whose arrival now would change nothing but that
	// it is no longer in flight (docs/check.md, "Partial-order reduction").
	[[nodiscard]] bool ipi_would_be_noop(uint32_t cpu) const;
	void charge(uint32_t cpu, uint64_t ns) { m.cpus[cpu].now += ns; }

	// The natives' step functions, one per line of Natives.def, each in the file of the
	// subsystem that owns the native.
#define KCTX_NATIVE(name, symbol, size, step, trace) void step(uint32_t cpu, TaskId t, NativeFrame& f);
#include "kernel/core/Natives.def"
#undef KCTX_NATIVE

	// core/KernelStack.cpp: pushing and popping frames, stepping the native ones
	// Pushes a native with its run state; the reference is valid until the stack changes.
	template <typename Run>
	Run& push_native(TaskId t, Run run, StackKind stack)
	{
		return std::get<NativeFrame>(m.tasks[t].kstack.emplace_back(NativeFrame(std::move(run), stack))).template as<Run>();
	}
	void push_vm_call(TaskId t, uint64_t fn_address, std::span<const uint64_t> args, StackKind stack);
	void pop_frame(TaskId t, int64_t ret);
	void step_native(uint32_t cpu, TaskId t, uint64_t limit);
	[[nodiscard]] StackKind current_stack_kind(TaskId t) const;

	// sched/Sched.cpp
	// The run queues and the fair class's choices (sched/RunQueues.h); the mechanism is here.
	[[nodiscard]] RunQueues runqueues() { return RunQueues(m.cpus, m.tasks); }
	void enqueue_task(TaskId t, uint32_t cpu);
	void scheduler_tick(uint32_t cpu);
	void resched_curr(uint32_t cpu, uint32_t from_cpu);
	bool wake_up_process(TaskId t, uint32_t from_cpu, uint32_t state_mask = 0x3);
	void context_switch(uint32_t cpu, TaskId prev, TaskId next);
	void schedule_debug(uint32_t cpu, TaskId prev);
	void preempt_count_add(uint32_t cpu, uint32_t v) { m.cpus[cpu].preempt_count += v; }
	void preempt_count_sub(uint32_t cpu, uint32_t v) { m.cpus[cpu].preempt_count -= v; }
	// x86's preempt_count(): the per-CPU word without PREEMPT_NEED_RESCHED.
	[[nodiscard]] uint32_t preempt_count(uint32_t cpu) const { return m.cpus[cpu].preempt_count & ~abi::PREEMPT_NEED_RESCHED; }
	void push_schedule(TaskId t);

	// sched/Wait.cpp: the wait primitive (sched/Wait.h), for every sleep on a wait queue
	// set_current_state(): the task's state and its task_struct mirror, together.
	void set_task_state(TaskId t, uint32_t state);
	// signal_pending_state() of t's pending signals: whether a sleep in `state` ends.
	[[nodiscard]] bool signal_pending_state(uint32_t state, TaskId t) const;
	// prepare_to_wait()/prepare_to_wait_exclusive(): t queues on `key` and takes `state`.
	void prepare_to_wait(TaskId t, uint64_t key, WaitMode mode, uint32_t state);
	// finish_wait(): t runs again and leaves `key`.
	void finish_wait(uint64_t key, TaskId t);
	// schedule(), or schedule_timeout() until the `deadline` jiffy, on top of t's stack.
	void schedule_until(uint32_t cpu, TaskId t, uint64_t deadline);
	// The timed sleep: prepare_to_wait() and schedule_until(). It pushes a frame, so a
	// reference into the caller's frame dies here: the caller sets its resume point first,
	// and back there asks wait_result() why it runs (when its condition is still false).
	void wait_sleep(uint32_t cpu, TaskId t, uint64_t key, WaitMode mode, uint32_t state, uint64_t deadline = kNoDeadline);
	// Interrupted when signal_pending_state(state), TimedOut once the deadline has come,
	// else Woken.
	[[nodiscard]] WaitResult wait_result(uint32_t cpu, TaskId t, uint32_t state, uint64_t deadline = kNoDeadline) const;
	// __wake_up(): wakes waiters of `key` in `state_mask`, at most nr_exclusive exclusive ones (0: all).
	void wake_waiters(uint64_t key, uint32_t state_mask, int nr_exclusive, uint32_t cpu);

	// time/Time.cpp: sleeping (the timer API is m.time's: time/TimerList.cpp)
	[[nodiscard]] uint64_t next_timer_ns(uint32_t cpu) const;
	// schedule_timeout(timeout) on top of t's stack (its caller has set the task state).
	void push_schedule_timeout(TaskId t, int64_t timeout);

	// irq/Manage.cpp: request_irq() and friends, the irq/N-name threads
	struct IrqRequest {
		uint32_t irq = 0;
		uint64_t handler = 0, thread_fn = 0, flags = 0, devname = 0, dev_id = 0;
	};
	bool irq_builtin(uint32_t cpu, TaskId t, const vm::BuiltinCall& call, std::span<const uint64_t> args);
	int64_t request_threaded_irq(uint32_t cpu, TaskId t, const IrqRequest& req);
	bool free_irq(uint32_t cpu, TaskId t, uint32_t irq, uint64_t dev_id);
	void enable_irq(uint32_t cpu, uint32_t irq);
	// irq/Handle.cpp: a device line raised (the IO-APIC sends its vector to the line's
	// CPU), the scenario's periodic line, note_interrupt()
	void raise_irq(uint32_t from_cpu, uint32_t irq);
	void raise_periodic_irq(uint32_t cpu);
	void note_interrupt(uint32_t cpu, TaskId t, uint32_t irq, uint64_t retval);
	// irq/Proc.cpp: /proc/interrupts (irq_debug_file(), IrqDesc.h, names the debugfs files)
	[[nodiscard]] std::string proc_interrupts() const;
	int64_t irq_debug_write(uint32_t cpu, uint32_t irq, const std::string& data);
	// time/Time.cpp: the kernel .data's jiffies_64 (abi/KernelData.h), before module code runs
	void update_jiffies(uint32_t cpu);

	// irq/Irq.cpp: interrupts and softirqs
	void deliver_interrupt(uint32_t cpu);
	// The local APIC timer's vector is what the next interrupt on `cpu` takes: the tick,
	// an hrtimer, or (tick stopped) a timer_list is due.
	[[nodiscard]] bool timer_interrupt_due(uint32_t cpu) const;
	void raise_softirq(uint32_t cpu, uint32_t nr);

	// printk/Printk.cpp and debug/Report.cpp: the console and the kernel's reports
	void printk(uint32_t cpu, std::string_view text);
	[[nodiscard]] std::string printk_format(uint32_t cpu, std::string_view fmt, std::span<const uint64_t> args, vm::AddressSpace mem) const;   // text may start with KERN_SOH level
	void add_taint(uint32_t flag) { m.tainted |= 1u << flag; }
	void dump_stack(uint32_t cpu, std::span<const std::string> top_frames);
	void dump_header(uint32_t cpu);
	void call_trace(uint32_t cpu, TaskId t, std::span<const std::string> top_frames);
	void print_trace_lines(uint32_t cpu, const std::vector<struct TraceLine>& lines);
	// debug/StackWords.cpp: TraceStyle::StackWords's raw stack words and frame lines.
	void print_stack_words(uint32_t cpu, const std::vector<struct TraceLine>& lines, uint64_t sp);
	void print_trace_words(uint32_t cpu, const std::vector<struct TraceLine>& lines);
	void show_task_legacy(uint32_t cpu, const Task& task);   // 4.4's sched_show_task()
	void show_regs_words(uint32_t cpu, const Task& task, const std::vector<struct TraceLine>& lines, uint32_t eflags);
	// The kernel's own frames in the release's names ("dump_stack_lvl+0x44/0x5c" on 4.4 is
	// "dump_stack+0x63/0x85").
	[[nodiscard]] std::string release_frame(std::string_view frame) const;
	[[nodiscard]] std::string symbolize(uint64_t address) const;
	// __schedule_bug(); `callers` are the frames between __schedule() and the task's own
	// (schedule() and what called it) when the task's stack does not show them.
	void schedule_bug(uint32_t cpu, TaskId prev, std::span<const std::string> callers = {});
	void print_preempt_disable_ip(uint32_t cpu);
	void warn(uint32_t cpu, std::string_view file, int line, std::string_view where, std::string_view message,
		  std::span<const std::string> top_frames);
	void panic(uint32_t cpu, std::string_view message, std::span<const std::string> callee = {});
	// WarnStyle::Slowpath's WARN (4.4's warn_slowpath_common).
	void warn_slowpath(uint32_t cpu, std::string_view file, int line, std::string_view where,
			   std::string_view message, std::span<const std::string> top_frames);

	// user/Libc.cpp and task/Syscalls.cpp: user programs
	// A user program's builtin that left the interpreter: its Builtins.def handler, or the
	// system call of that name.
	void user_builtin(uint32_t cpu, TaskId t, const vm::BuiltinCall& call);
	// stdio's buffered output (printf, puts, fflush…): the buffer's flushes are write(2)s.
	void stdio_builtin(uint32_t cpu, TaskId t, const vm::BuiltinCall& call, std::span<const uint64_t> args);
	// A libc function the interpreter's native serves (user/Libc.cpp) that it declined.
	void libc_native(uint32_t cpu, TaskId t, const vm::BuiltinCall& call, std::span<const uint64_t> args);
	void start_syscall(uint32_t cpu, TaskId t, abi::BuiltinId id, std::span<const uint64_t> args, std::string data = {});
	// The write(2) stdio makes for its buffer: the program sees `result`, its libc function's value.
	void start_libc_write(uint32_t cpu, TaskId t, int32_t fd, std::string data, int64_t result);
	// As kill_syscall: true when finished (f.ret set), false when a frame was pushed.
	bool do_syscall(uint32_t cpu, TaskId t, NativeFrame& f);
	bool module_syscall(uint32_t cpu, TaskId t, NativeFrame& f);
	bool sleep_syscall(uint32_t cpu, TaskId t, NativeFrame& f);
	bool exit_syscall(uint32_t cpu, TaskId t, NativeFrame& f);
	bool sched_yield_syscall(uint32_t cpu, TaskId t, NativeFrame& f);
	bool shell_syscall(uint32_t cpu, TaskId t, NativeFrame& f);
	void exit_to_user_mode(uint32_t cpu, TaskId t, NativeFrame& f);
	// `program` indexes Code::programs, then Code::scripts (exec_file() resolves it).
	TaskId spawn_process(uint32_t cpu, TaskId parent, uint32_t program, std::span<const std::string> argv);
	[[nodiscard]] bool exec_file_exists(uint64_t program) const
	{
		return program < m_code.programs.size() + m_code.scripts.size();
	}
	TaskId spawn_applet(uint32_t cpu, TaskId parent, std::string_view name, run::AppletKind applet, std::string arg);
	void exit_notify(uint32_t cpu, TaskId t);
	// signal->wait_chldexit: the wait queue wait4() sleeps on, by its task's address.
	[[nodiscard]] static uint64_t wait_chldexit_key(const Task& task);
	void do_exit(uint32_t cpu, TaskId t, int32_t status);
	void handle_fault(uint32_t cpu, TaskId t, bool user, const vm::RunResult& r);
	// A fault in user mode: the console line Linux prints and the forced SIGSEGV/SIGFPE.
	// `device`: what a device mapping's missing page gives (VM_FAULT_SIGBUS, or a driver's
	// ->fault that returned VM_FAULT_SIGSEGV).
	enum class DeviceFault : uint8_t { Sigbus, Sigsegv };
	void user_fault(uint32_t cpu, TaskId t, const vm::RunResult& r, DeviceFault device = DeviceFault::Sigbus);
	// A user-mode fault's signal (arch/x86/mm/fault.c): the "segfault at" `message` when
	// the task does not handle it, then force_sig_fault().
	void force_sig_fault(uint32_t cpu, TaskId t, int32_t sig, const std::string& message);
	// mm/PageFault.cpp: a user access to a device mapping's page that ->mmap left
	// unmapped, whose vm_ops has a ->fault: true when the driver's handler was pushed.
	bool driver_page_fault(uint32_t cpu, TaskId t, const vm::RunResult& r);
	[[nodiscard]] std::string flush_stdout(TaskId t);

	// task/SpawnIo.cpp: __kctx_spawn_io, a child with three of the caller's files as 0, 1, 2.
	bool spawn_io_syscall(uint32_t cpu, TaskId t, NativeFrame& f);
	// printk/Syslog.cpp: syslog(2) (klogctl) for busybox dmesg.
	bool syslog_syscall(uint32_t cpu, TaskId t, NativeFrame& f);
	// user/StdioExit.cpp: what exit() does with stdio's buffer when stdout is not the console.
	void flush_stdout_at_exit(uint32_t cpu, TaskId t);
	// user/Stdio.cpp: stdio's streams and stdout's buffering (glibc's rules).
	[[nodiscard]] int32_t stream_fd(TaskId t, uint64_t stream) const;
	[[nodiscard]] bool stdout_needs_flush(TaskId t) const;
	[[nodiscard]] int64_t libc_setvbuf(TaskId t, uint64_t stream, int32_t mode);
	// user/Uname.cpp: uname(2) (kernel/sys.c newuname).
	bool uname_syscall(uint32_t cpu, TaskId t, NativeFrame& f);
	bool crash_syscall(uint32_t cpu, TaskId t, NativeFrame& f);
	bool stap_syscall(uint32_t cpu, TaskId t, NativeFrame& f);   // user/StapSyscall.cpp

	// task/Fork.cpp: fork, wait4, getrusage (kernel/fork.c, kernel/exit.c, kernel/sys.c)
	// As kill_syscall: true when finished (f.ret set), false when a frame was pushed.
	bool process_syscall(uint32_t cpu, TaskId t, NativeFrame& f);
	int64_t do_fork(uint32_t cpu, TaskId parent);
	// fput() of a file table's reference to a driver's open file: true when it was the
	// last, so ->release runs (Vfs.cpp's close and exit_files).
	bool put_shared_file(uint64_t file);
	// mm/Mm.cpp: mmap, munmap, mprotect, madvise of anonymous memory (mm/mmap.c, mm/mprotect.c,
	// mm/madvise.c) and the fault counts.
	bool mm_syscall(uint32_t cpu, TaskId t, NativeFrame& f);
	[[nodiscard]] uint64_t min_faults(TaskId t) const;
	[[nodiscard]] uint64_t resident_pages(TaskId t) const;
	// mm/Shmem.cpp: MAP_SHARED anonymous memory (mm/shmem.c) shared by the processes that map it.
	// Binds the user address spaces to the machine's ShmemTable: a host pointer derived from
	// the Machine, like m_images, set whenever a Memory may be new to it (construction, each
	// run_until, a new process).
	void attach_shmem();
	// Frees the objects no process maps any more (the last fput() of the shmem file).
	void put_unmapped_shmem();
	// exit_mmap() of a dying task's shared mappings: a zombie keeps no object alive.
	void exit_shmem(TaskId t);

	// task/Signal.cpp: signals and syscall restart
	bool send_signal(uint32_t from_cpu, TaskId t, int32_t sig);
	[[nodiscard]] bool signal_pending(TaskId t) const;
	[[nodiscard]] bool fatal_signal_pending(TaskId t) const;
	// Back to user mode after an interrupt or exception: deliver what is pending.
	void deliver_signals(uint32_t cpu, TaskId t);
	// Back to user mode after syscall `syscall` (a BuiltinId) returned `ret` (a kernel
	// value: -ERESTARTSYS and friends included): restart rules, errno, signal delivery.
	void return_from_syscall(uint32_t cpu, TaskId t, uint32_t syscall, int64_t ret);
	// task/SignalSyscalls.cpp, one per Builtins.def group (kill/raise, signal/sigaction,
	// sigprocmask/sigpending, alarm, setitimer/getitimer, pause, rt_sigreturn,
	// restart_syscall): true when finished (f.ret set), false when a frame was pushed
	// (resumed at Called).
	bool kill_syscall(uint32_t cpu, TaskId t, NativeFrame& f);
	bool sigaction_syscall(uint32_t cpu, TaskId t, NativeFrame& f);
	bool sigmask_syscall(uint32_t cpu, TaskId t, NativeFrame& f);
	bool alarm_syscall(uint32_t cpu, TaskId t, NativeFrame& f);
	bool itimer_syscall(uint32_t cpu, TaskId t, NativeFrame& f);
	bool pause_syscall(uint32_t cpu, TaskId t, NativeFrame& f);
	bool sigreturn_syscall(uint32_t cpu, TaskId t, NativeFrame& f);
	bool restart_block_syscall(uint32_t cpu, TaskId t, NativeFrame& f);
	[[nodiscard]] uint64_t blocked_signals(TaskId t) const;   // current->blocked
	// exit_to_user_mode_loop()'s signal work: get_signal(), handle_signal() and the
	// x86-64 restart rules for the syscall returning `ret` (when from_syscall).
	void do_signal(uint32_t cpu, TaskId t, bool from_syscall, uint32_t op, int64_t ret, bool in_get_signal);
	void apply_restart(uint32_t cpu, TaskId t, uint32_t op, int64_t ret, RestartAction action);
	[[nodiscard]] uint64_t libc_return(TaskId t, uint32_t op, int64_t ret);   // the libc wrapper's value, errno set
	void syscall_set_return(uint32_t cpu, TaskId t, uint32_t op, int64_t ret);
	bool setup_rt_frame(uint32_t cpu, TaskId t, int32_t sig, const SigAction& ka, const SigFrame& frame);
	// An interrupted nanosleep (sleep, usleep): sets the restart block and *rem and
	// returns -ERESTART_RESTARTBLOCK.
	int64_t nanosleep_interrupted(uint32_t cpu, TaskId t, uint32_t op, uint64_t expires, uint64_t rmtp);

	// fs/: files, character devices, /dev and /proc
	// File syscalls (open, read, write, close, ioctl, lseek…): as kill_syscall.
	bool vfs_syscall(uint32_t cpu, TaskId t, NativeFrame& f);
	// Module-side device builtins (misc_register, misc_deregister, register_chrdev…).
	bool vfs_kernel_builtin(uint32_t cpu, TaskId t, const vm::BuiltinCall& call, std::span<const uint64_t> args);
	// do_exit()'s exit_files(): true when a driver's ->flush or ->release was pushed.
	bool exit_files(uint32_t cpu, TaskId t);
	[[nodiscard]] uint64_t vfs_pos_slot(TaskId t) const;
	bool vfs_call_driver(TaskId t, NativeFrame& f, uint64_t fn, std::span<const uint64_t> args,
			     run::Syscall::Resume resume);
	[[nodiscard]] std::optional<std::pair<uint32_t, uint32_t>> lookup_dev_node(const std::string& path) const;
	uint64_t dev_inode(const std::string& path, uint32_t major, uint32_t minor);
	int32_t install_fd(TaskId t, OpenFile file);
	// The file syscalls one by one (fs/Open.cpp, fs/ReadWrite.cpp, fs/Vfs.cpp): as vfs_syscall.
	bool do_sys_open(uint32_t cpu, TaskId t, NativeFrame& f);
	bool close_fd(uint32_t cpu, TaskId t, NativeFrame& f);
	bool ksys_read(uint32_t cpu, TaskId t, NativeFrame& f, OpenFile& of);
	bool ksys_write(uint32_t cpu, TaskId t, NativeFrame& f, OpenFile& of);
	bool do_vfs_ioctl(TaskId t, NativeFrame& f, OpenFile& of);
	bool ksys_lseek(TaskId t, NativeFrame& f, OpenFile& of);
	int64_t vfs_open(uint32_t cpu, TaskId t, NativeFrame& f, bool* pushed);
	int64_t finish_open(TaskId t, int32_t fd);
	int64_t vfs_mknod(TaskId t, NativeFrame& f);
	int64_t vfs_symlink(TaskId t, NativeFrame& f);
	// fs/Attr.cpp: unlink(2), chmod(2), chown(2) of /dev's nodes and the FIFOs.
	int64_t vfs_setattr_syscall(TaskId t, NativeFrame& f);
	// fs/Stat.cpp, fs/Readdir.cpp: newfstatat(2) and getdents64(2) (fs/stat.c, fs/readdir.c)
	int64_t vfs_fstatat(TaskId t, NativeFrame& f);
	int64_t vfs_readlink(TaskId t, NativeFrame& f);
	int64_t vfs_getdents64(TaskId t, NativeFrame& f, OpenFile& of);
	[[nodiscard]] int64_t vfs_getattr(TaskId t, const std::string& path, bool follow, Kstat* st) const;
	// getname() and link_path_walk(): the user's path read (-EFAULT past its memory, -ENOENT
	// when empty) and normalized; every component before the last a directory (-ENOTDIR),
	// then the last one's attributes, a trailing slash only on a directory.
	[[nodiscard]] int64_t user_path(TaskId t, uint64_t addr, std::string* path) const;
	[[nodiscard]] int64_t vfs_walk(TaskId t, const std::string& path, bool trailing_slash, bool follow, Kstat* st) const;
	[[nodiscard]] int64_t vfs_readdir(TaskId t, const std::string& path, std::vector<DirEntry>* out) const;
	int64_t clear_user_range(TaskId t, uint64_t buf, uint64_t count);
	int64_t devmem_read(TaskId t, OpenFile& of, uint64_t buf, uint64_t count);
	int64_t devmem_write(OpenFile& of, uint64_t count);
	int64_t devkmsg_read(TaskId t, OpenFile& of, uint64_t buf, int64_t count);
	int64_t devkmsg_write(uint32_t cpu, const std::string& data);
	int64_t write_sysrq_trigger(uint32_t cpu, const std::string& data);   // debug/Sysrq.cpp
	int64_t misc_register(uint32_t cpu, uint64_t misc);
	void misc_deregister(uint32_t cpu, uint64_t misc);
	// fs/Cdev.cpp: char device regions and cdevs (fs/char_dev.c, drivers/base/map.c)
	bool cdev_builtin(uint32_t cpu, TaskId t, const vm::BuiltinCall& call, std::span<const uint64_t> args);
	[[nodiscard]] std::vector<std::pair<uint32_t, std::string>> chrdev_list() const;   // /proc/devices
	int64_t register_chrdev_region_one(uint32_t cpu, uint32_t major, uint32_t baseminor, uint32_t minorct,
					   const std::string& name);
	void unregister_chrdev_region_one(uint32_t major, uint32_t baseminor, uint32_t minorct);
	int64_t register_chrdev_region(uint32_t cpu, uint32_t from, uint32_t count, const std::string& name);
	void unregister_chrdev_region(uint32_t from, uint32_t count);
	int64_t register_chrdev(uint32_t cpu, uint32_t major, uint32_t baseminor, uint32_t count,
				const std::string& name, uint64_t fops);
	uint64_t cdev_alloc();
	void cdev_add(uint64_t cdev, uint32_t dev, uint32_t count);
	void cdev_del(uint64_t cdev);
	[[nodiscard]] uint64_t kobj_lookup_cdev(uint32_t dev) const;
	void chrdev_put(uint64_t inode);
	// base/Sysfs.cpp: kobjects and sysfs (lib/kobject.c, fs/sysfs/), and /sys's files
	bool sysfs_builtin(uint32_t cpu, TaskId t, const vm::BuiltinCall& call, std::span<const uint64_t> args);
	[[nodiscard]] std::string sysfs_resolve(const std::string& path) const;
	[[nodiscard]] std::string kobject_dir(uint64_t kobj) const;
	uint64_t top_kobject(uint32_t which);
	// kobject_add(): the directory, or -EEXIST (with sysfs_warn_dup()'s report) when taken.
	int64_t sysfs_create_dir(uint32_t cpu, uint64_t kobj, const std::string& path, SysfsOps ops, bool dynamic,
				 std::span<const std::string> callers);
	void sysfs_remove_dir(const std::string& path);
	int64_t sysfs_create_file(uint32_t cpu, uint64_t kobj, const std::string& dir, uint64_t attr);
	int64_t sysfs_create_group(uint32_t cpu, uint64_t kobj, uint64_t grp);
	void sysfs_remove_group(uint64_t kobj, uint64_t grp);
	void sysfs_warn_dup(uint32_t cpu, const std::string& path, std::span<const std::string> callers);
	void kobject_put(uint64_t kobj);
	int64_t sysfs_open(OpenFile& of);
	bool sysfs_read(uint32_t cpu, TaskId t, NativeFrame& f, OpenFile& of);
	bool sysfs_write(uint32_t cpu, TaskId t, NativeFrame& f, OpenFile& of);
	// base/Core.cpp: classes, devices and dev_printk (drivers/base/core.c, class.c)
	bool device_builtin(uint32_t cpu, TaskId t, const vm::BuiltinCall& call, std::span<const uint64_t> args);
	int64_t class_create(uint32_t cpu, uint64_t owner, const std::string& name, uint64_t name_ptr);
	uint64_t device_create(uint32_t cpu, uint64_t cls, uint64_t parent, uint32_t devt, uint64_t drvdata,
			       const std::string& name);
	void device_unregister(uint64_t dev);
	void devres_release_all(uint64_t dev);
	int64_t class_register(uint32_t cpu, uint64_t cls);
	void class_unregister(uint64_t cls);
	[[nodiscard]] std::string dev_printk_prefix(uint64_t dev) const;
	// mm/UserString.cpp: strncpy_from_user() (lib/strncpy_from_user.c)
	bool user_string_builtin(uint32_t cpu, TaskId t, const vm::BuiltinCall& call, std::span<const uint64_t> args);
	// fs/PipeFs.cpp: pipes and FIFOs (fs/pipe.c)
	[[nodiscard]] static uint64_t pipe_rd_wait(uint64_t pipe);
	[[nodiscard]] static uint64_t pipe_wr_wait(uint64_t pipe);
	uint64_t alloc_pipe(std::string fifo);
	[[nodiscard]] static OpenFile pipe_file(uint64_t pipe, std::string path, uint32_t flags, uint32_t mode);
	int64_t do_pipe2(TaskId t, uint64_t fildes, uint32_t flags);
	void pipe_release(uint32_t cpu, uint64_t pipe, uint32_t mode);
	void pipe_share(uint64_t pipe, uint32_t mode);
	// pipe_read()/pipe_write(): true when finished (f.ret set), false when the task sleeps
	// (resumed at PipeWait).
	bool pipe_read(uint32_t cpu, TaskId t, NativeFrame& f, const OpenFile& of);
	bool pipe_write(uint32_t cpu, TaskId t, NativeFrame& f, const OpenFile& of);
	// fifo_open(): the new fd or a negative errno; *waiting when the task sleeps for a partner.
	int64_t fifo_open(uint32_t cpu, TaskId t, NativeFrame& f, const std::string& path, uint32_t flags, bool* waiting);
	void pipe_sleep(TaskId t, NativeFrame& f, uint64_t queue, run::Syscall::Resume resume);
	// fs/ProcFs.cpp: /proc/PID/status and friends, as text made when read.
	[[nodiscard]] bool proc_file_exists(TaskId t, std::string_view path) const;
	[[nodiscard]] std::string proc_file_text(TaskId t, std::string_view path) const;
	// fs/ProcInfo.cpp: /proc/cmdline, cpuinfo, filesystems, loadavg, meminfo, misc, uptime.
	[[nodiscard]] static bool proc_info_exists(std::string_view name);
	[[nodiscard]] std::string proc_info_text(std::string_view name) const;

	// fs/ProcEntries.cpp: the /proc entries modules make (fs/proc/generic.c, fs/proc/inode.c)
	struct ProcCreate {
		std::string name;
		uint32_t mode = 0;
		uint64_t parent = 0;
		uint64_t ops = 0;            // the struct proc_ops
		uint64_t data = 0;
		std::string_view caller;     // the function below proc_register() in a WARN's trace
		bool lib_ops = false;        // the entry's own proc_ops (proc_create_single, _seq)
	};
	bool procfs_builtin(uint32_t cpu, TaskId t, const vm::BuiltinCall& call, std::span<const uint64_t> args);
	void proc_seed();
	[[nodiscard]] std::optional<uint64_t> pseudo_child(PseudoRoot root, uint64_t dir, std::string_view name) const;
	[[nodiscard]] std::optional<uint64_t> pseudo_first_child(uint64_t dir) const;
	// The module-made entry at `rel` (a path below the root), if it is one.
	[[nodiscard]] std::optional<uint64_t> pseudo_lookup(PseudoRoot root, std::string_view rel) const;
	[[nodiscard]] std::string proc_dir_name(uint64_t dir) const;
	std::optional<uint64_t> proc_xlate(uint32_t cpu, const std::string& name, uint64_t parent, std::string* residual,
					   std::string_view caller);
	uint64_t proc_create_entry(uint32_t cpu, const ProcCreate& req);
	uint64_t make_dentry(const std::string& name, uint64_t inode, uint64_t parent);
	int64_t proc_remove_entry(uint32_t cpu, const std::string& name, uint64_t parent, bool subtree);
	int64_t pseudo_count_openers(uint64_t handle);
	uint64_t proc_next_opener(uint64_t de_out);
	// open() of a module's /proc or debugfs file: as vfs_open.
	int64_t pseudo_open(TaskId t, NativeFrame& f, OpenFile of, uint64_t handle, bool* pushed);
	// An open file whose entry was removed since (proc_reg_*'s use_pde() fails).
	[[nodiscard]] bool pseudo_file_gone(const OpenFile& of) const;
	// 0 when a /proc or debugfs file's method at `method` (a file_operations offset) may
	// be called, else the error the call returns instead.
	[[nodiscard]] int64_t pseudo_call_check(const OpenFile& of, uint32_t method, int64_t gone_error) const;

	// fs/DebugFs.cpp: debugfs_create_dir/file/u32…, debugfs_remove (fs/debugfs/inode.c, file.c)
	bool debugfs_builtin(uint32_t cpu, TaskId t, const vm::BuiltinCall& call, std::span<const uint64_t> args);

	// locking/Locks.cpp: spinning and sleeping locks
	// Each *_builtin returns true when it handled `call` (completing it or pushing a frame).
	bool spinlock_builtin(uint32_t cpu, TaskId t, const vm::BuiltinCall& call, std::span<const uint64_t> args);
	bool mutex_builtin(uint32_t cpu, TaskId t, const vm::BuiltinCall& call, std::span<const uint64_t> args);
	bool semaphore_builtin(uint32_t cpu, TaskId t, const vm::BuiltinCall& call, std::span<const uint64_t> args);
	bool waitqueue_builtin(uint32_t cpu, TaskId t, const vm::BuiltinCall& call, std::span<const uint64_t> args);
	bool completion_builtin(uint32_t cpu, TaskId t, const vm::BuiltinCall& call, std::span<const uint64_t> args);
	bool delay_builtin(uint32_t cpu, TaskId t, const vm::BuiltinCall& call, std::span<const uint64_t> args);
	// core/RandomBuiltins.cpp: prandom_u32_max(), a choice point under kctx check
	bool random_builtin(uint32_t cpu, TaskId t, const vm::BuiltinCall& call, std::span<const uint64_t> args);
	// __might_sleep()/__might_resched(): the DEBUG_ATOMIC_SLEEP report, and with
	// PREEMPT_VOLUNTARY a preemption point. `callee` are the frames between the report
	// and the caller ("__mutex_lock+0x…", "mutex_lock_nested+0x…").
	void might_sleep(uint32_t cpu, TaskId t, std::string_view file, int line, std::span<const std::string> callee = {});
	// preempt_count_sub() with DEBUG_PREEMPT's underflow checks; `site` is the caller
	// (empty when module code calls it directly).
	void preempt_count_dec(uint32_t cpu, uint32_t val, std::string_view site);
	void preempt_count_inc(uint32_t cpu, uint32_t val, std::string_view site);
	void finish_builtin(TaskId t, uint64_t value);
	[[nodiscard]] std::string caller_site(TaskId t) const;

	// locking/LockdepGlue.cpp: lockdep's view of the kernel (all no-ops without PROVE_LOCKING)
	[[nodiscard]] LockContext lock_context(uint32_t cpu, TaskId t, std::string ip) const;
	// How the release prints a lock in lockdep's reports (ReleaseSpec::lockdep_locks).
	[[nodiscard]] LockFormat lock_format() const;
	[[nodiscard]] StackFn lock_stack(TaskId t, std::vector<std::string> top) const;
	void lockdep_print(uint32_t cpu, const std::optional<LockdepReport>& r);
	void lockdep_acquire(uint32_t cpu, TaskId t, uint64_t instance, std::string_view name, uint64_t key,
			     LockKind kind, bool trylock, std::string ip, std::string_view entry);
	void lockdep_release(uint32_t cpu, TaskId t, uint64_t instance, std::string ip);
	void set_irqs(uint32_t cpu, TaskId t, bool on, std::string_view ip);
	void lockdep_softirqs(uint32_t cpu, TaskId t, bool on, std::string_view ip);
	void show_held_locks(uint32_t cpu, TaskId t);
	[[nodiscard]] std::pair<std::string, uint64_t> lock_class(uint64_t lock) const;

	// task/Work.cpp: kthreads, workqueues, the stopper
	bool work_builtin(uint32_t cpu, TaskId t, const vm::BuiltinCall& call, std::span<const uint64_t> args);
	// task/Workqueue.cpp: a module's own workqueues (alloc_workqueue() and friends)
	bool workqueue_builtin(uint32_t cpu, TaskId t, const vm::BuiltinCall& call, std::span<const uint64_t> args);
	// __queue_work(): work item `w` on queue `wq` (0: system_wq), on `on_cpu`'s pool for a
	// bound queue, the unbound pool for an unbound one. False if it was already pending.
	bool queue_work_item(uint64_t w, uint64_t wq, uint32_t on_cpu, uint32_t from_cpu);
	// The struct work_struct at `w` as kctx tracks it (its func read from memory when the
	// work was declared statically).
	Work& work_at(uint64_t w);
	// Wakes the flushers of queue `wq` after one of its items finished.
	void workqueue_item_done(uint64_t wq, uint32_t cpu);
	// locking/AtomicRmw.cpp: the atomic read-modify-writes of the kernel library
	bool atomic_rmw_builtin(uint32_t cpu, TaskId t, const vm::BuiltinCall& call, std::span<const uint64_t> args);
	// mm/SlabCache.cpp: kmem_cache_create() and friends
	bool slab_cache_builtin(uint32_t cpu, TaskId t, const vm::BuiltinCall& call, std::span<const uint64_t> args);
	// sched/WaitEntry.cpp: open-coded waits (prepare_to_wait(), add_wait_queue())
	bool wait_entry_builtin(uint32_t cpu, TaskId t, const vm::BuiltinCall& call, std::span<const uint64_t> args);
	// irq/Tasklet.cpp
	bool tasklet_builtin(uint32_t cpu, TaskId t, const vm::BuiltinCall& call, std::span<const uint64_t> args);

	// debug/Watchdog.cpp: the lockup detectors
	void softlockup_fn(uint32_t cpu);
	void watchdog_timer_fn(uint32_t cpu);
	void watchdog_nmi(uint32_t cpu);
	void check_hung_tasks(uint32_t cpu);
	void softlockup_report(uint32_t cpu, TaskId t, uint64_t duration);

	// mm/Mem.cpp: kmalloc and vmalloc with GFP rules, user access
	bool mem_builtin(uint32_t cpu, TaskId t, const vm::BuiltinCall& call, std::span<const uint64_t> args);
	// mm/PageFault.cpp: vmf_insert_pfn() and vm_insert_page().
	bool fault_builtin(uint32_t cpu, TaskId t, const vm::BuiltinCall& call, std::span<const uint64_t> args);
	// Back from a driver's ->fault: map its page, or the fault's signal.
	void finish_page_fault(uint32_t cpu, TaskId t, NativeFrame& f);
	bool usercopy_builtin(uint32_t cpu, TaskId t, const vm::BuiltinCall& call, std::span<const uint64_t> args);

	// mm/Mem.cpp: the pages behind kmalloc (slabs, kmalloc_large) and vmalloc, through
	// ram_reserve(): the address, or 0 when the page allocator said no.
	[[nodiscard]] uint64_t kmalloc_pages(uint32_t cpu, TaskId t, uint64_t size, uint64_t gfp, abi::BuiltinId id);
	[[nodiscard]] uint64_t vmalloc_pages(uint32_t cpu, TaskId t, uint64_t size);
	[[nodiscard]] PageRequest slab_page_request(uint32_t ci, uint64_t gfp) const;
	void slab_out_of_memory(uint32_t cpu, uint32_t ci, uint64_t gfp);

	// mm/Ram.cpp: the page allocator's failure path (warn_alloc, show_mem) and the OOM
	// killer (mm/oom_kill.c) over the page count, which is m.ram's, m.tasks', m.slab's and
	// m.shmem's (mm/PageCount.h)
	[[nodiscard]] PageCount page_count() { return PageCount(m.ram, m.tasks, m.slab, m.shmem); }
	// True when the request's pages are free (the caller then takes them); otherwise what
	// __alloc_pages_slowpath() does: warn_alloc() and false for a request that cannot
	// reclaim, the OOM killer (and a retry) for one that can; false when nothing is left
	// to kill (after the panic) or the caller itself was killed.
	[[nodiscard]] bool ram_reserve(uint32_t cpu, TaskId t, const PageRequest& req);
	// A block of whole pages in kernel memory (kmalloc_large, vmalloc), counted until freed.
	[[nodiscard]] uint64_t alloc_page_block(uint64_t pages, std::string_view what);
	// Frees a block alloc_page_block() gave; false if addr is not one.
	bool free_page_block(uint64_t addr);
	[[nodiscard]] bool ram_ratelimit(uint32_t cpu);
	void warn_alloc(uint32_t cpu, TaskId t, uint64_t gfp, std::string_view text, std::span<const std::string> callee);
	void show_mem(uint32_t cpu);
	void dump_stack_from(uint32_t cpu, TaskId t, std::span<const std::string> top);
	void dump_tasks(uint32_t cpu);
	void dump_unreclaimable_slab(uint32_t cpu);
	// out_of_memory(): kills the worst process (its memory is free on return) and returns
	// true, or panics and returns false when there is none.
	bool out_of_memory(uint32_t cpu, TaskId t, uint64_t gfp, uint32_t order, std::span<const std::string> callee);
	// A user access that found no page (PageCount::fault_needs_memory): the OOM killer,
	// then the access again or the task's death.
	void user_oom_fault(uint32_t cpu, TaskId t);

	// mm/Kasan.cpp: KASAN's reports (mm/kasan/report.c) and the interpreter's check
	[[nodiscard]] KasanTrack kasan_save_stack(TaskId t, std::vector<std::string> top) const;
	[[nodiscard]] KasanTrack kmalloc_track(TaskId t, abi::BuiltinId id) const;
	void kasan_report(uint32_t cpu, TaskId t, uint64_t addr, uint64_t size, bool write);
	// The report of a bad access "in" ip, with `below` the frames between kasan_report()
	// and the module function on the stack.
	void kasan_report_access(uint32_t cpu, TaskId t, uint64_t addr, uint64_t size, bool write, std::string_view ip,
				 std::span<const std::string> below);
	[[nodiscard]] bool kasan_report_enabled() const;
	// mm/KasanObjectErr.cpp: that report as a release before 4.6 prints it, with SLUB's
	// object_err() describing the object (KasanStyle::ObjectErr).
	void kasan_report_object_err(uint32_t cpu, TaskId t, uint64_t addr, uint64_t size, bool write,
				     std::string_view ip, std::span<const std::string> below);
	// mm/KasanString.cpp: the mem*/str* functions a native handed over and the user copies:
	// KASAN's report, else the fault inside the function.
	bool string_builtin(uint32_t cpu, TaskId t, const vm::BuiltinCall& call, std::span<const uint64_t> args);
	bool kasan_string_builtin(uint32_t cpu, TaskId t, const vm::BuiltinCall& call, std::span<const uint64_t> args);
	// A memory or string function of module code that touches memory nothing maps: the
	// page fault oops inside it (KasanString.cpp).
	bool string_fault_builtin(uint32_t cpu, TaskId t, const vm::BuiltinCall& call, std::span<const uint64_t> args);
	void kasan_check_usercopy(uint32_t cpu, TaskId t, uint64_t kaddr, uint64_t uaddr, uint64_t n, bool from_user);
	void kasan_report_invalid_free(uint32_t cpu, TaskId t, uint64_t addr, bool double_free);
	void kasan_print_report_body(uint32_t cpu, TaskId t, uint64_t addr, uint64_t first_bad,
				     std::span<const std::string> top);
	[[nodiscard]] vm::AccessCheck kasan_access_check();
	static bool kasan_check(void* host, uint64_t addr, uint64_t size, bool write);
	// add_taint(flag, LOCKDEP_NOW_UNRELIABLE): the first one turns lock debugging off.
	void add_taint_unreliable(uint32_t cpu, uint32_t flag);

	// fs/Poll.cpp, fs/Fcntl.cpp, fs/Fasync.cpp: poll(2), select(2), fcntl(2), fasync
	bool poll_syscall(uint32_t cpu, TaskId t, NativeFrame& f);
	int64_t start_poll(uint32_t cpu, TaskId t, NativeFrame& f);
	int64_t start_select(uint32_t cpu, TaskId t, NativeFrame& f);
	// __kctx_pollwait (poll_wait()), then fasync_builtin's ids.
	bool poll_builtin(uint32_t cpu, TaskId t, const vm::BuiltinCall& call, std::span<const uint64_t> args);
	// The task's do_sys_poll() frame, or null.
	[[nodiscard]] run::Poll* find_poll(TaskId t);
	// pollwake() for a task that is awake: marks its poll triggered (true) if it polls `key`.
	bool poll_wake_missed(TaskId t, uint64_t key);
	void poll_register(TaskId t, run::Poll& p, uint64_t queue);
	[[nodiscard]] uint32_t native_poll_mask(TaskId t, const OpenFile& of, run::Poll& p);
	void poll_record(run::Poll& p, run::PollEntry& e, uint32_t mask);
	void poll_copy_out(TaskId t, run::Poll& p);
	bool do_fcntl(uint32_t cpu, TaskId t, NativeFrame& f);
	void set_file_flags(TaskId t, int32_t fd, uint32_t flags);
	int64_t f_dupfd(TaskId t, const OpenFile& of, uint64_t from, bool cloexec);
	int64_t f_setown(TaskId t, int32_t fd, int64_t who);
	bool fasync_builtin(uint32_t cpu, TaskId t, const vm::BuiltinCall& call, std::span<const uint64_t> args);
	int64_t fasync_helper(uint64_t fd, uint64_t filp, bool on, uint64_t fapp);
	void kill_fasync(uint32_t cpu, uint64_t fp, int32_t sig, int32_t band);
	void send_sigio(uint32_t from_cpu, uint64_t file);

	// debug/Oops.cpp: faults in kernel code and die() (arch/x86/kernel/dumpstack.c, traps.c,
	// arch/x86/mm/fault.c, kernel/exit.c make_task_dead)
	void kernel_fault(uint32_t cpu, TaskId t, const vm::RunResult& r);
	// die(): the "str: err [#n]" header, registers, trace, end marker; then the task dies
	// with `signr` (or the kernel panics in interrupt context). `rip` is the faulting
	// function; `in_module` says it is the innermost module frame (left out of the trace).
	// `code`: the Code: line's bytes when RIP is kernel text other than a BUG_ON's ud2
	// (show_regs: 42 bytes, the faulting one in <>, 21 more).
	void die(uint32_t cpu, TaskId t, std::string_view str, uint32_t err, const std::string& rip, bool in_module,
		 std::optional<uint64_t> cr2, int32_t signr, bool nmi_context = false, std::string_view code = {});
	void show_regs(uint32_t cpu, TaskId t, const std::string& rip, uint64_t cr2, std::string_view code = {});
	// mm/slub.c set_freepointer()'s BUG_ON (no KASAN): kernel BUG at mm/slub.c.
	void slub_double_free_bug(uint32_t cpu, TaskId t);
	// page_fault_oops() for a kernel access to `address`, which nothing maps; `rip` is
	// where (in_module: a module function, whose frame the trace then leaves out).
	void page_fault_oops(uint32_t cpu, TaskId t, uint64_t address, bool write, bool fetch, const std::string& rip,
			     bool in_module, std::string_view code = {});
	// debug/OopsIpLine.cpp: the same reports as releases up to 4.x printed them
	// (OopsStyle::IpLine): show_fault_oops()'s two lines, __die()'s body with its summary,
	// and do_exit()'s handling of a leaked preempt_count.
	void show_fault_oops_ip_line(uint32_t cpu, TaskId t, uint64_t address, const std::string& rip);
	void die_ip_line(uint32_t cpu, TaskId t, std::string_view str, uint32_t err, const std::string& rip,
			 bool in_module, uint64_t cr2, std::string_view kernel_code);
	void do_exit_after_oops(uint32_t cpu, TaskId t, std::string_view str, int32_t signr);
	// The faulting instruction's address: the module code's, a wild call's target, or the
	// kernel symbol's.
	[[nodiscard]] uint64_t fault_ip(TaskId t, const std::string& rip) const;

	// module/Modules.cpp
	[[nodiscard]] int64_t load_module(uint32_t cpu, TaskId t, uint32_t code, std::string_view params, uint64_t* init_fn);
	[[nodiscard]] const Module* module_of(uint32_t image) const;
	// The module whose `__this_module` (THIS_MODULE) is at `owner`, or null.
	[[nodiscard]] Module* module_by_owner(uint64_t owner);
	// try_module_get()/module_put() of the module whose THIS_MODULE is `owner` (0: built
	// in, always succeeds); the owner of a file_operations is its first field.
	[[nodiscard]] bool try_module_get(uint64_t owner);
	void module_put(uint64_t owner);
	[[nodiscard]] uint64_t fops_owner(uint64_t fops) const;
	// module/Symbols.cpp: EXPORT_SYMBOL links between modules. resolve_module_symbols()
	// fills the module's imports (0, or -ENOENT after "Unknown symbol" for each missing).
	[[nodiscard]] std::optional<uint64_t> find_exported_symbol(const vm::Import& imp, bool gpl_ok,
								   uint32_t* owner) const;
	[[nodiscard]] int64_t resolve_module_symbols(uint32_t cpu, uint32_t index, bool gpl_ok);
	[[nodiscard]] std::vector<std::string> module_users(uint32_t index) const;
	// module/ModuleSysfs.cpp: /sys/module/NAME with its parameters, refcnt and initstate.
	void module_sysfs_setup(uint32_t index);
	void module_sysfs_teardown(const Module& mod);
	[[nodiscard]] std::string module_sysfs_show(const SysfsNode& node) const;
	[[nodiscard]] int64_t module_sysfs_store(uint32_t cpu, const std::string& path, const SysfsNode& node,
						 const std::string& data);
	// module/ModuleRefs.cpp: try_module_get/__module_get/module_put/module_refcount called by modules.
	bool module_ref_builtin(uint32_t cpu, TaskId t, const vm::BuiltinCall& call, std::span<const uint64_t> args);
	// mod->exit: module_exit()'s function, else one named cleanup_module; 0 if none.
	[[nodiscard]] uint64_t module_exit_fn(const Module& mod) const;
	// module_alloc(): `size` bytes of the module area, or nullopt (with the kernel's
	// messages when the area is too fragmented or full).
	[[nodiscard]] std::optional<uint64_t> module_alloc(uint32_t cpu, uint64_t size);
	// Marks module `index` gone and gives its memory back to the module area.
	void free_module(uint32_t index);
	// module/Params.cpp's setters' view of this kernel: its memory, printk on `cpu`, kmalloc.
	[[nodiscard]] ParamEnv param_env(uint32_t cpu);

	// core/KernelApi.cpp: a module's builtin that left the interpreter, to its Builtins.def
	// handler. Each *_builtin handler returns true when it handled `call` (completing it or
	// pushing a frame); each *_syscall handler as kill_syscall.
	void kernel_builtin(uint32_t cpu, TaskId t, const vm::BuiltinCall& call);
	// core/BuiltinTable.cpp: Builtins.def's handler column.
	[[nodiscard]] static const BuiltinHandler& builtin_handler(abi::BuiltinId id);
	// The module builtins of core's own subsystems, each in its folder's *Builtins.cpp.
	bool report_builtin(uint32_t cpu, TaskId t, const vm::BuiltinCall& call, std::span<const uint64_t> args);
	bool context_builtin(uint32_t cpu, TaskId t, const vm::BuiltinCall& call, std::span<const uint64_t> args);
	bool sleep_builtin(uint32_t cpu, TaskId t, const vm::BuiltinCall& call, std::span<const uint64_t> args);
	bool time_builtin(uint32_t cpu, TaskId t, const vm::BuiltinCall& call, std::span<const uint64_t> args);
	bool atomic_builtin(uint32_t cpu, TaskId t, const vm::BuiltinCall& call, std::span<const uint64_t> args);
	[[nodiscard]] std::string read_kstring(uint64_t addr) const;
	[[nodiscard]] std::string format_args(uint32_t cpu, TaskId t, std::string_view fmt, std::span<const uint64_t> args, bool kernel);

	friend bool native_libc(vm::NativeContext& cx, const uint64_t* args, uint32_t nargs, uint64_t* result);
	friend struct Natives;

	const Config& m_config;
	const Code& m_code;
	Machine& m;
	std::vector<vm::Image> m_images;          // derived from m.images and m_code
	vm::NativeTable m_natives;
	Hooks* m_hooks = nullptr;
	// Explore mode (take()): the value prandom_u32_max() returns in this step, and the
	// range the step met (0: none). Host state of one step, never part of the Machine.
	bool m_exploring = false;
	uint32_t m_random_value = 0;
	uint32_t m_random_range = 0;
	// The builtin that ended this step touched only the calling task's own state
	// (prandom_u32_max, a WARN_ON whose condition is false): StepNote::local.
	bool m_local_call = false;
	class Inspector* m_inspector = nullptr;
	class ProbeHost* m_probe_host = nullptr;
};

}  // namespace kctx::kernel
