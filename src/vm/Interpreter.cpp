// The bytecode interpreter. One function, run(), dispatches with GCC's computed goto
// (labels as values): every handler ends in its own fetch and indirect jump, so the
// branch predictor keeps a history per handler instead of one for a shared switch. The
// hot state (instruction pointer, the frame's register window, the budget left, the
// run's frames and stack pointer) lives in host registers and a host array of frames,
// and is written back to the Thread only when the run stops. At every exit the Thread is
// plain data again, so it can be copied, hashed or serialized between any two
// instructions.
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
#include <cstddef>
#include <cstring>
#include <limits>
#include <vector>

#include "base/Check.h"

// GCC's cross-jumping folds the identical dispatch tails of all handlers back into one
// shared indirect jump, which costs the per-handler branch prediction that computed goto
// is for. Keep each handler's own tail. And a call's zeroing of the callee's few
// registers must stay an inline loop, not become a call to memset through the PLT (a
// tenth of a call-heavy run's time).
#if defined(__GNUC__) && !defined(__clang__)
#define KCTX_SEPARATE_DISPATCH __attribute__((optimize("no-crossjumping", "no-tree-loop-distribute-patterns", "no-tree-vectorize")))
#else
#define KCTX_SEPARATE_DISPATCH
#endif

// GCC spreads run()'s locals over the stack: the interpreter's hottest few (instruction
// pointer, register window, budget, frame, stack pointer) then move between handlers
// through memory, a load or a store in every handler. Pinning them to callee-saved
// registers keeps them there, natives' calls included (the technique of OCaml's
// bytecode interpreter, runtime/interp.c). Only where it is known to work: GCC on
// x86-64 with optimization.
// KCTX_OPAQUE(x) hides x's value from the optimizer at one point, so that it does not
// keep the old value of an incremented pointer alive in another register to address
// through it (one move more in every dispatch).
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__OPTIMIZE__)
#define KCTX_REGISTER register
#define KCTX_PIN(reg) asm(reg)
#define KCTX_OPAQUE(x) asm("" : "+r"(x))
#else
#define KCTX_REGISTER
#define KCTX_PIN(reg)
#define KCTX_OPAQUE(x) ((void)0)
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
// The same fields read from memory, of the word before `ip` (the one executing: ip has
// moved past it), each with one load of just its bytes: no shifts and masks of a copy in
// a register, and no register kept busy holding the word. (Through the struct, gcc loads
// b and c as one 32-bit x and splits it: three instructions instead of two.)
template <typename T, size_t kOffset>
inline T field(const Insn* ip)
{
	T v;
	std::memcpy(&v, reinterpret_cast<const unsigned char*>(ip - 1) + kOffset, sizeof v);
	return v;
}
static_assert(offsetof(Insn, a) == 2 && offsetof(Insn, x) == 4);
inline uint32_t cur_a(const Insn* ip) { return field<uint16_t, 2>(ip); }
inline uint32_t cur_b(const Insn* ip) { return field<uint16_t, 4>(ip); }
inline uint32_t cur_c(const Insn* ip) { return field<uint16_t, 6>(ip); }
inline uint64_t cur_sc(const Insn* ip) { return static_cast<uint64_t>(static_cast<int64_t>(field<int16_t, 6>(ip))); }
inline uint32_t cur_bx(const Insn* ip) { return field<uint32_t, 4>(ip); }
inline int32_t cur_sbx(const Insn* ip) { return field<int32_t, 4>(ip); }
inline int16_t cur_c_signed(const Insn* ip) { return field<int16_t, 6>(ip); }

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
	uint64_t size = 0;     // FaultKind::Checked
	bool write = false;    // FaultKind::Checked
};

// The host's AccessCheck over a whole range (MEMCPY, MEMSET), as KASAN's memcpy and
// memset interceptors check theirs (mm/kasan/shadow.c): the report names the whole range.
std::optional<MemFault> check_range(const AccessCheck& check, uint64_t addr, uint64_t n, bool write)
{
	if (n == 0 || !check.covers(addr) || check.fn(check.host, addr, n, write))
		return std::nullopt;
	return MemFault{FaultKind::Checked, addr, n, write};
}

// MEMCPY: copies n bytes between (possibly different) address spaces with memmove
// semantics. Both ranges are checked before any byte moves, so a faulting copy has no
// effect and can be retried.
std::optional<MemFault> copy_memory(const AddressSpace& as, uint64_t dst, uint64_t src, uint64_t n)
{
	if (n == 0)
		return std::nullopt;
	if (auto bad = check_range(as.check, src, n, false))
		return bad;
	if (auto bad = check_range(as.check, dst, n, true))
		return bad;
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
		bool ok = from->read_fault_in(src + off, buf, len) && to->write(dst + off, buf, len);
		KCTX_CHECK(ok);   // both ranges were checked above
		done += len;
	}
	return std::nullopt;
}

std::optional<MemFault> set_memory(const AddressSpace& as, uint64_t dst, uint8_t byte, uint64_t n)
{
	if (n == 0)
		return std::nullopt;
	if (auto bad = check_range(as.check, dst, n, true))
		return bad;
	Memory* to = as.for_address(dst);
	if (auto bad = first_bad_address(to, dst, n, true))
		return MemFault{FaultKind::Write, *bad};
	bool ok = to->fill(dst, byte, n);
	KCTX_CHECK(ok);
	return std::nullopt;
}

// A run's own cache of the last page it read and the last it wrote: the page's
// simulated address and its host bytes. A hit costs a subtraction and a compare, with
// no lookup of the address space, the Memory's own cache or the AccessCheck: a page is
// only cached when it lies outside the check's window (which is whole pages), and only
// after its Memory has handed the page out (so it is resident, readable or writable,
// and copied on write already). Host state, never serialized: every run starts empty,
// and anything that may remap or copy pages (a native, MEMCPY, MEMSET, a store to the
// page read) empties it.
struct PageCache {
	uint64_t page = 0;
	uint8_t* ptr = nullptr;   // null: nothing cached (page is then meaningless)
	// The host address of the n bytes at addr if they lie in the cached page, else null.
	[[nodiscard]] uint8_t* hit(uint64_t addr, uint64_t n) const
	{
		uint64_t off = addr - page;
		return off <= kPageSize - n && ptr ? ptr + off : nullptr;
	}
};

