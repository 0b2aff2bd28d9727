// The signal bits kernel/signal.c and its system calls share: masks, the default
// actions' sets, the user sigset_t word, and the ITIMER_REAL timer's key.
#pragma once

#include <cstdint>

#include "abi/Signal.h"
#include "kernel/core/Machine.h"

namespace kctx::kernel::signals {

constexpr uint64_t sigbit(int32_t sig) { return 1ull << sig; }
inline constexpr uint64_t kStopMask =
	sigbit(abi::kSIGSTOP) | sigbit(abi::kSIGTSTP) | sigbit(abi::kSIGTTIN) | sigbit(abi::kSIGTTOU);
inline constexpr uint64_t kUnblockable = sigbit(abi::kSIGKILL) | sigbit(abi::kSIGSTOP);   // SIG_KERNEL_ONLY_MASK
inline constexpr uint64_t kAllSignals = ((1ull << abi::kNSIG) - 1) & ~1ull;

// include/linux/signal.h: SIG_KERNEL_IGNORE_MASK, SIG_KERNEL_COREDUMP_MASK, SIG_KERNEL_STOP_MASK.
inline bool default_ignored(int32_t sig)
{
	return sig == abi::kSIGCHLD || sig == abi::kSIGCONT || sig == abi::kSIGURG || sig == abi::kSIGWINCH;
}
inline bool default_core(int32_t sig)
{
	switch (sig) {
	case abi::kSIGQUIT:
	case abi::kSIGILL:
	case abi::kSIGTRAP:
	case abi::kSIGABRT:
	case abi::kSIGFPE:
	case abi::kSIGSEGV:
	case abi::kSIGBUS:
	case abi::kSIGSYS:
	case abi::kSIGXCPU:
	case abi::kSIGXFSZ: return true;
	default: return false;
	}
}
inline bool stop_signal(int32_t sig) { return (kStopMask & sigbit(sig)) != 0; }

// signal->real_timer: the hrtimer of alarm() and setitimer(ITIMER_REAL).
inline uint64_t real_timer_key(const Task& task) { return task.task_struct_addr + 0x80; }

// sigset_t in user memory has signal n at bit n - 1 (_NSIG_WORDS words; the kernel
// copies the first, sigsetsize 8); kctx's masks keep signal n at bit n.
inline uint64_t from_user_sigset(uint64_t word) { return (word << 1) & kAllSignals; }
inline uint64_t to_user_sigset(uint64_t mask) { return (mask & kAllSignals) >> 1; }

}   // namespace kctx::kernel::signals
