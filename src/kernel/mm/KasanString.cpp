// KASAN for the kernel's memory and string functions and for user copies (Linux 6.1,
// CONFIG_KASAN_GENERIC): which accesses each function makes (KasanString.h), and the
// kernel's side of the check — the report, then the call itself.
//
// Why the report is printed here and not by the native: natives run inside vm::run(),
// which has no cpu, console or task frames to print a report with, and a report may
// panic (panic_on_warn). So a native whose access KASAN would refuse hands the whole call
// to the kernel instead (returns false: Exit::Builtin, Libc.cpp kasan_refuses()), before
// it has touched memory; kernel_builtin() lands here, reports, and runs the same native
// again without the check. The interpreter itself is not involved.
#include "kernel/mm/KasanString.h"

#include <array>
#include <optional>
#include <fmt/format.h>

#include "kernel/core/Kernel.h"
#include "kernel/mm/Mm.h"

namespace kctx::kernel {

namespace {
using abi::BuiltinId;

// The call sites as %pS prints them. mm/kasan/shadow.c's interceptors return from
// kasan_check_range() on the source first, then on the destination; lib/string.c's
// loops load (and store) at one instruction each. Offsets are those of a 6.1 x86-64
// KASAN (outline) build of the same order; sizes the functions' lengths.
constexpr std::string_view kMemcpySrc = "memcpy+0x20/0x60", kMemcpyDst = "memcpy+0x39/0x60";
constexpr std::string_view kMemmoveSrc = "memmove+0x20/0x60", kMemmoveDst = "memmove+0x39/0x60";
constexpr std::string_view kMemset = "memset+0x20/0x40";
constexpr std::string_view kStrcpyLoad = "strcpy+0x1e/0x50", kStrcpyStore = "strcpy+0x2d/0x50";
constexpr std::string_view kStrncpyLoad = "strncpy+0x23/0x60", kStrncpyStore = "strncpy+0x35/0x60";
constexpr std::string_view kStrcatScan = "strcat+0x1f/0x70", kStrcatLoad = "strcat+0x3b/0x70",
			   kStrcatStore = "strcat+0x4a/0x70";
constexpr std::string_view kStrncatScan = "strncat+0x23/0x90", kStrncatLoad = "strncat+0x48/0x90",
			   kStrncatStore = "strncat+0x57/0x90", kStrncatNul = "strncat+0x72/0x90";
constexpr std::string_view kStrlen = "strlen+0x1c/0x30", kStrnlen = "strnlen+0x25/0x40";
constexpr std::string_view kStrcmpA = "strcmp+0x22/0x60", kStrcmpB = "strcmp+0x2f/0x60";
constexpr std::string_view kStrncmpA = "strncmp+0x2a/0x70", kStrncmpB = "strncmp+0x37/0x70";
constexpr std::string_view kMemcmpWordA = "memcmp+0x3c/0xd0", kMemcmpWordB = "memcmp+0x49/0xd0",
			   kMemcmpByteA = "memcmp+0x8e/0xd0", kMemcmpByteB = "memcmp+0x9b/0xd0";
// kasan_check_range(): check_region_inline() calls kasan_report() from it (inlined).
constexpr const char* kCheckRange = "kasan_check_range+0x13d/0x190";
// lib/usercopy.c: instrument_copy_from_user_before() / instrument_copy_to_user() call
// __kasan_check_write/read(), which tail-call kasan_check_range(): the return address
// is in _copy_from_user / _copy_to_user, after the might_fault() call.
constexpr const char* kCopyFromUser = "_copy_from_user+0x45/0x80";
constexpr const char* kCopyToUser = "_copy_to_user+0x3a/0x60";
constexpr uint64_t kMaxString = 1 << 20;   // as the natives' read_str()

// One walk over a function's accesses: reads the bytes the function's control flow
// depends on, hands each access to visit() and remembers whether visit() stopped it.
class Walk {
public:
	Walk(const vm::AddressSpace& mem, const std::function<bool(const KasanAccess&)>& visit) : m_mem(mem), m_visit(visit) {}