enum class AccessStatus : uint8_t { Ok, Unmapped, Checked };
struct Access {
	uint64_t raw = 0;   // a load's value (little-endian: its first n bytes)
	AccessStatus status = AccessStatus::Ok;
};

bool outside_check(const AccessCheck& check, uint64_t page)
{
	return !check.covers(page) && !check.covers(page + (kPageSize - 1));
}

// The loads' and stores' way past the run's page cache: the AccessCheck, the address
// space, the Memory (its own one-page cache, then its page table), and the refill.
[[gnu::noinline]] Access load_miss(const AddressSpace& as, PageCache& rc, uint64_t addr, uint32_t n)
{
	Access a;
	if (as.check.covers(addr) && !as.check.fn(as.check.host, addr, n, false)) {
		a.status = AccessStatus::Checked;
		return a;
	}
	// The program's own read: the page becomes resident, as its fault would make it.
	Memory* m = as.for_address(addr);
	if (!m || !m->read_fault_in(addr, &a.raw, n)) {
		a.status = AccessStatus::Unmapped;
		return a;
	}
	uint64_t page = addr & ~(kPageSize - 1);
	const uint8_t* p = outside_check(as.check, page) ? m->read_hit(page, 1) : nullptr;
	rc = PageCache{page, const_cast<uint8_t*>(p)};
	return a;
}

[[gnu::noinline]] AccessStatus store_miss(const AddressSpace& as, PageCache& wc, PageCache& rc, uint64_t addr,
					  uint64_t raw, uint32_t n)
{
	if (as.check.covers(addr) && !as.check.fn(as.check.host, addr, n, true))
		return AccessStatus::Checked;
	Memory* m = as.for_address(addr);
	if (!m || !m->write(addr, &raw, n))
		return AccessStatus::Unmapped;
	// The write may have copied a shared page: the read cache must not keep the old one.
	rc = PageCache{};
	uint64_t page = addr & ~(kPageSize - 1);
	wc = PageCache{page, outside_check(as.check, page) ? m->write_hit(page, 1) : nullptr};
	return AccessStatus::Ok;
}

// A frame as the running run() keeps it: host pointers instead of indices, no pc
// until it calls. The run's frames are an array of these, hs[0] the Thread's top frame
// when the run began (the same frame as t.frames.back()), then the frames it has pushed,
// the running one last; the run writes them to the Thread's frames only when it stops
// (or when more than kHostFrames are live). A call and a return touch this small array
// instead of a vector of Frames, and the running frame's fields are where its caller
// will find them, so a call saves no more than the caller's ip. The register for the
// result is the call instruction's own (call_dest), and a call within the image (all
// but a CALLI into another) stores one constant for the image.
struct HostFrame {
	const Function* fn;
	const Insn* ip;         // while it calls: its return address
	uint64_t* R;            // its registers in t.regs (rebased when t.regs moves)
	uint64_t fp;            // its stack memory
	uint64_t sp;            // the stack pointer before its call, which its return restores
	uint32_t image;         // its image: only meaningful in hs[0] and where caller_image is set
	uint32_t caller_image;  // the caller's image if the call crossed into another, else kSameImage;
				// kThreadFrame in hs[0], whose caller is in the Thread's frames
};
constexpr uint32_t kHostFrames = 128;
constexpr uint32_t kSameImage = ~0u;
// Not kSameImage either: a return's one test of caller_image sends both a CALLI that
// crossed and hs[0] (whose caller the Thread's frames hold) off the common path.
constexpr uint32_t kThreadFrame = ~0u - 1;

// The result register of the call a frame returns to: the `a` of the call's first word,
// two words before the return address.
inline uint16_t call_dest(const Insn* return_ip) { return (return_ip - 2)->a; }

// Hands the frames hs[1..top] over to the Thread (hs[0] is its top frame already: this
// sets that frame's pc) and moves *top down to hs[0]. top's own pc is the exit's to set.
[[gnu::noinline, gnu::cold]] void flush_frames(Thread& t, ImageTable images, HostFrame* hs, const HostFrame* top)
{
	if (top == hs)
		return;
	t.frames.back().pc = static_cast<uint32_t>(hs[0].ip - hs[0].fn->code.data());
	uint32_t image = hs[0].image;
	for (const HostFrame* f = hs + 1; f <= top; f++) {
		if (f->caller_image != kSameImage)
			image = f->image;
		const Function* first = images[image].program->functions.data();
		uint32_t pc = f < top ? static_cast<uint32_t>(f->ip - f->fn->code.data()) : 0;
		t.frames.push_back(Frame{image, static_cast<uint32_t>(f->fn - first), pc,
					 static_cast<uint32_t>(f->R - t.regs.data()), f->fp, call_dest(f[-1].ip)});
	}
	hs[0] = *top;
	hs[0].image = image;
	hs[0].caller_image = kThreadFrame;
}

// A new frame's first four registers: its first `nargs` (at most four) arguments from
// `argv`, then zeros. nargs is the callee's (Function::window_args), not the call's: a
// call passes as many as the function takes (the front end checks it), but for a
// variadic one, and a register of the four the callee does not take is scratch. The
// zeros go first, as two 16-byte stores, then the arguments one 8-byte load and store
// each: the caller has just written them one register at a time, and a wider load of two
// would wait for both stores to retire (store forwarding serves a load from one store;
// a masked 16-byte copy measured twice as slow per call, for fewer instructions).
inline void enter_window(uint64_t* regs, const uint64_t* argv, uint32_t nargs)
{
	std::memset(regs, 0, 4 * sizeof(uint64_t));
	for (uint32_t i = 0; i < nargs; i++)
		regs[i] = argv[i];
}

