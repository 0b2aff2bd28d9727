#include "check/Reduction.h"

#include <gtest/gtest.h>

#include "kernel/core/Kernel.h"
#include "vm/Assembler.h"

namespace kctx::check {
namespace {

using kernel::Choice;
using kernel::ChoiceKind;

TEST(Reduction, ContinuesOnlyWhenNothingOfTheSameCpuCanComeBetween)
{
	std::vector<uint8_t> irqs{0, 0};
	std::vector<Choice> enabled{{ChoiceKind::Run, 0}, {ChoiceKind::Run, 1}, {ChoiceKind::Tick, 1}};
	EXPECT_TRUE(may_continue(0, enabled, irqs, 2));    // CPU1's tick is another CPU's
	EXPECT_FALSE(may_continue(1, enabled, irqs, 2));   // its own tick could come first
	irqs[1] = 2;
	EXPECT_TRUE(may_continue(1, enabled, irqs, 2));    // unless its budget is spent
	enabled.push_back({ChoiceKind::Ipi, 1});
	EXPECT_FALSE(may_continue(1, enabled, irqs, 2));   // an IPI is not budgeted
	EXPECT_FALSE(may_continue(0, std::vector<Choice>{{ChoiceKind::Run, 1}}, irqs, 2));   // nothing to run
}

}  // namespace
}  // namespace kctx::check

namespace kctx::check {
namespace {

// A kthread on CPU0 in module code, stopped right after the call at `pc` of:
//   0 CALLB spin_lock   2 CALLB spin_unlock   4 CALLB spin_unlock_irq   6 RETV
struct ReleaseFixture {
	kernel::Code code;
	kernel::Machine m;
	ReleaseFixture()
	{
		Result<vm::Program> p = vm::assemble(R"(
func f nparams=1 nregs=2
  CALLB r1, r0, 1, $spin_lock
  CALLB r1, r0, 1, $spin_unlock
  CALLB r1, r0, 1, $spin_unlock_irq
  RETV
)");
		EXPECT_TRUE(p.ok()) << p.error().message;
		code.modules.push_back(std::make_shared<const vm::Program>(std::move(*p)));
		m.cpus.resize(1);
		m.cpus[0].curr = 0;
		m.images.push_back(kernel::ImageSlot{kernel::ImageSlot::Kind::Module, 0, 0, 0, false});
		m.tasks.resize(1);
		kernel::VmFrame vf;
		vf.thread.frames.push_back(vm::Frame{0, 0, 0, 0, 0, 0});
		vf.thread.regs = {0x1000, 0};
		m.tasks[0].kstack.emplace_back(vf);
	}
	bool after(uint32_t pc)
	{
		std::get<kernel::VmFrame>(m.tasks[0].kstack[0]).thread.frames[0].pc = pc;
		return released_lock(m, code, 0);
	}
};

TEST(Reduction, APlainUnlockIsALeftMover)
{
	ReleaseFixture f;
	EXPECT_FALSE(f.after(2));   // after spin_lock: an acquisition (a right mover, not a left one)
	EXPECT_TRUE(f.after(4));    // after spin_unlock
	EXPECT_FALSE(f.after(6));   // after spin_unlock_irq: interrupts come back on
	EXPECT_FALSE(f.after(0));   // not after a call
	f.m.tasks[0].kstack.emplace_back(kernel::NativeFrame{});
	EXPECT_FALSE(f.after(4));   // the kernel runs on top of it (a preemption's schedule())
}

}  // namespace
}  // namespace kctx::check
