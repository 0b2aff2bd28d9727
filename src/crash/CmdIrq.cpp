// irq (kernel.c cmd_irq()): the irq_desc table, and -b the softirq vectors with their
// actions (kernel/softirq.c open_softirq() callers in 6.1). kctx's PC has no device
// interrupt lines (its timer is the local APIC's, a vector without an irq_desc), so
// the table has no rows, as crash prints it for a machine whose IRQs have no action.
#include <fmt/format.h>

#include "abi/Preempt.h"
#include "crash/Commands.h"
#include "kernel/debug/CallTrace.h"

namespace kctx::crash {

namespace {

// Each vector's handler, in abi::Softirq order.
constexpr const char* kSoftirqActions[] = {
	"tasklet_hi_action",      // HI_SOFTIRQ: kernel/softirq.c softirq_init()
	"run_timer_softirq",      // TIMER_SOFTIRQ: kernel/time/timer.c init_timers()
	"net_tx_action",          // NET_TX_SOFTIRQ: net/core/dev.c net_dev_init()
	"net_rx_action",          // NET_RX_SOFTIRQ
	"blk_done_softirq",       // BLOCK_SOFTIRQ: block/blk-mq.c
	"irq_poll_softirq",       // IRQ_POLL_SOFTIRQ: lib/irq_poll.c
	"tasklet_action",         // TASKLET_SOFTIRQ: kernel/softirq.c
	"run_rebalance_domains",  // SCHED_SOFTIRQ: kernel/sched/fair.c
	"hrtimer_run_softirq",    // HRTIMER_SOFTIRQ: kernel/time/hrtimer.c
	"rcu_core_si",            // RCU_SOFTIRQ: kernel/rcu/tree.c
};
static_assert(std::size(kSoftirqActions) == abi::NR_SOFTIRQS);

}  // namespace

std::string cmd_irq(SessionState&, const Args& args)
{
	ParsedArgs p;
	if (auto bad = parse_flags(args, "b", p))
		return usage_error("irq", fmt::format("invalid option -- '{}'", *bad));
	if (has_flag(p, 'b')) {
		std::string out = "SOFTIRQ_VEC      ACTION\n";
		for (size_t i = 0; i < std::size(kSoftirqActions); i++)
			out += fmt::format("    [{}]     {:16x}  <{}>\n", i, kernel::kernel_symbol_address(kSoftirqActions[i]),
					   kSoftirqActions[i]);
		return out;
	}
	return " IRQ   IRQ_DESC/_DATA      IRQACTION      NAME\n";
}

}  // namespace kctx::crash