// The registers of a new frame after its fourth: zeros, then the arguments after the
// fourth as far as it has registers for them.
inline void enter_rest(uint64_t* regs, const uint64_t* argv, uint32_t nargs, uint32_t nregs)
{
	for (uint32_t i = 4; i < nregs; i += 4)
		std::memset(regs + i, 0, 4 * sizeof(uint64_t));   // a block past nregs is scratch
	for (uint32_t i = 4; i < std::min(nargs, nregs); i++)
		regs[i] = argv[i];
}

// A call whose window (n registers from `first`) runs past the end of t.regs: grows it,
// rebases the run's frames' register pointers (hs[0..cf]) and the run's copies of its
// bounds, and returns the new window.
[[gnu::noinline, gnu::cold]] uint64_t* grow_regs(Thread& t, HostFrame* hs, HostFrame* cf, size_t first, size_t n,
						 uint64_t*& regs, uint64_t*& regs_end)
{
	std::array<size_t, kHostFrames> base;
	for (HostFrame* f = hs; f <= cf; f++)
		base[f - hs] = static_cast<size_t>(f->R - regs);
	t.regs.resize(first + n);
	for (HostFrame* f = hs; f <= cf; f++)
		f->R = t.regs.data() + base[f - hs];
	regs = t.regs.data();
	regs_end = regs + t.regs.size();
	return regs + first;
}

// Whether a whole-loop superinstruction at `w` (its six words) has the shape the front
// end gives `sum += p[i]` in `for (; i < n; i++)`: i, the element size, the base and n
// feed the MUL, the ADD, the load (through the address just added), the accumulation
// into its own register, the step of i and its test, with the back edge to the MUL. Then
// the five registers written are all different and none of the three only read is one
// of them, so the parts' values can live in host locals while it goes round and reach R
// when it stops, with the same result as part by part through R.
bool loop_in_locals(const Insn* w)
{
	uint32_t i = op_a(word(w + 4));
	uint32_t off = op_a(word(w)), addr = op_a(word(w + 1)), v = op_a(word(w + 2)), acc = op_a(word(w + 3));
	uint32_t size = op_c(word(w)), base = op_b(word(w + 1)), end = op_b(word(w + 5));
	bool shape = op_b(word(w)) == i && op_c(word(w + 1)) == off && op_b(word(w + 2)) == addr &&
		     op_b(word(w + 3)) == acc && op_c(word(w + 3)) == v && op_b(word(w + 4)) == i &&
		     op_a(word(w + 5)) == i && op_sc(word(w + 5)) == static_cast<uint64_t>(-6);
	if (!shape)
		return false;
	const uint32_t written[] = {off, addr, v, acc, i};
	for (size_t x = 0; x < std::size(written); x++) {
		for (size_t y = x + 1; y < std::size(written); y++)
			if (written[x] == written[y])
				return false;
		if (written[x] == size || written[x] == base || written[x] == end)
			return false;
	}
	return true;
}

// The fast path of a whole-loop superinstruction (loop_in_locals): its five written
// registers, the three it only reads and its two immediates, in host locals while it
// goes round. A function of its own: inside run(), whose hottest locals hold six
// registers for the dispatch, the loop's dozen values would live on the stack.
struct LoopRegs {
	uint64_t off, addr, v, acc, i;
};
struct LoopConsts {
	uint64_t size, base, end, disp, step;
};
enum class LoopStop : uint8_t { Exit, Budget, Fault };
inline uint64_t acc_ADD(uint64_t x, uint64_t y) { return x + y; }
inline uint64_t acc_ADD32(uint64_t x, uint64_t y) { return sext32(x + y); }
inline uint64_t step_ADDI(uint64_t x, uint64_t c) { return x + c; }
inline uint64_t step_ADDI32(uint64_t x, uint64_t c) { return sext32(x + c); }
inline bool test_JLTS(uint64_t x, uint64_t y) { return s64(x) < s64(y); }
inline bool test_JLTU(uint64_t x, uint64_t y) { return x < y; }

// Goes round with the first part of this round charged already and `left` the budget
// after it: Exit when the back edge falls through, Budget when another six parts do
// not fit (the back edge taken, for a dispatch to charge), Fault when the load fails
// (`miss` says how, at `miss_addr`; off and addr are this round's, the rest the last).
template <typename T, uint64_t (*Acc)(uint64_t, uint64_t), uint64_t (*Step)(uint64_t, uint64_t),
	  bool (*Test)(uint64_t, uint64_t)>
