#include "kernel/debug/Taint.h"

#include "abi/Preempt.h"

namespace kctx::kernel {

std::string print_tainted(const ReleaseSpec& spec, uint32_t tainted)
{
	// kernel/panic.c taint_flags[]: one column per flag the release has, 'G' for an
	// untainted P column.
	std::string_view letters = spec.taint_letters;
	if (tainted == 0)
		return "Not tainted";
	std::string s = "Tainted: ";
	for (uint32_t i = 0; i < letters.size(); i++) {
		bool set = tainted & (1u << i);
		s += set ? letters[i] : (i == abi::TAINT_PROPRIETARY_MODULE ? 'G' : ' ');
	}
	return s;
}

uint64_t oops_id(const ReleaseSpec& spec, uint64_t seed)
{
	if (!spec.random_oops_id)
		return 0;
	return (seed * 0x9e3779b97f4a7c15ull) ^ 0x5851f42d4c957f2dull;
}

}  // namespace kctx::kernel
