#include "vm/Interpreter.h"

#include <bit>
#include <cfloat>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "base/Serialize.h"
#include "vm/Assembler.h"

namespace kctx::vm {
namespace {

constexpr uint64_t kText = 0x400000;
constexpr uint64_t kData = 0x600000;
constexpr uint64_t kStackTop = 0x7ffff0000000;
constexpr uint64_t kStackSize = 64 * 1024;
constexpr uint64_t kKernelData = 0xffff888000000000;

constexpr uint64_t kMin = static_cast<uint64_t>(std::numeric_limits<int64_t>::min());
constexpr uint64_t kAll = ~uint64_t{0};

uint64_t u(int64_t v) { return static_cast<uint64_t>(v); }
uint64_t dbl(double d) { return std::bit_cast<uint64_t>(d); }
double as_dbl(uint64_t v) { return std::bit_cast<double>(v); }

// One program loaded into a user address space (data + stack) next to a kernel one.
struct Vm {
	Program prog;
	std::vector<Image> images;
	Memory user;
	Memory kernel;
	Thread t;
	NativeContext cx;
	NativeTable natives;

	explicit Vm(std::string_view src)
	{
		Result<Program> r = assemble(src);
		if (!r.ok()) {
			ADD_FAILURE() << r.error().message;
			return;
		}
		prog = std::move(*r);
		images.push_back(Image{&prog, kText, kData});
		user.map(kData, 4 * kPageSize, "data");
		EXPECT_TRUE(user.write(kData, prog.data.data(), prog.data.size()));
		user.map(kStackTop - kStackSize, kStackSize, "[stack]");
		kernel.map(kKernelData, 4 * kPageSize, "kmalloc-16k");
		t.sp = kStackTop;
		t.stack_limit = kStackTop - kStackSize;
		cx.mem = AddressSpace{&user, &kernel};
	}
	Vm(const Vm&) = delete;
	Vm& operator=(const Vm&) = delete;

