#include "check/Liveness.h"

#include <gtest/gtest.h>

#include "check/Abstraction.h"
#include "kernel/core/Kernel.h"
#include "vm/Assembler.h"
#include "vm/Fuse.h"

namespace kctx::check {
namespace {

bool live(Liveness& l, const vm::Program& p, uint32_t pc, uint32_t reg)
{
	const uint64_t* s = l.live_at(p, 0, pc);
	EXPECT_NE(s, nullptr) << "pc " << pc;
	return s && (s[reg / 64] >> (reg % 64) & 1);
}

// A loop: r1 is the counter, r2 a temporary written before each read, r3 the result of a
// builtin call whose arguments are r0 and r1.
constexpr const char* kLoop = R"(
func f nparams=1 nregs=4
top:
  JZ r1, end
  ADDI r2, r1, 5
  ST32 r2, r0, 0
  CALLB r3, r0, 2, $printk
  ADDI r1, r1, -1
  JMP top
end: RET r3
)";

TEST(Liveness, ARegisterWrittenBeforeItIsReadIsDead)
{
	Result<vm::Program> p = vm::assemble(kLoop);
	ASSERT_TRUE(p.ok()) << p.error().message;
	Liveness l;
	// At the loop's head: r0 and r1 are read on, r2 is written first, r3 is read at
	// `end` (the loop may exit at once).
	EXPECT_TRUE(live(l, *p, 0, 0));
	EXPECT_TRUE(live(l, *p, 0, 1));
	EXPECT_FALSE(live(l, *p, 0, 2));
	EXPECT_TRUE(live(l, *p, 0, 3));
	// Before the call: its arguments are live, its result register is not (the call
	// writes it before anything reads it).
	EXPECT_TRUE(live(l, *p, 3, 0));
	EXPECT_TRUE(live(l, *p, 3, 1));
	EXPECT_FALSE(live(l, *p, 3, 2));
	EXPECT_FALSE(live(l, *p, 3, 3));
	// After the call (where a frame waits for a builtin's result): r3 is the call's
	// result, read at `end` only after the next call wrote it again... unless the loop
	// ends first: live.
	EXPECT_TRUE(live(l, *p, 5, 3));
	EXPECT_FALSE(live(l, *p, 5, 2));
	// The call's second word is no place a frame can be.
	EXPECT_EQ(l.live_at(*p, 0, 4), nullptr);
	EXPECT_EQ(l.live_at(*p, 1, 0), nullptr);   // no such function
}

TEST(Liveness, SuperinstructionsReadAsTheirPlainParts)
{
	Result<vm::Program> p = vm::assemble(R"(
func f nparams=2 nregs=3
top:
  ADDI r0, r0, -1
  JNE r0, r1, top
  LOADI r2, 3
  CALLB r2, r2, 1, $printk
  RET r2
)");
	ASSERT_TRUE(p.ok()) << p.error().message;
	Liveness plain;
	vm::Program fused = *p;
	ASSERT_EQ(vm::fuse(fused), 2u);   // ADDI_JNE, LOADI_CALLB
	Liveness l;
	const uint32_t n = static_cast<uint32_t>(p->functions[0].code.size());
	for (uint32_t pc = 0; pc < n; pc++) {
		const uint64_t* a = plain.live_at(*p, 0, pc);
		const uint64_t* b = l.live_at(fused, 0, pc);
		ASSERT_EQ(a == nullptr, b == nullptr) << "pc " << pc;
		if (a) {
			EXPECT_EQ(a[0], b[0]) << "pc " << pc;
		}
	}
}

// The abstraction with the code: a machine whose one kthread is in module code at the
// loop's head. A dead register (r2) is left out of the state; a live one (r1) is not.
TEST(Abstraction, IgnoresDeadRegistersButNotLiveOnes)
{
	Result<vm::Program> p = vm::assemble(kLoop);
	ASSERT_TRUE(p.ok()) << p.error().message;
	kernel::Code code;
	code.modules.push_back(std::make_shared<const vm::Program>(std::move(*p)));
	kernel::Machine a;
	a.cpus.resize(1);
	a.images.push_back(kernel::ImageSlot{kernel::ImageSlot::Kind::Module, 0, 0, 0, false});
	a.tasks.resize(1);
	kernel::VmFrame vf;
	vf.thread.frames.push_back(vm::Frame{0, 0, 0, 0, 0, 0});
	vf.thread.regs = {0x1000, 3, 0, 0};
	vf.thread.pending_dest = 3;
	a.tasks[0].kstack.emplace_back(vf);
	kernel::Machine b = a;
	std::get<kernel::VmFrame>(b.tasks[0].kstack[0]).thread.regs[2] = 42;   // dead at pc 0
	EXPECT_EQ(abstract_bytes(a, &code), abstract_bytes(b, &code));
	EXPECT_NE(abstract_bytes(a), abstract_bytes(b));   // without the code: compared as they are
	kernel::Machine c = a;
	std::get<kernel::VmFrame>(c.tasks[0].kstack[0]).thread.regs[1] = 4;    // the loop counter
	EXPECT_NE(abstract_bytes(a, &code), abstract_bytes(c, &code));
	// The machine leaves as it came.
	Abstractor ab(false, &code);
	(void)ab.bytes(b);
	EXPECT_EQ(std::get<kernel::VmFrame>(b.tasks[0].kstack[0]).thread.regs[2], 42u);
}

}  // namespace
}  // namespace kctx::check
