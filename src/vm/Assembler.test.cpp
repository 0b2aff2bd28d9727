#include "vm/Assembler.h"

#include <bit>

#include <gtest/gtest.h>

namespace kctx::vm {
namespace {

std::string error_of(std::string_view text)
{
	Result<Program> p = assemble(text);
	return p.ok() ? std::string("(no error)") : p.error().message;
}

TEST(Assembler, Basics)
{
	Result<Program> p = assemble(R"(
; a comment
program demo      ; the program's name
world kernel
func add nparams=2 nregs=3
  ADD r2, r0, r1
  RET r2
)");
	ASSERT_TRUE(p.ok()) << p.error().message;
	EXPECT_EQ(p->name, "demo");
	EXPECT_EQ(p->world, abi::World::Kernel);
	ASSERT_EQ(p->functions.size(), 1u);
	const Function& f = p->functions[0];
	EXPECT_EQ(f.name, "add");
	EXPECT_EQ(f.nparams, 2u);
	EXPECT_EQ(f.nregs, 3u);
	EXPECT_EQ(f.frame_size, 0u);
	ASSERT_EQ(f.code.size(), 2u);
	EXPECT_EQ(f.code[0], Insn::make(Op::ADD, 2, 0, 1));
	EXPECT_EQ(f.code[1], Insn::make(Op::RET, 2));
}

TEST(Assembler, DefaultsAndAttributes)
{
	Result<Program> p = assemble(R"(
func a nparams=2
  MOV r7, r0
  RETV
func b nparams=4 frame=48 static void line=12
  RETV
)");
	ASSERT_TRUE(p.ok()) << p.error().message;
	EXPECT_EQ(p->functions[0].nregs, 8u);   // highest register named + 1
	EXPECT_TRUE(p->functions[0].returns_value);
	EXPECT_EQ(p->functions[1].nregs, 4u);   // at least the parameters
	EXPECT_EQ(p->functions[1].frame_size, 48u);
	EXPECT_TRUE(p->functions[1].is_static);
	EXPECT_FALSE(p->functions[1].returns_value);
	EXPECT_EQ(p->functions[1].line, 12u);
	EXPECT_EQ(p->functions[1].text_offset, 16u);   // laid out
}

TEST(Assembler, LabelsResolveBothWays)
{
	Result<Program> p = assemble(R"(
func f nparams=1 nregs=2
top:
  JZ r0, end
  ADDI r0, r0, -1
  JNE r0, r1, top
end: JMP top
)");
	ASSERT_TRUE(p.ok()) << p.error().message;
	const auto& c = p->functions[0].code;
	EXPECT_EQ(c[0].sbx(), 2);    // to word 3, counted from word 1
	EXPECT_EQ(c[2].sc(), -3);    // to word 0, counted from word 3
	EXPECT_EQ(c[3].sbx(), -4);
}

TEST(Assembler, Constants)
{
	Result<Program> p = assemble(R"(
const 7
func f nregs=4
  LOADK r0, 42
  LOADK r1, -1.5
  LOADK r2, 42
  LOADK r3, K[0]
  LOADK r3, 0xffffffffffffffff
  RETV
)");
	ASSERT_TRUE(p.ok()) << p.error().message;
	ASSERT_EQ(p->constants.size(), 4u);
	EXPECT_EQ(p->constants[0], 7u);
	EXPECT_EQ(p->constants[1], 42u);
	EXPECT_EQ(p->constants[2], std::bit_cast<uint64_t>(-1.5));
	EXPECT_EQ(p->constants[3], ~uint64_t{0});
	const auto& c = p->functions[0].code;
	EXPECT_EQ(c[0].bx(), 1u);
	EXPECT_EQ(c[2].bx(), 1u);   // interned
	EXPECT_EQ(c[3].bx(), 0u);
}

TEST(Assembler, GlobalsCallsAndLines)
{
	Result<Program> p = assemble(R"(
file t.c
global a 3
global b 8
func main nregs=3
  line 7
  GADDR r0, b
  FADDR r1, @later
  CALL r2, r0, 2, @later
  line 8
  CALLB r2, r0, 1, $printk
  CALLI r2, r0, 1, r1
  RET r2
func later nparams=2
  RET r0
)");
	ASSERT_TRUE(p.ok()) << p.error().message;
	EXPECT_EQ(p->files, std::vector<std::string>{"t.c"});
	ASSERT_EQ(p->globals.size(), 2u);
	EXPECT_EQ(p->globals[1].offset, 8u);   // 8-aligned
	EXPECT_EQ(p->data.size(), 16u);
	const Function& f = p->functions[0];
	EXPECT_EQ(f.line, 7u);
	EXPECT_EQ(f.code[0], Insn::make_bx(Op::GADDR, 0, 8));
	EXPECT_EQ(f.code[1], Insn::make_bx(Op::FADDR, 1, 1));
	EXPECT_EQ(f.code[2], Insn::make(Op::CALL, 2, 0, 2));
	EXPECT_EQ(f.code[3].bx(), 1u);
	EXPECT_EQ(f.code[5].bx(), static_cast<uint32_t>(abi::BuiltinId::printk));
	EXPECT_EQ(f.code[7].a, 1u);
	ASSERT_EQ(f.lines.size(), 2u);
	EXPECT_EQ(f.lines[1].pc, 4u);
	EXPECT_EQ(f.line_at(6), 8u);
	EXPECT_EQ(f.line_at(0), 7u);
}

TEST(Assembler, Errors)
{
	EXPECT_EQ(error_of("func f\n  FROB r0\n"), "asm:2: unknown opcode or directive 'FROB'");
	EXPECT_EQ(error_of("ADD r0, r1, r2\n"), "asm:1: instruction outside a function");
	EXPECT_EQ(error_of("func f\n  ADD r0, r1\n"), "asm:2: ADD takes 3 operands, got 2");
	EXPECT_EQ(error_of("func f\n  MOV r0, x1\n"), "asm:2: expected a register, got 'x1'");
	EXPECT_EQ(error_of("func f\n  MOV r0, r70000\n"), "asm:2: bad register 'r70000'");
	EXPECT_EQ(error_of("func f\n  ADDI r0, r0, 40000\n"),
		  "asm:2: bad 16-bit immediate '40000' (expected -32768..32767)");
	EXPECT_EQ(error_of("func f\n  JMP nowhere\n  RETV\n"), "asm:2: unknown label 'nowhere'");
	EXPECT_EQ(error_of("func f\n  CALL r0, r0, 0, @g\n"), "asm:2: unknown function 'g'");
	EXPECT_EQ(error_of("func f\n  CALLB r0, r0, 0, $no_such_builtin\n"), "asm:2: unknown builtin 'no_such_builtin'");
	EXPECT_EQ(error_of("func f\n  LOADK r0, K[3]\n"), "asm:2: K[3] is not defined (use 'const')");
	EXPECT_EQ(error_of("func f\n  GADDR r0, nothing\n"), "asm:2: unknown global 'nothing'");
	EXPECT_EQ(error_of("func f\nx:\nx:\n"), "asm:3: label 'x' defined twice");
	EXPECT_EQ(error_of("func f\nfunc f\n"), "asm:2: function 'f' defined twice");
	EXPECT_EQ(error_of("func f bogus=1\n"), "asm:1: unknown func attribute 'bogus=1'");
	EXPECT_EQ(error_of("world mars\n"), "asm:1: unknown world 'mars'");

	std::string far = "func f\n  JEQ r0, r0, end\n";
	for (int i = 0; i < 40000; i++)
		far += "  NOP\n";
	far += "end:\n  RETV\n";
	EXPECT_EQ(error_of(far), "asm:2: jump to 'end' is too far for a 16-bit offset");
	// JMP has a 32-bit offset.
	far.replace(far.find("JEQ r0, r0,"), 11, "JMP");
	EXPECT_EQ(error_of(far), "(no error)");
}

}  // namespace
}  // namespace kctx::vm
