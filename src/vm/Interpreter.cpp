// The bytecode interpreter. One function, run(), dispatches with GCC's computed goto
// (labels as values): every handler ends in its own fetch and indirect jump, so the
// branch predictor keeps a history per handler instead of one for a shared switch. The
// hot state (instruction pointer, the frame's register window, the constant pool, the
// budget left) lives in locals and is written back to the Thread only where the run
// leaves the frame: a call, a return, an exit. At every exit the Thread is plain data
// again, so it can be copied, hashed or serialized between any two instructions.
//
// The interpreter trusts its bytecode the way Lua's does: register numbers, jump targets
// and pool indices are the front end's (or a loader's) to get right. What a user's
// program can get wrong at run time (bad addresses, division by zero, a bad function
// pointer, unbounded recursion) is a Fault the host reports; nothing the program does is
// undefined behaviour in the host.
#include "vm/Interpreter.h"

#include <algorithm>
#include <bit>
#include <cfloat>
#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

#include "base/Check.h"

// GCC's cross-jumping folds the identical dispatch tails of all handlers back into one
// shared indirect jump, which costs the per-handler branch prediction that computed goto
// is for. Keep each handler's own tail.
#if defined(__GNUC__) && !defined(__clang__)
#define KCTX_SEPARATE_DISPATCH __attribute__((optimize("no-crossjumping")))
#else
#define KCTX_SEPARATE_DISPATCH
#endif

