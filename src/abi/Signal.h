// Signal numbers and sigaction flags (x86-64, include/uapi/asm-generic/signal*.h).
#pragma once

#include <cstdint>
#include <string_view>

namespace kctx::abi {

enum Signal : int32_t {
	SIGHUP = 1, SIGINT = 2, SIGQUIT = 3, SIGILL = 4, SIGTRAP = 5, SIGABRT = 6, SIGBUS = 7,
	SIGFPE = 8, SIGKILL = 9, SIGUSR1 = 10, SIGSEGV = 11, SIGUSR2 = 12, SIGPIPE = 13,
	SIGALRM = 14, SIGTERM = 15, SIGSTKFLT = 16, SIGCHLD = 17, SIGCONT = 18, SIGSTOP = 19,
	SIGTSTP = 20, SIGTTIN = 21, SIGTTOU = 22, SIGURG = 23, SIGXCPU = 24, SIGXFSZ = 25,
	SIGVTALRM = 26, SIGPROF = 27, SIGWINCH = 28, SIGIO = 29, SIGPWR = 30, SIGSYS = 31,
	NSIG = 32,
};

inline constexpr uint32_t SA_SIGINFO = 0x4;
inline constexpr uint32_t SA_RESTART = 0x10000000;
inline constexpr uint32_t SA_NODEFER = 0x40000000;
inline constexpr uint32_t SA_RESETHAND = 0x80000000;
inline constexpr uint64_t SIG_DFL = 0;
inline constexpr uint64_t SIG_IGN = 1;

// "KILL", "TERM"…: the name kill -SIG takes, without the SIG prefix; empty if unknown.
[[nodiscard]] std::string_view signal_name(int32_t sig);
[[nodiscard]] int32_t signal_from_name(std::string_view name);   // 0 if unknown
// busybox/glibc strsignal() text: "Killed", "Terminated", "Alarm clock"…
[[nodiscard]] std::string_view signal_description(int32_t sig);

}  // namespace kctx::abi