	void start(std::string_view name, std::vector<uint64_t> args = {})
	{
		std::optional<uint32_t> f = prog.find_function(name);
		ASSERT_TRUE(f.has_value()) << name;
		ASSERT_TRUE(push_call(t, images, 0, *f, args));
	}
	RunResult go(uint64_t budget = 100'000'000) { return run(t, images, cx, natives, budget); }
	// Runs `name` to completion and returns its value.
	uint64_t call(std::string_view name, std::vector<uint64_t> args = {})
	{
		start(name, std::move(args));
		RunResult r = go();
		EXPECT_EQ(r.exit, Exit::Return);
		EXPECT_TRUE(t.finished());
		return r.value;
	}
};

// r2 = OP r0, r1
uint64_t op3(std::string_view op, uint64_t x, uint64_t y)
{
	Vm vm("func f nparams=2 nregs=3\n " + std::string(op) + " r2, r0, r1\n RET r2\n");
	return vm.call("f", {x, y});
}
// r1 = OP r0
uint64_t op2(std::string_view op, uint64_t x)
{
	Vm vm("func f nparams=1 nregs=2\n " + std::string(op) + " r1, r0\n RET r1\n");
	return vm.call("f", {x});
}
// r1 = OP r0, imm
uint64_t opi(std::string_view op, uint64_t x, int imm)
{
	Vm vm("func f nparams=1 nregs=2\n " + std::string(op) + " r1, r0, " + std::to_string(imm) + "\n RET r1\n");
	return vm.call("f", {x});
}
double fop3(std::string_view op, double x, double y) { return as_dbl(op3(op, dbl(x), dbl(y))); }
double fop2(std::string_view op, double x) { return as_dbl(op2(op, dbl(x))); }

// -- moves and constants --

TEST(Interpreter, MovesAndConstants)
{
	EXPECT_EQ(op2("MOV", 0x1234567890abcdefull), 0x1234567890abcdefull);
	Vm vm(R"(
global pad 24
global counter 8
func f nregs=8
  LOADI r0, -5
  LOADI r1, 2147483647
  LOADK r2, -9223372036854775808
  LOADK r3, 2.5
  GADDR r4, counter
  FADDR r5, @g
  RET r0
func g nregs=1
  RETV
)");
	vm.start("f");
	RunResult r = vm.go(6);   // stop before RET to look at the registers
	ASSERT_EQ(r.exit, Exit::Budget);
	EXPECT_EQ(r.executed, 6u);
	EXPECT_EQ(vm.t.regs[0], u(-5));
	EXPECT_EQ(vm.t.regs[1], 2147483647u);
	EXPECT_EQ(vm.t.regs[2], kMin);
	EXPECT_EQ(vm.t.regs[3], dbl(2.5));
	EXPECT_EQ(vm.t.regs[4], kData + 24);
	EXPECT_EQ(vm.t.regs[5], kText + vm.prog.functions[1].text_offset);
	EXPECT_EQ(vm.prog.functions[1].text_offset, 32u);   // f is 7 words: 28 bytes, 16-aligned
}

TEST(Interpreter, LaddrIsFramePointer)
{
	Vm vm("func f nregs=1 frame=32\n LADDR r0, 8\n RET r0\n");
	EXPECT_EQ(vm.call("f"), kStackTop - 32 + 8);
	EXPECT_EQ(vm.t.sp, kStackTop);   // the frame's stack memory is released
}

// -- 64-bit integer arithmetic --

TEST(Interpreter, IntegerArithmeticWraps)
{
	EXPECT_EQ(op3("ADD", 2, 3), 5u);
	EXPECT_EQ(op3("ADD", kAll, 1), 0u);
	EXPECT_EQ(op3("ADD", u(INT64_MAX), 1), kMin);
	EXPECT_EQ(op3("SUB", 0, 1), kAll);
	EXPECT_EQ(op3("SUB", kMin, 1), u(INT64_MAX));
	EXPECT_EQ(op3("MUL", u(-3), 7), u(-21));
	EXPECT_EQ(op3("MUL", 1ull << 63, 2), 0u);
	EXPECT_EQ(op3("MUL", u(INT64_MAX), u(INT64_MAX)), 1u);
	EXPECT_EQ(opi("ADDI", 10, -11), kAll);
	EXPECT_EQ(opi("ADDI", kAll, 1), 0u);
	EXPECT_EQ(opi("ADDI", 0, 32767), 32767u);
	EXPECT_EQ(opi("ADDI", 0, -32768), u(-32768));
	EXPECT_EQ(op2("NEG", 5), u(-5));
	EXPECT_EQ(op2("NEG", kMin), kMin);
	EXPECT_EQ(op2("NOT", 0), kAll);
	EXPECT_EQ(op2("LNOT", 0), 1u);
	EXPECT_EQ(op2("LNOT", 1ull << 40), 0u);
	EXPECT_EQ(op3("AND", 0xff00, 0x0ff0), 0x0f00u);
	EXPECT_EQ(op3("OR", 0xff00, 0x0ff0), 0xfff0u);
	EXPECT_EQ(op3("XOR", 0xff00, 0x0ff0), 0xf0f0u);
}

TEST(Interpreter, Division)
{
	EXPECT_EQ(op3("DIVS", u(-7), 2), u(-3));   // truncates toward zero, like C
	EXPECT_EQ(op3("REMS", u(-7), 2), u(-1));
	EXPECT_EQ(op3("DIVS", 7, u(-2)), u(-3));
	EXPECT_EQ(op3("REMS", 7, u(-2)), 1u);
	EXPECT_EQ(op3("DIVU", u(-7), 2), 0x7ffffffffffffffcull);
	EXPECT_EQ(op3("REMU", u(-7), 2), 1u);
	EXPECT_EQ(op3("DIVS", 5, u(-1)), u(-5));
	EXPECT_EQ(op3("REMS", 5, u(-1)), 0u);
	EXPECT_EQ(op3("DIVU", kMin, kAll), 0u);
	for (const char* op : {"DIVS", "DIVU", "REMS", "REMU"}) {
		Vm vm(std::string("func f nparams=2 nregs=3\n ADDI r0, r0, 1\n ") + op + " r2, r0, r1\n RET r2\n");
		vm.start("f", {5, 0});
		RunResult r = vm.go();
		EXPECT_EQ(r.exit, Exit::Fault) << op;
		EXPECT_EQ(r.fault, FaultKind::DivideByZero) << op;
		EXPECT_EQ(r.executed, 1u) << op;   // the faulting instruction is not charged
		ASSERT_EQ(vm.t.frames.size(), 1u);
		EXPECT_EQ(vm.t.frames.back().pc, 1u) << op;   // left on the instruction
	}
}

TEST(Interpreter, SignedDivisionOverflowTrapsAsX86Does)
{
	// idivq of INT64_MIN by -1 has no result: the CPU raises #DE, the same divide error
	// as a zero divisor (a divide-error oops in the kernel, SIGFPE in a program), for the
	// quotient and the remainder alike. The host must not trap either.
	for (const char* op : {"DIVS", "REMS"}) {
		Vm vm(std::string("func f nparams=2 nregs=3\n ") + op + " r2, r0, r1\n RET r2\n");
		vm.start("f", {kMin, u(-1)});
		RunResult r = vm.go();
		EXPECT_EQ(r.exit, Exit::Fault) << op;
		EXPECT_EQ(r.fault, FaultKind::DivideByZero) << op;
		EXPECT_EQ(vm.t.frames.back().pc, 0u) << op;
	}
	EXPECT_EQ(op3("DIVS", kMin + 1, u(-1)), 0x7fffffffffffffffull);
	EXPECT_EQ(op3("DIVU", kMin, kAll), 0u);   // unsigned: no overflow
}

TEST(Interpreter, Int32DivisionTrapsAsIdivlDoes)
{
	// DIVS32/REMS32 divide the low 32 bits as signed ints: INT_MIN / -1 raises the divide
	// error as idivl does; any other quotient is sign-extended.
	const uint64_t int_min = u(INT32_MIN);
	for (const char* op : {"DIVS32", "REMS32"}) {
		for (uint64_t divisor : {uint64_t{0}, u(-1)}) {
			Vm vm(std::string("func f nparams=2 nregs=3\n ") + op + " r2, r0, r1\n RET r2\n");
			vm.start("f", {int_min, divisor});
			RunResult r = vm.go();
			EXPECT_EQ(r.exit, Exit::Fault) << op;
			EXPECT_EQ(r.fault, FaultKind::DivideByZero) << op;
		}
	}
	EXPECT_EQ(op3("DIVS32", int_min + 1, u(-1)), u(INT32_MAX));
	EXPECT_EQ(op3("DIVS32", u(-7), 2), u(-3));
	EXPECT_EQ(op3("REMS32", u(-7), 2), u(-1));
	EXPECT_EQ(op3("DIVS32", 0x1'0000'0007, 2), 3u);   // only the low 32 bits are the int
	EXPECT_EQ(op3("REMS32", int_min, u(-2)), 0u);
}

TEST(Interpreter, ShiftsMaskTheCount)
{
	EXPECT_EQ(op3("SHL", 1, 32), 1ull << 32);
	EXPECT_EQ(op3("SHL", 1, 40), 1ull << 40);
	EXPECT_EQ(op3("SHL", 1, 63), 1ull << 63);
	EXPECT_EQ(op3("SHL", 1, 64), 1u);    // 64 & 63 == 0
	EXPECT_EQ(op3("SHL", 1, 65), 2u);
	EXPECT_EQ(op3("SHL", 3, kAll), 1ull << 63);   // -1 & 63 == 63
	EXPECT_EQ(op3("SHRU", kMin, 63), 1u);
	EXPECT_EQ(op3("SHRU", kMin, 32), 0x80000000u);
	EXPECT_EQ(op3("SHRS", kMin, 63), kAll);
	EXPECT_EQ(op3("SHRS", u(-256), 4), u(-16));
	EXPECT_EQ(op3("SHRS", u(-256), 68), u(-16));
	EXPECT_EQ(op3("SHRS", 256, 4), 16u);
}

TEST(Interpreter, ThirtyTwoBitArithmetic)
{
	EXPECT_EQ(op3("ADD32", 0x7fffffff, 1), u(INT32_MIN));
	EXPECT_EQ(op3("ADD32", 0xffffffff, 1), 0u);
	EXPECT_EQ(op3("ADD32", 1ull << 40, 5), 5u);   // high bits of the operands do not matter
	EXPECT_EQ(op3("SUB32", u(INT32_MIN), 1), 0x7fffffffu);
	EXPECT_EQ(op3("SUB32", 0, 1), kAll);
	EXPECT_EQ(op3("MUL32", 0x10000, 0x10000), 0u);
	EXPECT_EQ(op3("MUL32", 0x10000, 0x8000), u(INT32_MIN));
	EXPECT_EQ(op3("MUL32", u(-3), 5), u(-15));
	EXPECT_EQ(opi("ADDI32", 0x7fffffff, 1), u(INT32_MIN));
	EXPECT_EQ(opi("ADDI32", 0, -1), kAll);
}

TEST(Interpreter, WidthConversions)
{
	EXPECT_EQ(op2("SEXT8", 0x80), u(-128));
	EXPECT_EQ(op2("SEXT8", 0x17f), 0x7fu);
	EXPECT_EQ(op2("SEXT16", 0x8000), u(-32768));
	EXPECT_EQ(op2("SEXT16", 0x12345), 0x2345u);
	EXPECT_EQ(op2("SEXT32", 0x80000000), u(INT32_MIN));
	EXPECT_EQ(op2("SEXT32", 0x1ffffffff), kAll);
	EXPECT_EQ(op2("ZEXT8", kAll), 0xffu);
	EXPECT_EQ(op2("ZEXT16", kAll), 0xffffu);
	EXPECT_EQ(op2("ZEXT32", kAll), 0xffffffffu);
	EXPECT_EQ(op2("ZEXT32", u(-2)), 0xfffffffeu);
}

TEST(Interpreter, IntegerComparisons)
{
	uint64_t m1 = u(-1);
	EXPECT_EQ(op3("EQ", 4, 4), 1u);
	EXPECT_EQ(op3("EQ", 4, 5), 0u);
	EXPECT_EQ(op3("NE", 4, 5), 1u);
	EXPECT_EQ(op3("NE", 4, 4), 0u);
	EXPECT_EQ(op3("LTS", m1, 1), 1u);
	EXPECT_EQ(op3("LTU", m1, 1), 0u);
	EXPECT_EQ(op3("LTS", 1, 1), 0u);
	EXPECT_EQ(op3("LES", 1, 1), 1u);
	EXPECT_EQ(op3("LES", 1, m1), 0u);
	EXPECT_EQ(op3("LEU", 1, m1), 1u);
	EXPECT_EQ(op3("LTU", 0, kMin), 1u);
	EXPECT_EQ(op3("LTS", 0, kMin), 0u);
}

// -- doubles --

TEST(Interpreter, DoubleArithmetic)
{
	EXPECT_EQ(fop3("FADD", 1.5, 2.25), 3.75);
	EXPECT_EQ(fop3("FSUB", 1.5, 2.25), -0.75);
	EXPECT_EQ(fop3("FMUL", 1.5, -2.0), -3.0);
	EXPECT_EQ(fop3("FDIV", 1.0, 4.0), 0.25);
	EXPECT_EQ(fop3("FDIV", 1.0, 0.0), INFINITY);
	EXPECT_TRUE(std::isnan(fop3("FDIV", 0.0, 0.0)));
	EXPECT_EQ(op2("FNEG", dbl(0.0)), dbl(-0.0));
	EXPECT_EQ(fop2("FNEG", 2.0), -2.0);
	EXPECT_EQ(fop2("FSQRT", 2.0), std::sqrt(2.0));
	EXPECT_TRUE(std::isnan(fop2("FSQRT", -1.0)));
	double nan = std::numeric_limits<double>::quiet_NaN();
	EXPECT_EQ(op3("FEQ", dbl(1.0), dbl(1.0)), 1u);
	EXPECT_EQ(op3("FEQ", dbl(0.0), dbl(-0.0)), 1u);
	EXPECT_EQ(op3("FEQ", dbl(nan), dbl(nan)), 0u);
	EXPECT_EQ(op3("FNE", dbl(nan), dbl(nan)), 1u);
	EXPECT_EQ(op3("FLT", dbl(-1.0), dbl(1.0)), 1u);
	EXPECT_EQ(op3("FLT", dbl(nan), dbl(1.0)), 0u);
	EXPECT_EQ(op3("FLE", dbl(1.0), dbl(1.0)), 1u);
	EXPECT_EQ(op3("FLE", dbl(1.0), dbl(nan)), 0u);
}

TEST(Interpreter, FloatConversions)
{
	double nan = std::numeric_limits<double>::quiet_NaN();
	EXPECT_EQ(as_dbl(op2("I2F", u(-3))), -3.0);
	EXPECT_EQ(as_dbl(op2("I2F", kMin)), -0x1p63);
	EXPECT_EQ(as_dbl(op2("U2F", kAll)), 0x1p64);
	EXPECT_EQ(as_dbl(op2("U2F", kMin)), 0x1p63);
	EXPECT_EQ(op2("F2I", dbl(-3.9)), u(-3));
	EXPECT_EQ(op2("F2I", dbl(3.9)), 3u);
	EXPECT_EQ(op2("F2I", dbl(-0x1p63)), kMin);
	EXPECT_EQ(op2("F2I", dbl(0x1p62)), 1ull << 62);
	// Out of range and NaN give the x86 "integer indefinite" value.
	EXPECT_EQ(op2("F2I", dbl(0x1p63)), kMin);
	EXPECT_EQ(op2("F2I", dbl(1e300)), kMin);
	EXPECT_EQ(op2("F2I", dbl(-1e300)), kMin);
	EXPECT_EQ(op2("F2I", dbl(INFINITY)), kMin);
	EXPECT_EQ(op2("F2I", dbl(nan)), kMin);
	EXPECT_EQ(op2("F2U", dbl(3.5)), 3u);
	EXPECT_EQ(op2("F2U", dbl(1e19)), 10000000000000000000ull);
	EXPECT_EQ(op2("F2U", dbl(0x1p63)), 1ull << 63);
	EXPECT_EQ(op2("F2U", dbl(-1.0)), kAll);   // as gcc's x86-64 code computes it
	EXPECT_EQ(op2("F2U", dbl(0x1p64)), 0u);
	EXPECT_EQ(op2("F2U", dbl(1e300)), 0u);
	EXPECT_EQ(op2("F2U", dbl(-1e300)), kMin);
	EXPECT_EQ(op2("F2U", dbl(nan)), kMin);
	EXPECT_EQ(fop2("F2F32", 0.1), static_cast<double>(0.1f));
	EXPECT_EQ(fop2("F2F32", 16777217.0), 16777216.0);
	EXPECT_EQ(fop2("F2F32", 1e300), INFINITY);
	EXPECT_EQ(fop2("F2F32", -1e300), -INFINITY);
	EXPECT_EQ(fop2("F2F32", 1e-300), 0.0);
	// Just above FLT_MAX but below the rounding midpoint: rounds down to FLT_MAX.
	EXPECT_EQ(fop2("F2F32", 0x1.fffffe8p127), static_cast<double>(FLT_MAX));
	EXPECT_EQ(fop2("F2F32", 0x1.ffffffp127), INFINITY);
	EXPECT_TRUE(std::isnan(fop2("F2F32", nan)));
}

// -- memory --

TEST(Interpreter, LoadsExtend)
{
	auto load = [&](std::string_view op, uint64_t stored) {
		Vm v("func f nparams=2 nregs=3\n ST64 r1, r0, -8\n " + std::string(op) +
		     " r2, r0, -8\n RET r2\n");
		return v.call("f", {kData + 64, stored});
	};
	EXPECT_EQ(load("LD8S", 0x80), u(-128));
	EXPECT_EQ(load("LD8U", 0x80), 0x80u);
	EXPECT_EQ(load("LD16S", 0x8001), u(-32767));
	EXPECT_EQ(load("LD16U", 0x8001), 0x8001u);
	EXPECT_EQ(load("LD32S", 0xfffffffe), u(-2));
	EXPECT_EQ(load("LD32U", 0xfffffffe), 0xfffffffeu);
	EXPECT_EQ(load("LD64", 0x0123456789abcdef), 0x0123456789abcdefu);
	EXPECT_EQ(load("LD8U", 0x0123456789abcdef), 0xefu);    // little-endian
	EXPECT_EQ(load("LD16U", 0x0123456789abcdef), 0xcdefu);
}

TEST(Interpreter, StoresTruncate)
{
	auto stored = [&](std::string_view op, uint64_t value) {
		Vm v("func f nparams=2 nregs=3\n LOADI r2, -1\n ST64 r2, r0, 0\n " + std::string(op) +
		     " r1, r0, 0\n LD64 r2, r0, 0\n RET r2\n");
		return v.call("f", {kData + 128, value});
	};
	EXPECT_EQ(stored("ST8", 0x1234), 0xffffffffffffff34u);
	EXPECT_EQ(stored("ST16", 0x12345678), 0xffffffffffff5678u);
	EXPECT_EQ(stored("ST32", 0x123456789a), 0xffffffff3456789au);
	EXPECT_EQ(stored("ST64", 0x123456789a), 0x123456789au);
}

TEST(Interpreter, Float32Memory)
{
	Vm vm(R"(
func f nparams=2 nregs=4
  STF32 r1, r0, 4
  LD32U r2, r0, 4
  LDF32 r3, r0, 4
  ST64 r3, r0, 16
  RET r2
)");
	EXPECT_EQ(vm.call("f", {kData, dbl(1.5)}), 0x3fc00000u);
	uint64_t back = 0;
	ASSERT_TRUE(vm.user.load(kData + 16, back));
	EXPECT_EQ(as_dbl(back), 1.5);

	Vm big("func f nparams=2 nregs=3\n STF32 r1, r0, 0\n LDF32 r2, r0, 0\n RET r2\n");
	EXPECT_EQ(as_dbl(big.call("f", {kData, dbl(1e300)})), INFINITY);
	Vm third("func f nparams=2 nregs=3\n STF32 r1, r0, 0\n LDF32 r2, r0, 0\n RET r2\n");
	EXPECT_EQ(as_dbl(third.call("f", {kData, dbl(0.1)})), static_cast<double>(0.1f));
}

TEST(Interpreter, LoadAcrossPageBoundary)
{
	Vm vm("func f nparams=2 nregs=3\n ST64 r1, r0, 0\n LD64 r2, r0, 0\n LD32U r1, r0, 2\n ADD r2, r2, r1\n RET r2\n");
	uint64_t addr = kData + kPageSize - 4;
	EXPECT_EQ(vm.call("f", {addr, 0x1122334455667788}), 0x1122334455667788u + 0x33445566u);
	uint32_t hi = 0;
	ASSERT_TRUE(vm.user.load(kData + kPageSize, hi));
	EXPECT_EQ(hi, 0x11223344u);
}

TEST(Interpreter, KernelAddressesUseKernelMemory)
{
	Vm vm("func f nparams=2 nregs=3\n ST32 r1, r0, 0\n LD32S r2, r0, 0\n RET r2\n");
	EXPECT_EQ(vm.call("f", {kKernelData + 8, 0xfffffff0}), u(-16));
	uint32_t v = 0;
	ASSERT_TRUE(vm.kernel.load(kKernelData + 8, v));
	EXPECT_EQ(v, 0xfffffff0u);
	EXPECT_FALSE(vm.user.is_resident(kKernelData + 8));
}

TEST(Interpreter, ReadFaultLeavesPcAndRetries)
{
	Vm vm("func f nparams=1 nregs=2\n ADDI r0, r0, 0\n LD64 r1, r0, 8\n RET r1\n");
	vm.start("f", {0x10000});
	RunResult r = vm.go();
	ASSERT_EQ(r.exit, Exit::Fault);
	EXPECT_EQ(r.fault, FaultKind::Read);
	EXPECT_EQ(r.fault_address, 0x10008u);
	EXPECT_EQ(r.executed, 1u);
	EXPECT_EQ(vm.t.frames.back().pc, 1u);
	// The host maps the page (say, a fault handler did) and resumes: the load runs again.
	vm.user.map(0x10000, kPageSize, "late");
	ASSERT_TRUE(vm.user.store<uint64_t>(0x10008, 99));
	r = vm.go();
	ASSERT_EQ(r.exit, Exit::Return);
	EXPECT_EQ(r.value, 99u);
	EXPECT_EQ(r.executed, 2u);
}

TEST(Interpreter, WriteFaults)
{
	Vm vm("func f nparams=2 nregs=2\n ST16 r1, r0, 0\n RETV\n");
	vm.user.map(0x20000, kPageSize, "ro", false);
	vm.start("f", {0x20000, 5});
	RunResult r = vm.go();
	ASSERT_EQ(r.exit, Exit::Fault);
	EXPECT_EQ(r.fault, FaultKind::Write);
	EXPECT_EQ(r.fault_address, 0x20000u);
	EXPECT_EQ(vm.t.frames.back().pc, 0u);

	// A kernel thread has no user memory: a user address faults.
	Vm kthread("func f nparams=1 nregs=2\n LD8U r1, r0, 0\n RET r1\n");
	kthread.cx.mem.user = nullptr;
	kthread.start("f", {kData});
	r = kthread.go();
	ASSERT_EQ(r.exit, Exit::Fault);
	EXPECT_EQ(r.fault, FaultKind::Read);
	EXPECT_EQ(r.fault_address, kData);

	Vm unmapped("func f nparams=1 nregs=2\n LOADI r1, 1\n ST64 r1, r0, -16\n RETV\n");
	unmapped.start("f", {kKernelData});
	r = unmapped.go();
	ASSERT_EQ(r.exit, Exit::Fault);
	EXPECT_EQ(r.fault, FaultKind::Write);
	EXPECT_EQ(r.fault_address, kKernelData - 16);
	EXPECT_EQ(unmapped.t.frames.back().pc, 1u);
}

TEST(Interpreter, MemcpyBetweenSpaces)
{
	Vm vm("func f nparams=3 nregs=3\n MEMCPY r0, r1, r2\n RETV\n");
	const char msg[] = "hello, kernel";
	ASSERT_TRUE(vm.user.write(kData + 100, msg, sizeof msg));
	vm.call("f", {kKernelData + 4000, kData + 100, sizeof msg});   // copy_from_user, across a page
	std::string s;
	ASSERT_TRUE(vm.kernel.read_string(kKernelData + 4000, s));
	EXPECT_EQ(s, msg);

	vm.call("f", {kData + 2000, kKernelData + 4000, sizeof msg});   // copy_to_user
	ASSERT_TRUE(vm.user.read_string(kData + 2000, s));
	EXPECT_EQ(s, msg);
}

TEST(Interpreter, MemcpyOverlapIsMemmove)
{
	Vm vm("func f nparams=3 nregs=3\n MEMCPY r0, r1, r2\n RETV\n");
	std::vector<uint8_t> bytes(3000);
	for (size_t i = 0; i < bytes.size(); i++)
		bytes[i] = static_cast<uint8_t>(i * 7);
	ASSERT_TRUE(vm.user.write(kData, bytes.data(), bytes.size()));
	vm.call("f", {kData + 5, kData, bytes.size()});   // forward overlap: must copy backwards
	std::vector<uint8_t> got(bytes.size());
	ASSERT_TRUE(vm.user.read(kData + 5, got.data(), got.size()));
	EXPECT_EQ(got, bytes);
	vm.call("f", {kData, kData + 5, bytes.size()});
	ASSERT_TRUE(vm.user.read(kData, got.data(), got.size()));
	EXPECT_EQ(got, bytes);
}

TEST(Interpreter, MemcpyAndMemsetFaultWithoutSideEffects)
{
	Vm vm("func f nparams=3 nregs=3\n MEMCPY r0, r1, r2\n RETV\nfunc g nparams=3 nregs=3\n MEMSET r0, r1, r2\n RETV\n");
	uint64_t end = kData + 4 * kPageSize;
	// Source runs off the end of the data region.
	vm.start("f", {kKernelData, end - 10, 20});
	RunResult r = vm.go();
	ASSERT_EQ(r.exit, Exit::Fault);
	EXPECT_EQ(r.fault, FaultKind::Read);
	EXPECT_EQ(r.fault_address, end);
	EXPECT_EQ(vm.t.frames.back().pc, 0u);
	EXPECT_FALSE(vm.kernel.is_resident(kKernelData));

	// Destination runs off the end: nothing is written.
	Vm v2("func g nparams=3 nregs=3\n MEMSET r0, r1, r2\n RETV\n");
	v2.start("g", {end - 10, 0xaa, 20});
	r = v2.go();
	ASSERT_EQ(r.exit, Exit::Fault);
	EXPECT_EQ(r.fault, FaultKind::Write);
	EXPECT_EQ(r.fault_address, end);
	uint8_t b = 1;
	ASSERT_TRUE(v2.user.load(end - 10, b));
	EXPECT_EQ(b, 0u);

	// A length that wraps around the address space faults instead of looping forever.
	Vm v3("func g nparams=3 nregs=3\n MEMSET r0, r1, r2\n RETV\n");
	v3.start("g", {kData, 0, kAll});
	r = v3.go();
	ASSERT_EQ(r.exit, Exit::Fault);
	EXPECT_EQ(r.fault_address, end);

	// Zero bytes touch nothing, even at a bad address.
	Vm v4("func g nparams=3 nregs=3\n MEMSET r0, r1, r2\n MEMCPY r0, r0, r2\n RETV\n");
	EXPECT_EQ(v4.call("g", {0x10, 0, 0}), 0u);
}

TEST(Interpreter, Memset)
{
	Vm vm("func f nparams=3 nregs=3\n MEMSET r0, r1, r2\n RETV\n");
	vm.call("f", {kData + 4090, 0x1ab, 10});   // only the low byte counts
	uint8_t bytes[12] = {};
	ASSERT_TRUE(vm.user.read(kData + 4089, bytes, sizeof bytes));
	EXPECT_EQ(bytes[0], 0);
	for (int i = 1; i <= 10; i++)
		EXPECT_EQ(bytes[i], 0xab) << i;
	EXPECT_EQ(bytes[11], 0);
}

// -- control --

TEST(Interpreter, Jumps)
{
	auto taken = [](std::string_view op, uint64_t x, uint64_t y) {
		Vm vm("func f nparams=2 nregs=3\n " + std::string(op) +
		      " r0, r1, yes\n LOADI r2, 0\n RET r2\nyes:\n LOADI r2, 1\n RET r2\n");
		return vm.call("f", {x, y});
	};
	uint64_t m1 = u(-1);
	EXPECT_EQ(taken("JEQ", 3, 3), 1u);
	EXPECT_EQ(taken("JEQ", 3, 4), 0u);
	EXPECT_EQ(taken("JNE", 3, 4), 1u);
	EXPECT_EQ(taken("JNE", 3, 3), 0u);
	EXPECT_EQ(taken("JLTS", m1, 0), 1u);
	EXPECT_EQ(taken("JLTU", m1, 0), 0u);
	EXPECT_EQ(taken("JLTS", 0, 0), 0u);
	EXPECT_EQ(taken("JLES", 0, 0), 1u);
	EXPECT_EQ(taken("JLES", 1, m1), 0u);
	EXPECT_EQ(taken("JLEU", 1, m1), 1u);
	EXPECT_EQ(taken("JLEU", 2, 1), 0u);

	auto jz = [](std::string_view op, uint64_t x) {
		Vm vm("func f nparams=1 nregs=2\n " + std::string(op) + " r0, yes\n LOADI r1, 0\n RET r1\nyes:\n LOADI r1, 1\n RET r1\n");
		return vm.call("f", {x});
	};
	EXPECT_EQ(jz("JZ", 0), 1u);
	EXPECT_EQ(jz("JZ", 1ull << 63), 0u);
	EXPECT_EQ(jz("JNZ", 1ull << 63), 1u);
	EXPECT_EQ(jz("JNZ", 0), 0u);
}

const char* kSumLoop = R"(
func sum nparams=1 nregs=3
  LOADI r1, 0
  LOADI r2, 0
loop:
  JLES r0, r2, done
  ADD r1, r1, r2
  ADDI r2, r2, 1
  JMP loop
done:
  RET r1
)";

TEST(Interpreter, Loop)
{
	Vm vm(kSumLoop);
	vm.start("sum", {10});
	RunResult r = vm.go();
	ASSERT_EQ(r.exit, Exit::Return);
	EXPECT_EQ(r.value, 45u);
	EXPECT_EQ(r.executed, 4u * 10 + 4);
}

// -- budget --

TEST(Interpreter, BudgetZeroReturnsAtOnce)
{
	Vm vm(kSumLoop);
	vm.start("sum", {10});
	Thread before = vm.t;
	RunResult r = vm.go(0);
	EXPECT_EQ(r.exit, Exit::Budget);
	EXPECT_EQ(r.executed, 0u);
	EXPECT_EQ(vm.t, before);
}

TEST(Interpreter, BudgetIsExact)
{
	const uint64_t total = 4 * 10 + 4;
	for (uint64_t n = 1; n <= total + 1; n++) {
		Vm vm(kSumLoop);
		vm.start("sum", {10});
		uint64_t sum = 0;
		RunResult r;
		for (;;) {
			r = vm.go(n);
			sum += r.executed;
			if (r.exit != Exit::Budget)
				break;
			EXPECT_EQ(r.executed, n);
		}
		ASSERT_EQ(r.exit, Exit::Return) << n;
		EXPECT_EQ(r.value, 45u) << n;
		EXPECT_EQ(sum, total) << n;
	}
}

TEST(Interpreter, BudgetStopsAtTheSameStateEitherWay)
{
	const char* src = R"(
func fib nparams=1 nregs=4
  LOADI r1, 2
  JLTS r0, r1, small
  ADDI r2, r0, -1
  CALL r2, r2, 1, @fib
  ADDI r3, r0, -2
  CALL r3, r3, 1, @fib
  ADD r2, r2, r3
  RET r2
small:
  RET r0
)";
	for (uint64_t k : {1, 2, 5, 17, 100, 333}) {
		Vm one(src);
		one.start("fib", {10});
		RunResult r = one.go(k);
		ASSERT_EQ(r.exit, Exit::Budget);
		EXPECT_EQ(r.executed, k);
		Vm steps(src);
		steps.start("fib", {10});
		for (uint64_t i = 0; i < k; i++)
			ASSERT_EQ(steps.go(1).executed, 1u);
		EXPECT_EQ(one.t, steps.t) << k;
		// At rest a thread holds exactly its frames' registers.
		const Frame& top = one.t.frames.back();
		EXPECT_EQ(one.t.regs.size(), top.base + one.prog.functions[top.func].nregs) << k;
	}
}

