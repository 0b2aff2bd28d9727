// Builtins.def's handler column as a table of member functions: adding a builtin is one
// line there and its case in the handler it names; nothing else dispatches by id.
#include "kernel/core/Kernel.h"

namespace kctx::kernel {

namespace {
// The handler's signature says its kind.
constexpr Kernel::BuiltinHandler handler_of(Kernel::KernelBuiltinFn f) { return {.kernel = f}; }
constexpr Kernel::BuiltinHandler handler_of(Kernel::UserBuiltinFn f) { return {.user = f}; }
constexpr Kernel::BuiltinHandler handler_of(Kernel::SyscallFn f) { return {.syscall = f}; }
}  // namespace

const Kernel::BuiltinHandler& Kernel::builtin_handler(abi::BuiltinId id)
{
	static constexpr BuiltinHandler kHandlers[] = {
#define KCTX_BUILTIN(name, world, proto, sleeps, context, handler) handler_of(&Kernel::handler),
#include "abi/Builtins.def"
#undef KCTX_BUILTIN
	};
	static_assert(std::size(kHandlers) == static_cast<size_t>(abi::BuiltinId::Count));
	return kHandlers[static_cast<size_t>(id)];
}

}  // namespace kctx::kernel
