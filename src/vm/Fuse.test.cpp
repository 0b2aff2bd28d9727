#include "vm/Fuse.h"

#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "vm/Assembler.h"
#include "vm/Disassembler.h"
#include "vm/Interpreter.h"

namespace kctx::vm {
namespace {

constexpr uint64_t kText = 0x400000;
constexpr uint64_t kData = 0x600000;
constexpr uint64_t kStackTop = 0x7ffff0000000;
constexpr uint64_t kStackSize = 64 * 1024;

// One assembled program, fused or not, in a user address space.
struct Vm {
	Program prog;
	std::vector<Image> images;
	Memory user;
	Thread t;
	NativeContext cx;
	NativeTable natives;

	Vm(std::string_view src, bool fused)
	{
		Result<Program> r = assemble(src);
		if (!r.ok()) {
			ADD_FAILURE() << r.error().message;
			return;
		}
		prog = std::move(*r);
		if (fused)
			fuse(prog);
		images.push_back(Image{&prog, kText, kData});
		user.map(kData, 2 * kPageSize, "data");
		user.map(kStackTop - kStackSize, kStackSize, "[stack]");
		t.sp = kStackTop;
		t.stack_limit = kStackTop - kStackSize;
		cx.mem = AddressSpace{&user, nullptr};
	}
	Vm(const Vm&) = delete;
	Vm& operator=(const Vm&) = delete;
	void start(std::vector<uint64_t> args) { ASSERT_TRUE(push_call(t, images, 0, 0, args)); }
	RunResult go(uint64_t budget) { return run(t, images, cx, natives, budget); }
};

std::vector<Op> ops_of(const Function& f)
{
	std::vector<Op> out;
	for (const Insn& in : f.code)
		out.push_back(in.op);
	return out;
}

// -- every superinstruction runs exactly as its parts do --

// One plain instruction of `op` for the generic program below: r6 holds a data address,
// r0 and r1 the arguments, `out` is a label past the run.
std::string plain_insn(Op op)
{
	std::string name(op_name(op));
	switch (op) {
	case Op::LOADI: return name + " r2, 5";
	case Op::MOV: return name + " r4, r0";
	case Op::ADDI:
	case Op::ADDI32: return name + " r2, r0, 3";
	case Op::ADD:
	case Op::ADD32:
	case Op::MUL: return name + " r3, r0, r1";
	case Op::LD8S:
	case Op::LD8U:
	case Op::LD16S:
	case Op::LD16U:
	case Op::LD32S:
	case Op::LD32U:
	case Op::LD64:
	case Op::LDF32: return name + " r5, r6, 8";
	case Op::ST8:
	case Op::ST16:
	case Op::ST32:
	case Op::ST64:
	case Op::STF32: return name + " r3, r6, 16";
	case Op::JEQ:
	case Op::JNE:
	case Op::JLTS:
	case Op::JLES:
	case Op::JLTU:
	case Op::JLEU: return name + " r2, r1, out";
	case Op::CALL: return name + " r2, r0, 1, @callee";
	case Op::CALLB: return name + " r2, r0, 1, $strlen";
	case Op::RET: return name + " r3";
	default: ADD_FAILURE() << "no test instruction for " << name; return "NOP";
	}
}

std::string program_for(const OpParts& parts)
{
	std::string src = "func main nparams=2 nregs=8\n  LOADK r6, " + std::to_string(kData) + "\n  LOADK r7, 0x0102030405060708\n  ST64 r7, r6, 8\n";
	for (uint8_t i = 0; i < parts.count; i++)
		src += "  " + plain_insn(parts.ops[i]) + "\n";
	src += "  ADD r3, r3, r5\n  ADD r3, r3, r2\n  RET r3\nout:\n  ADDI r2, r2, 100\n  RET r2\n";
	src += "func callee nparams=1 nregs=2\n  ADDI r1, r0, 7\n  RET r1\n";
	return src;
}

// -- the pass --

TEST(Fuse, RewritesOnlyTheFirstOpcodeOfEachRun)
{
	// array_sum's inner loop (bench/scenarios/array_sum), as the front end emits it.
	const char* src = R"(
func sum nparams=2 nregs=12
  LOADI r2, 4
  LOADI r8, 0
  JMP test
loop:
  MUL r10, r8, r2
  ADD r11, r0, r10
  LD32S r9, r11, 0
  ADD r6, r6, r9
  ADDI32 r8, r8, 1
test:
  JLTS r8, r1, loop
  RET r6
)";
	Result<Program> plain = assemble(src);
	ASSERT_TRUE(plain.ok()) << plain.error().message;
	Program fused = *plain;
	EXPECT_EQ(fuse(fused), 1u);   // the whole body, not MUL_ADD_LD32S and ADD_ADDI32_JLTS
	const std::vector<Op> want = {Op::LOADI, Op::LOADI, Op::JMP, Op::MUL_ADD_LD32S_ADD_ADDI32_JLTS, Op::ADD, Op::LD32S,
				      Op::ADD, Op::ADDI32, Op::JLTS, Op::RET};
	EXPECT_EQ(ops_of(fused.functions[0]), want);
	// Operands, pcs, line tables and so text offsets are untouched.
	const std::vector<Insn>& before = plain->functions[0].code;
	const std::vector<Insn>& after = fused.functions[0].code;
	ASSERT_EQ(before.size(), after.size());
	for (size_t pc = 0; pc < before.size(); pc++) {
		EXPECT_EQ(before[pc].a, after[pc].a) << pc;
		EXPECT_EQ(before[pc].x, after[pc].x) << pc;
		if (pc != 3) {
			EXPECT_EQ(before[pc].op, after[pc].op) << pc;
		}
	}
	EXPECT_FALSE(check_fused(fused.functions[0]).has_value());
	// Fusing again changes nothing.
	Program twice = fused;
	EXPECT_EQ(fuse(twice), 0u);
	EXPECT_EQ(ops_of(twice.functions[0]), want);
}

TEST(Fuse, ACallPartKeepsItsSecondWord)
{
	const char* src = R"(
func f nparams=1 nregs=3
  ADDI32 r1, r0, -1
  CALL r1, r1, 1, @f
  LOADI r2, 2
  JLES r2, r0, out
  RET r1
out:
  RET r0
)";
	Result<Program> p = assemble(src);
	ASSERT_TRUE(p.ok()) << p.error().message;
	EXPECT_EQ(fuse(*p), 2u);
	const std::vector<Op> want = {Op::ADDI32_CALL, Op::CALL, Op::NOP, Op::LOADI_JLES, Op::JLES, Op::RET, Op::RET};
	EXPECT_EQ(ops_of(p->functions[0]), want);
	EXPECT_FALSE(check_fused(p->functions[0]).has_value());
}

