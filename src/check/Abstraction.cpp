// What "ignores clocks" means, field by field. Everything left in is compared exactly,
// memory contents included (a module's globals and the tasks' stacks are state).
#include "check/Abstraction.h"

#include <algorithm>
#include <map>

#include "abi/KernelData.h"
#include "base/Serialize.h"

namespace kctx::check {

namespace {
using kernel::Machine;
using kernel::TimerQueueKey;

// A queue of pending timers keyed by (cpu, when, seq, addr): `when` and `seq` become
// ranks within the CPU, so the order in which the timers will fire is all that remains.
std::set<TimerQueueKey> ranked(const std::set<TimerQueueKey>& q)
{
	std::set<TimerQueueKey> out;
	std::map<uint32_t, uint64_t> rank;
	for (const TimerQueueKey& k : q)   // the set iterates in firing order per CPU
		out.insert(TimerQueueKey{k.cpu, rank[k.cpu]++, 0, k.addr});
	return out;
}
}  // namespace

std::string abstract_bytes(const Machine& original)
{
	Machine m = original;   // pages are copy-on-write: this copies the page tables
	for (kernel::Cpu& c : m.cpus) {
		c.now = 0;
		c.next_tick = 0;
		c.wakeup_at = c.wakeup_at == ~0ull ? 0 : 1;   // whether an IPI is in flight
		c.next_nmi = 0;
		c.nr_switches = 0;
		c.irqs = 0;
		c.min_vruntime = 0;
		c.watchdog_touch_ts = 0;
		c.watchdog_report_ts = 0;
		c.hrtimer_interrupts = 0;
		c.hrtimer_interrupts_saved = 0;
	}
	for (kernel::Task& t : m.tasks) {
		t.vruntime = 0;
		t.exec_start = 0;
		t.slice_start_sum = 0;
		t.sum_exec = 0;
		t.nvcsw = 0;
		t.nivcsw = 0;
		t.last_switch_time = 0;
		t.children = {};
		t.hung_last_switch_count = 0;
		t.hung_last_switch_time = 0;
	}
	for (auto& [addr, timer] : m.timers) {
		timer.expires = 0;
		timer.bucket = 0;
		timer.seq = 0;
	}
	for (auto& [addr, hr] : m.hrtimers) {
		hr.expires = 0;
		hr.seq = 0;
	}
	m.timer_queue = ranked(m.timer_queue);
	m.hrtimer_queue = ranked(m.hrtimer_queue);
	m.timer_seq = 0;
	// Interrupt counts (/proc/interrupts) and the kernel's jiffies word count time, as
	// the CPUs' counters above do.
	for (kernel::IrqCpuStats& st : m.irq.stats)
		st = {};
	for (kernel::IrqDesc& d : m.irq.descs)
		std::fill(d.kstat.begin(), d.kstat.end(), 0);
	if (m.kernel_data_live)
		(void)m.kmem.store(abi::kJiffiesAddress, uint64_t{0});
	m.next_hung_check = 0;
	m.might_sleep_prev_jiffy = 0;
	m.log.clear();
	m.log_head = m.log_seq0 = m.log_bytes = 0;
	m.console.clear();
	m.console_flushed = 0;
	for (auto& [tid, lt] : m.lockdep.tasks)
		lt.irqtrace = {};   // event counters, not state a check can depend on
	return serialize_to_bytes(m);
}

}  // namespace kctx::check
