// The atomic read-modify-writes under the kernel library's atomic_t, atomic64_t, bitops,
// cmpxchg()/xchg() and refcount_t (prelude/kernel_lib-lib.h): each is one builtin call,
// so it is one indivisible step as a lock-prefixed instruction is on x86
// (arch/x86/include/asm/atomic.h, cmpxchg.h, bitops.h). And refcount_warn_saturate()
// (lib/refcount.c), the WARN a misused refcount_t gives.
#include <fmt/format.h>

#include "kernel/core/Kernel.h"

namespace kctx::kernel {

namespace {
using abi::BuiltinId;

// __KCTX_RMW_* of prelude/kernel-lib.h.
enum class RmwOp : uint32_t { Add, And, Or, Xor, Xchg };

// A value of `size` bytes at addr, sign-extended as the C wrappers expect.
bool load_sized(const vm::Memory& mem, uint64_t addr, uint64_t size, int64_t& out)
{
	switch (size) {
	case 1: { int8_t v = 0; bool ok = mem.load(addr, v); out = v; return ok; }
	case 2: { int16_t v = 0; bool ok = mem.load(addr, v); out = v; return ok; }
	case 4: { int32_t v = 0; bool ok = mem.load(addr, v); out = v; return ok; }
	default: return mem.load(addr, out);
	}
}

bool store_sized(vm::Memory& mem, uint64_t addr, uint64_t size, int64_t v)
{
	switch (size) {
	case 1: return mem.store(addr, static_cast<int8_t>(v));
	case 2: return mem.store(addr, static_cast<int16_t>(v));
	case 4: return mem.store(addr, static_cast<int32_t>(v));
	default: return mem.store(addr, v);
	}
}

int64_t apply(RmwOp op, int64_t old, int64_t val)
{
	switch (op) {
	case RmwOp::Add: return static_cast<int64_t>(static_cast<uint64_t>(old) + static_cast<uint64_t>(val));
	case RmwOp::And: return old & val;
	case RmwOp::Or: return old | val;
	case RmwOp::Xor: return old ^ val;
	case RmwOp::Xchg: return val;
	}
	return val;
}

// lib/refcount.c refcount_warn_saturate(): REFCOUNT_WARN(str) is WARN_ONCE(1, "refcount_t:
// " str ".\n") at these lines of 6.1. The offsets of the ud2 in the function follow
// Debian 6.1's build for the underflow case (+0xd8/0xe0); the others sit before it.
struct SaturationWarning {
	const char* message;
	int line;
	const char* where;
};
constexpr SaturationWarning kSaturation[] = {
	{"saturated; leaking memory", 19, "refcount_warn_saturate+0x80/0xe0"},       // REFCOUNT_ADD_NOT_ZERO_OVF
	{"saturated; leaking memory", 22, "refcount_warn_saturate+0x96/0xe0"},       // REFCOUNT_ADD_OVF
	{"addition on 0; use-after-free", 25, "refcount_warn_saturate+0xac/0xe0"},   // REFCOUNT_ADD_UAF
	{"underflow; use-after-free", 28, "refcount_warn_saturate+0xd8/0xe0"},       // REFCOUNT_SUB_UAF
	{"decrement hit 0; leaking memory", 31, "refcount_warn_saturate+0xc2/0xe0"}, // REFCOUNT_DEC_LEAK
};
constexpr int32_t kRefcountSaturated = INT32_MIN / 2;
}  // namespace

bool Kernel::atomic_rmw_builtin(uint32_t cpu, TaskId t, const vm::BuiltinCall& call, std::span<const uint64_t> args)
{
	auto arg = [&](size_t i) -> uint64_t { return i < args.size() ? args[i] : 0; };
	switch (call.id) {
	case BuiltinId::__kctx_atomic_rmw: {
		int64_t old = 0;
		uint64_t size = arg(1);
		(void)load_sized(m.kmem, arg(0), size, old);
		(void)store_sized(m.kmem, arg(0), size, apply(static_cast<RmwOp>(arg(2)), old, static_cast<int64_t>(arg(3))));
		finish_builtin(t, static_cast<uint64_t>(old));
		return true;
	}
	case BuiltinId::__kctx_cmpxchg: {
		int64_t old = 0, expected = 0;
		uint64_t size = arg(1);
		(void)load_sized(m.kmem, arg(0), size, old);
		// The comparison is of `size` bytes: truncate the expected value the same way.
		(void)store_sized(m.kmem, arg(0), size, static_cast<int64_t>(arg(2)));
		(void)load_sized(m.kmem, arg(0), size, expected);
		(void)store_sized(m.kmem, arg(0), size, old == expected ? static_cast<int64_t>(arg(3)) : old);
		finish_builtin(t, static_cast<uint64_t>(old));
		return true;
	}
	case BuiltinId::refcount_warn_saturate: {
		(void)m.kmem.store(arg(0), kRefcountSaturated);   // refcount_set(r, REFCOUNT_SATURATED)
		finish_builtin(t, 0);
		uint64_t kind = arg(1);
		if (kind >= std::size(kSaturation)) {
			warn(cpu, "lib/refcount.c", 34, "refcount_warn_saturate+0xd8/0xe0", "refcount_t: unknown saturation event!?.\n", {});
			return true;
		}
		const SaturationWarning& w = kSaturation[kind];
		if (!m.warned_once.insert(fmt::format("lib/refcount.c:{}", w.line)).second)
			return true;
		warn(cpu, "lib/refcount.c", w.line, w.where, fmt::format("refcount_t: {}.\n", w.message), {});
		return true;
	}
	default: return false;
	}
}

}  // namespace kctx::kernel
