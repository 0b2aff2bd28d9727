#include "vm/Disassembler.h"

#include <cstring>

#include <gtest/gtest.h>

#include "vm/Assembler.h"

namespace kctx::vm {
namespace {

const char* kDemo = R"(
program demo
file demo.c
world kernel
global counter 8
global pair 16
func add nparams=2 nregs=3 line=3
  line 4
  ADD r2, r0, r1
  line 5
  RET r2
func main nregs=4 line=8
  line 9
  LOADI r0, 0
  LOADK r1, 100000000000
  LOADK r3, 2.5
  GADDR r3, counter
  GADDR r3, 16
  GADDR r3, 24
loop:
  line 10
  CALL r0, r0, 2, @add
  JLTS r0, r1, loop
  CALLB r2, r0, 1, $strlen
  FADDR r2, @add
  CALLI r2, r0, 0, r2
  line 11
  JZ r2, out
  LD32S r2, r3, -8
  TRAP 3
out:
  RET r0
)";

Program demo()
{
	Result<Program> p = assemble(kDemo);
	KCTX_CHECK(p.ok());
	// A string literal after the globals, as the front end lays them out.
	const char text[] = "hi %d\n";
	p->data.resize(24 + sizeof text);
	std::memcpy(p->data.data() + 24, text, sizeof text);
	return std::move(*p);
}

TEST(Disassembler, Golden)
{
	EXPECT_EQ(disassemble(demo()), R"(; program demo (kernel): 2 functions, text 0x60 bytes, data 0x1f bytes
const 100000000000           ; K[0]
const 4612811918334230528    ; K[1]
; global counter at data+0x0, 8 bytes
; global pair at data+0x8, 16 bytes

func add nparams=2 nregs=3 frame=0    ; demo.c:3, text +0x0 size 0x8
                ; demo.c:4
     0  +0x000  ADD     r2, r0, r1
                ; demo.c:5
     1  +0x004  RET     r2

func main nparams=0 nregs=4 frame=0    ; demo.c:8, text +0x10 size 0x48
                ; demo.c:9
     0  +0x000  LOADI   r0, 0
     1  +0x004  LOADK   r1, K[0]             ; 100000000000 (0x174876e800)
     2  +0x008  LOADK   r3, K[1]             ; 4612811918334230528 (0x4004000000000000, double 2.5)
     3  +0x00c  GADDR   r3, 0                ; counter
     4  +0x010  GADDR   r3, 16               ; pair+8
     5  +0x014  GADDR   r3, 24               ; "hi %d\n"
L6:
                ; demo.c:10
     6  +0x018  CALL    r0, r0, 2, @add
     8  +0x020  JLTS    r0, r1, L6
     9  +0x024  CALLB   r2, r0, 1, $strlen
    11  +0x02c  FADDR   r2, @add
    12  +0x030  CALLI   r2, r0, 0, r2
                ; demo.c:11
    14  +0x038  JZ      r2, L17
    15  +0x03c  LD32S   r2, r3, -8
    16  +0x040  TRAP    3
L17:
    17  +0x044  RET     r0
)");
}

TEST(Disassembler, OneFunctionAndOneInstruction)
{
	Program p = demo();
	std::string add = disassemble_function(p, 0);
	EXPECT_EQ(add.substr(0, add.find('\n')), "func add nparams=2 nregs=3 frame=0    ; demo.c:3, text +0x0 size 0x8");
	EXPECT_EQ(format_insn(p, 1, 8), "JLTS    r0, r1, L6");
	EXPECT_EQ(format_insn(p, 1, 9), "CALLB   r2, r0, 1, $strlen");
}

TEST(Disassembler, ListingReassembles)
{
	Program p = demo();
	std::string listing = disassemble(p);
	Result<Program> again = assemble(listing);
	ASSERT_TRUE(again.ok()) << again.error().message << "\n" << listing;
	EXPECT_EQ(again->constants, p.constants);
	ASSERT_EQ(again->functions.size(), p.functions.size());
	for (size_t i = 0; i < p.functions.size(); i++) {
		EXPECT_EQ(again->functions[i].name, p.functions[i].name);
		EXPECT_EQ(again->functions[i].code, p.functions[i].code) << p.functions[i].name;
		EXPECT_EQ(again->functions[i].nregs, p.functions[i].nregs);
		EXPECT_EQ(again->functions[i].nparams, p.functions[i].nparams);
		EXPECT_EQ(again->functions[i].text_offset, p.functions[i].text_offset);
	}
}

TEST(Disassembler, EveryOpcodeHasASyntax)
{
	// One instance of each opcode, listed and read back.
	for (size_t i = 0; i < static_cast<size_t>(Op::Count); i++) {
		auto op = static_cast<Op>(i);
		Program p;
		p.name = "one";
		Function f;
		f.name = "f";
		f.nregs = 8;
		f.returns_value = true;
		auto push = [&](Op o) {
			switch (op_format(o)) {
			case Format::N: f.code.push_back(Insn::make(o)); break;
			case Format::A: f.code.push_back(Insn::make(o, 3)); break;
			case Format::AB: f.code.push_back(Insn::make(o, 1, 2)); break;
			case Format::ABC: f.code.push_back(Insn::make(o, 1, 2, 3)); break;
			case Format::ABsC: f.code.push_back(Insn::make_sc(o, 1, 2, -1)); break;
			case Format::ABx: f.code.push_back(Insn::make_bx(o, 1, 0)); break;
			case Format::AsBx: f.code.push_back(Insn::make_sbx(o, 1, -1)); break;
			case Format::sBx: f.code.push_back(Insn::make_sbx(o, 0, -1)); break;
			case Format::Call:
				f.code.push_back(Insn::make(o, 1, 2, 3));
				f.code.push_back(Insn::make_bx(Op::NOP, o == Op::CALLI ? 4 : 0, 0));
				break;
			}
		};
		// A superinstruction is followed by its other parts (the assembler checks).
		push(op);
		for (uint8_t part = 1; part < op_parts(op).count; part++)
			push(op_parts(op).ops[part]);
		p.constants.push_back(7);
		p.functions.push_back(f);
		p.layout();
		std::string text = format_insn(p, 0, 0);
		EXPECT_TRUE(text.starts_with(op_name(op))) << text;
		std::string listing = op_is_fused(op) ? disassemble_function(p, 0) : "func f nregs=8\nL0:\n" + text + "\n";
		Result<Program> back = assemble("const 7\n" + listing);
		ASSERT_TRUE(back.ok()) << op_name(op) << ": " << back.error().message;
		EXPECT_EQ(back->functions[0].code, f.code) << text;
	}
}

}  // namespace
}  // namespace kctx::vm