	// False when the walk is over: visit() stopped it or the memory could not be read.
	bool access(uint64_t addr, uint64_t size, bool write, std::string_view site)
	{
		if (m_stopped || size == 0)
			return !m_stopped;
		if (!m_visit(KasanAccess{addr, size, write, site}))
			m_stopped = true;
		return !m_stopped;
	}
	// The loads the function's control flow depends on, at `site`: a load from memory
	// that is not there ends the walk (the function itself would fault there).
	bool byte(uint64_t addr, uint8_t& b, std::string_view site)
	{
		const vm::Memory* m = m_mem.for_address(addr);
		if (!m || !m->load(addr, b))
			fault_at(addr, site);
		return !m_faulted;
	}
	bool word(uint64_t addr, uint64_t& w, std::string_view site)
	{
		const vm::Memory* m = m_mem.for_address(addr);
		if (!m || !m->read(addr, &w, sizeof w))
			fault_at(addr, site);
		return !m_faulted;
	}
	// Loads and checks a string's bytes up to its NUL (at most `max`); returns its length.
	bool scan(uint64_t s, uint64_t max, std::string_view site, uint64_t& len)
	{
		for (len = 0; len < max; len++) {
			uint8_t b = 0;
			if (!byte(s + len, b, site) || !access(s + len, 1, false, site) || b == 0)
				return !m_faulted;
		}
		return true;
	}
	[[nodiscard]] bool faulted() const { return m_faulted; }
	[[nodiscard]] const KasanAccess& fault() const { return m_fault; }
	[[nodiscard]] bool stopped() const { return m_stopped; }

private:
	const vm::AddressSpace& m_mem;
	const std::function<bool(const KasanAccess&)>& m_visit;
	bool m_stopped = false;
	bool m_faulted = false;
	KasanAccess m_fault;   // the load that could not be made