// -- calls --

TEST(Interpreter, CallsPassArgumentsAndZeroTheRest)
{
	Vm vm(R"(
func main nregs=5
  LOADI r0, 1
  LOADI r1, 2
  LOADI r2, 3
  CALL r4, r0, 0, @dirty
  CALL r3, r0, 2, @peek
  RET r3
func dirty nregs=6
  LOADI r2, 77
  LOADI r5, 77
  RETV
func peek nparams=2 nregs=6
  SHL r0, r0, r1
  ADD r0, r0, r2
  ADD r0, r0, r5
  RET r0
)");
	// 1 << 2, plus two registers that must read 0 though a previous call wrote them.
	EXPECT_EQ(vm.call("main"), 4u);
	EXPECT_TRUE(vm.t.regs.empty());
}

TEST(Interpreter, CallsWithMoreThanFourArguments)
{
	// The first four registers and those after them take different paths in a call;
	// dirty leaves stale values in both for peek's window to hide.
	Vm vm(R"(
func main nregs=7
  LOADI r0, 1
  LOADI r1, 2
  LOADI r2, 3
  LOADI r3, 4
  LOADI r4, 5
  LOADI r5, 6
  CALL r6, r0, 0, @dirty
  CALL r6, r0, 6, @peek
  RET r6
func dirty nregs=12
  LOADI r3, 77
  LOADI r6, 77
  LOADI r11, 77
  RETV
func peek nparams=6 nregs=12
  ADD r0, r0, r1
  ADD r0, r0, r2
  ADD r0, r0, r3
  ADD r0, r0, r4
  ADD r0, r0, r5
  ADD r0, r0, r6
  ADD r0, r0, r11
  RET r0
)");
	EXPECT_EQ(vm.call("main"), 21u);
}