TEST(Fuse, FusedListingsReassemble)
{
	Result<Program> p = assemble(program_for(op_parts(Op::ADD_ADDI32_JLTS)));
	ASSERT_TRUE(p.ok()) << p.error().message;
	ASSERT_EQ(fuse(*p), 2u);   // the run, and the ADD, RET at the end
	std::string listing = disassemble(*p);
	EXPECT_NE(listing.find("ADD_ADDI32_JLTS r3, r0, r1"), std::string::npos) << listing;
	Result<Program> back = assemble(listing);
	ASSERT_TRUE(back.ok()) << back.error().message;
	EXPECT_EQ(ops_of(back->functions[0]), ops_of(p->functions[0]));
	EXPECT_EQ(back->functions[0].code, p->functions[0].code);
}

TEST(Fuse, AssemblerRejectsASuperinstructionWithoutItsParts)
{
	Result<Program> bad = assemble("func f nregs=3\n ADDI_JLTS r0, r0, 1\n ADD r1, r1, r1\n RET r0\n");
	ASSERT_FALSE(bad.ok());
	EXPECT_NE(bad.error().message.find("ADDI_JLTS needs JLTS at pc 1"), std::string::npos) << bad.error().message;
	Result<Program> cut = assemble("func f nregs=3\n MUL_ADD_LD64 r0, r0, r0\n ADD r1, r1, r1\n");
	ASSERT_FALSE(cut.ok());
	EXPECT_NE(cut.error().message.find("MUL_ADD_LD64 needs LD64 at pc 2"), std::string::npos) << cut.error().message;
	// Written out whole, a superinstruction assembles (disassembler listings read back).
	Result<Program> good = assemble("func f nregs=3\n ADDI_JLTS r0, r0, 1\n JLTS r0, r1, end\nend:\n RET r0\n");
	EXPECT_TRUE(good.ok()) << good.error().message;
}