namespace kctx::vm {

namespace {

constexpr uint64_t align16(uint64_t n) { return (n + 15) & ~uint64_t{15}; }

// Operand fields of one instruction word, read from its 64-bit image (Insn's layout:
// op in byte 0, a in bytes 2-3, b in 4-5, c in 6-7, bx/sbx in 4-7). Decoding from one
// register load is cheaper than going through the struct's accessors field by field.
inline uint64_t word(const Insn* p) { return std::bit_cast<uint64_t>(*p); }
inline uint32_t op_a(uint64_t w) { return static_cast<uint32_t>(w >> 16) & 0xffff; }
inline uint32_t op_b(uint64_t w) { return static_cast<uint32_t>(w >> 32) & 0xffff; }
inline uint32_t op_c(uint64_t w) { return static_cast<uint32_t>(w >> 48); }
inline uint64_t op_sc(uint64_t w) { return static_cast<uint64_t>(static_cast<int64_t>(static_cast<int16_t>(w >> 48))); }
inline uint32_t op_bx(uint64_t w) { return static_cast<uint32_t>(w >> 32); }
inline int32_t op_sbx(uint64_t w) { return static_cast<int32_t>(static_cast<uint32_t>(w >> 32)); }

inline uint64_t sext32(uint64_t v)
{
	return static_cast<uint64_t>(static_cast<int64_t>(static_cast<int32_t>(static_cast<uint32_t>(v))));
}
inline int64_t s64(uint64_t v) { return static_cast<int64_t>(v); }
inline double f64(uint64_t v) { return std::bit_cast<double>(v); }
inline uint64_t bits(double d) { return std::bit_cast<uint64_t>(d); }

// (s64)d with x86's cvttsd2si answer for NaN and out-of-range values (the "integer
// indefinite" INT64_MIN); the C++ cast would be undefined there.
int64_t f2i(double d)
{
	if (d >= -0x1p63 && d < 0x1p63)
		return static_cast<int64_t>(d);
	return std::numeric_limits<int64_t>::min();
}

// (u64)d as gcc compiles it for x86-64: below 2^63 (NaN included) through cvttsd2si,
// so negatives wrap and out-of-range negatives give 2^63; from 2^63 by subtracting 2^63
// first, so 2^64 and above give 0.
uint64_t f2u(double d)
{
	if (!(d >= 0x1p63))
		return static_cast<uint64_t>(f2i(d));
	if (d < 0x1p64)
		return static_cast<uint64_t>(d);
	return 0;
}

// (float)d with IEEE round-to-nearest, spelled out for finite values beyond FLT_MAX
// (where the C++ conversion is undefined): from FLT_MAX + half an ulp up they round to
// infinity (the tie goes to the even neighbour, which is infinity), below it to FLT_MAX.
float narrow(double d)
{
	if (!std::isfinite(d) || std::fabs(d) <= static_cast<double>(FLT_MAX))
		return static_cast<float>(d);
	float big = std::fabs(d) >= 0x1.ffffffp127 ? std::numeric_limits<float>::infinity() : FLT_MAX;
	return d < 0 ? -big : big;
}

// The first address in [addr, addr+n) that `m` cannot read (or write), or nullopt if the
// whole range is accessible. Walks regions, not pages, so a huge bad length is cheap.
std::optional<uint64_t> first_bad_address(const Memory* m, uint64_t addr, uint64_t n, bool write)
{
	if (n == 0)
		return std::nullopt;
	if (!m)
		return addr;
	uint64_t last = addr + (n - 1);
	bool wraps = last < addr;   // a range that runs past the top of the address space
	if (wraps)
		last = std::numeric_limits<uint64_t>::max();
	for (uint64_t p = addr;;) {
		const Region* r = m->region_at(p);
		if (!r || (write && !r->writable))
			return p;
		if (r->end == 0 || r->end > last)   // end 0: the region reaches the top
			return wraps ? std::optional<uint64_t>(0) : std::nullopt;
		p = r->end;
	}
}

struct MemFault {
	FaultKind kind = FaultKind::Read;
	uint64_t address = 0;
};

// MEMCPY: copies n bytes between (possibly different) address spaces with memmove
// semantics. Both ranges are checked before any byte moves, so a faulting copy has no
// effect and can be retried.
std::optional<MemFault> copy_memory(const AddressSpace& as, uint64_t dst, uint64_t src, uint64_t n)
{
	if (n == 0)
		return std::nullopt;
	Memory* from = as.for_address(src);
	Memory* to = as.for_address(dst);
	if (auto bad = first_bad_address(from, src, n, false))
		return MemFault{FaultKind::Read, *bad};
	if (auto bad = first_bad_address(to, dst, n, true))
		return MemFault{FaultKind::Write, *bad};
	uint8_t buf[1024];
	bool backward = from == to && dst > src && dst - src < n;
	for (uint64_t done = 0; done < n;) {
		uint64_t len = std::min<uint64_t>(sizeof buf, n - done);
		uint64_t off = backward ? n - done - len : done;
		bool ok = from->read(src + off, buf, len) && to->write(dst + off, buf, len);
		KCTX_CHECK(ok);   // both ranges were checked above
		done += len;
	}
	return std::nullopt;
}

std::optional<MemFault> set_memory(const AddressSpace& as, uint64_t dst, uint8_t byte, uint64_t n)
{
	if (n == 0)
		return std::nullopt;
	Memory* to = as.for_address(dst);
	if (auto bad = first_bad_address(to, dst, n, true))
		return MemFault{FaultKind::Write, *bad};
	bool ok = to->fill(dst, byte, n);
	KCTX_CHECK(ok);
	return std::nullopt;
}

const Function& function_of(ImageTable images, uint32_t image, uint32_t func)
{
	KCTX_CHECK(image < images.size() && images[image].program);
	const Program& p = *images[image].program;
	KCTX_CHECK(func < p.functions.size());
	return p.functions[func];
}

}  // namespace

bool push_call(Thread& t, ImageTable images, uint32_t image, uint32_t func, std::span<const uint64_t> args,
	       uint16_t ret_reg)
{
	const Function& fn = function_of(images, image, func);
	uint64_t size = align16(fn.frame_size);
	if (t.sp < size || t.sp - size < t.stack_limit)
		return false;
	uint32_t base = 0;
	if (!t.frames.empty()) {
		const Frame& top = t.frames.back();
		base = top.base + function_of(images, top.image, top.func).nregs;
	}
	// The arguments may live in t.regs (a builtin passing its own arguments on), which
	// the resize below can move.
	std::vector<uint64_t> argv(args.begin(), args.begin() + std::min<size_t>(args.size(), fn.nregs));
	t.regs.resize(base);
	t.regs.resize(base + fn.nregs);   // zero-fills the new frame's registers
	std::copy(argv.begin(), argv.end(), t.regs.begin() + base);
	t.sp -= size;
	t.frames.push_back(Frame{image, func, 0, base, t.sp, ret_reg});
	return true;
}

void complete_builtin(Thread& t, uint64_t value)
{
	KCTX_CHECK(!t.frames.empty());
	t.regs[t.frames.back().base + t.pending_dest] = value;
}

void rewind_builtin(Thread& t)
{
	KCTX_CHECK(!t.frames.empty() && t.frames.back().pc >= 2);
	t.frames.back().pc -= 2;
}

std::span<const uint64_t> builtin_args(const Thread& t, const BuiltinCall& call)
{
	KCTX_CHECK(!t.frames.empty());
	size_t first = t.frames.back().base + call.argbase;
	KCTX_CHECK(first + call.nargs <= t.regs.size());
	return {t.regs.data() + first, call.nargs};
}

std::optional<CodeLocation> locate(ImageTable images, uint64_t address)
{
	for (uint32_t i = 0; i < images.size(); i++) {
		const Image& img = images[i];
		if (!img.program || address < img.text_base || address - img.text_base >= img.program->text_size())
			continue;
		uint32_t off = static_cast<uint32_t>(address - img.text_base);
		std::optional<uint32_t> func = img.program->function_at(off);
		if (!func)
			return std::nullopt;
		return CodeLocation{i, *func, off - img.program->functions[*func].text_offset};
	}
	return std::nullopt;
}

uint64_t frame_address(ImageTable images, const Frame& f)
{
	const Function& fn = function_of(images, f.image, f.func);
	return images[f.image].text_base + fn.text_offset + uint64_t{f.pc} * kInsnBytes;
}

KCTX_SEPARATE_DISPATCH RunResult run(Thread& t, ImageTable images, NativeContext& cx, const NativeTable& natives, uint64_t budget)
{
	KCTX_CHECK(!t.frames.empty());
	RunResult res;
	if (budget == 0)
		return res;

	static const void* const kDispatch[] = {
#define KCTX_OP(name, format, semantics) &&op_##name,
#include "vm/Opcodes.def"
#undef KCTX_OP
	};
	static_assert(std::size(kDispatch) == static_cast<size_t>(Op::Count));

	// The current frame, cached. LOAD_IMAGE and LOAD_FRAME refill these after anything
	// that changes the top frame or may move t.regs.
	uint32_t image_index = 0;
	const Program* prog = nullptr;
	const uint64_t* K = nullptr;
	uint64_t data_base = 0;
	uint64_t text_base = 0;
	const Function* fn = nullptr;
	const Insn* code = nullptr;
	const Insn* ip = nullptr;
	uint32_t frame_base = 0;
	uint64_t* R = nullptr;
	uint64_t fp = 0;
	AddressSpace mem = cx.mem;

	uint64_t left = budget;   // instructions still allowed, decremented as each starts
	uint64_t w = 0;           // the instruction being executed
	uint64_t ret_value = 0;
	// Operands of the call being made, shared by CALL, CALLI and CALLB.
	uint32_t call_image = 0;
	uint32_t call_func = 0;
	uint32_t builtin_id = 0;
	FaultKind fault = FaultKind::Read;
	uint64_t fault_address = 0;

#define LOAD_IMAGE(index)                                         \
	do {                                                      \
		image_index = (index);                            \
		KCTX_CHECK(image_index < images.size());          \
		const Image& img_ = images[image_index];          \
		prog = img_.program;                              \
		K = prog->constants.data();                       \
		data_base = img_.data_base;                       \
		text_base = img_.text_base;                       \
	} while (0)

#define LOAD_FRAME()                                              \
	do {                                                      \
		const Frame& f_ = t.frames.back();                \
		if (f_.image != image_index || !prog)             \
			LOAD_IMAGE(f_.image);                     \
		fn = &prog->functions[f_.func];                   \
		code = fn->code.data();                           \
		ip = code + f_.pc;                                \
		frame_base = f_.base;                             \
		R = t.regs.data() + f_.base;                      \
		fp = f_.fp;                                       \
	} while (0)

	// Registers above the top frame are scratch while the run goes on (a return leaves
	// them, the next call zeroes what it uses); every exit trims them, so a Thread at rest
	// holds exactly its frames' registers and equal states compare equal.
#define TRIM_REGS() t.regs.resize(frame_base + fn->nregs)

	// Each instruction is charged as it starts; a fault un-charges it (it did not
	// complete and will run again on a retry).
#define NEXT()                                                    \
	do {                                                      \
		if (__builtin_sub_overflow(left, 1, &left)) [[unlikely]] \
			goto out_budget;                          \
		w = word(ip++);                                   \
		goto *kDispatch[w & 0xff];                        \
	} while (0)

#define FAULT(kind, addr)                                         \
	do {                                                      \
		fault = (kind);                                   \
		fault_address = (addr);                           \
		goto out_fault;                                   \
	} while (0)

#define ABC_OP(name, expr)                                        \
	op_##name:                                                \
	{                                                         \
		uint64_t x = R[op_b(w)], y = R[op_c(w)];          \
		R[op_a(w)] = (expr);                              \
		NEXT();                                           \
	}
#define AB_OP(name, expr)                                         \
	op_##name:                                                \
	{                                                         \
		uint64_t x = R[op_b(w)];                          \
		R[op_a(w)] = (expr);                              \
		NEXT();                                           \
	}
#define LOAD_OP(name, T, conv)                                                  \
	op_##name:                                                              \
	{                                                                       \
		uint64_t addr = R[op_b(w)] + op_sc(w);                          \
		Memory* m = mem.for_address(addr);                              \
		T v{};                                                          \
		if (!m || !m->load(addr, v)) [[unlikely]]                       \
			FAULT(FaultKind::Read, addr);                           \
		R[op_a(w)] = (conv);                                            \
		NEXT();                                                         \
	}
#define STORE_OP(name, T, expr)                                                 \
	op_##name:                                                              \
	{                                                                       \
		uint64_t addr = R[op_b(w)] + op_sc(w);                          \
		Memory* m = mem.for_address(addr);                              \
		uint64_t x = R[op_a(w)];                                        \
		T v = (expr);                                                   \
		if (!m || !m->store(addr, v)) [[unlikely]]                      \
			FAULT(FaultKind::Write, addr);                          \
		NEXT();                                                         \
	}
#define JUMP2_OP(name, cond)                                      \
	op_##name:                                                \
	{                                                         \
		uint64_t x = R[op_a(w)], y = R[op_b(w)];          \
		if (cond)                                         \
			ip += static_cast<int16_t>(w >> 48);      \
		NEXT();                                           \
	}

	LOAD_FRAME();
	KCTX_CHECK(frame_base + fn->nregs <= t.regs.size());
	NEXT();

	// -- moves and constants --
op_NOP:
	NEXT();
	AB_OP(MOV, x)
op_LOADI:
	R[op_a(w)] = static_cast<uint64_t>(static_cast<int64_t>(op_sbx(w)));
	NEXT();
op_LOADK:
	R[op_a(w)] = K[op_bx(w)];
	NEXT();
op_GADDR:
	R[op_a(w)] = data_base + op_bx(w);
	NEXT();
op_FADDR:
	R[op_a(w)] = text_base + prog->functions[op_bx(w)].text_offset;
	NEXT();
op_LADDR:
	R[op_a(w)] = fp + op_bx(w);
	NEXT();

	// -- 64-bit integer arithmetic: unsigned, so it wraps without undefined behaviour --
	ABC_OP(ADD, x + y)
	ABC_OP(SUB, x - y)
	ABC_OP(MUL, x * y)
op_DIVS:
{
	uint64_t x = R[op_b(w)], y = R[op_c(w)];
	if (y == 0) [[unlikely]]
		FAULT(FaultKind::DivideByZero, 0);
	// INT64_MIN / -1 overflows (and traps on x86); -1 divides as a wrapping negation.
	R[op_a(w)] = s64(y) == -1 ? 0 - x : static_cast<uint64_t>(s64(x) / s64(y));
	NEXT();
}
op_DIVU:
{
	uint64_t x = R[op_b(w)], y = R[op_c(w)];
	if (y == 0) [[unlikely]]
		FAULT(FaultKind::DivideByZero, 0);
	R[op_a(w)] = x / y;
	NEXT();
}
op_REMS:
{
	uint64_t x = R[op_b(w)], y = R[op_c(w)];
	if (y == 0) [[unlikely]]
		FAULT(FaultKind::DivideByZero, 0);
	R[op_a(w)] = s64(y) == -1 ? 0 : static_cast<uint64_t>(s64(x) % s64(y));
	NEXT();
}
op_REMU:
{
	uint64_t x = R[op_b(w)], y = R[op_c(w)];
	if (y == 0) [[unlikely]]
		FAULT(FaultKind::DivideByZero, 0);
	R[op_a(w)] = x % y;
	NEXT();
}
	ABC_OP(AND, x & y)
	ABC_OP(OR, x | y)
	ABC_OP(XOR, x ^ y)
	ABC_OP(SHL, x << (y & 63))
	ABC_OP(SHRS, static_cast<uint64_t>(s64(x) >> (y & 63)))
	ABC_OP(SHRU, x >> (y & 63))
op_ADDI:
	R[op_a(w)] = R[op_b(w)] + op_sc(w);
	NEXT();
	AB_OP(NEG, 0 - x)
	AB_OP(NOT, ~x)
	AB_OP(LNOT, uint64_t{x == 0})
	ABC_OP(ADD32, sext32(x + y))
	ABC_OP(SUB32, sext32(x - y))
	ABC_OP(MUL32, sext32(x * y))
op_ADDI32:
	R[op_a(w)] = sext32(R[op_b(w)] + op_sc(w));
	NEXT();

	// -- width conversions --
	AB_OP(SEXT8, static_cast<uint64_t>(static_cast<int64_t>(static_cast<int8_t>(x))))
	AB_OP(SEXT16, static_cast<uint64_t>(static_cast<int64_t>(static_cast<int16_t>(x))))
	AB_OP(SEXT32, sext32(x))
	AB_OP(ZEXT8, x & 0xff)
	AB_OP(ZEXT16, x & 0xffff)
	AB_OP(ZEXT32, x & 0xffffffff)

	// -- integer comparisons --
	ABC_OP(EQ, uint64_t{x == y})
	ABC_OP(NE, uint64_t{x != y})
	ABC_OP(LTS, uint64_t{s64(x) < s64(y)})
	ABC_OP(LES, uint64_t{s64(x) <= s64(y)})
	ABC_OP(LTU, uint64_t{x < y})
	ABC_OP(LEU, uint64_t{x <= y})

	// -- doubles --
	ABC_OP(FADD, bits(f64(x) + f64(y)))
	ABC_OP(FSUB, bits(f64(x) - f64(y)))
	ABC_OP(FMUL, bits(f64(x) * f64(y)))
	ABC_OP(FDIV, bits(f64(x) / f64(y)))
	AB_OP(FNEG, x ^ (uint64_t{1} << 63))
	ABC_OP(FEQ, uint64_t{f64(x) == f64(y)})
	ABC_OP(FNE, uint64_t{f64(x) != f64(y)})
	ABC_OP(FLT, uint64_t{f64(x) < f64(y)})
	ABC_OP(FLE, uint64_t{f64(x) <= f64(y)})
	AB_OP(I2F, bits(static_cast<double>(s64(x))))
	AB_OP(U2F, bits(static_cast<double>(x)))
	AB_OP(F2I, static_cast<uint64_t>(f2i(f64(x))))
	AB_OP(F2U, f2u(f64(x)))
	AB_OP(F2F32, bits(static_cast<double>(narrow(f64(x)))))
	AB_OP(FSQRT, bits(std::sqrt(f64(x))))

	// -- memory --
	LOAD_OP(LD8S, int8_t, static_cast<uint64_t>(static_cast<int64_t>(v)))
	LOAD_OP(LD8U, uint8_t, uint64_t{v})
	LOAD_OP(LD16S, int16_t, static_cast<uint64_t>(static_cast<int64_t>(v)))
	LOAD_OP(LD16U, uint16_t, uint64_t{v})
	LOAD_OP(LD32S, int32_t, static_cast<uint64_t>(static_cast<int64_t>(v)))
	LOAD_OP(LD32U, uint32_t, uint64_t{v})
	LOAD_OP(LD64, uint64_t, v)
	LOAD_OP(LDF32, float, bits(static_cast<double>(v)))
	STORE_OP(ST8, uint8_t, static_cast<uint8_t>(x))
	STORE_OP(ST16, uint16_t, static_cast<uint16_t>(x))
	STORE_OP(ST32, uint32_t, static_cast<uint32_t>(x))
	STORE_OP(ST64, uint64_t, x)
	STORE_OP(STF32, float, narrow(f64(x)))
op_MEMCPY:
{
	if (auto bad = copy_memory(mem, R[op_a(w)], R[op_b(w)], R[op_c(w)])) [[unlikely]]
		FAULT(bad->kind, bad->address);
	NEXT();
}
op_MEMSET:
{
	if (auto bad = set_memory(mem, R[op_a(w)], static_cast<uint8_t>(R[op_b(w)]), R[op_c(w)])) [[unlikely]]
		FAULT(bad->kind, bad->address);
	NEXT();
}

op_ALLOCA:
{
	uint64_t n = R[op_b(w)];
	uint64_t room = t.sp > t.stack_limit ? t.sp - t.stack_limit : 0;
	if (n > room || align16(n) > room) [[unlikely]]
		FAULT(FaultKind::StackOverflow, n > t.sp ? 0 : t.sp - n);
	t.sp -= align16(n);
	R[op_a(w)] = t.sp;
	NEXT();
}
op_GETSP:
	R[op_a(w)] = t.sp;
	NEXT();
op_SETSP:
	t.sp = R[op_a(w)];
	NEXT();

	// -- control --
op_JMP:
	ip += op_sbx(w);
	NEXT();
op_JZ:
	if (R[op_a(w)] == 0)
		ip += op_sbx(w);
	NEXT();
op_JNZ:
	if (R[op_a(w)] != 0)
		ip += op_sbx(w);
	NEXT();
	JUMP2_OP(JEQ, x == y)
	JUMP2_OP(JNE, x != y)
	JUMP2_OP(JLTS, s64(x) < s64(y))
	JUMP2_OP(JLES, s64(x) <= s64(y))
	JUMP2_OP(JLTU, x < y)
	JUMP2_OP(JLEU, x <= y)

	// Calls: ip points at the call's second word while these run.
op_CALL:
	call_image = image_index;
	call_func = static_cast<uint32_t>(word(ip) >> 32);
	goto do_call;
op_CALLB:
	builtin_id = static_cast<uint32_t>(word(ip) >> 32);
	goto do_builtin;
op_CALLI:
{
	uint64_t target = R[op_a(word(ip))];
	if (target >= kBuiltinTextBase && (target - kBuiltinTextBase) % kBuiltinTextStride == 0 &&
	    (target - kBuiltinTextBase) / kBuiltinTextStride < static_cast<uint64_t>(abi::BuiltinId::Count)) {
		builtin_id = static_cast<uint32_t>((target - kBuiltinTextBase) / kBuiltinTextStride);
		goto do_builtin;
	}
	std::optional<CodeLocation> loc = locate(images, target);
	if (!loc || loc->offset != 0)
		FAULT(FaultKind::BadCall, target);
	call_image = loc->image;
	call_func = loc->func;
	goto do_call;
}

do_call:
{
	const Program* callee_prog = call_image == image_index ? prog : images[call_image].program;
	KCTX_CHECK(call_func < callee_prog->functions.size());
	const Function& callee = callee_prog->functions[call_func];
	uint64_t size = align16(callee.frame_size);
	if (t.sp < size || t.sp - size < t.stack_limit) [[unlikely]]
		FAULT(FaultKind::StackOverflow, t.sp - size);
	uint32_t dest = op_a(w), args = op_b(w), nargs = op_c(w);
	KCTX_CHECK(args + nargs <= fn->nregs);   // the arguments lie in the caller's window
	t.frames.back().pc = static_cast<uint32_t>(ip + 1 - code);
	uint32_t base = frame_base + fn->nregs;
	uint32_t nregs = callee.nregs;
	if (base + nregs > t.regs.size())
		t.regs.resize(base + nregs);
	uint64_t* regs = t.regs.data();
	uint32_t n = std::min(nargs, nregs);
	for (uint32_t i = 0; i < n; i++)
		regs[base + i] = regs[frame_base + args + i];
	for (uint32_t i = n; i < nregs; i++)
		regs[base + i] = 0;
	t.sp -= size;
	// Filled in place: building a Frame and copying it in makes the copy's wide loads
	// wait on the narrow stores that built it (a store-forwarding stall on every call).
	Frame& callee_frame = t.frames.emplace_back();
	callee_frame.image = call_image;
	callee_frame.func = call_func;
	callee_frame.base = base;
	callee_frame.fp = t.sp;
	callee_frame.ret_reg = static_cast<uint16_t>(dest);
	if (call_image != image_index)
		LOAD_IMAGE(call_image);
	fn = &callee;
	code = callee.code.data();
	ip = code;
	frame_base = base;
	R = regs + base;
	fp = t.sp;
	NEXT();
}

do_builtin:
{
	if (builtin_id >= static_cast<uint32_t>(abi::BuiltinId::Count)) [[unlikely]]
		FAULT(FaultKind::BadCall, builtin_id);
	uint32_t dest = op_a(w), args = op_b(w), nargs = op_c(w);
	if (NativeFn native = natives.fns[builtin_id]) {
		uint64_t result = 0;
		bool handled = native(cx, R + args, nargs, &result);
		mem = cx.mem;
		if (handled) {
			R[dest] = result;
			ip++;
			NEXT();
		}
	}
	t.pending_dest = static_cast<uint16_t>(dest);
	t.frames.back().pc = static_cast<uint32_t>(ip + 1 - code);
	TRIM_REGS();
	res.exit = Exit::Builtin;
	res.call = BuiltinCall{static_cast<abi::BuiltinId>(builtin_id), static_cast<uint16_t>(dest),
			       static_cast<uint16_t>(args), static_cast<uint16_t>(nargs)};
	res.executed = budget - left;
	return res;
}

op_RET:
	ret_value = R[op_a(w)];
	goto do_return;
op_RETV:
	ret_value = 0;
	goto do_return;
do_return:
{
	const Frame& done = t.frames.back();
	t.sp = fp + align16(fn->frame_size);
	uint16_t dest = done.ret_reg;
	uint32_t base = done.base;
	t.frames.pop_back();
	if (t.frames.empty()) {
		t.regs.resize(base);
		res.exit = Exit::Return;
		res.value = ret_value;
		res.executed = budget - left;
		return res;
	}
	LOAD_FRAME();
	if (dest != kDiscardResult)   // a signal handler's frame returns into nothing
		R[dest] = ret_value;
	NEXT();
}

op_TRAP:
	// The front end's reason code rides in fault_address.
	FAULT(FaultKind::Trap, op_a(w));

out_budget:
	t.frames.back().pc = static_cast<uint32_t>(ip - code);
	TRIM_REGS();
	res.exit = Exit::Budget;
	res.executed = budget;
	return res;

out_fault:
	left++;
	t.frames.back().pc = static_cast<uint32_t>(ip - 1 - code);
	TRIM_REGS();
	res.exit = Exit::Fault;
	res.fault = fault;
	res.fault_address = fault_address;
	res.executed = budget - left;
	return res;

#undef LOAD_IMAGE
#undef LOAD_FRAME
#undef TRIM_REGS
#undef NEXT
#undef FAULT
#undef ABC_OP
#undef AB_OP
#undef LOAD_OP
#undef STORE_OP
#undef JUMP2_OP
}

}  // namespace kctx::vm