TEST(Interpreter, ACalleeTakesItsParametersNotTheCallersSurplus)
{
	// Registers past a callee's parameters start at zero even when the call passes more
	// (a call through a pointer of the wrong type: the front end checks direct calls).
	Vm vm(R"(
func one nparams=1 nregs=2
  ADD r0, r0, r1
  RET r0
func main nregs=4
  LOADI r0, 5
  LOADI r1, 7
  LOADK r3, 0x400000
  CALLI r2, r0, 2, r3
  RET r2
)");
	EXPECT_EQ(vm.call("main"), 5u);
}

TEST(Interpreter, RetvWritesZero)
{
	Vm vm(R"(
func main nregs=2
  LOADI r1, 5
  CALL r1, r0, 0, @v
  RET r1
func v nregs=1
  RETV
)");
	EXPECT_EQ(vm.call("main"), 0u);
}

TEST(Interpreter, Recursion)
{
	Vm vm(R"(
func fib nparams=1 nregs=4
  LOADI r1, 2
  JLTS r0, r1, small
  ADDI r2, r0, -1
  CALL r2, r2, 1, @fib
  ADDI r3, r0, -2
  CALL r3, r3, 1, @fib
  ADD r2, r2, r3
  RET r2
small:
  RET r0
)");
	EXPECT_EQ(vm.call("fib", {20}), 6765u);
	EXPECT_EQ(vm.t.sp, kStackTop);
}

