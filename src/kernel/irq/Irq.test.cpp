// The interrupt's and softirqs' run states: the call-trace lines each resume point of
// sysvec_*() shows, and that a run state's every field survives serialization (the
// Machine is compared, hashed and dumped through it).
#include <gtest/gtest.h>

#include "base/Serialize.h"
#include "kernel/debug/CallTrace.h"

namespace kctx::kernel {
namespace {

using R = run::Interrupt::Resume;

std::vector<std::string> interrupt_lines(R resume, IrqVector vector)
{
	Machine m;
	Task task;
	NativeFrame f{run::Interrupt{.resume = resume, .vector = vector}, StackKind::Task};
	std::vector<TraceLine> out;
	trace_interrupt(m, task, f, out);
	std::vector<std::string> texts;
	for (const TraceLine& l : out)
		texts.push_back(l.text);
	return texts;
}

TEST(Interrupt, TraceShowsWhereTheHandlerIs)
{
	std::vector<std::string> in_handler = {"hrtimer_interrupt+0x11c/0x250", "__sysvec_apic_timer_interrupt+0x5d/0x140",
					       "sysvec_apic_timer_interrupt+0x3a/0x90",
					       "asm_sysvec_apic_timer_interrupt+0x16/0x20"};
	EXPECT_EQ(interrupt_lines(R::Enter, IrqVector::Timer), in_handler);
	EXPECT_EQ(interrupt_lines(R::Hrtimers, IrqVector::Timer), in_handler);
	std::vector<std::string> in_exit = {"__irq_exit_rcu+0xac/0xe0", "sysvec_apic_timer_interrupt+0x3a/0x90",
					    "asm_sysvec_apic_timer_interrupt+0x16/0x20"};
	EXPECT_EQ(interrupt_lines(R::Exit, IrqVector::Timer), in_exit);
	EXPECT_EQ(interrupt_lines(R::Softirqs, IrqVector::Timer), in_exit);
	std::vector<std::string> ipi_return = {"irqentry_exit_to_user_mode+0x9/0x20", "sysvec_reschedule_ipi+0x6a/0x90",
					       "asm_sysvec_reschedule_ipi+0x16/0x20"};
	EXPECT_EQ(interrupt_lines(R::Return, IrqVector::Reschedule), ipi_return);
}

TEST(Interrupt, DeviceLineTraceIsCommonInterrupts)
{
	// arch/x86/kernel/irq.c common_interrupt() -> __common_interrupt() -> handle_irq().
	std::vector<std::string> in_handler = {"__common_interrupt+0x66/0x110", "common_interrupt+0xb3/0xd0",
					       "asm_common_interrupt+0x22/0x40"};
	EXPECT_EQ(interrupt_lines(R::Enter, IrqVector::Device), in_handler);
	EXPECT_EQ(interrupt_lines(R::Handled, IrqVector::Device), in_handler);
	std::vector<std::string> in_exit = {"__irq_exit_rcu+0xac/0xe0", "common_interrupt+0xb3/0xd0",
					    "asm_common_interrupt+0x22/0x40"};
	EXPECT_EQ(interrupt_lines(R::Softirqs, IrqVector::Device), in_exit);
}

TEST(Interrupt, RunStatesSerializeEveryField)
{
	NativeFrame irq{run::Interrupt{.resume = R::Softirqs, .vector = IrqVector::Reschedule, .from_user = true,
				       .switched_stack = true},
			StackKind::Irq};
	NativeFrame softirqs{run::Softirqs{.resume = run::Softirqs::Resume::Handled, .restarts = 3, .start_ns = 123456789,
					   .pending = 0x42, .next_nr = 2, .vector_count = 0x101}};
	NativeFrame device{run::Interrupt{.resume = R::Handled, .vector = IrqVector::Device, .irq = 7}, StackKind::Irq};
	NativeFrame handle{run::HandleIrq{.resume = run::HandleIrq::Resume::Returned, .irq = 7, .next = 2, .retval = 3},
			   StackKind::Irq};
	NativeFrame thread{run::IrqThread{.resume = run::IrqThread::Resume::Returned, .irq = 7, .dev_id = 0xffff888200001000}};
	for (const NativeFrame& f : {irq, softirqs, device, handle, thread}) {
		auto back = deserialize_from_bytes<NativeFrame>(serialize_to_bytes(f));
		ASSERT_TRUE(back.ok()) << back.error().message;
		EXPECT_TRUE(*back == f);
	}
}

}  // namespace
}  // namespace kctx::kernel
