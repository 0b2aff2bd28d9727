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
// numbers, each CPU's clocks and deadlines. scrub() saves and zeroes them, restore() puts
// them back, both in this order (one list, so the two cannot disagree).

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
}

// A task's clocks: its run-time accounting. Zeroed in the task itself while its part is
// written, and put back (the task is shared with other states, which see it unchanged).
static_assert(sizeof(kernel::ChildrenUsage) == 5 * sizeof(uint64_t), "list a new ChildrenUsage field below");
template <typename Visit>
void for_each_task_clock(kernel::Task& t, Visit&& visit)
{
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
			if (!(live[r / 64] >> (r % 64) & 1) && reg != 0) {
				m_saved_regs.push_back({&reg, reg});
				reg = 0;
			}
		}
	}
}

void Abstractor::scrub_dead_registers(const Machine& m, kernel::Task& task)
{
	// A dead register is written before it is read on every path from its frame's pc
	// (check/Liveness.h): no instruction of that frame will see its value. Nothing else
	// reads a frame's registers but the calls it makes (their arguments, read by the
	// call instruction, so live there) and an oops's register dump (console text, not a
	// verdict), so two states that differ only there behave alike. The kernel only
	// writes them: a builtin's result (vm::complete_builtin, into the register the call
	// names, which the analysis counts as written by the call, so it is live at the pc
	// after the call exactly when the code reads the result), a signal frame's.
	// Each register zeroed is noted in m_saved_regs, to be put back.
	if (!m_code)
		return;
	for (kernel::KFrame& kf : task.kstack)
		if (auto* vf = std::get_if<kernel::VmFrame>(&kf))
			scrub_thread(m, vf->thread);
	if (task.user)
		scrub_thread(m, task.user->thread);
}

std::string_view Abstractor::task_bytes(const Machine& m, size_t i)
{
	// A task no step wrote since it was last seen is the same object (the task table is
	// copy-on-write, base/CowVector.h): its abstraction is remembered by its address
	// while the object lives (a weak reference: the memo must not make the task shared,
	// or the machine's next write to it would clone it), with Tasks::Memo. What the abstraction of a
	// task reads besides the task is the code and the machine's image table (which
	// program a frame runs, for its dead registers): the memo is dropped when the image
	// table changes.
	const std::shared_ptr<kernel::Task>& shared = m.tasks.shared(i);
	auto it = m_task_memo.find(shared.get());
	if (it != m_task_memo.end() && !it->second.alive.expired())
		return it->second.bytes;
	if (it != m_task_memo.end())
		m_task_memo.erase(it);   // that task is gone: its address may be another's now
	if (!m_memo)
		m_task_memo.clear();
	else if (m_task_memo.size() >= kMaxTaskMemo)
		evict_task_memo();
	// The task's clocks and dead registers are zeroed in the task object itself while it
	// is written, and put back: copying the task aside (its kernel stack's frames and
	// registers, a process's address space) cost more than writing it. The object is
	// shared with other states, but nothing reads it meanwhile (one search, one thread)
	// and it leaves as it came.
	auto& task = const_cast<kernel::Task&>(*shared);
	m_task_clocks.clear();
	for_each_task_clock(task, [&](uint64_t& f) {
		m_task_clocks.push_back(f);
		f = 0;
	});
	m_saved_regs.clear();
	scrub_dead_registers(m, task);
	m_task_writer.clear();
	m_task_writer(task);
	for (const SavedReg& r : m_saved_regs)
		*r.reg = r.value;
	const uint64_t* clock = m_task_clocks.data();
	for_each_task_clock(task, [&](uint64_t& f) { f = *clock++; });
	std::string_view b = m_task_writer.bytes();
	TaskMemo memo{shared, {}};
	if (m_digest) {
		uint64_t digest = hash_bytes(b.data(), b.size());
		memo.bytes.assign(reinterpret_cast<const char*>(&digest), sizeof digest);
	} else {
		uint64_t n = b.size();   // exact: the bytes themselves, after their length
		memo.bytes.assign(reinterpret_cast<const char*>(&n), sizeof n);
		memo.bytes.append(b);
	}
	return m_task_memo.emplace(shared.get(), std::move(memo)).first->second.bytes;
}

void Abstractor::evict_task_memo()
{
	// The tasks no state holds any more go first: their entries can never be asked for
	// again. Clearing the memo whole each time it filled made every task of every later
	// state be serialized again (most of the memo was tasks alive in the frontier).
	std::erase_if(m_task_memo, [](const auto& e) { return e.second.alive.expired(); });
	if (m_task_memo.size() >= kMaxTaskMemo / 2)
		m_task_memo.clear();   // bounded still
}

void Abstractor::restore(Machine& m)
{
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

Abstractor::Abstractor(bool digest_pages, const kernel::Code* code, Tasks tasks)
	: m_code(code), m_digest(digest_pages), m_memo(tasks == Tasks::Memo), m_machine_writer(digest_pages)
{
	if (digest_pages) {
		m_writer.digest_blocks(vm::kPageSize);
		m_task_writer.digest_blocks(vm::kPageSize);
	}
}

std::string_view Abstractor::bytes(Machine& m, std::string_view extra)
{
	// The image table decides what a task's frames run: a memo of tasks is for one table.
	m_images_writer.clear();
	m_images_writer(m.images);
	if (m_images_writer.bytes() != m_images) {
		m_images.assign(m_images_writer.bytes());
		m_task_memo.clear();
	}
	scrub(m);
	m_writer.clear();
	m.tasks.swap(m_no_tasks);   // the tasks follow, each as its memo
	m_machine_writer.write(m, m_writer);
	m.tasks.swap(m_no_tasks);
	restore(m);
	for (size_t i = 0; i < m.tasks.size(); i++) {
		std::string_view t = task_bytes(m, i);
		m_writer.raw(t.data(), t.size());
	}
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