TEST(Interpreter, FramesHaveTheirOwnStackMemory)
{
	Vm vm(R"(
func f nparams=1 nregs=4 frame=16
  LADDR r1, 8
  ST64 r0, r1, 0
  LOADI r3, 0
  JEQ r0, r3, zero
  ADDI r2, r0, -1
  CALL r2, r2, 1, @f
  LD64 r3, r1, 0
  ADD r2, r2, r3
  RET r2
zero:
  RETV
)");
	EXPECT_EQ(vm.call("f", {10}), 55u);
	EXPECT_EQ(vm.t.sp, kStackTop);
}

TEST(Interpreter, StackOverflowFaultsOnTheCall)
{
	Vm vm(R"(
func rec nparams=1 nregs=2 frame=256
  ADDI r1, r0, 1
  CALL r1, r1, 1, @rec
  RET r1
)");
	vm.start("rec", {0});
	RunResult r = vm.go();
	ASSERT_EQ(r.exit, Exit::Fault);
	EXPECT_EQ(r.fault, FaultKind::StackOverflow);
	const uint64_t frames = kStackSize / 256;
	EXPECT_EQ(vm.t.frames.size(), frames);
	EXPECT_EQ(vm.t.frames.back().pc, 1u);
	EXPECT_EQ(vm.t.sp, vm.t.stack_limit);
	EXPECT_EQ(r.fault_address, vm.t.stack_limit - 256);
	EXPECT_EQ(r.executed, 2 * frames - 1);
	EXPECT_EQ(vm.t.regs[vm.t.frames.back().base], frames - 1);

	// The host cannot push another frame either.
	EXPECT_FALSE(push_call(vm.t, vm.images, 0, 0, {}));
	EXPECT_EQ(vm.t.frames.size(), frames);
}

// -- the run's own frame stack --
// A run keeps the frames it pushes in a host array (HostFrame) and gives them to the
// Thread only when it stops, or when more than the array holds are live. Whatever the
// depth and wherever the run stops (budget, fault, builtin), the Thread must come out
// exactly as it does when every instruction runs on its own (a run of budget 1 keeps at
// most one host frame).

// down(n): n nested calls, then 2n counted back up (not n - 1, which the caller's result
// register holds before the call); faults reading address 0 at depth 0
// when asked to (r1 != 0 on entry of the outermost call is passed down).
const char* const kDeep = R"(
func down nparams=2 nregs=4
  LOADI r2, 0
  JEQ r0, r2, bottom
  ADDI r2, r0, -1
  MOV r3, r1
  CALL r2, r2, 2, @down
  ADDI r2, r2, 2
  RET r2
bottom:
  JEQ r1, r2, done
  LD64 r0, r2, 8
done:
  RET r0
)";

void expect_same_as_single_steps(uint64_t depth, uint64_t fault, uint64_t budget)
{
	Vm whole(kDeep);
	whole.start("down", {depth, fault});
	RunResult r = whole.go(budget);

	Vm steps(kDeep);
	steps.start("down", {depth, fault});
	uint64_t executed = 0;
	RunResult s;
	do {
		s = steps.go(1);
		executed += s.executed;
	} while (s.exit == Exit::Budget && (r.exit != Exit::Budget || executed < r.executed));

	EXPECT_EQ(r.exit, s.exit) << depth << " " << budget;
	EXPECT_EQ(r.executed, executed) << depth << " " << budget;
	EXPECT_EQ(whole.t, steps.t) << depth << " " << budget;
	if (r.exit == Exit::Fault) {
		EXPECT_EQ(r.fault, FaultKind::Read);
		EXPECT_EQ(r.fault_address, 8u);
		EXPECT_EQ(whole.t.frames.size(), depth + 1);
		EXPECT_EQ(whole.t.frames.back().pc, 9u);   // on the load
	}
}

TEST(Interpreter, DeepCallsStopInTheSameStateAsSingleSteps)
{
	// 300 frames is more than the run's host array holds: the overflow goes to the
	// Thread mid-run, and the stops below land before, at and after that point.
	const uint64_t depth = 300;
	const uint64_t total = depth * 7 + 4;   // 5 down and 2 up per level, then the bottom
	for (uint64_t budget : {1ul, 6ul, 640ul, 641ul, 900ul, 1000ul, 2000ul, total - 1}) {
		SCOPED_TRACE(budget);
		expect_same_as_single_steps(depth, 0, budget);
	}
	Vm vm(kDeep);
	EXPECT_EQ(vm.call("down", {depth, 0}), 2 * depth);
	EXPECT_TRUE(vm.t.regs.empty());
	EXPECT_EQ(vm.t.sp, kStackTop);
}

