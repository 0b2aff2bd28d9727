// What "ignores clocks" means, field by field. Everything left in is compared exactly,
// memory contents included (a module's globals and the tasks' stacks are state).
//
// The explorer hashes every state it generates, so this is its hot path: the fields are
// scrubbed in the Machine itself and put back afterwards, instead of copying the Machine
// (its task and timer tables) once more per state.
#include "check/Abstraction.h"

#include <algorithm>

#include "abi/KernelData.h"
#include "base/Hash.h"
#include "kernel/core/Images.h"
#include "kernel/core/Kernel.h"

namespace kctx::check {

namespace {
using kernel::Machine;
using kernel::TimerQueueKey;

// A queue of pending timers keyed by (cpu, when, seq, addr): `when` and `seq` become
// ranks within the CPU, so the order in which the timers will fire is all that remains.
void ranked(const std::set<TimerQueueKey>& q, std::set<TimerQueueKey>& out)
{
	out.clear();
	uint32_t cpu = ~0u;
	uint64_t rank = 0;
	for (const TimerQueueKey& k : q) {   // the set iterates in firing order per CPU
		if (k.cpu != cpu) {
			cpu = k.cpu;
			rank = 0;
		}
		out.insert(out.end(), TimerQueueKey{k.cpu, rank++, 0, k.addr});
	}
}

// The fields that only count time or output: the Machine's counters and sequence
// numbers, each CPU's clocks and deadlines, each task's run-time accounting. scrub()
// saves and zeroes them, restore() puts them back, both in this order (one list, so the
// two cannot disagree).
static_assert(sizeof(kernel::ChildrenUsage) == 5 * sizeof(uint64_t), "list a new ChildrenUsage field below");

template <typename Visit>
void for_each_clock(Machine& m, Visit&& visit)
{
	for (uint64_t* f : {&m.time.timer_seq, &m.hung.next_check, &m.might_sleep_prev_jiffy, &m.printk.head,
			    &m.printk.seq0, &m.printk.bytes, &m.printk.console_flushed})
		visit(*f);
	for (kernel::Cpu& c : m.cpus)
		for (uint64_t* f : {&c.now, &c.tick.next, &c.watchdog.next_nmi, &c.sched.nr_switches, &c.irq.count,
				    &c.sched.min_vruntime, &c.watchdog.touch_ts, &c.watchdog.report_ts,
				    &c.watchdog.hrtimer_interrupts, &c.watchdog.hrtimer_interrupts_saved})
			visit(*f);
	for (kernel::Task& t : m.tasks)
		for (uint64_t* f : {&t.start_time, &t.sched.vruntime, &t.sched.exec_start, &t.sched.slice_start_sum, &t.sched.sum_exec,
				    &t.sched.nvcsw, &t.sched.nivcsw, &t.children.ns, &t.children.minflt, &t.children.nvcsw,
				    &t.children.nivcsw, &t.children.maxrss_kb, &t.hung.last_switch_count, &t.hung.last_switch_time})
			visit(*f);
}
}  // namespace

void Abstractor::scrub(Machine& m)
{
	m_clocks.clear();
	for_each_clock(m, [&](uint64_t& f) {
		m_clocks.push_back(f);
		f = 0;
	});
	// Of a reschedule IPI's deadline only whether one is in flight stays.
	m_wakeups.clear();
	for (kernel::Cpu& c : m.cpus) {
		m_wakeups.push_back(c.sched.wakeup_at);
		c.sched.wakeup_at = c.sched.wakeup_at == ~0ull ? 0 : 1;
	}
	m_timers.clear();
	for (auto& [addr, timer] : m.time.timers) {
		m_timers.push_back({timer.expires, timer.bucket, timer.seq});
		timer.expires = timer.bucket = timer.seq = 0;
	}
	m_hrtimers.clear();
	for (auto& [addr, hr] : m.time.hrtimers) {
		m_hrtimers.push_back({hr.expires, 0, hr.seq});
		hr.expires = hr.seq = 0;
	}
	ranked(m.time.timer_queue, m_timer_queue);
	ranked(m.time.hrtimer_queue, m_hrtimer_queue);
	m.time.timer_queue.swap(m_timer_queue);
	m.time.hrtimer_queue.swap(m_hrtimer_queue);
	m_log.clear();
	m.printk.log.swap(m_log);
	m_console.clear();
	m.printk.console.swap(m_console);
	// Interrupt counts (/proc/interrupts) and the kernel's jiffies word count time, as
	// the CPUs' counters above do.
	m_irq_stats.swap(m.irq.stats);
	m.irq.stats.assign(m_irq_stats.size(), {});
	m_kstat.clear();
	for (kernel::IrqDesc& d : m.irq.descs) {
		m_kstat.push_back(d.kstat);
		std::fill(d.kstat.begin(), d.kstat.end(), 0);
	}
	m_jiffies = 0;
	if (m.kernel_data_live && m.kmem.load(abi::kJiffiesAddress, m_jiffies))
		(void)m.kmem.store(abi::kJiffiesAddress, uint64_t{0});
	m_irqtrace.clear();
	for (auto& [tid, lt] : m.lockdep.tasks) {
		m_irqtrace.push_back(lt.irqtrace);   // event counters, not state a check can depend on
		lt.irqtrace = {};
	}
	scrub_dead_registers(m);
}

void Abstractor::scrub_thread(const Machine& m, vm::Thread& t)
{
	for (size_t k = 0; k < t.frames.size(); k++) {
		const vm::Frame& f = t.frames[k];
		if (f.image >= m.images.size())
			continue;
		const vm::Program* p = kernel::slot_program(m.images[f.image], *m_code);
		const uint64_t* live = p ? m_liveness.live_at(*p, f.func, f.pc) : nullptr;
		if (!live)
			continue;   // not a place the analysis knows: every register counts
		uint32_t nregs = p->functions[f.func].nregs;
		for (uint32_t r = 0; r < nregs && f.base + r < t.regs.size(); r++) {
			uint64_t& reg = t.regs[f.base + r];
			if (reg == 0 || (live[r / 64] >> (r % 64) & 1))
				continue;
			m_dead.emplace_back(&reg, reg);
			reg = 0;
		}
	}
}

void Abstractor::scrub_dead_registers(Machine& m)
{
	// A dead register is written before it is read on every path from its frame's pc
	// (check/Liveness.h): no instruction of that frame will see its value. Nothing else
	// reads a frame's registers but the calls it makes (their arguments, read by the
	// call instruction, so live there) and an oops's register dump (console text, not a
	// verdict), so two states that differ only there behave alike. The kernel only
	// writes them: a builtin's result (vm::complete_builtin, into the register the call
	// names, which the analysis counts as written by the call, so it is live at the pc
	// after the call exactly when the code reads the result), a signal frame's.
	m_dead.clear();
	if (!m_code)
		return;
	for (kernel::Task& task : m.tasks) {
		for (kernel::KFrame& kf : task.kstack)
			if (auto* vf = std::get_if<kernel::VmFrame>(&kf))
				scrub_thread(m, vf->thread);
		if (task.user)
			scrub_thread(m, task.user->thread);
	}
}

void Abstractor::restore(Machine& m)
{
	for (auto [reg, value] : m_dead)
		*reg = value;
	const uint64_t* saved = m_clocks.data();
	for_each_clock(m, [&](uint64_t& f) { f = *saved++; });
	for (size_t i = 0; i < m.cpus.size(); i++)
		m.cpus[i].sched.wakeup_at = m_wakeups[i];
	size_t i = 0;
	for (auto& [addr, timer] : m.time.timers) {
		timer.expires = m_timers[i].expires;
		timer.bucket = m_timers[i].bucket;
		timer.seq = m_timers[i].seq;
		i++;
	}
	i = 0;
	for (auto& [addr, hr] : m.time.hrtimers) {
		hr.expires = m_hrtimers[i].expires;
		hr.seq = m_hrtimers[i].seq;
		i++;
	}
	m.time.timer_queue.swap(m_timer_queue);
	m.time.hrtimer_queue.swap(m_hrtimer_queue);
	m.printk.log.swap(m_log);
	m.printk.console.swap(m_console);
	m.irq.stats.swap(m_irq_stats);
	i = 0;
	for (kernel::IrqDesc& d : m.irq.descs)
		d.kstat = m_kstat[i++];
	if (m.kernel_data_live)
		(void)m.kmem.store(abi::kJiffiesAddress, m_jiffies);
	i = 0;
	for (auto& [tid, lt] : m.lockdep.tasks)
		lt.irqtrace = m_irqtrace[i++];
}

Abstractor::Abstractor(bool digest_pages, const kernel::Code* code) : m_code(code)
{
	if (digest_pages)
		m_writer.digest_blocks(vm::kPageSize);
}

std::string_view Abstractor::bytes(Machine& m, std::string_view extra)
{
	scrub(m);
	m_writer.clear();
	m_writer(m);
	restore(m);
	m_writer.raw(extra.data(), extra.size());
	return m_writer.bytes();
}

uint64_t Abstractor::hash(Machine& m)
{
	std::string_view b = bytes(m);
	return hash_bytes(b.data(), b.size());
}

std::string abstract_bytes(const Machine& original, const kernel::Code* code)
{
	Machine m = original;   // pages are copy-on-write: this copies the page tables
	Abstractor a(false, code);
	return std::string(a.bytes(m));
}

}  // namespace kctx::check
