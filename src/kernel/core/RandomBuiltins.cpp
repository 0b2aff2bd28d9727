// prandom_u32_max(): the one source of nondeterminism a module may ask for by name.
// include/linux/prandom.h (6.1) returns ((u64)get_random_u32() * ep_ro) >> 32 (or the u8/u16
// forms for small constant bounds): some number below ep_ro. `kctx run` draws it from the
// machine's seeded PRNG, so a run stays reproducible; `kctx check` treats it as a choice
// point, taking the step once for each value (Choice::value), as Spin's `if :: … fi` does.
#include <algorithm>

#include "kernel/core/Kernel.h"

namespace kctx::kernel {

bool Kernel::random_builtin(uint32_t /*cpu*/, TaskId t, const vm::BuiltinCall& call, std::span<const uint64_t> args)
{
	if (call.id != abi::BuiltinId::prandom_u32_max)
		return false;
	uint32_t ep_ro = static_cast<uint32_t>(args.empty() ? 0 : args[0]);
	uint64_t value = 0;
	if (m_exploring) {
		m_random_range = ep_ro > 1 ? ep_ro : 0;
		value = ep_ro > 1 ? std::min(m_random_value, ep_ro - 1) : 0;
		m_local_call = true;   // only the caller sees the value (no PRNG state is drawn)
	} else {
		value = (static_cast<uint64_t>(static_cast<uint32_t>(next_random())) * ep_ro) >> 32;
	}
	finish_builtin(t, value);
	return true;
}

}  // namespace kctx::kernel