TEST(Interpreter, AFaultDeepInsideARunLeavesEveryFrame)
{
	for (uint64_t depth : {3ul, 127ul, 128ul, 129ul, 300ul}) {
		SCOPED_TRACE(depth);
		expect_same_as_single_steps(depth, 1, 100'000);
	}
}

TEST(Interpreter, ABuiltinDeepInsideARunLeavesEveryFrame)
{
	const char* src = R"(
func down nparams=1 nregs=3
  LOADI r1, 0
  JEQ r0, r1, bottom
  ADDI r2, r0, -1
  CALL r2, r2, 1, @down
  ADD r1, r2, r0
  RET r1
bottom:
  CALLB r2, r0, 1, $strlen
  RET r2
)";
	for (uint64_t depth : {1ul, 200ul}) {
		Vm vm(src);
		vm.start("down", {depth});
		RunResult r = vm.go();
		ASSERT_EQ(r.exit, Exit::Builtin);
		EXPECT_EQ(r.call.id, abi::BuiltinId::strlen);
		ASSERT_EQ(vm.t.frames.size(), depth + 1);
		for (size_t i = 1; i < vm.t.frames.size(); i++) {
			EXPECT_EQ(vm.t.frames[i].ret_reg, 2u) << i;
			EXPECT_EQ(vm.t.frames[i - 1].pc, 5u) << i;   // each caller: past its call
			EXPECT_EQ(vm.t.frames[i].base, vm.t.frames[i - 1].base + 3) << i;
		}
		EXPECT_EQ(vm.t.frames.back().pc, 9u);   // past the builtin's two words
		complete_builtin(vm.t, 1000);
		r = vm.go();
		ASSERT_EQ(r.exit, Exit::Return);
		EXPECT_EQ(r.value, 1000 + depth * (depth + 1) / 2);
	}
}

// -- the run's page cache --

TEST(Interpreter, AnEmptyPageCacheHitsNothing)
{
	// The cache starts as page 0 with no host page: a load or store near address 0 must
	// still fault, not read through a null pointer.
	struct Case {
		const char* src;
		uint64_t address;
		FaultKind kind;
	};
	for (const Case& c : {Case{"func f nparams=1 nregs=2\n LD64 r1, r0, 8\n RET r1\n", 8, FaultKind::Read},
			      Case{"func f nparams=1 nregs=2\n ST32 r0, r0, 16\n RETV\n", 16, FaultKind::Write}}) {
		Vm vm(c.src);
		vm.start("f", {0});
		RunResult r = vm.go();
		ASSERT_EQ(r.exit, Exit::Fault) << c.src;
		EXPECT_EQ(r.fault, c.kind) << c.src;
		EXPECT_EQ(r.fault_address, c.address) << c.src;
		EXPECT_EQ(vm.t.frames.back().pc, 0u);
	}
}

TEST(Interpreter, AStoreToACachedSharedPageCopiesItAndLaterLoadsSeeTheCopy)
{
	// A snapshot shares the data page; the run caches it for reading, then a store
	// copies it on write: the next load must read the copy, and the snapshot keeps the
	// old bytes.
	Vm vm("func f nparams=2 nregs=4\n LD64 r2, r0, 0\n ST64 r1, r0, 0\n LD64 r3, r0, 0\n ADD r3, r3, r2\n RET r3\n");
	ASSERT_TRUE(vm.user.store<uint64_t>(kData + 64, 5));
	Memory snapshot = vm.user;
	EXPECT_EQ(vm.call("f", {kData + 64, 1000}), 1005u);
	uint64_t old = 0;
	ASSERT_TRUE(snapshot.load(kData + 64, old));
	EXPECT_EQ(old, 5u);
}

bool native_poke(NativeContext& cx, const uint64_t* args, uint32_t nargs, uint64_t* result)
{
	// Writes args[1] at args[0] through the Memory, as libc's memcpy/memset natives do.
	*result = 0;
	return nargs == 2 && cx.mem.for_address(args[0])->store<uint64_t>(args[0], args[1]);
}

TEST(Interpreter, LoadsAfterANativeSeeWhatItWrote)
{
	Vm vm(R"(
func f nparams=2 nregs=5
  LD64 r2, r0, 0
  CALLB r3, r0, 2, $memset
  LD64 r4, r0, 0
  ADD r4, r4, r2
  RET r4
)");
	vm.natives.fns[static_cast<size_t>(abi::BuiltinId::memset)] = native_poke;
	ASSERT_TRUE(vm.user.store<uint64_t>(kData, 7));
	Memory snapshot = vm.user;   // shared pages: the native's store copies the page
	EXPECT_EQ(vm.call("f", {kData, 300}), 307u);
	uint64_t v = 0;
	ASSERT_TRUE(snapshot.load(kData, v));
	EXPECT_EQ(v, 7u);
}

TEST(Interpreter, ALoadOverTheCachedPagesEndGoesAcross)
{
	// The first load caches the page; the second starts 4 bytes before its end.
	Vm vm("func f nparams=1 nregs=3\n LD32U r1, r0, 0\n LD64 r2, r0, 4092\n ADD r2, r2, r1\n RET r2\n");
	ASSERT_TRUE(vm.user.store<uint32_t>(kData, 1));
	ASSERT_TRUE(vm.user.store<uint32_t>(kData + kPageSize - 4, 0x44332211));
	ASSERT_TRUE(vm.user.store<uint32_t>(kData + kPageSize, 0x88776655));
	EXPECT_EQ(vm.call("f", {kData}), 0x8877665544332211u + 1);
}

// Variable-length arrays: ALLOCA takes 16-aligned room below the frame, SETSP gives it
// back at scope exit, and a return releases whatever is left.
TEST(Interpreter, AllocaTakesStackBelowTheFrameAndSetspReleasesIt)
{
	Vm vm(R"(
func f nparams=1 nregs=6 frame=32
  GETSP r1
  ALLOCA r2, r0
  ST64 r0, r2, 0
  SUB r3, r1, r2
  SETSP r1
  GETSP r4
  SUB r4, r4, r1
  ADD r3, r3, r4
  ALLOCA r5, r0
  RET r3
func g nparams=1 nregs=2
  CALL r1, r0, 1, @f
  RET r1
)");
	EXPECT_EQ(vm.call("g", {20}), 32u);   // rounded up to 16; SETSP restored sp exactly
	EXPECT_EQ(vm.t.sp, kStackTop);        // the return released the second ALLOCA
	EXPECT_EQ(vm.call("g", {0}), 0u);
}

TEST(Interpreter, AllocaBeyondTheStackLimitFaults)
{
	Vm vm("func f nparams=1 nregs=2 frame=16\n ALLOCA r1, r0\n RET r1\n");
	for (uint64_t n : {kStackSize, kAll, kAll - 7, kStackSize - 15}) {
		vm.t = Thread{};
		vm.t.sp = kStackTop;
		vm.t.stack_limit = kStackTop - kStackSize;
		vm.start("f", {n});
		RunResult r = vm.go();
		ASSERT_EQ(r.exit, Exit::Fault) << n;
		EXPECT_EQ(r.fault, FaultKind::StackOverflow);
		EXPECT_EQ(vm.t.sp, kStackTop - 16);   // only the frame: the failed ALLOCA took nothing
		EXPECT_EQ(vm.t.frames.back().pc, 0u);
	}
	vm.t = Thread{};
	vm.t.sp = kStackTop;
	vm.t.stack_limit = kStackTop - kStackSize;
	EXPECT_EQ(vm.call("f", {kStackSize - 32}), kStackTop - kStackSize + 16);
}

TEST(Interpreter, FramesWithoutStackMemoryNeverOverflow)
{
	Vm vm("func f nparams=1 nregs=1\n RET r0\n");
	vm.t.sp = vm.t.stack_limit;
	EXPECT_EQ(vm.call("f", {3}), 3u);
}

