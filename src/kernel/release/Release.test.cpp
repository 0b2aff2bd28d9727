// The release table against the sources it cites: each format a ReleaseSpec holds is
// checked against the line of that release's source it comes from (quoted here).
#include "kernel/release/Release.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <regex>
#include <set>

namespace kctx::kernel {
namespace {

const ReleaseSpec& v44() { return release_spec(KernelRelease::Linux4_4); }
const ReleaseSpec& v61() { return release_spec(KernelRelease::Linux6_1); }

TEST(Release, NamesParseAndDefaultIs61)
{
	EXPECT_EQ(parse_release("4.4"), KernelRelease::Linux4_4);
	EXPECT_EQ(parse_release("6.1"), KernelRelease::Linux6_1);
	EXPECT_EQ(parse_release("5.10"), std::nullopt);
	EXPECT_EQ(parse_release("4.4.6"), std::nullopt);
	EXPECT_EQ(parse_release(""), std::nullopt);
	EXPECT_EQ(kDefaultRelease, KernelRelease::Linux6_1);
	EXPECT_EQ(release_names(), (std::vector<std::string_view>{"4.4", "6.1"}));
	for (std::string_view n : release_names())
		EXPECT_EQ(release_spec(*parse_release(n)).name, n);
}

// scripts/mkcompile_h, 4.4:
//   echo \#define LINUX_COMPILER \"`$CC -v 2>&1 | grep ' version '`\"
// and since 5.8 (the linker joined the banner):
//   LINUX_COMPILER="${CC_VERSION_TEXT}, ${LD_VERSION}"
TEST(Release, ProcVersionCompilerIsTheReleasesMkcompileH)
{
	EXPECT_TRUE(v44().compiler.starts_with("gcc version "));
	EXPECT_EQ(v44().compiler.find("GNU ld"), std::string_view::npos);
	EXPECT_NE(v61().compiler.find(", GNU ld "), std::string_view::npos);
	for (const ReleaseSpec* r : {&v44(), &v61()})
		EXPECT_NE(r->compile_by.find('@'), std::string_view::npos) << r->name;
	// PREEMPT_DYNAMIC came in 5.12: 4.4's UTS_VERSION has none.
	EXPECT_EQ(v44().uts_version.find("PREEMPT_DYNAMIC"), std::string_view::npos);
}

// arch/x86/mm/fault.c (4.4) show_fault_oops():
//   printk(KERN_ALERT "BUG: unable to handle kernel ");
//   ...
//   printk(KERN_ALERT "IP:");
//   printk_address(regs->ip);
// and 6.1's page_fault_oops(): pr_alert("#PF: %s %s in %s mode\n", ...).
TEST(Release, OopsStyleIsTheReleasesFaultReport)
{
	EXPECT_EQ(v44().oops, OopsStyle::IpLine);
	EXPECT_EQ(v61().oops, OopsStyle::PfLines);
}

TEST(Release, VersionCodeIsKernelVersionOfUname)
{
	// include/linux/version.h: #define KERNEL_VERSION(a,b,c) (((a) << 16) + ((b) << 8) + (c))
	EXPECT_EQ(linux_version_code(v44()), 0x040406u);
	EXPECT_EQ(linux_version_code(v61()), 393472u);   // the literal 6.1.0's version.h has
	EXPECT_TRUE(v44().uts_release_debian.starts_with("4.4.6"));
	EXPECT_TRUE(v44().uts_release_debug.starts_with("4.4.6"));
	EXPECT_TRUE(v61().uts_release_debian.starts_with("6.1.0"));
	EXPECT_FALSE(v44().version_h_parts);
}

TEST(Release, TaintLettersAreTheReleasesTaintFlags)
{
	// kernel/panic.c (4.4): the last entry of taint_flags[] is
	//   { TAINT_LIVEPATCH,		'K', ' ' },
	EXPECT_EQ(v44().taint_letters.size(), 16u);
	EXPECT_EQ(v44().taint_letters.back(), 'K');
	// kernel/panic.c (6.1): [ TAINT_TEST ] = { 'N', ' ', true },
	EXPECT_EQ(v61().taint_letters.size(), 19u);
	EXPECT_EQ(v61().taint_letters.back(), 'N');
	EXPECT_TRUE(v61().taint_letters.starts_with(v44().taint_letters));
}

TEST(Release, SoftLockupLineFollowsWatchdogC)
{
	// kernel/watchdog.c (4.4): #define pr_fmt(fmt) "NMI watchdog: " fmt
	//   pr_emerg("BUG: soft lockup - CPU#%d stuck for %us! [%s:%d]\n", ...
	char line[128];
	std::snprintf(line, sizeof line, "BUG: soft lockup - CPU#%d stuck for %us! [%s:%d]", 0, 22u, "spinner", 105);
	EXPECT_EQ(std::string(v44().softlockup_prefix) + line, "NMI watchdog: BUG: soft lockup - CPU#0 stuck for 22s! [spinner:105]");
	// kernel/watchdog.c (6.1): #define pr_fmt(fmt) "watchdog: " fmt
	EXPECT_EQ(v61().softlockup_prefix, "watchdog: ");
	EXPECT_TRUE(v44().softlockup_once);
	EXPECT_FALSE(v61().softlockup_once);
}

TEST(Release, StylesAndTimerCallbacks)
{
	EXPECT_EQ(v44().trace, TraceStyle::StackWords);
	EXPECT_EQ(v44().warn, WarnStyle::Slowpath);
	EXPECT_EQ(v44().lockdep_titles, LockdepTitles::Bracketed);
	// kernel/locking/lockdep.c (4.4) print_lock(): printk(", at: "); print_ip_sym(...);
	// 6.1: printk(KERN_CONT ", at: %pS\n", (void *)hlock->acquire_ip);
	EXPECT_EQ(v44().lockdep_locks, LockdepLocks::IpSym);
	EXPECT_EQ(v61().lockdep_locks, LockdepLocks::WaitTypes);
	// kernel/time/timer.c (4.4) call_timer_fn(): fn(data);  (6.1): fn(timer);
	EXPECT_EQ(v44().timer_arg, TimerCallbackArg::Data);
	EXPECT_EQ(v61().timer_arg, TimerCallbackArg::Timer);
	EXPECT_EQ(v61().timer_leak_line, 1707);
	// The seed's dump_stack frame and 4.4's WARN path (kernel/panic.c warn_slowpath_fmt).
	EXPECT_EQ(v44().dump_stack_frame, "dump_stack+0x63/0x85");
	EXPECT_EQ(v44().warn_frames.back(), "warn_slowpath_fmt+0x5c/0x80");
	EXPECT_TRUE(v44().random_oops_id);
}

TEST(Release, FrameRenamesFollow44sPaths)
{
	using V = std::vector<std::string>;
	// The cst path: 6.1's handle_softirqs/__irq_exit_rcu/sysvec are 4.4's
	// __do_softirq/irq_exit/smp_apic_timer_interrupt, and __run_timers is inline.
	EXPECT_EQ(release_frames(v44(), "handle_softirqs+0xd7/0x280"), V{"__do_softirq+0xf6/0x290"});
	EXPECT_EQ(release_frames(v44(), "__irq_exit_rcu+0xac/0xe0"), V{"irq_exit+0xa3/0xb0"});
	EXPECT_EQ(release_frames(v44(), "sysvec_apic_timer_interrupt+0x3a/0x90"), V{"smp_apic_timer_interrupt+0x42/0x50"});
	EXPECT_EQ(release_frames(v44(), "asm_sysvec_apic_timer_interrupt+0x16/0x20"), V{"apic_timer_interrupt+0x82/0x90"});
	EXPECT_EQ(release_frames(v44(), "__run_timers+0x222/0x2c0"), V{});
	// A whole-frame entry wins over its function's.
	EXPECT_EQ(release_frames(v44(), "call_timer_fn+0x120/0x130"), V{"call_timer_fn+0x108/0x140"});
	EXPECT_EQ(release_frames(v44(), "call_timer_fn+0x27/0x130"), V{"call_timer_fn+0x35/0x140"});
	// SYSCALL_DEFINE's two wrappers, innermost first.
	EXPECT_EQ(release_frames(v44(), "__do_sys_finit_module+0xac/0x120"),
		  (V{"SYSC_finit_module+0xde/0x110", "SyS_finit_module+0xe/0x10"}));
	// Module code and unknown functions pass through; 6.1 renames nothing.
	EXPECT_EQ(release_frames(v44(), "cst_timer_handler+0x50/0x6c [cst]"), V{"cst_timer_handler+0x50/0x6c [cst]"});
	EXPECT_EQ(release_frames(v61(), "handle_softirqs+0xd7/0x280"), V{"handle_softirqs+0xd7/0x280"});
}

TEST(Release, EveryFrameEntryIsWellFormedAndCited)
{
	const std::regex frame("[A-Za-z_][A-Za-z0-9_.]*\\+0x([0-9a-f]+)/0x([0-9a-f]+)");
	for (KernelRelease r : {KernelRelease::Linux4_4, KernelRelease::Linux6_1}) {
		std::set<std::string_view> seen;
		for (const FrameName& f : release_spec(r).frames) {
			EXPECT_TRUE(seen.insert(f.from).second) << "duplicate " << f.from;
			EXPECT_FALSE(f.source.empty()) << f.from;
			for (const std::string& to : release_frames(release_spec(r), f.from)) {
				std::smatch m;
				ASSERT_TRUE(std::regex_match(to, m, frame)) << to;
				EXPECT_LT(std::stoull(m[1].str(), nullptr, 16), std::stoull(m[2].str(), nullptr, 16)) << to;
			}
		}
	}
}

TEST(Release, Gcc5NamesHaveNoCloneSuffixes)
{
	// 4.4 was built with gcc 5, whose traces show no .isra/.constprop clones of these and
	// no .cold sections (gcc 8): every 4.4 name the table gives is a plain function.
	using V = std::vector<std::string>;
	for (const FrameName& f : v44().frames)
		for (const std::string& to : release_frames(v44(), f.from))
			for (const char* suffix : {".isra", ".constprop", ".cold", ".part"})
				EXPECT_EQ(to.find(suffix), std::string::npos) << f.from << " -> " << to;
	// kernel/sched/core.c (4.4): static void finish_task_switch(struct task_struct *prev)
	EXPECT_EQ(release_frames(v44(), "finish_task_switch.isra.0+0x9b/0x2e0"), V{"finish_task_switch+0x7a/0x1f0"});
	// kernel/sched/core.c (4.4): void __might_sleep(const char *file, int line, int
	// preempt_offset) { ... ___might_sleep(file, line, preempt_offset); }
	EXPECT_EQ(release_frames(v44(), "__might_resched.cold+0xcc/0xf9"),
		  (V{"___might_sleep+0x1a2/0x240", "__might_sleep+0x4a/0x80"}));
	// mm/page_alloc.c (4.4): static inline struct page *__alloc_pages_slowpath(...)
	EXPECT_EQ(release_frames(v44(), "__alloc_pages_slowpath.constprop.0+0xcd7/0xe30"), V{});
	// The ips of lockdep's irq event stamps: arch/x86/entry/entry_64.S (4.4) retint_kernel.
	EXPECT_EQ(release_frames(v44(), "irqentry_exit+0x31/0x80"), V{"retint_kernel+0x1b/0x20"});
}

TEST(Release, KasanReportIsTheReleasesReportC)
{
	// mm/kasan/report.c (4.4) print_error_description():
	//   pr_err("BUG: KASan: %s in %pS at addr %p\n", bug_type, (void *)info->ip, info->access_addr);
	// with bug_type = "use after free" / "out of bounds access" / "unknown crash".
	const KasanFormat& k = v44().kasan;
	EXPECT_EQ(k.style, KasanStyle::ObjectErr);
	EXPECT_EQ(k.title, "BUG: KASan: ");
	EXPECT_EQ(k.use_after_free, "use after free");
	EXPECT_EQ(k.out_of_bounds, "out of bounds access");
	EXPECT_EQ(k.unknown, "unknown crash");
	// kasan_report(): if (likely(!kasan_report_enabled())) return; -- current->kasan_depth
	// only, no KASAN_BIT_REPORTED (4.12): every bad access is reported.
	EXPECT_FALSE(k.report_once);
	EXPECT_FALSE(k.checks_usercopy);
	// mm/slub.c (4.4) print_trailer() ends with dump_stack(), called from object_err().
	ASSERT_GE(k.report_frames.size(), 2u);
	EXPECT_TRUE(k.report_frames[0].starts_with("print_trailer+"));
	EXPECT_TRUE(k.report_frames[1].starts_with("object_err+"));
	// 6.1: print_report()'s own format, once per boot.
	EXPECT_EQ(v61().kasan.style, KasanStyle::Generic);
	EXPECT_TRUE(v61().kasan.report_once);
	EXPECT_TRUE(v61().kasan.checks_usercopy);
}

}  // namespace
}  // namespace kctx::kernel
