// Which Linux system call a kctx syscall is (Syscalls.def), for the syscall trace events.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string_view>

namespace kctx::trace {

// Where the value ftrace prints for one parameter comes from.
enum class ArgSource : uint8_t {
	Arg,     // the builtin's argument number `value`
	Const,   // `value` itself: what glibc passes on its own
	Tgid,    // the calling task's tgid
	Pid,     // the calling task's pid
};

struct SyscallArg {
	std::string_view name;   // as the kernel's SYSCALL_DEFINE names it: "fd", "buf"…
	ArgSource source = ArgSource::Const;
	uint64_t value = 0;
};

struct SyscallInfo {
	uint32_t op = 0;         // what the kernel reports: a BuiltinId, or an internal number
	std::string_view name;   // "write", "clock_nanosleep"…
	uint32_t nr = 0;         // x86-64 syscall number
	std::array<SyscallArg, 6> params{};
	[[nodiscard]] size_t nargs() const;
	[[nodiscard]] std::span<const SyscallArg> args() const { return std::span(params).first(nargs()); }
};

// The Linux syscall behind `op`, or null when the table does not know it (the trace then
// falls back to raw_syscalls' "NR n" form).
[[nodiscard]] const SyscallInfo* find_syscall(uint32_t op);
// Every entry, for tests.
[[nodiscard]] std::span<const SyscallInfo> syscall_table();

// The values ftrace would show for `info`'s parameters, given the builtin's arguments and
// the caller's ids.
[[nodiscard]] std::array<uint64_t, 6>
syscall_args(const SyscallInfo& info, std::span<const uint64_t> builtin_args, int32_t tgid, int32_t pid);

}  // namespace kctx::trace