[[gnu::noinline]] LoopStop run_loop(LoopRegs& r, const LoopConsts& k, int64_t& left, PageCache& rcache,
				    const AddressSpace& mem, Access& miss, uint64_t& miss_addr)
{
	// Copies, so that nothing the loop reads is reloaded after a store or a call could
	// have changed it.
	LoopRegs x = r;
	const LoopConsts c = k;
	PageCache cache = rcache;
	int64_t budget = left;
	LoopStop stop;
	for (;;) {
		x.off = x.i * c.size;
		x.addr = c.base + x.off;
		const uint64_t ea = x.addr + c.disp;
		T value;
		if (const uint8_t* hit = cache.hit(ea, sizeof value)) [[likely]] {
			std::memcpy(&value, hit, sizeof value);
		} else {
			miss = load_miss(mem, cache, ea, sizeof value);
			if (miss.status != AccessStatus::Ok) [[unlikely]] {
				miss_addr = ea;
				stop = LoopStop::Fault;
				break;
			}
			std::memcpy(&value, &miss.raw, sizeof value);
		}
		x.v = static_cast<uint64_t>(static_cast<int64_t>(value));
		x.acc = Acc(x.acc, x.v);
		x.i = Step(x.i, c.step);
		if (!Test(x.i, c.end)) {
			stop = LoopStop::Exit;
			break;
		}
		if (budget < 6) {
			stop = LoopStop::Budget;
			break;
		}
		budget -= 6;
	}
	r = x;
	rcache = cache;
	left = budget;
	return stop;
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
		if (!img.program || img.unloaded || address < img.text_base ||
		    address - img.text_base >= img.program->text_size())
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
	KCTX_REGISTER const void* const* dispatch KCTX_PIN("r15") = kDispatch;

	// The running frame's image, cached: LOAD_IMAGE refills these when a call or a return
	// crosses into another image.
	uint32_t image_index = 0;
	const Program* prog = nullptr;
	const Function* funcs = nullptr;
	const uint64_t* K = nullptr;
	uint64_t data_base = 0;
	uint64_t text_base = 0;
	// The running frame's next instruction and registers (cf->R, in a host register).
	KCTX_REGISTER const Insn* ip KCTX_PIN("rbx") = nullptr;
	KCTX_REGISTER uint64_t* R KCTX_PIN("r12") = nullptr;
	AddressSpace mem = cx.mem;
	PageCache rcache, wcache;   // the pages this run last read and wrote
#define FORGET_PAGES()                    \
	do {                              \
		rcache = PageCache{};     \
		wcache = PageCache{};     \
	} while (0)

	// Instructions still allowed, decremented as each starts. Signed, so that the test
	// is the decrement's own sign (a run of 2^63 instructions never ends anyway).
	budget = std::min<uint64_t>(budget, std::numeric_limits<int64_t>::max());
	KCTX_REGISTER int64_t left KCTX_PIN("rbp") = static_cast<int64_t>(budget);
	uint64_t ret_value = 0;
	uint32_t builtin_id = 0;   // CALLB's or CALLI's, for do_builtin
	FaultKind fault = FaultKind::Read;
	uint64_t fault_address = 0;
	uint64_t fault_size = 0;
	bool fault_write = false;

	// The run's frames (HostFrame): cf is the running one. A return to a frame in hs
	// restores it from there instead of decoding a Frame (image, function, code, pc: a
	// chain of dependent loads). The Thread's frames lack them until FLUSH_FRAMES, which
	// every exit runs: between runs the Thread is complete plain data.
	HostFrame hs[kHostFrames];
	KCTX_REGISTER HostFrame* cf KCTX_PIN("r13") = hs;
	// t.regs only grows in a call, which updates these; between runs it holds exactly the
	// frames' registers (TRIM_REGS).
	uint64_t* regs = t.regs.data();
	uint64_t* regs_end = regs + t.regs.size();
	// The stack pointer lives here while the run goes on (t.sp only at exits: a store
	// through R could alias it, which would keep it from living in a host register).
	KCTX_REGISTER uint64_t sp KCTX_PIN("r14") = t.sp;
	const uint64_t stack_limit = t.stack_limit;
#define FLUSH_FRAMES()                                    \
	do {                                              \
		flush_frames(t, images, hs, cf);          \
		cf = hs;                                  \
		t.sp = sp;                                \
	} while (0)

#define LOAD_IMAGE(index)                                         \
	do {                                                      \
		image_index = (index);                            \
		KCTX_CHECK(image_index < images.size());          \
		const Image& img_ = images[image_index];          \
		prog = img_.program;                              \
		funcs = prog->functions.data();                   \
		K = prog->constants.data();                       \
		data_base = img_.data_base;                       \
		text_base = img_.text_base;                       \
	} while (0)

#define LOAD_FRAME()                                              \
	do {                                                      \
		const Frame& f_ = t.frames.back();                \
		if (f_.image != image_index || !prog)             \
			LOAD_IMAGE(f_.image);                     \
		cf = hs;                                          \
		cf->fn = &prog->functions[f_.func];               \
		cf->R = R = regs + f_.base;                       \
		cf->fp = f_.fp;                                   \
		cf->sp = f_.fp + align16(cf->fn->frame_size);     \
		cf->image = image_index;                          \
		cf->caller_image = kThreadFrame;                  \
		ip = cf->fn->code.data() + f_.pc;                 \
	} while (0)

	// Pushes a frame for `callee_expr` and enters it; ip is on the call's second word, the
	// first has the result register and the arguments. The callee's window starts after
	// the caller's registers: its first four are zeroed and take its parameters
	// (enter_window), the rest, if it has more, are zeroed in blocks of four and take the
	// arguments after the fourth (enter_rest). What lies past the callee's nregs is
	// scratch space (above the top frame), which the vector keeps room for. The image, if
	// the callee's differs, is the caller's to load after this.
#define PUSH_FRAME(callee_expr)                                                          \
	do {                                                                             \
		const Function* const callee_ = (callee_expr);                           \
		const uint64_t size_ = callee_->frame_size;   /* 16-aligned (layout) */   \
		/* sp - size < stack_limit, without the wrap-around (size and the limit  \
		   are small next to the 64-bit address space) */                        \
		if (sp < stack_limit + size_) [[unlikely]]                               \
			FAULT(FaultKind::StackOverflow, sp - size_);                     \
		if (cf == hs + (kHostFrames - 1)) [[unlikely]]                           \
			FLUSH_FRAMES();   /* deep recursion: the Thread takes the frames */ \
		cf->ip = ip + 1;                                                         \
		uint64_t* callee_regs_ = R + cf->fn->nregs;                              \
		const uint32_t nregs_ = callee_->nregs;                                  \
		if (callee_regs_ + nregs_ + 4 > regs_end) [[unlikely]] {                 \
			callee_regs_ = grow_regs(t, hs, cf, callee_regs_ - regs, nregs_ + 4, \
						 regs, regs_end);                        \
			R = cf->R;                                                       \
		}                                                                        \
		enter_window(callee_regs_, R + cur_b(ip), callee_->window_args);         \
		if (nregs_ > 4) [[unlikely]]                                             \
			enter_rest(callee_regs_, R + cur_b(ip), cur_c(ip), nregs_);      \
		cf++;                                                                    \
		cf->fn = callee_;                                                        \
		cf->R = callee_regs_;                                                    \
		cf->sp = sp;                                                             \
		sp -= size_;                                                             \
		cf->fp = sp;                                                             \
		cf->caller_image = kSameImage;                                           \
		ip = callee_->code.data();                                               \
		R = callee_regs_;                                                        \
	} while (0)

	// Registers above the top frame are scratch while the run goes on (a return leaves
	// them, the next call zeroes what it uses); every exit trims them, so a Thread at rest
	// holds exactly its frames' registers and equal states compare equal.
#define TRIM_REGS() t.regs.resize(static_cast<size_t>(R - regs) + cf->fn->nregs)

	// Each instruction is charged as it starts; a fault un-charges it (it did not
	// complete and will run again on a retry).
#define NEXT()                                                    \
	do {                                                      \
		if (--left < 0) [[unlikely]]                      \
			goto out_budget;                          \
		ip++;                                             \
		KCTX_OPAQUE(ip);                                  \
		goto *dispatch[static_cast<uint8_t>(ip[-1].op)];  \
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
		uint64_t x = R[cur_b(ip)], y = R[cur_c(ip)];          \
		R[cur_a(ip)] = (expr);                              \
		NEXT();                                           \
	}
#define AB_OP(name, expr)                                         \
	op_##name:                                                \
	{                                                         \
		uint64_t x = R[cur_b(ip)];                          \
		R[cur_a(ip)] = (expr);                              \
		NEXT();                                           \
	}

	// A failed access: an unmapped address, or the host's AccessCheck refused it.
#define ACCESS_FAULT(status, addr, T, write)                          \
	do {                                                          \
		if ((status) == AccessStatus::Checked) {              \
			fault_size = sizeof(T);                       \
			fault_write = (write);                        \
			FAULT(FaultKind::Checked, addr);              \
		}                                                     \
		FAULT((write) ? FaultKind::Write : FaultKind::Read, addr); \
	} while (0)

	// The instructions superinstructions are made of have their semantics in DO_name
	// (one statement, operands from ip[-1]); op_name runs it alone. The loads' and stores'
	// FAULT leaves pc on the word being executed, which is what a fault in a later part
	// of a superinstruction needs too.
#define DO_ABC(expr)                                              \
	do {                                                      \
		uint64_t x = R[cur_b(ip)], y = R[cur_c(ip)];          \
		R[cur_a(ip)] = (expr);                              \
	} while (0)
	// Loads and stores hit the run's page cache inline; anything else goes through a
	// call that returns the value in registers (a value whose address escapes would make
	// every load a store and a reload).
#define DO_LOAD(T, conv)                                                        \
	do {                                                                    \
		uint64_t addr = R[cur_b(ip)] + cur_sc(ip);                          \
		T v;                                                            \
		if (const uint8_t* hit = rcache.hit(addr, sizeof(T))) [[likely]] { \
			std::memcpy(&v, hit, sizeof(T));                        \
		} else {                                                        \
			Access l = load_miss(mem, rcache, addr, sizeof(T));     \
			if (l.status != AccessStatus::Ok) [[unlikely]]          \
				ACCESS_FAULT(l.status, addr, T, false);         \
			std::memcpy(&v, &l.raw, sizeof(T));                     \
		}                                                               \
		R[cur_a(ip)] = (conv);                                            \
	} while (0)
#define DO_STORE(T, expr)                                                       \
	do {                                                                    \
		uint64_t addr = R[cur_b(ip)] + cur_sc(ip);                          \
		uint64_t x = R[cur_a(ip)];                                        \
		T v = (expr);                                                   \
		if (uint8_t* hit = wcache.hit(addr, sizeof(T))) [[likely]] {    \
			std::memcpy(hit, &v, sizeof(T));                        \
		} else {                                                        \
			uint64_t raw = 0;                                       \
			std::memcpy(&raw, &v, sizeof(T));                       \
			AccessStatus st = store_miss(mem, wcache, rcache, addr, raw, sizeof(T)); \
			if (st != AccessStatus::Ok) [[unlikely]]                \
				ACCESS_FAULT(st, addr, T, true);                \
		}                                                               \
	} while (0)
	// The taken jump is laid out inline: a loop's test jumps back on every iteration
	// but the last, and a taken path placed out of line costs two more taken branches
	// (there and back).
#define DO_JUMP2(cond)                                            \
	do {                                                      \
		uint64_t x = R[cur_a(ip)], y = R[cur_b(ip)];          \
		if (cond) [[likely]]                              \
			ip += cur_c_signed(ip);                   \
	} while (0)
#define DO_LOADI R[cur_a(ip)] = static_cast<uint64_t>(static_cast<int64_t>(cur_sbx(ip)))
#define DO_ADDI R[cur_a(ip)] = R[cur_b(ip)] + cur_sc(ip)
#define DO_ADDI32 R[cur_a(ip)] = sext32(R[cur_b(ip)] + cur_sc(ip))
#define DO_ADD DO_ABC(x + y)
#define DO_MUL DO_ABC(x * y)
#define DO_LD8S DO_LOAD(int8_t, static_cast<uint64_t>(static_cast<int64_t>(v)))
#define DO_LD8U DO_LOAD(uint8_t, uint64_t{v})
#define DO_LD16S DO_LOAD(int16_t, static_cast<uint64_t>(static_cast<int64_t>(v)))
#define DO_LD16U DO_LOAD(uint16_t, uint64_t{v})
#define DO_LD32S DO_LOAD(int32_t, static_cast<uint64_t>(static_cast<int64_t>(v)))
#define DO_LD32U DO_LOAD(uint32_t, uint64_t{v})
#define DO_LD64 DO_LOAD(uint64_t, v)
#define DO_LDF32 DO_LOAD(float, bits(static_cast<double>(v)))
#define DO_ST8 DO_STORE(uint8_t, static_cast<uint8_t>(x))
#define DO_ST16 DO_STORE(uint16_t, static_cast<uint16_t>(x))
#define DO_ST32 DO_STORE(uint32_t, static_cast<uint32_t>(x))
#define DO_ST64 DO_STORE(uint64_t, x)
#define DO_STF32 DO_STORE(float, narrow(f64(x)))
#define DO_JEQ DO_JUMP2(x == y)
#define DO_JNE DO_JUMP2(x != y)
#define DO_JLTS DO_JUMP2(s64(x) < s64(y))
#define DO_JLES DO_JUMP2(s64(x) <= s64(y))
#define DO_JLTU DO_JUMP2(x < y)
#define DO_JLEU DO_JUMP2(x <= y)
#define DO_MOV R[cur_a(ip)] = R[cur_b(ip)]
#define DO_ADD32 DO_ABC(sext32(x + y))
	// Parts that leave the handler: the call and return paths read ip[-1] (and ip, which is on
	// the call's second word) exactly as they do for a plain CALL, CALLB or RET.
#define DO_CALL goto op_CALL
#define DO_CALLB goto op_CALLB
#define DO_RET goto op_RET
#define SINGLE(name)                                              \
	op_##name:                                                \
	DO_##name;                                                \
	NEXT();

	// A superinstruction charges one instruction per part, so it runs whole only when
	// the budget has room for all of them; otherwise its first part runs alone (its
	// operands are the fused word's own) and the next run starts on the second part's
	// plain word. Each later part is charged as it starts, so a fault in it un-charges
	// just that part, as if the parts had run one by one.
#define NEXT_PART()                                               \
	do {                                                      \
		left--;                                           \
		ip++;                                             \
	} while (0)
#define FUSED2(name, x, y)                                        \
	op_##name:                                                \
	if (left < 1) [[unlikely]]                                \
		goto op_##x;                                      \
	DO_##x;                                                   \
	NEXT_PART();                                              \
	DO_##y;                                                   \
	NEXT();
#define FUSED3(name, x, y, z)                                     \
	op_##name:                                                \
	if (left < 2) [[unlikely]]                                \
		goto op_##x;                                      \
	DO_##x;                                                   \
	NEXT_PART();                                              \
	DO_##y;                                                   \
	NEXT_PART();                                              \
	DO_##z;                                                   \
	NEXT();
	// A whole loop body (MUL, ADD, load, accumulate, step, back edge): one budget test
	// for all six parts, and while the back edge lands on this very word and the budget
	// has room for another six (the dispatch's one plus five), it goes round again
	// without a dispatch. The parts charge as they go, so a fault in the load (the only
	// part that can fault) leaves exactly the MUL, the ADD and the load charged, with pc
	// on the load, as the plain code would.
#define FUSED6(name, p1, p2, p3, p4, p5, p6)                     \
	op_##name:                                                \
	if (left < 5) [[unlikely]]                                \
		goto op_##p1;                                     \
	{                                                         \
		const Insn* const self_ = ip - 1;                 \
		if (loop_in_locals(self_))                        \
			goto fast_##name;                         \
	again_##name:                                             \
		DO_##p1;                                          \
		NEXT_PART();                                      \
		DO_##p2;                                          \
		NEXT_PART();                                      \
		DO_##p3;                                          \
		NEXT_PART();                                      \
		DO_##p4;                                          \
		NEXT_PART();                                      \
		DO_##p5;                                          \
		NEXT_PART();                                      \
		DO_##p6;                                          \
		if (ip == self_ && left >= 6) [[likely]] {        \
			left -= 1;                                \
			ip++;                                     \
			goto again_##name;                        \
		}                                                 \
		NEXT();                                           \
	}                                                         \
	fast_##name:                                              \
	{                                                         \
		/* The usual shape (see loop_in_locals): the values live in host \
		   registers, not in R, for as long as the loop goes round. */ \
		const Insn* const self_ = ip - 1;                 \
		const uint64_t w1_ = word(self_), w2_ = word(self_ + 1), w3_ = word(self_ + 2); \
		const uint64_t w4_ = word(self_ + 3), w5_ = word(self_ + 4), w6_ = word(self_ + 5); \
		const LoopConsts k_{R[op_c(w1_)], R[op_b(w2_)], R[op_b(w6_)], op_sc(w3_), op_sc(w5_)}; \
		LoopRegs r_{R[op_a(w1_)], R[op_a(w2_)], R[op_a(w3_)], R[op_a(w4_)], R[op_a(w5_)]}; \
		int64_t left_ = left - 5;   /* parts 2 to 6 of the first time round */ \
		Access miss_;                                     \
		uint64_t miss_addr_ = 0;                          \
		const LoopStop stop_ = run_loop<LOAD_T_##p3, acc_##p4, step_##p5, test_##p6>( \
			r_, k_, left_, rcache, mem, miss_, miss_addr_); \
		left = left_;                                     \
		R[op_a(w1_)] = r_.off;                            \
		R[op_a(w2_)] = r_.addr;                           \
		R[op_a(w3_)] = r_.v;                              \
		R[op_a(w4_)] = r_.acc;                            \
		R[op_a(w5_)] = r_.i;                              \
		if (stop_ == LoopStop::Fault) [[unlikely]] {      \
			/* the MUL and ADD done; the load's fault un-charges \
			   it, and the three parts after it never started */ \
			left += 3;                                \
			ip = self_ + 3;                           \
			ACCESS_FAULT(miss_.status, miss_addr_, LOAD_T_##p3, false); \
		}                                                 \
		/* past the back edge, or on it for a dispatch that charges */ \
		ip = stop_ == LoopStop::Exit ? self_ + 6 : self_; \
		NEXT();                                           \
	}
#define LOAD_T_LD8U uint8_t
#define LOAD_T_LD32S int32_t
#define LOAD_T_LD32U uint32_t
#define LOAD_T_LD64 uint64_t
#define FUSED_PICK(a1, a2, a3, a4, a5, a6, macro, ...) macro

	LOAD_FRAME();
	KCTX_CHECK(R + cf->fn->nregs <= regs_end);
	NEXT();

	// -- moves and constants --
op_NOP:
	NEXT();
	SINGLE(MOV)
	SINGLE(LOADI)
op_LOADK:
	R[cur_a(ip)] = K[cur_bx(ip)];
	NEXT();
op_GADDR:
	R[cur_a(ip)] = data_base + cur_bx(ip);
	NEXT();
op_FADDR:
	R[cur_a(ip)] = text_base + prog->functions[cur_bx(ip)].text_offset;
	NEXT();
op_LADDR:
	R[cur_a(ip)] = cf->fp + cur_bx(ip);
	NEXT();

	// -- 64-bit integer arithmetic: unsigned, so it wraps without undefined behaviour --
	SINGLE(ADD)
	ABC_OP(SUB, x - y)
	SINGLE(MUL)
op_DIVS:
{
	uint64_t x = R[cur_b(ip)], y = R[cur_c(ip)];
	// x86's idiv raises #DE for INT64_MIN / -1 as for a zero divisor (the same divide
	// error); any other x / -1 is a negation, done here without the host's overflow.
	if (y == 0 || (s64(y) == -1 && x == uint64_t{1} << 63)) [[unlikely]]
		FAULT(FaultKind::DivideByZero, 0);
	R[cur_a(ip)] = s64(y) == -1 ? 0 - x : static_cast<uint64_t>(s64(x) / s64(y));
	NEXT();
}
op_DIVU:
{
	uint64_t x = R[cur_b(ip)], y = R[cur_c(ip)];
	if (y == 0) [[unlikely]]
		FAULT(FaultKind::DivideByZero, 0);
	R[cur_a(ip)] = x / y;
	NEXT();
}
op_REMS:
{
	uint64_t x = R[cur_b(ip)], y = R[cur_c(ip)];
	// The remainder comes from the same idiv: INT64_MIN % -1 traps too.
	if (y == 0 || (s64(y) == -1 && x == uint64_t{1} << 63)) [[unlikely]]
		FAULT(FaultKind::DivideByZero, 0);
	R[cur_a(ip)] = s64(y) == -1 ? 0 : static_cast<uint64_t>(s64(x) % s64(y));
	NEXT();
}
op_REMU:
{
	uint64_t x = R[cur_b(ip)], y = R[cur_c(ip)];
	if (y == 0) [[unlikely]]
		FAULT(FaultKind::DivideByZero, 0);
	R[cur_a(ip)] = x % y;
	NEXT();
}
	ABC_OP(AND, x & y)
	ABC_OP(OR, x | y)
	ABC_OP(XOR, x ^ y)
	ABC_OP(SHL, x << (y & 63))
	ABC_OP(SHRS, static_cast<uint64_t>(s64(x) >> (y & 63)))
	ABC_OP(SHRU, x >> (y & 63))
	SINGLE(ADDI)
	AB_OP(NEG, 0 - x)
	AB_OP(NOT, ~x)
	AB_OP(LNOT, uint64_t{x == 0})
	SINGLE(ADD32)
	ABC_OP(SUB32, sext32(x - y))
	ABC_OP(MUL32, sext32(x * y))
	SINGLE(ADDI32)
op_DIVS32:
{
	// gcc divides two ints with idivl, which raises #DE for INT_MIN / -1 as for a zero
	// divisor: the 64-bit DIVS on the sign-extended operands would give 2^31 instead.
	const int32_t x = static_cast<int32_t>(R[cur_b(ip)]), y = static_cast<int32_t>(R[cur_c(ip)]);
	if (y == 0 || (y == -1 && x == INT32_MIN)) [[unlikely]]
		FAULT(FaultKind::DivideByZero, 0);
	R[cur_a(ip)] = static_cast<uint64_t>(static_cast<int64_t>(x / y));
	NEXT();
}
op_REMS32:
{
	// The remainder comes from the same idivl: INT_MIN % -1 traps too.
	const int32_t x = static_cast<int32_t>(R[cur_b(ip)]), y = static_cast<int32_t>(R[cur_c(ip)]);
	if (y == 0 || (y == -1 && x == INT32_MIN)) [[unlikely]]
		FAULT(FaultKind::DivideByZero, 0);
	R[cur_a(ip)] = static_cast<uint64_t>(static_cast<int64_t>(x % y));
	NEXT();
}

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
	SINGLE(LD8S)
	SINGLE(LD8U)
	SINGLE(LD16S)
	SINGLE(LD16U)
	SINGLE(LD32S)
	SINGLE(LD32U)
	SINGLE(LD64)
	SINGLE(LDF32)
	SINGLE(ST8)
	SINGLE(ST16)
	SINGLE(ST32)
	SINGLE(ST64)
	SINGLE(STF32)
op_MEMCPY:
{
	FORGET_PAGES();
	if (auto bad = copy_memory(mem, R[cur_a(ip)], R[cur_b(ip)], R[cur_c(ip)])) [[unlikely]] {
		fault_size = bad->size;
		fault_write = bad->write;
		FAULT(bad->kind, bad->address);
	}
	NEXT();
}
op_MEMSET:
{
	FORGET_PAGES();
	if (auto bad = set_memory(mem, R[cur_a(ip)], static_cast<uint8_t>(R[cur_b(ip)]), R[cur_c(ip)])) [[unlikely]] {
		fault_size = bad->size;
		fault_write = bad->write;
		FAULT(bad->kind, bad->address);
	}
	NEXT();
}

op_ALLOCA:
{
	uint64_t n = R[cur_b(ip)];
	uint64_t room = sp > stack_limit ? sp - stack_limit : 0;
	if (n > room || align16(n) > room) [[unlikely]]
		FAULT(FaultKind::StackOverflow, n > sp ? 0 : sp - n);
	sp -= align16(n);
	R[cur_a(ip)] = sp;
	NEXT();
}
op_GETSP:
	R[cur_a(ip)] = sp;
	NEXT();
op_SETSP:
	sp = R[cur_a(ip)];
	NEXT();

	// -- control --
op_JMP:
	ip += cur_sbx(ip);
	NEXT();
op_JZ:
	if (R[cur_a(ip)] == 0)
		ip += cur_sbx(ip);
	NEXT();
op_JNZ:
	if (R[cur_a(ip)] != 0)
		ip += cur_sbx(ip);
	NEXT();
	SINGLE(JEQ)
	SINGLE(JNE)
	SINGLE(JLTS)
	SINGLE(JLES)
	SINGLE(JLTU)
	SINGLE(JLEU)

	// Calls: ip points at the call's second word while these run. A call within the
	// image (CALL, the common case) takes its callee straight from the image's table; a
	// CALLI may cross images. The operands were checked when the program was laid out
	// (Program::layout): the callee exists, the arguments lie in the caller's window.
op_CALL:
{
	const Function* callee = funcs + cur_bx(ip + 1);
	PUSH_FRAME(callee);
	NEXT();
}
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
	// User programs are all linked at the same address, each in its own address space,
	// and the table holds them all: the caller's own image is the one mapped there.
	std::optional<CodeLocation> loc = locate(images.subspan(image_index, 1), target);
	if (loc)
		loc->image = image_index;
	else
		loc = locate(images, target);
	if (!loc || loc->offset != 0)
		FAULT(FaultKind::BadCall, target);
	const Function* callee = &images[loc->image].program->functions[loc->func];
	uint32_t callee_image = loc->image;
	PUSH_FRAME(callee);
	if (callee_image != image_index) {
		cf->caller_image = image_index;
		cf->image = callee_image;
		LOAD_IMAGE(callee_image);
	}
	NEXT();
}

