// Module references taken by module code itself (kernel/module/main.c): a driver's open()
// that pins its module with try_module_get(THIS_MODULE) and its release() that drops it.
#include "kernel/core/Kernel.h"

namespace kctx::kernel {

using abi::BuiltinId;

bool Kernel::module_ref_builtin(uint32_t cpu, TaskId t, const vm::BuiltinCall& call, std::span<const uint64_t> args)
{
	(void)cpu;
	uint64_t owner = args.empty() ? 0 : args[0];
	switch (call.id) {
	case BuiltinId::try_module_get:
		finish_builtin(t, try_module_get(owner) ? 1 : 0);
		return true;
	case BuiltinId::__module_get:
		// __module_get(): a reference the caller already knows it may take (the module
		// is live because the caller holds one); it does not check the state.
		(void)try_module_get(owner);
		finish_builtin(t, 0);
		return true;
	case BuiltinId::module_put:
		module_put(owner);
		finish_builtin(t, 0);
		return true;
	case BuiltinId::module_refcount: {
		// module_refcount(): the references not yet put (MODULE_REF_BASE left out).
		const Module* mod = module_by_owner(owner);
		finish_builtin(t, mod ? static_cast<uint64_t>(static_cast<int64_t>(mod->refcnt)) : 0);
		return true;
	}
	default:
		return false;
	}
}

}  // namespace kctx::kernel