// Runs both to the end in slices of `budget`, comparing after every slice.
void run_in_lockstep(Vm& plain, Vm& fused, uint64_t budget, const std::string& what)
{
	for (int guard = 0; guard < 1000; guard++) {
		RunResult a = plain.go(budget);
		RunResult b = fused.go(budget);
		ASSERT_EQ(a.exit, b.exit) << what;
		ASSERT_EQ(a.executed, b.executed) << what;
		ASSERT_EQ(a.value, b.value) << what;
		ASSERT_EQ(a.fault, b.fault) << what;
		ASSERT_EQ(plain.t, fused.t) << what;
		ASSERT_TRUE(plain.user == fused.user) << what;
		if (a.exit == Exit::Builtin) {
			complete_builtin(plain.t, 42);
			complete_builtin(fused.t, 42);
			continue;
		}
		if (a.exit != Exit::Budget)
			return;
	}
	FAIL() << what << ": did not finish";
}

TEST(Fuse, EverySuperinstructionMatchesItsPartsAtEveryBudget)
{
	int tested = 0;
	for (size_t i = 0; i < static_cast<size_t>(Op::Count); i++) {
		Op op = static_cast<Op>(i);
		if (!op_is_fused(op))
			continue;
		std::string src = program_for(op_parts(op));
		Vm probe(src, true);
		ASSERT_EQ(probe.prog.functions[0].code[3].op, op) << src;   // the pass chose this one
		// Arguments that take and do not take each kind of branch.
		for (std::vector<uint64_t> args : {std::vector<uint64_t>{1, 2}, std::vector<uint64_t>{9, 2},
						   std::vector<uint64_t>{2, 5}, std::vector<uint64_t>{~0ull, 0}}) {
			for (uint64_t budget : {1, 2, 3, 4, 5, 6, 7, 1000}) {
				Vm plain(src, false);
				Vm fused(src, true);
				plain.start(args);
				fused.start(args);
				run_in_lockstep(plain, fused,
						budget, fmt::format("{} args {},{} budget {}", op_name(op), args[0], args[1], budget));
			}
		}
		tested++;
	}
	EXPECT_GT(tested, 50);
}

TEST(Fuse, AFaultInALaterPartLeavesPcOnThatPart)
{
	// ADD_LD64: the ADD completes (and is charged), the load faults on its own word.
	const char* src = "func f nparams=2 nregs=4\n ADD r2, r0, r1\n LD64 r3, r2, 0\n RET r3\n";
	Vm vm(src, true);
	ASSERT_EQ(vm.prog.functions[0].code[0].op, Op::ADD_LD64);
	vm.start({0x10000, 8});
	RunResult r = vm.go(100);
	ASSERT_EQ(r.exit, Exit::Fault);
	EXPECT_EQ(r.fault, FaultKind::Read);
	EXPECT_EQ(r.fault_address, 0x10008u);
	EXPECT_EQ(r.executed, 1u);
	EXPECT_EQ(vm.t.frames.back().pc, 1u);
	EXPECT_EQ(vm.t.regs[2], 0x10008u);
	// Mapped now: the retry runs the plain load, then the return.
	vm.user.map(0x10000, kPageSize, "late");
	ASSERT_TRUE(vm.user.store<uint64_t>(0x10008, 77));
	r = vm.go(100);
	ASSERT_EQ(r.exit, Exit::Return);
	EXPECT_EQ(r.value, 77u);
	EXPECT_EQ(r.executed, 2u);
}