TEST(Interpreter, PushCallNestsOnTopOfARunningFrame)
{
	Vm vm(R"(
func outer nregs=3
  LOADI r1, 40
  CALLB r0, r1, 1, $msleep
  ADD r2, r0, r1
  RET r2
func cb nparams=1 nregs=1
  ADDI r0, r0, 2
  RET r0
)");
	vm.start("outer");
	RunResult r = vm.go();
	ASSERT_EQ(r.exit, Exit::Builtin);
	// The host runs a callback on the same stack, its result going to the pending register.
	uint64_t arg = 0;
	ASSERT_TRUE(push_call(vm.t, vm.images, 0, 1, std::span<const uint64_t>(&arg, 1), vm.t.pending_dest));
	r = vm.go();
	ASSERT_EQ(r.exit, Exit::Return);
	EXPECT_EQ(r.value, 42u);
}

TEST(Interpreter, PushCallCanPassItsOwnBuiltinArguments)
{
	Vm vm(R"(
func outer nregs=4
  LOADI r1, 40
  LOADI r2, 1
  CALLB r0, r1, 2, $msleep
  RET r0
func cb nparams=2 nregs=2
  ADD r0, r0, r1
  RET r0
)");
	vm.start("outer");
	RunResult r = vm.go();
	ASSERT_EQ(r.exit, Exit::Builtin);
	vm.t.regs.reserve(vm.t.regs.size());   // no spare capacity: the push must reallocate
	vm.t.regs.shrink_to_fit();
	ASSERT_TRUE(push_call(vm.t, vm.images, 0, 1, builtin_args(vm.t, r.call), r.call.dest));
	r = vm.go();
	ASSERT_EQ(r.exit, Exit::Return);
	EXPECT_EQ(r.value, 41u);
}

TEST(Interpreter, Trap)
{
	Vm vm("func f nregs=1\n NOP\n TRAP 7\n");
	vm.start("f");
	RunResult r = vm.go();
	ASSERT_EQ(r.exit, Exit::Fault);
	EXPECT_EQ(r.fault, FaultKind::Trap);
	EXPECT_EQ(r.fault_address, 7u);
	EXPECT_EQ(r.executed, 1u);
	EXPECT_EQ(vm.t.frames.back().pc, 1u);
}

// -- builtins --

const char* kStrlenCall = R"(
global msg 16
func main nregs=3
  GADDR r0, msg
  CALLB r1, r0, 1, $strlen
  ADDI r2, r1, 100
  RET r2
)";

TEST(Interpreter, BuiltinExitsToTheHost)
{
	Vm vm(kStrlenCall);
	vm.start("main");
	RunResult r = vm.go();
	ASSERT_EQ(r.exit, Exit::Builtin);
	EXPECT_EQ(r.executed, 2u);
	EXPECT_EQ(r.call.id, abi::BuiltinId::strlen);
	EXPECT_EQ(r.call.dest, 1u);
	EXPECT_EQ(r.call.argbase, 0u);
	EXPECT_EQ(r.call.nargs, 1u);
	EXPECT_EQ(vm.t.pending_dest, 1u);
	EXPECT_EQ(vm.t.frames.back().pc, 3u);   // past the two-word call
	std::span<const uint64_t> args = builtin_args(vm.t, r.call);
	ASSERT_EQ(args.size(), 1u);
	EXPECT_EQ(args[0], kData);

	complete_builtin(vm.t, 5);
	r = vm.go();
	ASSERT_EQ(r.exit, Exit::Return);
	EXPECT_EQ(r.value, 105u);
	EXPECT_EQ(r.executed, 2u);
}

TEST(Interpreter, RewindBuiltinCallsAgain)
{
	Vm vm(kStrlenCall);
	vm.start("main");
	RunResult first = vm.go();
	ASSERT_EQ(first.exit, Exit::Builtin);
	rewind_builtin(vm.t);   // e.g. -ERESTARTSYS: the syscall runs again
	EXPECT_EQ(vm.t.frames.back().pc, 1u);
	RunResult again = vm.go();
	ASSERT_EQ(again.exit, Exit::Builtin);
	EXPECT_EQ(again.executed, 1u);
	EXPECT_EQ(again.call.id, first.call.id);
	EXPECT_EQ(again.call.dest, first.call.dest);
	complete_builtin(vm.t, 1);
	EXPECT_EQ(vm.go().value, 101u);
}

bool native_strlen(NativeContext& cx, const uint64_t* args, uint32_t nargs, uint64_t* result)
{
	if (nargs != 1)
		return false;
	Memory* m = cx.mem.for_address(args[0]);
	std::string s;
	if (!m || !m->read_string(args[0], s))
		return false;   // let the host report the fault
	*result = s.size();
	cx.extra_cost += s.size();
	return true;
}

bool native_decline(NativeContext&, const uint64_t*, uint32_t, uint64_t*) { return false; }

TEST(Interpreter, NativesRunInline)
{
	Vm vm(kStrlenCall);
	ASSERT_TRUE(vm.user.write(kData, "kernel", 7));
	vm.natives.fns[static_cast<size_t>(abi::BuiltinId::strlen)] = native_strlen;
	vm.start("main");
	RunResult r = vm.go();
	ASSERT_EQ(r.exit, Exit::Return);
	EXPECT_EQ(r.value, 106u);
	EXPECT_EQ(r.executed, 4u);
	EXPECT_EQ(vm.cx.extra_cost, 6u);

	Vm declined(kStrlenCall);
	declined.natives.fns[static_cast<size_t>(abi::BuiltinId::strlen)] = native_decline;
	declined.start("main");
	r = declined.go();
	ASSERT_EQ(r.exit, Exit::Builtin);
	EXPECT_EQ(r.call.id, abi::BuiltinId::strlen);
}

TEST(Interpreter, BadBuiltinIdFaults)
{
	Vm vm("func main nregs=2\n CALLB r0, r1, 0, $65535\n RET r0\n");
	vm.start("main");
	RunResult r = vm.go();
	ASSERT_EQ(r.exit, Exit::Fault);
	EXPECT_EQ(r.fault, FaultKind::BadCall);
	EXPECT_EQ(r.fault_address, 65535u);
	EXPECT_EQ(vm.t.frames.back().pc, 0u);
}

TEST(Interpreter, CalliToAFunction)
{
	Vm vm(R"(
func main nregs=4
  FADDR r3, @twice
  LOADI r1, 21
  CALLI r0, r1, 1, r3
  RET r0
func twice nparams=1 nregs=1
  ADD r0, r0, r0
  RET r0
)");
	EXPECT_EQ(vm.call("main"), 42u);
}

// Every user program is linked at the same text address, each in its own address space,
// while the image table holds them all: an indirect call must land in the caller's own
// image, not in the first one that covers the address (tests/lang/funcptr_table.c).
TEST(Interpreter, CalliPrefersTheCallersImage)
{
	Vm vm(R"(
func main nregs=4
  FADDR r3, @twice
  LOADI r1, 21
  CALLI r0, r1, 1, r3
  RET r0
func twice nparams=1 nregs=1
  ADD r0, r0, r0
  RET r0
)");
	std::string pad;
	for (int i = 0; i < 32; i++)
		pad += " NOP\n";
	Result<Program> other = assemble("func long_one nparams=1 nregs=1\n" + pad + " RET r0\n");
	ASSERT_TRUE(other.ok());
	vm.images.insert(vm.images.begin(), Image{&*other, kText, kData});
	std::optional<uint32_t> f = vm.prog.find_function("main");
	ASSERT_TRUE(f.has_value());
	ASSERT_TRUE(push_call(vm.t, vm.images, 1, *f, {}));
	RunResult r = vm.go();
	EXPECT_EQ(r.exit, Exit::Return);
	EXPECT_EQ(r.value, 42u);
}

TEST(Interpreter, CalliToABuiltinAddress)
{
	uint64_t addr = builtin_address(abi::BuiltinId::strlen);
	Vm vm("func main nregs=4\n LOADK r3, " + std::to_string(addr) +
	      "\n LOADI r1, 9\n CALLI r0, r1, 1, r3\n RET r0\n");
	vm.start("main");
	RunResult r = vm.go();
	ASSERT_EQ(r.exit, Exit::Builtin);
	EXPECT_EQ(r.call.id, abi::BuiltinId::strlen);
	EXPECT_EQ(builtin_args(vm.t, r.call)[0], 9u);
	complete_builtin(vm.t, 3);
	EXPECT_EQ(vm.go().value, 3u);

	Vm native("func main nregs=4\n LOADK r3, " + std::to_string(addr) +
		  "\n GADDR r1, 0\n CALLI r0, r1, 1, r3\n RET r0\n");
	native.natives.fns[static_cast<size_t>(abi::BuiltinId::strlen)] = native_strlen;
	ASSERT_TRUE(native.user.write(kData, "abc", 4));
	EXPECT_EQ(native.call("main"), 3u);
}