do_builtin:
{
	if (builtin_id >= static_cast<uint32_t>(abi::BuiltinId::Count)) [[unlikely]]
		FAULT(FaultKind::BadCall, builtin_id);
	uint32_t dest = cur_a(ip), args = cur_b(ip), nargs = cur_c(ip);
	if (NativeFn native = natives.fns[builtin_id]) {
		uint64_t result = 0;
		bool handled = native(cx, R + args, nargs, &result);
		mem = cx.mem;
		FORGET_PAGES();
		if (handled) {
			R[dest] = result;
			ip++;
			NEXT();
		}
	}
	t.pending_dest = static_cast<uint16_t>(dest);
	FLUSH_FRAMES();
	t.frames.back().pc = static_cast<uint32_t>(ip + 1 - cf->fn->code.data());
	TRIM_REGS();
	res.exit = Exit::Builtin;
	res.call = BuiltinCall{static_cast<abi::BuiltinId>(builtin_id), static_cast<uint16_t>(dest),
			       static_cast<uint16_t>(args), static_cast<uint16_t>(nargs)};
	res.executed = budget - static_cast<uint64_t>(left);
	return res;
}

op_RET:
	ret_value = R[cur_a(ip)];
	goto do_return;
op_RETV:
	ret_value = 0;
	goto do_return;
