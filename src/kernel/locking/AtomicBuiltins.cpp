// atomic_t (include/linux/atomic/atomic-instrumented.h): each operation is one access to
// the counter in kernel memory, as the lock-prefixed instruction is on x86.
#include "kernel/core/Kernel.h"

namespace kctx::kernel {

using abi::BuiltinId;

bool Kernel::atomic_builtin(uint32_t cpu, TaskId t, const vm::BuiltinCall& call, std::span<const uint64_t> args)
{
	auto arg = [&](size_t i) -> uint64_t { return i < args.size() ? args[i] : 0; };
	auto done = [&](uint64_t v) { finish_builtin(t, v); };
	switch (call.id) {
	case BuiltinId::atomic_read: {
		int32_t v = 0;
		(void)m.kmem.load(arg(0), v);
		done(static_cast<uint64_t>(static_cast<int64_t>(v)));
		return true;
	}
	case BuiltinId::atomic_set: (void)m.kmem.store(arg(0), static_cast<int32_t>(arg(1))); done(0); return true;
	case BuiltinId::atomic_inc:
	case BuiltinId::atomic_dec:
	case BuiltinId::atomic_add:
	case BuiltinId::atomic_sub:
	case BuiltinId::atomic_inc_return:
	case BuiltinId::atomic_dec_return:
	case BuiltinId::atomic_dec_and_test: {
		bool two = call.id == BuiltinId::atomic_add || call.id == BuiltinId::atomic_sub;
		uint64_t addr = two ? arg(1) : arg(0);
		int32_t v = 0;
		(void)m.kmem.load(addr, v);
		int32_t delta = call.id == BuiltinId::atomic_add ? static_cast<int32_t>(arg(0))
				: call.id == BuiltinId::atomic_sub ? -static_cast<int32_t>(arg(0))
				: (call.id == BuiltinId::atomic_inc || call.id == BuiltinId::atomic_inc_return) ? 1 : -1;
		v = static_cast<int32_t>(static_cast<uint32_t>(v) + static_cast<uint32_t>(delta));
		(void)m.kmem.store(addr, v);
		if (call.id == BuiltinId::atomic_dec_and_test)
			done(v == 0);
		else
			done(static_cast<uint64_t>(static_cast<int64_t>(v)));
		return true;
	}
	default: return false;
	}
}

}  // namespace kctx::kernel