TEST(Fuse, ABudgetThatEndsInsideRunsTheFirstPartAlone)
{
	const char* src = "func f nparams=1 nregs=3\n MUL r1, r0, r0\n ADD r2, r1, r0\n LD64 r2, r2, 0\n RET r2\n";
	Vm vm(src, true);
	ASSERT_EQ(vm.prog.functions[0].code[0].op, Op::MUL_ADD_LD64);
	vm.start({3});
	RunResult r = vm.go(2);   // MUL and ADD, not the load
	ASSERT_EQ(r.exit, Exit::Budget);
	EXPECT_EQ(r.executed, 2u);
	EXPECT_EQ(vm.t.frames.back().pc, 2u);
	EXPECT_EQ(vm.t.regs[1], 9u);
	EXPECT_EQ(vm.t.regs[2], 12u);
}

// The whole-loop superinstruction goes round by itself: in lockstep with the plain code
// at every budget up to two iterations and more, over an array that runs past the end of
// the mapped data into unmapped memory (the load part faults, mid-loop, on its own pc).
TEST(Fuse, TheLoopBodyGoesRoundByItselfAsThePlainLoopDoes)
{
	for (const char* load : {"LD32S", "LD64", "LD8U"}) {
		for (const char* acc : {"ADD", "ADD32"}) {
			const std::string src = fmt::format(R"(
func sum nparams=3 nregs=12
  LOADI r6, 0
  LOADI r8, 0
  JMP test
loop:
  MUL r10, r8, r2
  ADD r11, r0, r10
  {} r9, r11, -4
  {} r6, r6, r9
  ADDI32 r8, r8, 1
test:
  JLTS r8, r1, loop
  RET r6
)",
							   load, acc);
			Vm probe(src, true);
			ASSERT_TRUE(op_is_fused(probe.prog.functions[0].code[3].op)) << src;
			ASSERT_EQ(op_parts(probe.prog.functions[0].code[3].op).count, 6) << src;
			// Element size 4 from the data's start + 4 (sc is -4); 2 pages mapped, so
			// n = 3000 runs off the end and faults in the load.
			for (uint64_t n : {uint64_t{0}, uint64_t{1}, uint64_t{7}, uint64_t{3000}}) {
				for (uint64_t budget : {1, 2, 3, 4, 5, 6, 7, 8, 11, 12, 13, 1000, 100000}) {
					if (n > 100 && budget < 1000)
						continue;   // thousands of slices: the small budgets are covered by the short arrays
					Vm plain(src, false);
					Vm fused(src, true);
					for (Vm* vm : {&plain, &fused})
						for (uint64_t i = 0; i < 2 * kPageSize / 8; i++)
							ASSERT_TRUE(vm->user.store<uint64_t>(kData + 8 * i, i * 0x9e3779b97f4a7c15ull));
					plain.start({kData + 4, n, 4});
					fused.start({kData + 4, n, 4});
					run_in_lockstep(plain, fused, budget,
							fmt::format("{} {} n {} budget {}", load, acc, n, budget));
				}
			}
		}
	}
}

