#include "trace/Syscalls.h"

#include "abi/Builtins.h"

namespace kctx::trace {

size_t SyscallInfo::nargs() const
{
	size_t n = 0;
	while (n < params.size() && !params[n].name.empty())
		n++;
	return n;
}

std::span<const SyscallInfo> syscall_table()
{
#define KCTX_ARG(name, i) \
	SyscallArg { #name, ArgSource::Arg, i }
#define KCTX_CONST(name, v) \
	SyscallArg { #name, ArgSource::Const, v }
#define KCTX_SELF(name, which) \
	SyscallArg { #name, ArgSource::which, 0 }
#define KCTX_SYSCALL(builtin, name, nr, ...) \
	SyscallInfo{static_cast<uint32_t>(abi::BuiltinId::builtin), #name, nr, {__VA_ARGS__}},
#define KCTX_INTERNAL_SYSCALL(op, name, nr, ...) SyscallInfo{op, #name, nr, {__VA_ARGS__}},
	static const SyscallInfo table[] = {
#include "trace/Syscalls.def"
	};
#undef KCTX_INTERNAL_SYSCALL
#undef KCTX_SYSCALL
#undef KCTX_SELF
#undef KCTX_CONST
#undef KCTX_ARG
	return table;
}

const SyscallInfo* find_syscall(uint32_t op)
{
	for (const SyscallInfo& s : syscall_table())
		if (s.op == op)
			return &s;
	return nullptr;
}

std::array<uint64_t, 6> syscall_args(const SyscallInfo& info, std::span<const uint64_t> builtin_args,
				     int32_t tgid, int32_t pid)
{
	std::array<uint64_t, 6> out{};
	std::span<const SyscallArg> args = info.args();
	for (size_t i = 0; i < args.size(); i++) {
		const SyscallArg& a = args[i];
		switch (a.source) {
		case ArgSource::Arg:
			out[i] = a.value < builtin_args.size() ? builtin_args[a.value] : 0;
			break;
		case ArgSource::Const: out[i] = a.value; break;
		// Registers hold the ids sign-extended, as glibc passes every argument as a long.
		case ArgSource::Tgid: out[i] = static_cast<uint64_t>(static_cast<int64_t>(tgid)); break;
		case ArgSource::Pid: out[i] = static_cast<uint64_t>(static_cast<int64_t>(pid)); break;
		}
	}
	return out;
}

}  // namespace kctx::trace