do_return:
{
	sp = cf->sp;
	if (cf->caller_image == kSameImage) [[likely]] {
		// A frame this run pushed by a call within the image: its caller is in hs too
		// and made a CALL or CALLI, whose first word names the result register.
		cf--;
		ip = cf->ip;
		R = cf->R;
		R[call_dest(ip)] = ret_value;
		NEXT();
	}
	if (cf != hs) {
		// A CALLI into another image returns across.
		const uint32_t back = cf->caller_image;
		cf--;
		LOAD_IMAGE(back);
		ip = cf->ip;
		R = cf->R;
		R[call_dest(ip)] = ret_value;
		NEXT();
	}
	const Frame& done = t.frames.back();
	const uint16_t dest = done.ret_reg;
	const uint32_t base = done.base;
	t.frames.pop_back();
	if (t.frames.empty()) {
		t.sp = sp;
		t.regs.resize(base);
		res.exit = Exit::Return;
		res.value = ret_value;
		res.executed = budget - static_cast<uint64_t>(left);
		return res;
	}
	LOAD_FRAME();
	if (dest != kDiscardResult)   // a signal handler's frame returns into nothing
		R[dest] = ret_value;
	NEXT();
}

	// -- superinstructions --
#define KCTX_OP(name, format, semantics)
#define KCTX_FUSED(name, format, semantics, ...) \
	FUSED_PICK(__VA_ARGS__, FUSED6, FUSED5, FUSED4, FUSED3, FUSED2, )(name, __VA_ARGS__)