TEST(Interpreter, CalliToNothingFaults)
{
	for (uint64_t target : {uint64_t{0}, kText + 4, kText + 1, builtin_address(abi::BuiltinId::strlen) + 8,
				builtin_address(abi::BuiltinId::Count), uint64_t{kText + 0x1000}}) {
		Vm vm("func main nregs=4\n LOADK r3, " + std::to_string(target) +
		      "\n CALLI r0, r1, 0, r3\n RET r0\nfunc other nregs=1\n RETV\n");
		vm.start("main");
		RunResult r = vm.go();
		ASSERT_EQ(r.exit, Exit::Fault) << target;
		EXPECT_EQ(r.fault, FaultKind::BadCall);
		EXPECT_EQ(r.fault_address, target);
		EXPECT_EQ(vm.t.frames.back().pc, 1u);
		EXPECT_EQ(r.executed, 1u);
	}
}

TEST(Interpreter, CallsAcrossImages)
{
	Vm vm("func main nparams=1 nregs=2\n LOADK r1, 0x7000010\n CALLI r0, r0, 1, r1\n ADDI r0, r0, 1\n RET r0\n");
	Result<Program> lib = assemble(R"(
func pad nregs=1
  RETV
func triple nparams=1 nregs=2
  ADD r1, r0, r0
  ADD r0, r0, r1
  GADDR r1, 0
  ST64 r0, r1, 0
  RET r0
)");
	ASSERT_TRUE(lib.ok());
	ASSERT_EQ(lib->functions[1].text_offset, 0x10u);
	vm.images.push_back(Image{&*lib, 0x7000000, kData + 0x100});
	vm.start("main", {5});
	RunResult r = vm.go();
	ASSERT_EQ(r.exit, Exit::Return);
	EXPECT_EQ(r.value, 16u);
	uint64_t stored = 0;
	ASSERT_TRUE(vm.user.load(kData + 0x100, stored));   // GADDR used the callee's image
	EXPECT_EQ(stored, 15u);
}

TEST(Interpreter, DeepCallsInAnotherImageStopWithEveryFrameInItsImage)
{
	// main (image 0) calls into a library image whose function recurses deeper than the
	// run's host array: frames handed to the Thread mid-run and at the stop must each
	// name the image they run in, and the run must come back across to main.
	Vm vm("func main nparams=1 nregs=3\n LOADK r1, 0x7000000\n CALLI r0, r0, 1, r1\n ADDI r0, r0, 1\n RET r0\n");
	Result<Program> lib = assemble(R"(
func down nparams=1 nregs=3
  LOADI r1, 0
  JEQ r0, r1, bottom
  ADDI r2, r0, -1
  CALL r2, r2, 1, @down
  ADDI r0, r2, 1
  RET r0
bottom:
  RET r0
)");
	ASSERT_TRUE(lib.ok());
	vm.images.push_back(Image{&*lib, 0x7000000, kData + 0x100});
	const uint64_t depth = 300;
	vm.start("main", {depth});
	RunResult r = vm.go(3 + 4 * 200);   // into down, then 200 levels down
	ASSERT_EQ(r.exit, Exit::Budget);
	ASSERT_EQ(vm.t.frames.size(), 202u);
	EXPECT_EQ(vm.t.frames[0].image, 0u);
	for (size_t i = 1; i < vm.t.frames.size(); i++)
		ASSERT_EQ(vm.t.frames[i].image, 1u) << i;
	r = vm.go();
	ASSERT_EQ(r.exit, Exit::Return);
	EXPECT_EQ(r.value, depth + 1);
	EXPECT_EQ(vm.t.sp, kStackTop);
}

TEST(Interpreter, LayoutChecksWhatCallsTrust)
{
	// The interpreter does not test a CALL's callee or argument window, nor a frame's
	// alignment: Program::layout does, once.
	Result<Program> ok = assemble("func f nregs=2 frame=20\n CALL r0, r0, 2, @f\n RET r0\n");
	ASSERT_TRUE(ok.ok());
	EXPECT_EQ(ok->functions[0].frame_size, 32u);   // the assembler rounds a frame up to 16
	Program bad = *ok;
	bad.functions[0].code[1].x = 7;   // the CALL's callee: function 7 of 1
	EXPECT_DEATH(bad.layout(), "CHECK");
	Program wide = *ok;
	wide.functions[0].nregs = 1;      // the arguments r0, r1 outside the window
	EXPECT_DEATH(wide.layout(), "CHECK");
	Program odd = *ok;
	odd.functions[0].frame_size = 20;
	EXPECT_DEATH(odd.layout(), "CHECK");
}

TEST(Interpreter, LocateAndFrameAddress)
{
	Vm vm(R"(
func a nregs=1
  NOP
  RETV
func b nregs=1
  NOP
  NOP
  RETV
)");
	uint32_t b = vm.prog.functions[1].text_offset;
	ASSERT_EQ(b, 16u);
	auto loc = locate(vm.images, kText + b + 8);
	ASSERT_TRUE(loc.has_value());
	EXPECT_EQ(loc->image, 0u);
	EXPECT_EQ(loc->func, 1u);
	EXPECT_EQ(loc->offset, 8u);
	loc = locate(vm.images, kText + 4);
	ASSERT_TRUE(loc.has_value());
	EXPECT_EQ(loc->func, 0u);
	EXPECT_EQ(loc->offset, 4u);
	EXPECT_FALSE(locate(vm.images, kText + 8).has_value());   // padding after a
	EXPECT_FALSE(locate(vm.images, kText - 1).has_value());
	EXPECT_FALSE(locate(vm.images, kText + vm.prog.text_size()).has_value());

	Frame f{0, 1, 2, 0, 0, 0};
	EXPECT_EQ(frame_address(vm.images, f), kText + b + 8);
}

// -- state is plain data --

TEST(Interpreter, CopiedThreadsContinueIdentically)
{
	const char* src = R"(
global acc 8
func fib nparams=1 nregs=5 frame=16
  LADDR r4, 0
  ST64 r0, r4, 0
  LOADI r1, 2
  JLTS r0, r1, small
  ADDI r2, r0, -1
  CALL r2, r2, 1, @fib
  ADDI r3, r0, -2
  CALL r3, r3, 1, @fib
  ADD r2, r2, r3
  GADDR r1, acc
  LD64 r3, r1, 0
  ADD r3, r3, r2
  ST64 r3, r1, 0
  LD64 r3, r4, 0
  SUB r3, r3, r0
  ADD r2, r2, r3
  RET r2
small:
  RET r0
)";
	Vm a(src);
	a.start("fib", {15});
	ASSERT_EQ(a.go(777).exit, Exit::Budget);

	Vm b(src);
	b.t = a.t;
	b.user = a.user;
	b.kernel = a.kernel;
	RunResult ra = a.go();
	RunResult rb = b.go();
	ASSERT_EQ(ra.exit, Exit::Return);
	EXPECT_EQ(ra.value, 610u);
	EXPECT_EQ(ra.value, rb.value);
	EXPECT_EQ(ra.executed, rb.executed);
	EXPECT_EQ(a.t, b.t);
	EXPECT_TRUE(a.user == b.user);
	uint64_t acc_a = 0, acc_b = 0;
	ASSERT_TRUE(a.user.load(kData, acc_a));
	ASSERT_TRUE(b.user.load(kData, acc_b));
	EXPECT_EQ(acc_a, acc_b);
	EXPECT_NE(acc_a, 0u);
}

TEST(Interpreter, ThreadSerializationRoundTrip)
{
	Vm a(kSumLoop);
	a.start("sum", {1000});
	ASSERT_EQ(a.go(1234).exit, Exit::Budget);
	a.t.pending_dest = 2;
	std::string bytes = serialize_to_bytes(a.t);
	Result<Thread> back = deserialize_from_bytes<Thread>(bytes);
	ASSERT_TRUE(back.ok());
	EXPECT_EQ(*back, a.t);
	EXPECT_EQ(state_hash(*back), state_hash(a.t));
	EXPECT_FALSE(deserialize_from_bytes<Thread>(bytes.substr(0, bytes.size() - 1)).ok());

	Vm b(kSumLoop);
	b.t = *back;
	RunResult ra = a.go(), rb = b.go();
	EXPECT_EQ(ra.value, 499500u);
	EXPECT_EQ(ra.value, rb.value);
	EXPECT_EQ(ra.executed, rb.executed);
}

}  // namespace
}  // namespace kctx::vm
