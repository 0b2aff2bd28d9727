// The vDSO's one function kctx needs: __restore_rt, where a signal handler returns. As
// glibc's sa_restorer (sysdeps/unix/sysv/linux/x86_64/libc_sigaction.c) it makes the
// rt_sigreturn system call; handle_signal() puts it below the handler on the user stack.
#pragma once

#include <cstdint>

#include "vm/Program.h"

namespace kctx::kernel {

inline constexpr uint64_t kVdsoText = 0x7ffff7fc1000ull;   // where a vDSO maps without ASLR

// Immutable code, built once and shared by every machine (like the builtin table).
[[nodiscard]] const vm::Program& vdso_program();

}   // namespace kctx::kernel
