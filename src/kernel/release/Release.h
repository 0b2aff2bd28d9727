// A Linux release as data. Everything kctx prints or accepts differently from one release
// to another is a field of ReleaseSpec, each with the source file it comes from; the code
// reads the spec and never tests a version. docs/releases.md tells how to add a release.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace kctx::kernel {

enum class KernelRelease : uint8_t {
#define KCTX_RELEASE(id, name, spec) id,
#include "kernel/release/Releases.def"
#undef KCTX_RELEASE
	Count
};

inline constexpr KernelRelease kDefaultRelease = KernelRelease::Linux6_1;

// How dump_stack() lays out a call trace on x86-64.
enum class TraceStyle : uint8_t {
	// Up to 4.8 (arch/x86/kernel/dumpstack_64.c show_stack_log_lvl + dumpstack.c
	// printk_address): three lines of raw stack words, then "Call Trace:" and one
	// " [<address>] symbol+off/size" line per frame; " <IRQ> " and " <EOI> " open and close
	// the irq stack's frames on the line of the next frame. No user registers.
	StackWords,
	// From 4.20 (arch/x86/kernel/dumpstack.c show_trace_log_lvl): " <TASK>"/" <IRQ>"
	// sections of " symbol+off/size" lines, the registers of an entry from user mode.
	Sections,
};

// How a WARN() is printed.
enum class WarnStyle : uint8_t {
	// 4.4 kernel/panic.c warn_slowpath_common(): "WARNING: … at file:line caller()", then
	// the message, the modules and a dump_stack() from warn_slowpath_fmt.
	Slowpath,
	// 6.1 kernel/panic.c __warn() from the ud2 trap: the message first, then the WARNING
	// line, the modules and show_regs() of the trapping context.
	Trap,
};

// How a fault in kernel mode is reported on x86-64 (arch/x86/mm/fault.c,
// arch/x86/kernel/dumpstack.c, dumpstack_64.c, process_64.c).
enum class OopsStyle : uint8_t {
	// Up to 4.x: show_fault_oops()'s "BUG: unable to handle kernel NULL pointer
	// dereference at %p" and "IP: [<…>] sym" lines; __die()'s "Oops: 0002 [#1] SMP " with
	// print_modules() first; show_regs() with the "task:" line, "RIP: 0010:[<…>]  [<…>]",
	// then "Stack:", the words, the trace and "Code:" (43 bytes before the faulting one);
	// the "RIP  [<…>]"/" RSP <…>" summary; do_exit() keeps a leaked preempt_count.
	IpLine,
	// 6.1: page_fault_oops()'s "#PF:" lines, __die_header()'s flags, __show_regs() with
	// "Code:" (42 bytes before) ahead of the trace, modules after it, make_task_dead().
	PfLines,
};

// What a timer_list callback is called with (kernel/time/timer.c call_timer_fn()).
enum class TimerCallbackArg : uint8_t {
	Data,    // up to 4.14: fn(timer->data), `void fn(unsigned long)`
	Timer,   // from 4.15: fn(timer), `void fn(struct timer_list *)`
};

// How lockdep titles its reports (kernel/locking/lockdep.c).
enum class LockdepTitles : uint8_t {
	Bracketed,   // up to 4.14: "[ INFO: possible circular locking dependency detected ]"
	Warning,     // from 4.15: "WARNING: possible circular locking dependency detected"
};

// How lockdep prints a held lock and the traces of a dependency chain
// (kernel/locking/lockdep.c print_lock_name(), print_lock(), print_stack_trace()).
enum class LockdepLocks : uint8_t {
	// Up to 4.14: " (name){+.+...}, at: [<addr>] sym" (RECLAIM_FS's usage pair, no wait
	// types, no instance) and chain traces of "[<addr>] sym" lines (print_ip_sym()).
	IpSym,
	// From 5.7: "instance (name){+.+.}-{2:2}, at: sym" and "sym" trace lines.
	WaitTypes,
};

// How KASAN reports a bad access (mm/kasan/report.c).
enum class KasanStyle : uint8_t {
	// Up to 4.5: print_error_description()'s "BUG: KASan: <type> in <ip> at addr <addr>"
	// and "<Read|Write> of size N by task comm/pid", then SLUB describes the object
	// (mm/slub.c object_err(): slab_bug()'s banner, print_tracking()'s "INFO: Allocated
	// in …" tracks, the slab and the object, their bytes, dump_stack()), then the shadow.
	ObjectErr,
	// From 5.x: print_report()'s "BUG: KASAN: <type> in <ip>", "… at addr … by task …",
	// the stack, the stack depot's "Allocated by task N:" tracks, the object, the page.
	Generic,
};