#include "vm/Opcodes.def"
#undef KCTX_FUSED
#undef KCTX_OP

op_TRAP:
	// The front end's reason code rides in fault_address.
	FAULT(FaultKind::Trap, cur_a(ip));

out_budget:
	FLUSH_FRAMES();
	t.frames.back().pc = static_cast<uint32_t>(ip - cf->fn->code.data());
	TRIM_REGS();
	res.exit = Exit::Budget;
	res.executed = budget;
	return res;

out_fault:
	left++;
	FLUSH_FRAMES();
	t.frames.back().pc = static_cast<uint32_t>(ip - 1 - cf->fn->code.data());
	TRIM_REGS();
	res.exit = Exit::Fault;
	res.fault = fault;
	res.fault_address = fault_address;
	res.fault_size = fault_size;
	res.fault_write = fault_write;
	res.executed = budget - static_cast<uint64_t>(left);
	return res;

#undef LOAD_IMAGE
#undef LOAD_FRAME
#undef FLUSH_FRAMES
#undef TRIM_REGS
#undef PUSH_FRAME
#undef NEXT
#undef FAULT
#undef ABC_OP
#undef AB_OP
#undef ACCESS_FAULT
#undef FORGET_PAGES
#undef DO_ABC
#undef DO_LOAD
#undef DO_STORE
#undef DO_JUMP2
#undef SINGLE
#undef NEXT_PART
#undef FUSED2
#undef FUSED3
#undef FUSED6
#undef FUSED_PICK
}

}  // namespace kctx::vm
