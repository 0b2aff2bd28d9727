// Linux 4.4 (vanilla 4.4.6, the seed's cst experiment: "X86 64bit + 标准4.4内核"). Every
// field cites the 4.4 source it comes from. Symbol sizes are those of an x86-64 4.4
// build of the order public 4.4 traces show (dump_stack+0x63/0x85 is the seed's); as
// on 6.1, offsets are kctx's own, stable, never a real build's.
#include "kernel/release/Specs.h"

namespace kctx::kernel {

namespace {

// mm/kasan/report.c (4.4): object_err() -> print_trailer() -> dump_stack(), from
// kasan_report_error(), kasan_report(), under the __asan_report_* call that
// CONFIG_KASAN_INLINE compiles in (Kasan's code appends it).
constexpr std::string_view kKasanReportFrames[] = {"print_trailer+0x11d/0x1a0", "object_err+0x2f/0x40",
						   "kasan_report_error+0x1f7/0x4e0", "kasan_report+0x40/0x50"};
// mm/slub.c (4.4) alloc_debug_processing()/free_debug_processing() -> set_track(): a
// debug cache allocates and frees through the slow paths.
constexpr std::string_view kKasanAllocTrackTop[] = {"___slab_alloc+0x4d4/0x520", "__slab_alloc+0x4a/0x90"};
constexpr std::string_view kKasanFreeTrackTop[] = {"__slab_free+0x1d4/0x2e0"};

}  // namespace

const ReleaseSpec kLinux4_4 = {
	.name = "4.4",
	.version = 4,
	.patchlevel = 4,
	.sublevel = 6,
	// 4.4's Makefile writes only LINUX_VERSION_CODE and KERNEL_VERSION into version.h.
	.version_h_parts = false,
	.uts_release_debug = "4.4.6-kctx-debug",
	// The seed's machine: a vanilla 4.4.6 built with its distro's config.
	.uts_release_debian = "4.4.6",
	// scripts/mkcompile_h (4.4): "#1 SMP"; PREEMPT only for CONFIG_PREEMPT (full).
	.uts_version = "#1 SMP",
	// The seed built 4.4.6 itself on a desktop of 2016. scripts/mkcompile_h (4.4) takes
	// LINUX_COMPILER from the line of `gcc -v` with " version ", as gcc prints it (with
	// its trailing space: 4.x banners read "(gcc version 5.4.0 … ) )"); ld came into the
	// banner in 5.8.
	.compile_by = "root@kctx",
	.compiler = "gcc version 5.4.0 20160609 (Ubuntu 5.4.0-6ubuntu1~16.04.12) ",
	// kernel/panic.c (4.4) taint_flags[]: 16 flags, TAINT_PROPRIETARY_MODULE ('P') to
	// TAINT_LIVEPATCH ('K'); AUX, RANDSTRUCT and TEST came later.
	.taint_letters = "PFSRMBUDAWCIOELK",
	.trace = TraceStyle::StackWords,
	.warn = WarnStyle::Slowpath,
	// arch/x86/mm/fault.c (4.4) show_fault_oops(), arch/x86/kernel/dumpstack.c __die(),
	// dumpstack_64.c show_regs(), process_64.c __show_regs().
	.oops = OopsStyle::IpLine,
	// kernel/locking/lockdep.c (4.4) print_circular_bug_header():
	//   printk("[ INFO: possible circular locking dependency detected ]\n");
	.lockdep_titles = LockdepTitles::Bracketed,
	// kernel/locking/lockdep.c (4.4) print_lock():
	//   print_lock_name(hlock_class(hlock)); printk(", at: "); print_ip_sym(hlock->acquire_ip);
	// print_lock_name(): printk(" ("); __print_lock_name(class); printk("){%s}", usage);
	// with get_usage_chars() over lockdep_states.h's HARDIRQ, SOFTIRQ and RECLAIM_FS.
	.lockdep_locks = LockdepLocks::IpSym,
	// lib/dump_stack.c (4.4): dump_stack() is the function that prints.
	// kernel/time/timer.c (4.4) call_timer_fn(): fn(data).
	.timer_arg = TimerCallbackArg::Data,
	.dump_stack_frame = "dump_stack+0x63/0x85",
	// kernel/panic.c (4.4): WARN_ONCE → warn_slowpath_fmt() → warn_slowpath_common() →
	// dump_stack().
	.warn_frames = {"warn_slowpath_common+0x82/0xc0", "warn_slowpath_fmt+0x5c/0x80"},
	// kernel/time/timer.c (4.4.6) call_timer_fn(): WARN_ONCE(1, "timer: %pF preempt leak:
	// %08x -> %08x\n", fn, count, preempt_count()). The line number is an estimate (the
	// function and the format were checked against a 4.4 tree; docs/releases.md).
	// kernel/panic.c init_oops_id() / print_oops_end_marker().
	.random_oops_id = true,
	.timer_leak_line = 1185,
	// kernel/watchdog.c (4.4): #define pr_fmt(fmt) "NMI watchdog: " fmt
	.softlockup_prefix = "NMI watchdog: ",
	// arch/x86/entry/entry_64.S (4.4): apicinterrupt LOCAL_TIMER_VECTOR
	// apic_timer_interrupt smp_apic_timer_interrupt; its `interrupt` macro moves to the
	// irq stack (irq_count, irq_stack_ptr) before calling the handler.
	.irq_entry_function = "apic_timer_interrupt",
	.hung_task_legacy_task_line = true,
	// kernel/watchdog.c watchdog_timer_fn(): "only warn once" (4.4) / update_report_ts() (6.1).
	.softlockup_once = true,
	// mm/kasan/report.c (4.4) print_error_description():
	//   pr_err("BUG: KASan: %s in %pS at addr %p\n", bug_type, (void *)info->ip, info->access_addr);
	//   pr_err("%s of size %zu by task %s/%d\n", info->is_write ? "Write" : "Read", ...);
	// with bug_type "use after free" (KASAN_FREE_PAGE, KASAN_KMALLOC_FREE), "out of bounds
	// access" (the redzones, a partial granule), else "unknown crash"; then
	// print_address_description() calls mm/slub.c object_err(cache, page, object,
	// "kasan: bad access detected") for a slab address. kasan_report() checks only
	// kasan_report_enabled() (!current->kasan_depth): every bad access is reported. The
	// user copies are not checked (instrumented uaccess came in 4.8).
	.kasan = {
		.style = KasanStyle::ObjectErr,
		.title = "BUG: KASan: ",
		.use_after_free = "use after free",
		.out_of_bounds = "out of bounds access",
		.unknown = "unknown crash",
		.report_once = false,
		.checks_usercopy = false,
		.report_frames = kKasanReportFrames,
		.alloc_track_top = kKasanAllocTrackTop,
		.free_track_top = kKasanFreeTrackTop,
	},
	.frames = {
		{"dump_stack_lvl", "dump_stack+0x63/0x85", "lib/dump_stack.c"},
		// .cold sections are gcc 8's; 4.4 was built with gcc 5.
		{"__schedule_bug.cold", "__schedule_bug+0x4c/0x60", "kernel/sched/core.c"},
		{"__schedule+0x804/0xa00", "__schedule+0x5b4/0x780", "kernel/sched/core.c (schedule_debug inlined)"},
		{"__schedule", "__schedule+0x36d/0x780", "kernel/sched/core.c"},
		{"schedule", "schedule+0x35/0x80", "kernel/sched/core.c"},
		{"schedule_timeout", "schedule_timeout+0x1e6/0x270", "kernel/time/timer.c"},
		{"msleep", "msleep+0x2e/0x40", "kernel/time/timer.c"},
		{"schedule_preempt_disabled", "schedule_preempt_disabled+0xe/0x10", "kernel/sched/core.c"},
		// kernel/time/timer.c: the WARN's return address, then the callback's.
		{"call_timer_fn+0x120/0x130", "call_timer_fn+0x108/0x140", "kernel/time/timer.c"},
		{"call_timer_fn", "call_timer_fn+0x35/0x140", "kernel/time/timer.c"},
		// kernel/time/timer.c (4.4): static inline void __run_timers(struct tvec_base *).
		{"__run_timers", "", "kernel/time/timer.c (inline)"},
		{"run_timer_softirq", "run_timer_softirq+0x1f9/0x2c0", "kernel/time/timer.c"},
		{"handle_softirqs", "__do_softirq+0xf6/0x290", "kernel/softirq.c"},
		{"__local_bh_enable_ip", "__local_bh_enable_ip+0x8a/0xa0", "kernel/softirq.c"},
		{"tasklet_action_common.constprop.0", "tasklet_action+0xb6/0x110", "kernel/softirq.c"},
		{"__irq_exit_rcu", "irq_exit+0xa3/0xb0", "kernel/softirq.c"},
		{"sysvec_apic_timer_interrupt", "smp_apic_timer_interrupt+0x42/0x50", "arch/x86/kernel/apic/apic.c"},
		{"__sysvec_apic_timer_interrupt", "local_apic_timer_interrupt+0x35/0x60", "arch/x86/kernel/apic/apic.c"},
		{"asm_sysvec_apic_timer_interrupt", "apic_timer_interrupt+0x82/0x90", "arch/x86/entry/entry_64.S"},
		{"sysvec_reschedule_ipi", "smp_reschedule_interrupt+0x36/0x40", "arch/x86/kernel/smp.c"},
		{"asm_sysvec_reschedule_ipi", "reschedule_interrupt+0x82/0x90", "arch/x86/entry/entry_64.S"},
		{"hrtimer_interrupt", "hrtimer_interrupt+0xa8/0x1a0", "kernel/time/hrtimer.c"},
		{"__hrtimer_run_queues", "__hrtimer_run_queues+0xfe/0x260", "kernel/time/hrtimer.c"},
		{"watchdog_timer_fn.cold", "watchdog_timer_fn+0x20e/0x220", "kernel/watchdog.c"},
		// arch/x86/entry/entry_64.S (4.4): the fast path calls sys_call_table directly;
		// do_syscall_64 came with 4.6.
		{"entry_SYSCALL_64_after_hwframe", "entry_SYSCALL_64_fastpath+0x16/0x71", "arch/x86/entry/entry_64.S"},
		{"do_syscall_64", "", "arch/x86/entry/common.c (4.6+)"},
		{"ksys_write", "SyS_write+0x49/0xa0", "fs/read_write.c"},
		{"ksys_read", "SyS_read+0x49/0xa0", "fs/read_write.c"},
		{"ksys_lseek", "SyS_lseek+0x87/0xb0", "fs/read_write.c"},
		{"__x64_sys_ioctl", "SyS_ioctl+0x79/0x90", "fs/ioctl.c"},
		{"__x64_sys_openat", "SyS_open+0x1e/0x20", "fs/open.c"},
		{"__x64_sys_close", "SyS_close+0x23/0x60", "fs/open.c"},
		{"__x64_sys_poll", "SyS_poll+0x74/0x100", "fs/select.c"},
		{"__x64_sys_select", "SyS_select+0xba/0x110", "fs/select.c"},
		{"__x64_sys_clock_nanosleep", "SyS_nanosleep+0x71/0x80", "kernel/time/hrtimer.c"},
		{"hrtimer_nanosleep", "hrtimer_nanosleep+0xbc/0x1a0", "kernel/time/hrtimer.c"},
		{"do_nanosleep", "do_nanosleep+0x8f/0x140", "kernel/time/hrtimer.c"},
		{"kernel_wait4", "SyS_wait4+0x7b/0x110", "kernel/exit.c"},
		{"do_wait", "do_wait+0x13a/0x270", "kernel/exit.c"},
		// kernel/module.c (4.4): SYSCALL_DEFINE3(finit_module) → SYSC_ and SyS_ wrappers.
		{"__do_sys_finit_module", "SYSC_finit_module+0xde/0x110 SyS_finit_module+0xe/0x10", "kernel/module.c"},
		{"__do_sys_delete_module", "SyS_delete_module+0x1b8/0x210", "kernel/module.c"},
		{"load_module", "load_module+0x16a4/0x1cd0", "kernel/module.c"},
		{"do_init_module", "do_init_module+0x5f/0x1d0", "kernel/module.c"},
		{"do_one_initcall", "do_one_initcall+0xb5/0x200", "init/main.c"},
		{"kthread", "kthread+0xd8/0xf0", "kernel/kthread.c"},
		{"ret_from_fork", "ret_from_fork+0x3f/0x70", "arch/x86/entry/entry_64.S"},
		{"worker_thread", "worker_thread+0x4b/0x480", "kernel/workqueue.c"},
		{"process_one_work", "process_one_work+0x1fc/0x490", "kernel/workqueue.c"},
		{"smpboot_thread_fn", "smpboot_thread_fn+0x15c/0x250", "kernel/smpboot.c"},
		// kernel/sched/idle.c (4.4): cpu_idle_loop() is static and inlined into
		// cpu_startup_entry(); arch_call_rest_init and secondary_startup_64_no_verify are 5.x.
		{"do_idle", "", "kernel/sched/idle.c (inline cpu_idle_loop)"},
		{"cpu_startup_entry", "cpu_startup_entry+0x2c9/0x350", "kernel/sched/idle.c"},
		{"default_idle_call", "default_idle_call+0x2a/0x40", "kernel/sched/idle.c"},
		{"dequeue_task_idle", "", "kernel/sched/idle_task.c"},
		{"arch_call_rest_init", "", "init/main.c (5.0+)"},
		{"rest_init", "rest_init+0x7c/0x80", "init/main.c"},
		{"start_kernel", "start_kernel+0x481/0x4a2 x86_64_start_reservations+0x2a/0x2c x86_64_start_kernel+0x14a/0x16d",
		 "init/main.c, arch/x86/kernel/head64.c"},
		{"start_secondary", "start_secondary+0x149/0x170", "arch/x86/kernel/smpboot.c"},
		{"secondary_startup_64_no_verify", "", "arch/x86/kernel/head_64.S (5.10+)"},
		{"native_queued_spin_lock_slowpath", "native_queued_spin_lock_slowpath+0x160/0x170",
		 "kernel/locking/qspinlock.c"},
		{"_raw_spin_lock", "_raw_spin_lock+0x3a/0x50", "kernel/locking/spinlock.c"},
		{"_raw_spin_lock_irqsave", "_raw_spin_lock_irqsave+0x4a/0x60", "kernel/locking/spinlock.c"},
		{"lock_acquire", "lock_acquire+0xc7/0x1e0", "kernel/locking/lockdep.c"},
		// kernel/locking/mutex.c (4.4): mutex_lock_nested() inlines __mutex_lock_common().
		{"mutex_lock_nested", "", "kernel/locking/mutex.c"},
		{"__mutex_lock", "mutex_lock_nested+0x16e/0x3a0", "kernel/locking/mutex.c"},
		{"mutex_lock_interruptible_nested", "", "kernel/locking/mutex.c"},
		// kernel/locking/semaphore.c (4.4): __down_common() is its own function there too
		// (4.x oopses show "IP: [<…>] __down_common+0x4c/0x144"), reached from down()
		// through the noinline __down().
		{"__down_common", "__down_common+0x9d/0x144", "kernel/locking/semaphore.c"},
		{"__down", "__down+0x1d/0x20", "kernel/locking/semaphore.c"},
		{"down", "down+0x41/0x50", "kernel/locking/semaphore.c"},
		{"down_interruptible", "down_interruptible+0x4c/0x60", "kernel/locking/semaphore.c"},
		{"down_killable", "down_killable+0x4c/0x60", "kernel/locking/semaphore.c"},
		{"down_timeout", "down_timeout+0x49/0x50", "kernel/locking/semaphore.c"},
		{"__wait_for_common", "", "kernel/sched/completion.c (inline)"},
		{"wait_for_completion", "wait_for_completion+0xad/0x130", "kernel/sched/completion.c"},
		{"kthread_stop", "kthread_stop+0x5b/0x1b0", "kernel/kthread.c"},
		{"delay_tsc", "delay_tsc+0x38/0x60", "arch/x86/lib/delay.c"},
		{"__const_udelay", "__const_udelay+0x28/0x30", "arch/x86/lib/delay.c"},
		{"asm_exc_page_fault", "page_fault+0x28/0x30", "arch/x86/entry/entry_64.S"},
		{"exc_page_fault", "do_page_fault+0x22/0x30", "arch/x86/mm/fault.c"},
		{"do_user_addr_fault", "__do_page_fault+0x1b8/0x4e0", "arch/x86/mm/fault.c"},
		{"__handle_mm_fault", "", "mm/memory.c (4.6+)"},
		{"handle_mm_fault", "handle_mm_fault+0xf4/0x1820", "mm/memory.c"},
		{"exit_to_user_mode_prepare", "exit_to_usermode_loop+0x8c/0xd0", "arch/x86/entry/common.c"},
		{"syscall_exit_to_user_mode", "syscall_return_slowpath+0x4e/0x60", "arch/x86/entry/common.c"},
		{"irqentry_exit_to_user_mode", "prepare_exit_to_usermode+0x47/0x50", "arch/x86/entry/common.c"},
		{"do_exit", "do_exit+0x2b5/0xad0", "kernel/exit.c"},
		{"do_group_exit", "do_group_exit+0x43/0xb0", "kernel/exit.c"},
		{"get_signal", "get_signal+0x2f4/0x7b0", "kernel/signal.c"},
		{"arch_do_signal_or_restart", "do_signal+0x37/0x6e0", "arch/x86/kernel/signal.c"},
		{"panic", "panic+0xd3/0x227", "kernel/panic.c"},
		{"check_panic_on_warn.cold", "", "kernel/panic.c (6.1)"},
		{"__warn", "warn_slowpath_common+0x82/0xc0", "kernel/panic.c"},
		// gcc 5 (4.4's compiler) made no .isra/.constprop clones and no .cold sections of
		// these: each is the plain function, or inlined where 4.4 has it static inline.
		{"finish_task_switch.isra.0", "finish_task_switch+0x7a/0x1f0", "kernel/sched/core.c"},
		// kernel/sched/core.c (4.4): might_sleep() -> __might_sleep() -> ___might_sleep()
		// prints "BUG: sleeping function called from invalid context"; __might_resched is 5.15's.
		{"__might_resched.cold", "___might_sleep+0x1a2/0x240 __might_sleep+0x4a/0x80", "kernel/sched/core.c"},
		{"sysfs_warn_dup.cold", "sysfs_warn_dup+0x64/0x80", "fs/sysfs/dir.c"},
		// mm/oom_kill.c (4.4): oom_kill_process() calls dump_header() itself.
		{"oom_kill_process.cold", "oom_kill_process+0x205/0x3d0", "mm/oom_kill.c"},
		// mm/page_alloc.c (4.4): static inline __alloc_pages_slowpath() in
		// __alloc_pages_nodemask() (__alloc_pages is 5.13's name).
		{"__alloc_pages_slowpath.constprop.0", "", "mm/page_alloc.c (inline)"},
		{"__alloc_pages", "__alloc_pages_nodemask+0x8d1/0xa30", "mm/page_alloc.c"},
		// kernel/irq/spurious.c (4.4): note_interrupt() -> static __report_bad_irq().
		{"note_interrupt.cold", "note_interrupt+0x24a/0x290", "kernel/irq/spurious.c"},
		{"__handle_sysrq.cold", "__handle_sysrq+0xfc/0x150", "drivers/tty/sysrq.c"},
		// The ips of lockdep's "irq event stamp" lines (trace_hardirqs_on/off callers).
		// kernel/sched/core.c (4.4) __schedule(): raw_spin_lock_irq(&rq->lock).
		{"__schedule+0x9b/0xa00", "__schedule+0xa0/0x780", "kernel/sched/core.c"},
		// arch/x86/entry/entry_64.S (4.4): common_interrupt's TRACE_IRQS_OFF; ret_from_intr's
		// retint_kernel TRACE_IRQS_IRETQ before the iret.
		{"asm_common_interrupt", "common_interrupt+0x82/0x90", "arch/x86/entry/entry_64.S"},
		{"irqentry_exit", "retint_kernel+0x1b/0x20", "arch/x86/entry/entry_64.S"},
		// kernel/softirq.c (4.4) __do_softirq(): local_irq_enable() before the handlers,
		// local_irq_disable() after them.
		{"handle_softirqs+0x7c/0x280", "__do_softirq+0x7d/0x290", "kernel/softirq.c"},
		{"handle_softirqs+0x1c9/0x280", "__do_softirq+0x1c2/0x290", "kernel/softirq.c"},
		// __do_softirq(): __local_bh_disable_ip() on entry, __local_bh_enable() on the way out.
		{"handle_softirqs+0x4d/0x280", "__do_softirq+0x4f/0x290", "kernel/softirq.c"},
		{"handle_softirqs+0x1f0/0x280", "__do_softirq+0x1f5/0x290", "kernel/softirq.c"},
		// kernel/irq/handle.c (4.4): handle_irq_event_percpu() (its __ half is 4.9's).
		{"__handle_irq_event_percpu", "handle_irq_event_percpu+0x80/0x1c0", "kernel/irq/handle.c"},
		// mm/slub.c (4.4): kmalloc() of a constant size is kmem_cache_alloc_trace(),
		// kfree() frees itself (no __kmem_cache_free, 6.1's slab_common.c split).
		{"kmalloc_trace", "kmem_cache_alloc_trace+0x10b/0x1c0", "mm/slub.c"},
		{"__kmem_cache_free", "kfree+0x98/0x1a0", "mm/slub.c"},
		// mm/kasan/kasan.c (4.4): memcpy()/memset()/memmove() call check_memory_region().
		{"kasan_check_range", "check_memory_region+0x11c/0x1a0", "mm/kasan/kasan.c"},
	},
};

}  // namespace kctx::kernel