TEST(Fuse, TheLoopBodyFaultsOnItsLoadWithTheEarlierPartsDone)
{
	const char* src = R"(
func sum nparams=3 nregs=12
  LOADI r6, 0
  LOADI r8, 0
  JMP test
loop:
  MUL r10, r8, r2
  ADD r11, r0, r10
  LD64 r9, r11, 0
  ADD r6, r6, r9
  ADDI32 r8, r8, 1
test:
  JLTS r8, r1, loop
  RET r6
)";
	Vm vm(src, true);
	ASSERT_EQ(vm.prog.functions[0].code[3].op, Op::MUL_ADD_LD64_ADD_ADDI32_JLTS);
	for (uint64_t i = 0; i < 2 * kPageSize / 8; i++)
		ASSERT_TRUE(vm.user.store<uint64_t>(kData + 8 * i, 1));
	vm.start({kData, 2000, 8});
	RunResult r = vm.go(100000);
	ASSERT_EQ(r.exit, Exit::Fault);
	EXPECT_EQ(r.fault, FaultKind::Read);
	EXPECT_EQ(r.fault_address, kData + 2 * kPageSize);
	// 3 to set up and the first test, 6 per element read (1024 of them), then the MUL
	// and ADD of the next.
	EXPECT_EQ(r.executed, 4 + 6 * 1024 + 2u);
	EXPECT_EQ(vm.t.frames.back().pc, 5u);   // on the load
	EXPECT_EQ(vm.t.regs[6], 1024u);         // the sum so far
	EXPECT_EQ(vm.t.regs[8], 1024u);         // i
	EXPECT_EQ(vm.t.regs[10], 8 * 1024u);    // the MUL done
	EXPECT_EQ(vm.t.regs[11], kData + 2 * kPageSize);   // the ADD done
	EXPECT_EQ(vm.t.regs[9], 1u);            // the previous element
}

// The other steps and tests, and loops whose registers are not in the usual order (the
// handler then goes part by part through R): all as the plain code at every budget.
TEST(Fuse, EveryShapeOfTheLoopBodyRunsAsThePlainLoop)
{
	struct Shape {
		const char* add;    // the address
		const char* acc;    // the accumulation
		const char* step;
		const char* test;
		bool runs_long = false;   // until the load faults, past the data's two pages
	};
	const Shape shapes[] = {
		{"ADD r11, r0, r10", "ADD r6, r6, r9", "ADDI r8, r8, 1", "JLTS r8, r1, loop"},
		{"ADD r11, r0, r10", "ADD32 r6, r6, r9", "ADDI r8, r8, 1", "JLTU r8, r1, loop"},
		{"ADD r11, r10, r0", "ADD r6, r6, r9", "ADDI32 r8, r8, 1", "JLTS r8, r1, loop"},   // base second
		{"ADD r11, r0, r10", "ADD r6, r9, r6", "ADDI32 r8, r8, 1", "JLTS r8, r1, loop"},   // sum second
		{"ADD r11, r0, r10", "ADD r1, r1, r9", "ADDI32 r8, r8, 1", "JLTS r8, r1, loop", true},   // sums into n
		{"ADD r11, r0, r10", "ADD r6, r6, r9", "ADDI32 r8, r8, 2", "JLTS r8, r1, loop"},
	};
	for (const Shape& sh : shapes) {
		const std::string src = fmt::format(R"(
func sum nparams=3 nregs=12
  LOADI r6, 0
  LOADI r8, 0
  JMP test
loop:
  MUL r10, r8, r2
  {}
  LD32S r9, r11, 0
  {}
  {}
test:
  {}
  RET r6
)",
						   sh.add, sh.acc, sh.step, sh.test);
		Vm probe(src, true);
		ASSERT_EQ(op_parts(probe.prog.functions[0].code[3].op).count, 6) << src;
		for (uint64_t n : {uint64_t{5}, uint64_t{3000}}) {
			for (uint64_t budget : {1, 2, 5, 6, 7, 13, 1000, 100000}) {
				if ((n > 100 || sh.runs_long) && budget < 1000)
					continue;   // thousands of slices
				Vm plain(src, false);
				Vm fused(src, true);
				for (Vm* vm : {&plain, &fused})
					for (uint64_t i = 0; i < 2 * kPageSize / 8; i++)
						ASSERT_TRUE(vm->user.store<uint64_t>(kData + 8 * i, i + 1));
				plain.start({kData, n, 4});
				fused.start({kData, n, 4});
				run_in_lockstep(plain, fused, budget, fmt::format("{} / {} n {} budget {}", sh.acc, sh.step, n, budget));
			}
		}
	}
}

}  // namespace
}  // namespace kctx::vm
