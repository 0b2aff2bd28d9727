// The machine's configuration: fixed for a run, outside the state.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "kernel/release/Release.h"

namespace kctx::kernel {

enum class PreemptModel : uint8_t { None, Voluntary, Full };
// debug: a debug kernel (CONFIG_DEBUG_ATOMIC_SLEEP, PROVE_LOCKING, DEBUG_PREEMPT);
// debian: Debian's stock 6.1 (those off), on which the scenarios' EXPECTED.md were recorded.
enum class Profile : uint8_t { Debug, Debian };

// Simulated time costs. A bytecode instruction costs insn_ns: the simulated CPU is a slow
// (~7 MIPS) machine, so that a scenario's simulated seconds interpret in well under a wall
// second (docs/time-model.md; make bench measures it). Kernel paths cost the fixed amounts
// below.
struct Costs {
	uint32_t insn_ns = 150;
	uint32_t syscall_ns = 400;       // entry_SYSCALL_64 .. sysret
	uint32_t irq_ns = 1000;          // interrupt entry + exit
	uint32_t softirq_ns = 500;       // one pass of handle_softirqs
	uint32_t switch_ns = 2000;       // __schedule + switch_to
	uint32_t native_ns = 200;        // any other kernel function kctx runs natively
	uint32_t printk_ns = 5000;       // one console line
};

struct Config {
	uint32_t cpus = 4;
	uint32_t hz = 250;
	PreemptModel preempt = PreemptModel::Voluntary;
	Profile profile = Profile::Debug;
	KernelRelease kernel = kDefaultRelease;   // --kernel: which Linux release (release/Releases.def)
	uint64_t seed = 1;
	uint64_t end_ns = 5'000'000'000ull;   // the run stops here at the latest
	bool panic_on_warn = false;
	bool softlockup_panic = false;
	bool mem_pressure = false;            // GFP_KERNEL allocations reclaim (sleep); atomic ones may fail
	uint64_t mem_bytes = 512ull << 20;    // mem=: the machine's RAM (mm/Ram.h kRamDefaultBytes)
	bool kasan_multi_shot = false;        // kasan_multi_shot on the command line: report every bad access
	bool crash_kexec = false;             // a crash kernel is loaded (kdump; kctx run --vmcore): panic() kexecs into it
	// kernel/pid.c: pids run from 1 to pid_max - 1 (PID_MAX_DEFAULT 0x8000 on a small machine).
	uint32_t pid_max = 32768;
	// kernel/fork.c set_max_threads(): RAM / (8 * THREAD_SIZE), 4096 for a 512 MiB VM
	// (kernel.threads-max). RLIMIT_NPROC (fork_init(): max_threads / 2) does not apply:
	// every kctx process runs as root, which copy_process() exempts.
	uint32_t threads_max = 4096;
	// The printk ring buffer's size in bytes (log_buf_len=); 0: the profile's
	// CONFIG_LOG_BUF_SHIFT, 17 (the Kconfig default, 128 KiB) or Debian's 18.
	uint64_t log_buf_len = 0;
	// The scenario's periodic interrupt line (irq=N:PERIOD): line irq_line is raised every
	// irq_period_ns of simulated time; 0: none (irq/Handle.cpp).
	uint32_t irq_line = 0;
	uint64_t irq_period_ns = 0;
	Costs costs;

	[[nodiscard]] bool debug_atomic_sleep() const { return profile == Profile::Debug; }
	[[nodiscard]] bool prove_locking() const { return profile == Profile::Debug; }
	[[nodiscard]] bool debug_preempt() const { return profile == Profile::Debug; }
	// CONFIG_KASAN_GENERIC (outline): the debug profile only; Debian's 6.1 has no KASAN.
	[[nodiscard]] bool kasan() const { return profile == Profile::Debug; }
	[[nodiscard]] uint64_t log_buf_bytes() const
	{
		return log_buf_len ? log_buf_len : profile == Profile::Debian ? 1ull << 18 : 1ull << 17;
	}
	[[nodiscard]] uint64_t tick_ns() const { return 1'000'000'000ull / hz; }
	// utsname: the release and the first word of the version, as dump_stack prints them.
	[[nodiscard]] const ReleaseSpec& spec() const { return release_spec(kernel); }
	[[nodiscard]] std::string_view release() const
	{
		return profile == Profile::Debian ? spec().uts_release_debian : spec().uts_release_debug;
	}
	// dump_stack_print_info() truncates the version at its first space ("#1 SMP …" → "#1").
	[[nodiscard]] std::string_view version_word() const
	{
		std::string_view v = spec().uts_version;
		return v.substr(0, v.find(' '));
	}
};

[[nodiscard]] std::string_view preempt_model_name(PreemptModel m);
[[nodiscard]] std::string_view profile_name(Profile p);

}  // namespace kctx::kernel