	void fault_at(uint64_t addr, std::string_view site)
	{
		m_faulted = true;
		m_fault = KasanAccess{addr, 1, false, site};
	}
};

// lib/string.c strcpy(): while ((*dest++ = *src++) != '\0'); strncpy() keeps reading
// the NUL once it reached it and pads to count.
void walk_copy(Walk& w, uint64_t dst, uint64_t src, uint64_t count, bool bounded, std::string_view load,
	       std::string_view store)
{
	uint64_t j = 0;
	for (uint64_t i = 0; bounded ? i < count : i < kMaxString; i++) {
		uint8_t b = 0;
		if (!w.byte(src + j, b, load) || !w.access(src + j, 1, false, load) || !w.access(dst + i, 1, true, store))
			return;
		if (b != 0)
			j++;
		else if (!bounded)
			return;
	}
}

// strcat(): find dest's NUL, then strcpy there. strncat(): at most count bytes of src,
// then a NUL of its own.
void walk_cat(Walk& w, uint64_t dst, uint64_t src, uint64_t count, bool bounded)
{
	if (bounded && count == 0)
		return;
	uint64_t d = 0;
	if (!w.scan(dst, kMaxString, bounded ? kStrncatScan : kStrcatScan, d) || w.stopped())
		return;
	for (uint64_t j = 0; j < kMaxString; j++) {
		uint8_t b = 0;
		if (!w.byte(src + j, b, bounded ? kStrncatLoad : kStrcatLoad) ||
		    !w.access(src + j, 1, false, bounded ? kStrncatLoad : kStrcatLoad) ||
		    !w.access(dst + d + j, 1, true, bounded ? kStrncatStore : kStrcatStore) || b == 0)
			return;
		if (bounded && --count == 0) {
			(void)w.access(dst + d + j + 1, 1, true, kStrncatNul);
			return;
		}
	}
}

// strcmp()/strncmp(): one byte of each string per step until they differ or end.
void walk_compare(Walk& w, uint64_t a, uint64_t b, uint64_t count, std::string_view site_a, std::string_view site_b)
{
	for (uint64_t i = 0; i < count; i++) {
		uint8_t ca = 0, cb = 0;
		if (!w.byte(a + i, ca, site_a) || !w.access(a + i, 1, false, site_a) || !w.byte(b + i, cb, site_b) ||
		    !w.access(b + i, 1, false, site_b) || ca != cb || ca == 0)
			return;
	}
}

// memcmp() with CONFIG_HAVE_EFFICIENT_UNALIGNED_ACCESS (x86): unaligned words while
// they are equal, then bytes from the first word that differs.
void walk_memcmp(Walk& w, uint64_t a, uint64_t b, uint64_t count)
{
	uint64_t i = 0;
	for (; count - i >= 8; i += 8) {
		uint64_t wa = 0, wb = 0;
		if (!w.word(a + i, wa, kMemcmpWordA) || !w.access(a + i, 8, false, kMemcmpWordA) ||
		    !w.word(b + i, wb, kMemcmpWordB) || !w.access(b + i, 8, false, kMemcmpWordB))
			return;
		if (wa != wb)
			break;
	}
	for (; i < count; i++) {
		uint8_t ca = 0, cb = 0;
		if (!w.byte(a + i, ca, kMemcmpByteA) || !w.access(a + i, 1, false, kMemcmpByteA) ||
		    !w.byte(b + i, cb, kMemcmpByteB) || !w.access(b + i, 1, false, kMemcmpByteB) || ca != cb)
			return;
	}
}

}  // namespace

KasanStringKind kasan_string_kind(abi::BuiltinId id)
{
	switch (id) {
	case BuiltinId::memcpy:
	case BuiltinId::memmove:
	case BuiltinId::memset: return KasanStringKind::Range;
	case BuiltinId::strcpy:
	case BuiltinId::strncpy:
	case BuiltinId::strcat:
	case BuiltinId::strncat:
	case BuiltinId::strlen:
	case BuiltinId::strnlen:
	case BuiltinId::strcmp:
	case BuiltinId::strncmp:
	case BuiltinId::memcmp: return KasanStringKind::Bytes;
	default: return KasanStringKind::None;
	}
}

bool kasan_string_accesses(abi::BuiltinId id, std::span<const uint64_t> args, const vm::AddressSpace& mem,
			   const std::function<bool(const KasanAccess&)>& visit, KasanAccess* unreadable)
{
	auto arg = [&](size_t i) -> uint64_t { return i < args.size() ? args[i] : 0; };
	Walk w(mem, visit);
	uint64_t len = 0;
	switch (id) {
	case BuiltinId::memcpy:
	case BuiltinId::memmove: {
		bool copy = id == BuiltinId::memcpy;
		if (w.access(arg(1), arg(2), false, copy ? kMemcpySrc : kMemmoveSrc))
			(void)w.access(arg(0), arg(2), true, copy ? kMemcpyDst : kMemmoveDst);
		break;
	}
	case BuiltinId::memset: (void)w.access(arg(0), arg(2), true, kMemset); break;
	case BuiltinId::strcpy: walk_copy(w, arg(0), arg(1), 0, false, kStrcpyLoad, kStrcpyStore); break;
	case BuiltinId::strncpy: walk_copy(w, arg(0), arg(1), arg(2), true, kStrncpyLoad, kStrncpyStore); break;
	case BuiltinId::strcat: walk_cat(w, arg(0), arg(1), 0, false); break;
	case BuiltinId::strncat: walk_cat(w, arg(0), arg(1), arg(2), true); break;
	case BuiltinId::strlen: (void)w.scan(arg(0), kMaxString, kStrlen, len); break;
	case BuiltinId::strnlen: (void)w.scan(arg(0), arg(1), kStrnlen, len); break;
	case BuiltinId::strcmp: walk_compare(w, arg(0), arg(1), kMaxString, kStrcmpA, kStrcmpB); break;
	case BuiltinId::strncmp: walk_compare(w, arg(0), arg(1), arg(2), kStrncmpA, kStrncmpB); break;
	case BuiltinId::memcmp: walk_memcmp(w, arg(0), arg(1), arg(2)); break;
	default: break;
	}
	if (w.faulted() && unreadable)
		*unreadable = w.fault();
	return !w.faulted();
}

bool Kernel::string_builtin(uint32_t cpu, TaskId t, const vm::BuiltinCall& call, std::span<const uint64_t> args)
{
	return kasan_string_builtin(cpu, t, call, args) || string_fault_builtin(cpu, t, call, args);
}

bool Kernel::kasan_string_builtin(uint32_t cpu, TaskId t, const vm::BuiltinCall& call, std::span<const uint64_t> args)
{
	// Here only when a native refused its call: KASAN would report one of its accesses,
	// or the memory is not mapped at all (then the call is not ours).
	KasanStringKind kind = kasan_string_kind(call.id);
	if (kind == KasanStringKind::None || !m_config.kasan())
		return false;
	Task& task = m.tasks[t];
	vm::AddressSpace mem{task.user ? &task.user->mm : nullptr, &m.kmem};
	vm::AccessCheck window = kasan_access_check();
	std::string caller = caller_site(t);
	bool suppressed = false;
	bool readable = kasan_string_accesses(call.id, args, mem, [&](const KasanAccess& a) {
		if (!window.covers(a.addr) || kasan_access_ok(m.slab, a.addr, a.size))
			return true;
		// kasan_report() returns false when reports are off (report_enabled()): the
		// check passes and the function goes on.
		if (!kasan_report_enabled())
			return true;
		if (kind == KasanStringKind::Range) {
			// mm/kasan/shadow.c: "in" the caller (_RET_IP_), and no copy.
			std::array<std::string, 2> below = {kCheckRange, std::string(a.site)};
			kasan_report_access(cpu, t, a.addr, a.size, a.write, caller, below);
			suppressed = true;
			return false;
		}
		// lib/string.c: "in" the string function; the access goes ahead.
		std::array<std::string, 1> below = {std::string(a.site)};
		kasan_report_access(cpu, t, a.addr, a.size, a.write, a.site, below);
		return !m.halted;
	});
	if (!readable)
		return false;
	if (m.halted)   // panic_on_warn
		return true;
	if (suppressed) {
		finish_builtin(t, 0);   // the interceptor's "return NULL"
		return true;
	}
	NativeHost host{this, cpu, t};
	vm::NativeContext cx;
	cx.host = &host;
	cx.mem = mem;   // no check: the bad accesses were reported above
	uint64_t result = 0;
	vm::NativeFn fn = m_natives.fns[static_cast<size_t>(call.id)];
	if (!fn || !fn(cx, args.data(), static_cast<uint32_t>(args.size()), &result))
		return false;
	charge(cpu, cx.extra_cost * m_config.costs.insn_ns);
	finish_builtin(t, result);
	return true;
}

namespace {

// The first byte of [addr, addr+n) that nothing maps (or maps read-only, for a write).
std::optional<uint64_t> first_unmapped(const vm::AddressSpace& mem, uint64_t addr, uint64_t n, bool write)
{
	for (uint64_t p = addr; p - addr < n;) {
		const vm::Memory* m = mem.for_address(p);
		const vm::Region* r = m ? m->region_at(p) : nullptr;
		if (!r || !r->readable || (write && !r->writable))
			return p;
		if (r->end == 0 || r->end <= p)   // end 0: the region reaches the top
			return std::nullopt;
		p = r->end;
	}
	return std::nullopt;
}

// Where a function faults and the Code: bytes around it (42 before, the faulting
// instruction's first in <>, 21 after; int3 padding between functions). memcpy, memmove
// and memset fault in the copy itself, not in KASAN's interceptor
// (arch/x86/lib/memcpy_64.S: __memcpy jumps to memcpy_erms, "movq %rdi,%rax; movq
// %rdx,%rcx; rep movsb"; memset_64.S: memset_erms, "... rep stosb"; memmove_64.S's
// forward rep movsb); lib/string.c's byte loops at their load (movzbl) or store (mov
// %cl) of the byte.
struct FaultSite {
	std::string rip;
	std::string code;
};

// show_regs()'s Code: line from the instruction bytes before the faulting one and those
// from it on, padded with int3 (0xcc) to 42 before and 22 from it.
std::string code_line(std::string_view before, std::string_view from)
{
	auto bytes = [](std::string_view hex) { return (hex.size() + 1) / 3; };
	std::string out;
	for (size_t i = bytes(before); i < 42; i++)
		out += "cc ";
	out += before;
	out += " <";
	out += from.substr(0, 2);
	out += ">";
	out += from.substr(2);
	for (size_t i = bytes(from); i < 22; i++)
		out += " cc";
	return out;
}

FaultSite fault_site(abi::BuiltinId id, const KasanAccess& a)
{
	switch (id) {
	case BuiltinId::memcpy: return {"memcpy_erms+0x6/0x10", code_line("48 89 f8 48 89 d1", "f3 a4 c3")};
	case BuiltinId::memmove: return {"__memmove+0x1d/0x1a0", code_line("48 89 f8 48 83 fa 20 0f 82 f5 00 00 00 48 89 d1", "f3 a4 c3")};
	case BuiltinId::memset: return {"memset_erms+0x9/0x10", code_line("49 89 f9 40 88 f0 48 89 d1", "f3 aa 4c 89 c8 c3")};
	default:
		// The byte loops: "movzbl (%rsi,%rdx,1),%ecx" loads, "mov %cl,(%rax,%rdx,1)"
		// stores.
		if (a.write)
			return {std::string(a.site), code_line("48 89 f8 31 d2 0f b6 0c 16", "88 0c 10 48 83 c2 01 84 c9 75 f0 c3")};
		return {std::string(a.site), code_line("48 89 f8 31 d2", "0f b6 0c 16 88 0c 10 48 83 c2 01 84 c9 75 f0 c3")};
	}
}

}  // namespace

bool Kernel::string_fault_builtin(uint32_t cpu, TaskId t, const vm::BuiltinCall& call, std::span<const uint64_t> args)
{
	// Here when a native refused its call and KASAN had nothing (more) to say: an access
	// of the function's hits memory nothing maps, a NULL or wild pointer. The function
	// faults there, and page_fault_oops() names it as RIP, its caller (the module
	// function) first in the trace; the same accesses in the same order as KASAN's walk.
	KasanStringKind kind = kasan_string_kind(call.id);
	if (kind == KasanStringKind::None)
		return false;
	Task& task = m.tasks[t];
	vm::AddressSpace mem{task.user ? &task.user->mm : nullptr, &m.kmem};
	std::optional<KasanAccess> fault;
	KasanAccess unreadable;
	bool readable = kasan_string_accesses(
		call.id, args, mem,
		[&](const KasanAccess& a) {
			if (auto bad = first_unmapped(mem, a.addr, a.size, a.write))
				fault = KasanAccess{*bad, 1, a.write, a.site};
			return !fault;
		},
		&unreadable);
	if (!fault && !readable)
		fault = unreadable;
	if (!fault)
		return false;
	FaultSite site = fault_site(call.id, *fault);
	page_fault_oops(cpu, t, fault->addr, fault->write, false, site.rip, false, site.code);
	return true;
}

void Kernel::kasan_check_usercopy(uint32_t cpu, TaskId t, uint64_t kaddr, uint64_t uaddr, uint64_t n, bool from_user)
{
	// lib/usercopy.c: only after access_ok() of the user pointer; the kernel buffer is
	// checked whole (kasan_check_write(to, n) / kasan_check_read(from, n), whose size is
	// an unsigned int), and the copy goes ahead whatever the check says.
	if (!m_config.kasan() || !m_config.spec().kasan.checks_usercopy || uaddr > kTaskSize || n > kTaskSize - uaddr)
		return;
	uint64_t size = static_cast<uint32_t>(n);
	if (size == 0 || !kasan_access_check().covers(kaddr) || kasan_access_ok(m.slab, kaddr, size) ||
	    !kasan_report_enabled())
		return;
	const char* site = from_user ? kCopyFromUser : kCopyToUser;
	std::array<std::string, 2> below = {kCheckRange, site};
	kasan_report_access(cpu, t, kaddr, size, from_user, site, below);
}

}  // namespace kctx::kernel
