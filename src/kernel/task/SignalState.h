// Per-task signal state: the pending and blocked sets, the handler frames on the user
// stack and the restart block (include/linux/restart_block.h). Plain data.
#pragma once

#include <cstdint>

namespace kctx::kernel {

// A signal handler running on the user stack: the rt_sigframe handle_signal() built.
// Below the handler's frame is __restore_rt's (kernel/user/Vdso.h), whose rt_sigreturn
// restores the blocked mask and hands the interrupted syscall its result.
struct SigFrame {
	uint32_t depth = 0;        // __restore_rt's index in the user thread's frames
	uint64_t saved_mask = 0;   // uc_sigmask: the blocked set rt_sigreturn restores
	int32_t sig = 0;
	// The interrupted syscall's final value (regs->ax), which the program's libc wrapper
	// only sees after rt_sigreturn: the builtin `op`, its value, the receiving register.
	bool has_result = false;
	uint32_t op = 0;
	int64_t result = 0;
	uint16_t dest = 0;
	bool operator==(const SigFrame&) const = default;
	template <typename Ar>
	void serialize(Ar& ar)
	{
		ar(depth, saved_mask, sig, has_result, op, result, dest);
	}
};

// current->restart_block: how restart_syscall(2) resumes an interrupted sleep.
enum class RestartFn : uint8_t {
	None,        // do_no_restart_syscall: -EINTR
	Nanosleep,   // hrtimer_nanosleep_restart: sleep until the same absolute expiry
};

struct RestartBlock {
	RestartFn fn = RestartFn::None;
	uint32_t op = 0;        // the libc call that slept (BuiltinId: sleep, usleep, nanosleep)
	uint64_t expires = 0;   // absolute expiry, ns
	uint64_t rmtp = 0;      // nanosleep's struct timespec *rem, or 0
	uint64_t left = 0;      // ns left when the sleep was interrupted (sleep()'s result)
	bool operator==(const RestartBlock&) const = default;
	template <typename Ar>
	void serialize(Ar& ar)
	{
		ar(fn, op, expires, rmtp, left);
	}
};

// A task's signals (task_struct's pending and blocked, and what signal_struct and
// restart_block hold for it).
struct TaskSignals {
	uint64_t pending = 0;           // bit n: signal n pending
	uint64_t blocked = 0;
	int32_t group_exit_sig = 0;     // signal->group_exit_code of a fatal signal turned into SIGKILL
	RestartBlock restart_block;     // current->restart_block (restart_syscall)
	uint64_t it_real_incr = 0;      // signal->it_real_incr: setitimer(ITIMER_REAL)'s interval, ns
	bool operator==(const TaskSignals&) const = default;
	template <typename Ar> void serialize(Ar& ar) { ar(pending, blocked, group_exit_sig, restart_block, it_real_incr); }
};

}   // namespace kctx::kernel