// The release's KASAN report, where it differs from 6.1's (KasanStyle::ObjectErr).
struct KasanFormat {
	KasanStyle style = KasanStyle::Generic;
	std::string_view title;                  // "BUG: KASan: ", before the bug type
	// print_error_description()'s bug types of a slab object.
	std::string_view use_after_free, out_of_bounds, unknown;
	// report_enabled(): one report per boot unless kasan_multi_shot (4.12's
	// KASAN_BIT_REPORTED); before, every bad access.
	bool report_once = true;
	// The user-copy functions check the kernel buffer (4.8's instrumented uaccess).
	bool checks_usercopy = true;
	// dump_stack()'s frames above the access, innermost first: print_trailer() up to the
	// compiler's report call (its name per size and direction is appended in the code).
	std::span<const std::string_view> report_frames;
	// SLUB's set_track() stacks: the allocator's own frames above the kmalloc entry.
	std::span<const std::string_view> alloc_track_top, free_track_top;
};

// One kernel function of a 6.1 call trace as this release shows it. `from` is either a
// whole frame ("call_timer_fn+0x120/0x130") or a function name ("call_timer_fn"); `to`
// is the frames this release has there, innermost first and space-separated, or empty
// where the function is inlined or absent on this release's path.
struct FrameName {
	std::string_view from;
	std::string_view to;
	std::string_view source;   // where this release defines it
};

struct ReleaseSpec {
	std::string_view name;                   // "4.4"
	uint32_t version = 0, patchlevel = 0, sublevel = 0;   // of uname -r
	// <linux/version.h> defines LINUX_VERSION_MAJOR, _PATCHLEVEL and _SUBLEVEL too
	// (Makefile's filechk_version.h; not in 4.4).
	bool version_h_parts = false;
	// init_uts_ns: uname -r of the debug and the debian profile, and UTS_VERSION.
	std::string_view uts_release_debug, uts_release_debian;
	std::string_view uts_version;            // "#1 SMP PREEMPT_DYNAMIC"
	// init/version.c linux_proc_banner's LINUX_COMPILE_BY@LINUX_COMPILE_HOST and
	// LINUX_COMPILER (scripts/mkcompile_h): /proc/version's builder and toolchain.
	std::string_view compile_by;
	std::string_view compiler;
	// kernel/panic.c taint_flags[]: print_tainted()'s columns, one letter per flag.
	std::string_view taint_letters;
	TraceStyle trace = TraceStyle::Sections;
	WarnStyle warn = WarnStyle::Trap;
	OopsStyle oops = OopsStyle::PfLines;
	LockdepTitles lockdep_titles = LockdepTitles::Warning;
	LockdepLocks lockdep_locks = LockdepLocks::WaitTypes;
	TimerCallbackArg timer_arg = TimerCallbackArg::Timer;
	// The innermost frames of a dump_stack() and of a WARN's dump_stack (Slowpath).
	std::string_view dump_stack_frame;
	std::vector<std::string_view> warn_frames;
	// kernel/panic.c init_oops_id(): "---[ end trace %016llx ]---" shows a random id
	// drawn once per boot (4.4), or 0 (6.1).
	bool random_oops_id = false;
	// Where call_timer_fn()'s preempt-leak WARN_ONCE is (kernel/time/timer.c).
	int timer_leak_line = 0;
	// kernel/watchdog.c's pr_fmt, before "BUG: soft lockup - CPU#…".
	std::string_view softlockup_prefix;
	// The frame of the irq entry whose frames run on the per-CPU irq stack; on
	// StackWords releases every frame up to it is "<IRQ>", whatever the interrupt hit
	// (4.4 entry_64.S `interrupt` switches stacks on the first nesting level).
	std::string_view irq_entry_function;
	// The hung task report's task line (kernel/sched/core.c sched_show_task()).
	bool hung_task_legacy_task_line = false;
	// kernel/watchdog.c: the soft-lockup report comes once per stuck episode (4.4's
	// soft_watchdog_warn) rather than again every threshold (6.1's watchdog_report_ts).
	bool softlockup_once = false;
	KasanFormat kasan;
	std::vector<FrameName> frames;
};

[[nodiscard]] const ReleaseSpec& release_spec(KernelRelease r);
[[nodiscard]] std::string_view release_name(KernelRelease r);
// The release a name ("4.4") stands for, if kctx simulates it.
[[nodiscard]] std::optional<KernelRelease> parse_release(std::string_view name);
// Every name parse_release accepts, oldest first.
[[nodiscard]] const std::vector<std::string_view>& release_names();
// LINUX_VERSION_CODE: KERNEL_VERSION(version, patchlevel, sublevel).
[[nodiscard]] uint32_t linux_version_code(const ReleaseSpec& s);
// A 6.1 call-trace frame as this release prints it: zero, one or several frames.
[[nodiscard]] std::vector<std::string> release_frames(const ReleaseSpec& s, std::string_view frame);

}  // namespace kctx::kernel
