// The irq descriptors' own bookkeeping (kernel/irq/irqdesc.c, arch/x86/kernel/apic/vector.c):
// what needs the descriptors alone, so it is IrqState's and tested without a Kernel.
#include <algorithm>

#include "kernel/irq/IrqDesc.h"

namespace kctx::kernel {

void IrqState::seed(uint32_t ncpus)
{
	if (!descs.empty())
		return;
	descs.resize(kIoapicPins);
	for (IrqDesc& d : descs) {
		d.kstat.assign(ncpus, 0);
		d.depth = 1;   // shut down until a request starts it (irq_shutdown() leaves depth 1)
	}
}

uint32_t IrqState::pick_cpu(uint32_t ncpus) const
{
	std::vector<uint32_t> load(ncpus, 0);
	for (const IrqDesc& d : descs)
		if (!d.actions.empty())
			load[d.cpu]++;
	return static_cast<uint32_t>(std::min_element(load.begin(), load.end()) - load.begin());
}

uint64_t IrqState::next_periodic_on(uint32_t cpu, uint32_t line) const
{
	if (next_periodic == ~0ull)
		return ~0ull;
	uint32_t target = 0;
	if (line < descs.size() && !descs[line].actions.empty())
		target = descs[line].cpu;
	return cpu == target ? next_periodic : ~0ull;
}

}  // namespace kctx::kernel
