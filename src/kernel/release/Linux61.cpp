// Linux 6.1 (Debian's 6.1.0-56-amd64 where a real console showed it): the release kctx
// was built on, so its call-trace frames are the ones the natives name (no renames).
#include "kernel/release/Specs.h"

namespace kctx::kernel {

const ReleaseSpec kLinux6_1 = {
	.name = "6.1",
	.version = 6,
	.patchlevel = 1,
	.sublevel = 0,
	.version_h_parts = true,
	.uts_release_debug = "6.1.0-kctx-debug",
	.uts_release_debian = "6.1.0-56-amd64",
	// scripts/mkcompile_h: SMP, then the preemption model (PREEMPT_DYNAMIC on Debian).
	.uts_version = "#1 SMP PREEMPT_DYNAMIC",
	// Debian 12's build of 6.1: scripts/mkcompile_h's "$CC_VERSION_TEXT, $LD version".
	.compile_by = "debian-kernel@lists.debian.org",
	.compiler = "gcc-12 (Debian 12.2.0-14) 12.2.0, GNU ld (GNU Binutils for Debian) 2.40",
	// kernel/panic.c taint_flags[]: 19 flags, TAINT_PROPRIETARY_MODULE to TAINT_TEST.
	.taint_letters = "PFSRMBUDAWCIOELKXTN",
	.trace = TraceStyle::Sections,
	.warn = WarnStyle::Trap,
	.lockdep_titles = LockdepTitles::Warning,
	// kernel/time/timer.c call_timer_fn(): fn(timer).
	.timer_arg = TimerCallbackArg::Timer,
	.dump_stack_frame = "dump_stack_lvl+0x44/0x5c",
	.warn_frames = {},
	// kernel/time/timer.c: call_timer_fn()'s WARN_ONCE (6.1.0-56's line, EXPECTED.md).
	// kernel/panic.c init_oops_id() / print_oops_end_marker().
	.random_oops_id = false,
	.timer_leak_line = 1707,
	// kernel/watchdog.c: #define pr_fmt(fmt) "watchdog: " fmt
	.softlockup_prefix = "watchdog: ",
	.irq_entry_function = "asm_sysvec_apic_timer_interrupt",
	.hung_task_legacy_task_line = false,
	// kernel/watchdog.c watchdog_timer_fn(): "only warn once" (4.4) / update_report_ts() (6.1).
	.softlockup_once = false,
	.frames = {},
};

}  // namespace kctx::kernel
