// Syscall restart on x86-64 (arch/x86/kernel/signal.c, 6.1): what happens to a system
// call's return value on the way back to user mode. A pure function, so that the
// decision table (reference kernel-6.1.md §6.4) is tested on its own.
#pragma once

#include <cstdint>

#include "abi/Errno.h"
#include "abi/Signal.h"

namespace kctx::kernel {

enum class RestartAction : uint8_t {
	PassThrough,    // the value goes back to user space as it is (an -ERESTART* code too)
	Eintr,          // regs->ax = -EINTR
	Restart,        // regs->ax = regs->orig_ax; regs->ip -= 2: the same call again
	RestartBlock,   // regs->ax = __NR_restart_syscall; regs->ip -= 2: restart_syscall(2)
};

// Why the task is on its way back to user mode, as far as restart is concerned.
enum class SignalOutcome : uint8_t {
	NoSignal,    // TIF_SIGPENDING was clear: arch_do_signal_or_restart() never ran
	Handler,     // get_signal() returned a signal with a handler: handle_signal()
	NoHandler,   // get_signal() returned 0: ignored, stop + continue, nothing left
};

// `ret` is the syscall's return value (regs->ax), `sa_flags` the handler's flags.
[[nodiscard]] constexpr RestartAction syscall_restart_action(int64_t ret, SignalOutcome outcome,
							     uint32_t sa_flags = 0)
{
	switch (outcome) {
	case SignalOutcome::NoSignal:
		// exit_to_user_mode_loop() only calls arch_do_signal_or_restart() with
		// _TIF_SIGPENDING set: a restart code with nothing pending leaks (errno 512).
		return RestartAction::PassThrough;
	case SignalOutcome::Handler:
		// handle_signal()
		switch (ret) {
		case -abi::kERESTART_RESTARTBLOCK:
		case -abi::kERESTARTNOHAND: return RestartAction::Eintr;
		case -abi::kERESTARTSYS:
			return (sa_flags & abi::kSA_RESTART) ? RestartAction::Restart : RestartAction::Eintr;
		case -abi::kERESTARTNOINTR: return RestartAction::Restart;
		default: return RestartAction::PassThrough;
		}
	case SignalOutcome::NoHandler:
		// arch_do_signal_or_restart(), "Restart the system call - no handlers present"
		switch (ret) {
		case -abi::kERESTARTNOHAND:
		case -abi::kERESTARTSYS:
		case -abi::kERESTARTNOINTR: return RestartAction::Restart;
		case -abi::kERESTART_RESTARTBLOCK: return RestartAction::RestartBlock;
		default: return RestartAction::PassThrough;
		}
	}
	return RestartAction::PassThrough;
}

}   // namespace kctx::kernel
