// Signal numbers and sigaction flags (named kSIG…: <signal.h> defines the bare names as
// macros) (x86-64, include/uapi/asm-generic/signal*.h).
#pragma once

#include <cstdint>
#include <string_view>

namespace kctx::abi {

enum Signal : int32_t {
	kSIGHUP = 1, kSIGINT = 2, kSIGQUIT = 3, kSIGILL = 4, kSIGTRAP = 5, kSIGABRT = 6, kSIGBUS = 7,
	kSIGFPE = 8, kSIGKILL = 9, kSIGUSR1 = 10, kSIGSEGV = 11, kSIGUSR2 = 12, kSIGPIPE = 13,
	kSIGALRM = 14, kSIGTERM = 15, kSIGSTKFLT = 16, kSIGCHLD = 17, kSIGCONT = 18, kSIGSTOP = 19,
	kSIGTSTP = 20, kSIGTTIN = 21, kSIGTTOU = 22, kSIGURG = 23, kSIGXCPU = 24, kSIGXFSZ = 25,
	kSIGVTALRM = 26, kSIGPROF = 27, kSIGWINCH = 28, kSIGIO = 29, kSIGPWR = 30, kSIGSYS = 31,
	kNSIG = 32,
};

inline constexpr uint32_t kSA_SIGINFO = 0x4;
inline constexpr uint32_t kSA_RESTART = 0x10000000;
inline constexpr uint32_t kSA_NODEFER = 0x40000000;
inline constexpr uint32_t kSA_RESETHAND = 0x80000000;
inline constexpr uint64_t kSIG_DFL = 0;
inline constexpr uint64_t kSIG_IGN = 1;

// "KILL", "TERM"…: the name kill -SIG takes, without the SIG prefix; empty if unknown.
[[nodiscard]] std::string_view signal_name(int32_t sig);
[[nodiscard]] int32_t signal_from_name(std::string_view name);   // 0 if unknown
// busybox/glibc strsignal() text: "Killed", "Terminated", "Alarm clock"…
[[nodiscard]] std::string_view signal_description(int32_t sig);

}  // namespace kctx::abi
