// A device line's interrupt, from the IO-APIC to the driver: a raised line sets its bit
// in the target CPU's IRR, common_interrupt() takes it (irq/Irq.cpp), and here
// handle_edge_irq() -> handle_irq_event() runs each action's primary handler in hardirq
// context, wakes the irq/N-name threads that asked for it, and note_interrupt() keeps
// kernel/irq/spurious.c's count of unhandled interrupts ("nobody cared").
#include <fmt/format.h>

#include "base/Check.h"
#include "kernel/core/Kernel.h"
#include "kernel/debug/CallTrace.h"

namespace kctx::kernel {

namespace {
// kernel/irq/spurious.c: a line is stuck when 99,900 of 100,000 interrupts went unhandled.
constexpr uint32_t kSpuriousWindow = 100000;
constexpr uint32_t kSpuriousLimit = 99900;
}  // namespace

void Kernel::raise_irq(uint32_t from_cpu, uint32_t irq)
{
	// The device asserts the line; the IO-APIC sends the vector to the line's CPU, whose
	// local APIC holds it in the IRR until interrupts are enabled there. A line no driver
	// requested is shut down (masked at the IO-APIC): nothing arrives. Raises before the
	// CPU takes the vector merge into one, as they do in the IRR.
	m.irq.seed(static_cast<uint32_t>(m.cpus.size()));
	if (irq >= kIoapicPins)
		return;
	const IrqDesc& d = m.irq.descs[irq];
	if (d.actions.empty())
		return;
	m.irq.irr[d.cpu] |= 1u << irq;
	// An idle CPU behind the raiser has had nothing to do meanwhile: bring its clock up so
	// the interrupt cannot be handled before it was raised (as resched_curr() does for an IPI).
	Cpu& c = m.cpus[d.cpu];
	if (d.cpu != from_cpu && c.curr == c.idle && c.now < m.cpus[from_cpu].now)
		c.now = m.cpus[from_cpu].now;
}

void Kernel::raise_periodic_irq(uint32_t cpu)
{
	uint64_t period = m_config.irq_period_ns;
	uint64_t now = m.cpus[cpu].now;
	KCTX_CHECK(period > 0 && now >= m.irq.next_periodic);
	// One raise for every period that passed: the IRR keeps one of them anyway.
	m.irq.next_periodic += ((now - m.irq.next_periodic) / period + 1) * period;
	raise_irq(cpu, m_config.irq_line);
}

void Kernel::step_handle_irq(uint32_t cpu, TaskId t, NativeFrame& f)
{
	Cpu& c = m.cpus[cpu];
	auto& r = f.as<run::HandleIrq>();
	using R = run::HandleIrq::Resume;
	IrqDesc& desc = m.irq.descs[r.irq];
	switch (r.resume) {
	case R::Begin:
		// handle_edge_irq(): a disabled line (or one freed meanwhile) is only marked
		// pending and masked; else kstat_incr_irqs_this_cpu() and the actions.
		if (desc.depth > 0 || desc.actions.empty()) {
			desc.pending = !desc.actions.empty();
			pop_frame(t, 0);
			return;
		}
		desc.kstat[cpu]++;
		r.resume = R::Next;
		return;
	case R::Next: {
		// __handle_irq_event_percpu(): every action of the line, in request order.
		if (r.next >= desc.actions.size()) {
			r.resume = R::Note;
			return;
		}
		const IrqAction& a = desc.actions[r.next++];
		r.resume = R::Returned;
		if (m_hooks)
			m_hooks->irq_handler_entry(m, cpu, r.irq, a.name);
		if (!a.handler) {
			f.ret = static_cast<int64_t>(IRQ_WAKE_THREAD);   // irq_default_primary_handler()
			return;
		}
		push_vm_call(t, a.handler, std::vector<uint64_t>{r.irq, a.dev_id}, f.stack);
		return;
	}
	case R::Returned: {
		auto res = static_cast<uint32_t>(f.ret);   // irqreturn_t
		r.resume = R::Next;
		if (m_hooks)
			m_hooks->irq_handler_exit(m, cpu, r.irq, res);
		if (r.next - 1 >= desc.actions.size())
			return;
		IrqAction& a = desc.actions[r.next - 1];
		if (c.irqs_enabled) {
			// "irq %u handler %pS enabled interrupts": a handler must return with them off.
			std::string site = fmt::format("irq_handler_enabled_irqs:{}", a.handler);
			if (m.warned_once.insert(site).second) {
				std::string msg = printk_format(cpu, "irq %u handler %pS enabled interrupts\n",
								std::vector<uint64_t>{r.irq, a.handler}, vm::AddressSpace{nullptr, &m.kmem});
				warn(cpu, "kernel/irq/handle.c", 161, "__handle_irq_event_percpu+0x1c8/0x1e0", msg, {});
			}
			set_irqs(cpu, t, false, "__handle_irq_event_percpu+0x1d1/0x1e0");
		}
		if (res == IRQ_WAKE_THREAD) {
			if (!a.thread_fn) {
				// warn_no_thread(), once per action (IRQTF_WARNED)
				std::string site = fmt::format("irq_no_thread:{}:{}", r.irq, a.dev_id);
				if (m.warned_once.insert(site).second)
					printk(cpu, fmt::format("\0014IRQ {} device {} returned IRQ_WAKE_THREAD but no thread function available.\n",
								r.irq, a.name));
			} else if (!a.run_thread && a.thread != kNoTask && !m.tasks[a.thread].exited) {
				// __irq_wake_thread(): IRQTF_RUNTHREAD, then wake_up_process(action->thread).
				a.run_thread = true;
				wake_up_process(a.thread, cpu, abi::TASK_NORMAL);
			}
		}
		r.retval |= res;
		return;
	}
	case R::Note:
		note_interrupt(cpu, t, r.irq, r.retval);
		pop_frame(t, 0);
		return;
	}
	KCTX_UNREACHABLE();
}

void Kernel::note_interrupt(uint32_t cpu, TaskId t, uint32_t irq, uint64_t retval)
{
	// kernel/irq/spurious.c note_interrupt(). A bogus value is reported at once; a
	// threaded line's IRQ_WAKE_THREAD is judged by its thread later (SPURIOUS_DEFERRED),
	// which kctx counts as handled; IRQ_NONE counts toward "nobody cared".
	IrqDesc& desc = m.irq.descs[irq];
	auto report = [&](bool bogus) {
		// __report_bad_irq(): the line, the stack, each action's handlers.
		if (bogus)
			printk(cpu, fmt::format("\0013irq event {}: bogus return value {:x}\n", irq, retval));
		else
			printk(cpu, fmt::format("\0013irq {}: nobody cared (try booting with the \"irqpoll\" option)\n", irq));
		std::vector<std::string> top = {"__report_bad_irq+0x3a/0xaf", "note_interrupt.cold+0xb/0x60"};
		dump_stack(cpu, top);
		printk(cpu, "\0013handlers:\n");
		vm::AddressSpace mem{nullptr, &m.kmem};
		for (const IrqAction& a : desc.actions) {
			std::string line = printk_format(cpu, "\0013[<%p>] %ps", std::vector<uint64_t>{a.handler, a.handler}, mem);
			if (a.thread_fn)
				line += printk_format(cpu, " threaded [<%p>] %ps", std::vector<uint64_t>{a.thread_fn, a.thread_fn}, mem);
			printk(cpu, line + "\n");
		}
	};
	if (retval > (IRQ_HANDLED | IRQ_WAKE_THREAD)) {
		// report_bad_irq(): at most 100 times in all.
		if (m.irq.bad_reports < 100) {
			m.irq.bad_reports++;
			report(true);
		}
		return;
	}
	if (retval == IRQ_WAKE_THREAD)
		return;
	if (retval == IRQ_NONE) {
		uint64_t now = jiffies(cpu);
		if (static_cast<int64_t>(desc.last_unhandled + m_config.hz / 10 - now) < 0)   // time_after()
			desc.irqs_unhandled = 1;
		else
			desc.irqs_unhandled++;
		desc.last_unhandled = now;
	}
	if (++desc.irq_count < kSpuriousWindow)
		return;
	desc.irq_count = 0;
	if (desc.irqs_unhandled > kSpuriousLimit) {
		// The line is stuck: report it and disable it (IRQS_SPURIOUS_DISABLED). kctx has no
		// irqpoll timer: the line stays off until a new sharer or enable_irq().
		report(false);
		printk(cpu, fmt::format("\0010Disabling IRQ #{}\n", irq));
		desc.spurious_disabled = true;
		desc.depth++;
	}
	desc.irqs_unhandled = 0;
	(void)t;
}

void trace_handle_irq(const Machine& m, const Task& task, const NativeFrame& f, std::vector<TraceLine>& out)
{
	TraceAdder add{out, f.stack};
	if (f.as<run::HandleIrq>().resume == run::HandleIrq::Resume::Note) {
		add("handle_irq_event+0x5e/0x70");   // handle_irq_event_percpu() -> note_interrupt(), inlined
	} else {
		add("__handle_irq_event_percpu+0x43/0x180");
		add("handle_irq_event+0x34/0x70");
	}
	add("handle_edge_irq+0x9f/0x240");
}

}  // namespace kctx::kernel
