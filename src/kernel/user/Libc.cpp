// The user programs' libc: functions that run in user mode without entering the kernel
// (run as interpreter natives, so they cost no exit from the batch), and stdio, whose
// buffer flushes become write(2) system calls.
#include <algorithm>
#include <array>
#include <bit>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fmt/format.h>

#include "abi/Errno.h"
#include "abi/Layout.h"
#include "base/Check.h"
#include "kernel/printk/Format.h"
#include "kernel/mm/KasanString.h"
#include "kernel/core/Kernel.h"
#include "kernel/time/Jiffies.h"
#include "kernel/core/Layout.h"

namespace kctx::kernel {

namespace {
using abi::BuiltinId;

double f64(uint64_t v) { return std::bit_cast<double>(v); }
uint64_t bits(double d) { return std::bit_cast<uint64_t>(d); }

// glibc stdlib/random_r.c, TYPE_3: x**31 + x**3 + 1, SEP_3 = 3, DEG_3 = 31.
void srandom_r(RandState& s, uint32_t seed)
{
	if (seed == 0)
		seed = 1;
	s.r[0] = static_cast<int32_t>(seed);
	int32_t word = static_cast<int32_t>(seed);
	for (int i = 1; i < 31; i++) {
		int32_t hi = word / 127773, lo = word % 127773;
		word = 16807 * lo - 2836 * hi;
		if (word < 0)
			word += 2147483647;
		s.r[static_cast<size_t>(i)] = word;
	}
	s.f = 3;
	s.b = 0;
	for (int i = 0; i < 310; i++) {
		s.r[s.f] = static_cast<int32_t>(static_cast<uint32_t>(s.r[s.f]) + static_cast<uint32_t>(s.r[s.b]));
		if (++s.f >= 31) {
			s.f = 0;
			++s.b;
		} else if (++s.b >= 31) {
			s.b = 0;
		}
	}
}

int32_t random_r(RandState& s)
{
	uint32_t val = static_cast<uint32_t>(s.r[s.f]) + static_cast<uint32_t>(s.r[s.b]);
	s.r[s.f] = static_cast<int32_t>(val);
	int32_t result = static_cast<int32_t>((val >> 1) & 0x7fffffff);
	if (++s.f >= 31) {
		s.f = 0;
		++s.b;
	} else if (++s.b >= 31) {
		s.b = 0;
	}
	return result;
}

// A known errno's place in libc's page of messages (Errno.h's order; 0 is "Success").
uint64_t errno_slot(int32_t e)
{
	uint64_t slot = 1;
#define KCTX_X(name, value, text)         \
	if (e == (value))                 \
		return slot;              \
	slot++;
	KCTX_ERRNO_LIST(KCTX_X)
#undef KCTX_X
	return 0;
}
static_assert(1024 + 48 * 64 <= 4096, "the messages fit in libc's page");

vm::Memory* mem_for(vm::NativeContext& cx, uint64_t addr) { return cx.mem.for_address(addr); }

// A libc function's access to [addr, addr+n) failed: the first page in it that the
// program may not touch (none mapped, PROT_NONE, read-only for a store) is where its own
// loads and stores would have faulted. Returns false, the native's decline.
bool note_fault(vm::NativeContext& cx, uint64_t addr, uint64_t n, bool store)
{
	vm::Memory* mem = mem_for(cx, addr);
	for (uint64_t a = addr; mem && a - addr < n; a = (a | (vm::kPageSize - 1)) + 1) {
		const vm::Region* r = mem->region_at(a);
		if (!r || !r->readable || (store && !r->writable)) {
			mem = nullptr;
			addr = a;
		}
	}
	if (!mem) {
		cx.fault = store ? vm::NativeContext::Fault::Store : vm::NativeContext::Fault::Load;
		cx.fault_address = addr;
	}
	return false;
}

// memcpy/memmove: n is the program's, so the copy goes a page at a time through a
// fixed buffer (memcpy(d, s, -1) faults where glibc's would, instead of asking the host
// for n bytes), backwards when dst overlaps the end of src, as memmove must.
bool copy_bytes(vm::NativeContext& cx, uint64_t dst, uint64_t src, uint64_t n)
{
	std::array<uint8_t, vm::kPageSize> buf;
	bool backward = dst > src && dst - src < n;
	for (uint64_t done = 0; done < n;) {
		uint64_t len = std::min<uint64_t>(n - done, buf.size());
		uint64_t off = backward ? n - done - len : done;
		vm::Memory* s = mem_for(cx, src + off);
		if (!s || !s->read(src + off, buf.data(), len))
			return note_fault(cx, src + off, len, false);
		vm::Memory* d = mem_for(cx, dst + off);
		if (!d || !d->write(dst + off, buf.data(), len))
			return note_fault(cx, dst + off, len, true);
		done += len;
	}
	return true;
}

bool read_str(vm::NativeContext& cx, uint64_t addr, std::string& out, uint64_t max = 1 << 20)
{
	vm::Memory* mem = mem_for(cx, addr);
	return (mem && mem->read_string(addr, out, max)) || note_fault(cx, addr, max, false);
}

// Writes n bytes the native computed to dst.
bool write_bytes(vm::NativeContext& cx, uint64_t dst, const void* in, uint64_t n)
{
	vm::Memory* d = mem_for(cx, dst);
	return (d && d->write(dst, in, n)) || note_fault(cx, dst, n, true);
}

// glibc's ctype table bits for the C locale (ctype/ctype.h, little-endian _ISbit): the
// classification functions return the class's bit, not 1.
constexpr uint32_t kIsUpper = 0x100, kIsLower = 0x200, kIsAlpha = 0x400, kIsDigit = 0x800, kIsXdigit = 0x1000,
		   kIsSpace = 0x2000, kIsPrint = 0x4000, kIsGraph = 0x8000, kIsBlank = 0x1, kIsCntrl = 0x2,
		   kIsPunct = 0x4, kIsAlnum = 0x8;

uint32_t ctype_bits(int32_t c)
{
	if (c < 0 || c > 127)   // EOF, and the upper half, which has no class in the C locale
		return 0;
	bool upper = c >= 'A' && c <= 'Z', lower = c >= 'a' && c <= 'z', digit = c >= '0' && c <= '9';
	bool alpha = upper || lower, graph = c > 0x20 && c < 0x7f;
	uint32_t b = 0;
	b |= upper ? kIsUpper : 0;
	b |= lower ? kIsLower : 0;
	b |= alpha ? kIsAlpha : 0;
	b |= digit ? kIsDigit : 0;
	b |= digit || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') ? kIsXdigit : 0;
	b |= c == ' ' || (c >= '\t' && c <= '\r') ? kIsSpace : 0;
	b |= graph || c == ' ' ? kIsPrint : 0;
	b |= graph ? kIsGraph : 0;
	b |= c == ' ' || c == '\t' ? kIsBlank : 0;
	b |= c < 0x20 || c == 0x7f ? kIsCntrl : 0;
	b |= graph && !alpha && !digit ? kIsPunct : 0;
	b |= alpha || digit ? kIsAlnum : 0;
	return b;
}

uint32_t ctype_class(abi::BuiltinId id)
{
	using abi::BuiltinId;
	switch (id) {
	case BuiltinId::isalnum: return kIsAlnum;
	case BuiltinId::isalpha: return kIsAlpha;
	case BuiltinId::isblank: return kIsBlank;
	case BuiltinId::iscntrl: return kIsCntrl;
	case BuiltinId::isdigit: return kIsDigit;
	case BuiltinId::isgraph: return kIsGraph;
	case BuiltinId::islower: return kIsLower;
	case BuiltinId::isprint: return kIsPrint;
	case BuiltinId::ispunct: return kIsPunct;
	case BuiltinId::isspace: return kIsSpace;
	case BuiltinId::isupper: return kIsUpper;
	case BuiltinId::isxdigit: return kIsXdigit;
	default: return 0;
	}
}

uint64_t sext32(int64_t v) { return static_cast<uint64_t>(static_cast<int64_t>(static_cast<int32_t>(v))); }

}  // namespace

struct Natives {
	static const NativeHost& here(vm::NativeContext& cx) { return *static_cast<const NativeHost*>(cx.host); }
	static Kernel& k(vm::NativeContext& cx) { return *here(cx).kernel; }
	// The caller is a user program (libc semantics) rather than module code running on
	// the task's kernel stack (lib/string.c semantics).
	static bool user_mode(vm::NativeContext& cx)
	{
		return k(cx).m.tasks[here(cx).task].in_user_mode();
	}
	static UserState* user(vm::NativeContext& cx)
	{
		auto& t = k(cx).m.tasks[here(cx).task];
		return t.user ? &*t.user : nullptr;
	}

	// Module code on a KASAN kernel: the interpreter's AccessCheck window is the slab
	// shadow. A native cannot print KASAN's report (vm::run has no cpu or console, and
	// the report may panic), so a call that would touch memory KASAN refuses is handed
	// to the kernel untouched: false -> Exit::Builtin -> kasan_string_builtin()
	// (KasanString.cpp), which reports and runs the call again without the window.
	static bool kasan_refuses(vm::NativeContext& cx, BuiltinId id, const uint64_t* a, uint32_t n)
	{
		if (kasan_string_kind(id) == KasanStringKind::None)
			return false;
		const vm::AccessCheck& c = cx.mem.check;
		bool refused = false;
		(void)kasan_string_accesses(id, std::span(a, n), cx.mem, [&](const KasanAccess& acc) {
			refused = c.covers(acc.addr) && !c.fn(c.host, acc.addr, acc.size, acc.write);
			return !refused;
		});
		return refused;
	}

	static bool call(vm::NativeContext& cx, BuiltinId id, const uint64_t* a, uint32_t n, uint64_t* r)
	{
		auto arg = [&](uint32_t i) -> uint64_t { return i < n ? a[i] : 0; };
		if (cx.mem.check.len && kasan_refuses(cx, id, a, n))
			return false;
		switch (id) {
		case BuiltinId::sqrt: *r = bits(std::sqrt(f64(arg(0)))); return true;
		case BuiltinId::sin: *r = bits(std::sin(f64(arg(0)))); return true;
		case BuiltinId::cos: *r = bits(std::cos(f64(arg(0)))); return true;
		case BuiltinId::tan: *r = bits(std::tan(f64(arg(0)))); return true;
		case BuiltinId::atan: *r = bits(std::atan(f64(arg(0)))); return true;
		case BuiltinId::atan2: *r = bits(std::atan2(f64(arg(0)), f64(arg(1)))); return true;
		case BuiltinId::exp: *r = bits(std::exp(f64(arg(0)))); return true;
		case BuiltinId::log: *r = bits(std::log(f64(arg(0)))); return true;
		case BuiltinId::log10: *r = bits(std::log10(f64(arg(0)))); return true;
		case BuiltinId::pow: *r = bits(std::pow(f64(arg(0)), f64(arg(1)))); return true;
		case BuiltinId::fabs: *r = bits(std::fabs(f64(arg(0)))); return true;
		case BuiltinId::floor: *r = bits(std::floor(f64(arg(0)))); return true;
		case BuiltinId::ceil: *r = bits(std::ceil(f64(arg(0)))); return true;
		case BuiltinId::round: *r = bits(std::round(f64(arg(0)))); return true;
		case BuiltinId::fmod: *r = bits(std::fmod(f64(arg(0)), f64(arg(1)))); return true;
		case BuiltinId::asin: *r = bits(std::asin(f64(arg(0)))); return true;
		case BuiltinId::acos: *r = bits(std::acos(f64(arg(0)))); return true;
		case BuiltinId::sinh: *r = bits(std::sinh(f64(arg(0)))); return true;
		case BuiltinId::cosh: *r = bits(std::cosh(f64(arg(0)))); return true;
		case BuiltinId::tanh: *r = bits(std::tanh(f64(arg(0)))); return true;
		case BuiltinId::log2: *r = bits(std::log2(f64(arg(0)))); return true;
		case BuiltinId::exp2: *r = bits(std::exp2(f64(arg(0)))); return true;
		case BuiltinId::cbrt: *r = bits(std::cbrt(f64(arg(0)))); return true;
		case BuiltinId::hypot: *r = bits(std::hypot(f64(arg(0)), f64(arg(1)))); return true;
		case BuiltinId::trunc: *r = bits(std::trunc(f64(arg(0)))); return true;
		case BuiltinId::fmin: *r = bits(std::fmin(f64(arg(0)), f64(arg(1)))); return true;
		case BuiltinId::fmax: *r = bits(std::fmax(f64(arg(0)), f64(arg(1)))); return true;
		case BuiltinId::isnan: *r = std::isnan(f64(arg(0))) ? 1 : 0; return true;
		case BuiltinId::isinf: {
			// __builtin_isinf_sign: -1 for -inf
			double d = f64(arg(0));
			*r = std::isinf(d) ? sext32(d < 0 ? -1 : 1) : 0;
			return true;
		}
		case BuiltinId::isfinite: *r = std::isfinite(f64(arg(0))) ? 1 : 0; return true;
		case BuiltinId::isalnum:
		case BuiltinId::isalpha:
		case BuiltinId::isblank:
		case BuiltinId::iscntrl:
		case BuiltinId::isdigit:
		case BuiltinId::isgraph:
		case BuiltinId::islower:
		case BuiltinId::isprint:
		case BuiltinId::ispunct:
		case BuiltinId::isspace:
		case BuiltinId::isupper:
		case BuiltinId::isxdigit: *r = ctype_bits(static_cast<int32_t>(arg(0))) & ctype_class(id); return true;
		case BuiltinId::tolower:
		case BuiltinId::toupper: {
			int32_t c = static_cast<int32_t>(arg(0));
			if (id == BuiltinId::tolower && c >= 'A' && c <= 'Z')
				c += 'a' - 'A';
			else if (id == BuiltinId::toupper && c >= 'a' && c <= 'z')
				c -= 'a' - 'A';
			*r = sext32(c);
			return true;
		}
		case BuiltinId::abs: *r = static_cast<uint64_t>(static_cast<int64_t>(std::abs(static_cast<int32_t>(arg(0))))); return true;
		case BuiltinId::labs: *r = static_cast<uint64_t>(std::abs(static_cast<int64_t>(arg(0)))); return true;
		case BuiltinId::rand: {
			UserState* u = user(cx);
			if (!u)
				return false;
			*r = static_cast<uint64_t>(random_r(u->rand));
			cx.extra_cost += 4;
			return true;
		}
		case BuiltinId::srand: {
			UserState* u = user(cx);
			if (!u)
				return false;
			srandom_r(u->rand, static_cast<uint32_t>(arg(0)));
			*r = 0;
			return true;
		}
		case BuiltinId::strlen: {
			std::string s;
			if (!read_str(cx, arg(0), s))
				return false;
			*r = s.size();
			cx.extra_cost += s.size() / 8;
			return true;
		}
		case BuiltinId::strcmp:
		case BuiltinId::strncmp: {
			std::string x, y;
			uint64_t max = id == BuiltinId::strncmp ? arg(2) : 1 << 20;
			if (!read_str(cx, arg(0), x, max) || !read_str(cx, arg(1), y, max))
				return false;
			// The first differing bytes, as unsigned char. glibc returns their
			// difference; lib/string.c returns -1 or 1.
			size_t i = 0;
			while (i < x.size() && i < y.size() && x[i] == y[i])
				i++;
			int c1 = i < x.size() ? static_cast<uint8_t>(x[i]) : 0;
			int c2 = i < y.size() ? static_cast<uint8_t>(y[i]) : 0;
			int c = user_mode(cx) ? c1 - c2 : c1 < c2 ? -1 : c1 > c2 ? 1 : 0;
			*r = sext32(c);
			return true;
		}
		case BuiltinId::memset: {
			vm::Memory* mem = mem_for(cx, arg(0));
			if (!mem || !mem->fill(arg(0), static_cast<uint8_t>(arg(1)), arg(2)))
				return note_fault(cx, arg(0), arg(2), true);
			*r = arg(0);
			cx.extra_cost += arg(2) / 16;
			return true;
		}
		case BuiltinId::memcpy:
		case BuiltinId::memmove:
			if (!copy_bytes(cx, arg(0), arg(1), arg(2)))
				return false;
			*r = arg(0);
			cx.extra_cost += arg(2) / 16;
			return true;
		case BuiltinId::memcmp: {
			std::vector<uint8_t> x(arg(2)), y(arg(2));
			vm::Memory* mx = mem_for(cx, arg(0));
			vm::Memory* my = mem_for(cx, arg(1));
			if (!mx || !my || !mx->read(arg(0), x.data(), x.size()) || !my->read(arg(1), y.data(), y.size()))
				return false;
			// glibc and lib/string.c both return the difference of the first differing
			// bytes as unsigned char.
			auto diff = std::mismatch(x.begin(), x.end(), y.begin());
			*r = diff.first == x.end() ? 0 : sext32(int{*diff.first} - int{*diff.second});
			return true;
		}
		case BuiltinId::strcpy:
		case BuiltinId::strncpy: {
			std::string s;
			uint64_t max = id == BuiltinId::strncpy ? arg(2) : 1 << 20;
			if (!read_str(cx, arg(1), s, max))
				return false;
			std::string out = s;
			if (id == BuiltinId::strncpy)
				out.resize(arg(2), '\0');
			else
				out.push_back('\0');
			if (!write_bytes(cx, arg(0), out.data(), out.size()))
				return false;
			*r = arg(0);
			return true;
		}
		case BuiltinId::strchr: {
			std::string s;
			if (!read_str(cx, arg(0), s))
				return false;
			char ch = static_cast<char>(arg(1));
			size_t pos = ch == 0 ? s.size() : s.find(ch);
			*r = pos == std::string::npos ? 0 : arg(0) + pos;
			return true;
		}
		case BuiltinId::strrchr: {
			std::string s;
			if (!read_str(cx, arg(0), s))
				return false;
			char ch = static_cast<char>(arg(1));
			size_t pos = ch == 0 ? s.size() : s.rfind(ch);
			*r = pos == std::string::npos ? 0 : arg(0) + pos;
			return true;
		}
		case BuiltinId::strstr: {
			std::string h, needle;
			if (!read_str(cx, arg(0), h) || !read_str(cx, arg(1), needle))
				return false;
			size_t pos = h.find(needle);
			*r = pos == std::string::npos ? 0 : arg(0) + pos;
			cx.extra_cost += h.size() / 8;
			return true;
		}
		case BuiltinId::strcat:
		case BuiltinId::strncat: {
			std::string d, src;
			uint64_t max = id == BuiltinId::strncat ? arg(2) : 1 << 20;
			if (!read_str(cx, arg(0), d) || !read_str(cx, arg(1), src, max))
				return false;
			src.push_back('\0');
			if (!write_bytes(cx, arg(0) + d.size(), src.data(), src.size()))
				return false;
			*r = arg(0);
			return true;
		}
		case BuiltinId::strnlen: {
			std::string s;
			if (!read_str(cx, arg(0), s, arg(1)))
				return false;
			*r = s.size();
			return true;
		}
		case BuiltinId::strspn:
		case BuiltinId::strcspn: {
			std::string s, set;
			if (!read_str(cx, arg(0), s) || !read_str(cx, arg(1), set))
				return false;
			size_t pos = id == BuiltinId::strspn ? s.find_first_not_of(set) : s.find_first_of(set);
			*r = pos == std::string::npos ? s.size() : pos;
			return true;
		}
		case BuiltinId::memchr: {
			// Byte by byte: memchr may be given a bound past the object it searches.
			vm::Memory* m = mem_for(cx, arg(0));
			auto want = static_cast<uint8_t>(arg(1));
			for (uint64_t i = 0; i < arg(2); i++) {
				uint8_t b = 0;
				if (!m || !m->load(arg(0) + i, b))
					return false;
				if (b == want) {
					*r = arg(0) + i;
					return true;
				}
			}
			*r = 0;
			return true;
		}
		case BuiltinId::atoi:
		case BuiltinId::atol:
		case BuiltinId::atoll:
		case BuiltinId::strtol:
		case BuiltinId::strtoll:
		case BuiltinId::strtoul:
		case BuiltinId::strtoull: {
			std::string s;
			if (!read_str(cx, arg(0), s))
				return false;
			bool is_strto = id == BuiltinId::strtol || id == BuiltinId::strtoll || id == BuiltinId::strtoul ||
					id == BuiltinId::strtoull;
			bool is_unsigned = id == BuiltinId::strtoul || id == BuiltinId::strtoull;
			int base = is_strto ? static_cast<int>(arg(2)) : 10;
			char* end = nullptr;
			errno = 0;
			uint64_t v = is_unsigned ? std::strtoull(s.c_str(), &end, base)
						 : static_cast<uint64_t>(std::strtoll(s.c_str(), &end, base));
			if (errno == ERANGE && is_strto && user_mode(cx)) {
				UserState* u = user(cx);
				if (!u || !u->mm.store(u->errno_addr, int32_t{abi::kERANGE}))
					return false;
			}
			if (is_strto && arg(1)) {
				vm::Memory* mem = mem_for(cx, arg(1));
				if (!mem || !mem->store(arg(1), arg(0) + static_cast<uint64_t>(end - s.c_str())))
					return false;
			}
			*r = id == BuiltinId::atoi ? static_cast<uint64_t>(static_cast<int64_t>(static_cast<int32_t>(v))) : v;
			return true;
		}
		case BuiltinId::malloc:
		case BuiltinId::calloc: {
			UserState* u = user(cx);
			if (!u)
				return false;
			uint64_t size = id == BuiltinId::calloc ? arg(0) * arg(1) : arg(0);
			uint64_t rounded = (size + 15) & ~15ull;
			if (u->heap_next + rounded + 16 > addr::kUserHeapSize) {
				*r = 0;
				return true;
			}
			// A size word before each block, as glibc's chunk header, for realloc.
			uint64_t p = u->heap_base + u->heap_next + 16;
			u->heap_next += rounded + 16;
			if (!u->mm.store(p - 8, size))
				return false;
			*r = p;
			return true;
		}
		case BuiltinId::realloc: {
			UserState* u = user(cx);
			if (!u)
				return false;
			uint64_t old = arg(0), size = arg(1), old_size = 0;
			if (old && !u->mm.load(old - 8, old_size))
				return false;
			uint64_t rounded = (size + 15) & ~15ull;
			uint64_t p = u->heap_base + u->heap_next + 16;
			u->heap_next += rounded + 16;
			if (!u->mm.store(p - 8, size) || (old && !copy_bytes(cx, p, old, std::min(old_size, size))))
				return false;
			*r = p;
			return true;
		}
		case BuiltinId::free: *r = 0; return true;
		case BuiltinId::__errno_location: {
			UserState* u = user(cx);
			if (!u)
				return false;
			*r = u->errno_addr;
			return true;
		}
		case BuiltinId::strerror: {
			UserState* u = user(cx);
			if (!u)
				return false;
			// glibc returns its constant message for a known errno (each at its own
			// address, so two results can be printed together) and formats unknown
			// ones into a static buffer that the next call overwrites.
			int32_t e = static_cast<int32_t>(arg(0));
			std::string text(abi::strerror_text(e));
			uint64_t buf = u->errno_addr + 64;
			uint64_t slot = errno_slot(e);
			if (text.empty())
				text = fmt::format("Unknown error {}", e);
			else if (slot > 0 && slot < 64 && text.size() < 48)
				buf = u->errno_addr + 1024 + 48 * slot;
			text.push_back('\0');
			if (!u->mm.write(buf, text.data(), text.size()))
				return false;
			*r = buf;
			return true;
		}
		case BuiltinId::snprintf:
		case BuiltinId::sprintf:
		case BuiltinId::scnprintf:
		case BuiltinId::vsnprintf:
		case BuiltinId::vsprintf:
		case BuiltinId::vscnprintf: {
			// The v* forms take a va_list where the others take "...": lib/vsprintf.c's
			// vsnprintf()/vscnprintf(), glibc's vsnprintf()/vsprintf().
			bool sized = id != BuiltinId::sprintf && id != BuiltinId::vsprintf;
			bool va = id == BuiltinId::vsnprintf || id == BuiltinId::vsprintf || id == BuiltinId::vscnprintf;
			bool written = id == BuiltinId::scnprintf || id == BuiltinId::vscnprintf;
			uint32_t first = sized ? 3 : 2;
			std::string fmtstr;
			if (!read_str(cx, arg(first - 1), fmtstr))
				return false;
			FormatContext fc;
			// Module code formats as lib/vsprintf.c does even when it runs for a process
			// (a seq_file show() under cat's read()): plain %p a hashed id, NULL zeros.
			fc.flavor = user_mode(cx) ? FormatFlavor::Libc : FormatFlavor::Kernel;
			fc.mem = cx.mem;
			std::vector<uint64_t> va_args = va ? va_list_args(fmtstr, arg(first), cx.mem) : std::vector<uint64_t>{};
			std::string text = format_printf(fmtstr, va ? std::span<const uint64_t>(va_args) : std::span(a + first, n - std::min(n, first)), fc);
			uint64_t cap = sized ? arg(1) : text.size() + 1;
			if (cap > 0) {
				// The text and its NUL in one write when it fits (a std::string's data
				// ends in a NUL), the cut text and a NUL when it does not.
				uint64_t len = std::min<uint64_t>(text.size(), cap - 1);
				vm::Memory* d = mem_for(cx, arg(0));
				const char nul = '\0';
				bool whole = len == text.size();
				if (!d || !d->write(arg(0), text.c_str(), whole ? len + 1 : len) ||
				    (!whole && !d->write(arg(0) + len, &nul, 1)))
					return false;
			}
			// scnprintf() returns what it wrote, not what it would have.
			*r = written ? std::min<uint64_t>(text.size(), cap ? cap - 1 : 0) : text.size();
			return true;
		}
		case BuiltinId::getpid:
		case BuiltinId::gettid: *r = static_cast<uint64_t>(k(cx).m.tasks[here(cx).task].pid); return true;
		case BuiltinId::getppid: *r = static_cast<uint64_t>(k(cx).m.tasks[here(cx).task].ppid); return true;
		case BuiltinId::clock_gettime: {
			// The vDSO: no kernel entry. CLOCK_REALTIME starts at kctx's epoch.
			Kernel& kk = k(cx);
			uint64_t ns = kk.m.cpus[here(cx).cpu].now;
			if (arg(0) == 0)
				ns = realtime_ns(ns);
			UserState* u = user(cx);
			namespace L = abi::layout::timespec;
			if (!u || !u->mm.store(arg(1) + L::tv_sec, static_cast<int64_t>(ns / 1000000000)) ||
			    !u->mm.store(arg(1) + L::tv_nsec, static_cast<int64_t>(ns % 1000000000)))
				return false;
			*r = 0;
			return true;
		}
		case BuiltinId::time: {
			Kernel& kk = k(cx);
			uint64_t secs = realtime_ns(kk.m.cpus[here(cx).cpu].now) / 1000000000;
			UserState* u = user(cx);
			if (arg(0) && (!u || !u->mm.store(arg(0), secs)))
				return false;
			*r = secs;
			return true;
		}
		case BuiltinId::__kctx_jiffies: {
			Kernel& kk = k(cx);
			*r = kk.jiffies(here(cx).cpu);
			return true;
		}
		default: return false;
		}
	}
};

bool native_libc(vm::NativeContext& cx, const uint64_t* args, uint32_t nargs, uint64_t* result);

void install_natives(vm::NativeTable& table)
{
	// One trampoline per builtin id that has a native implementation.
#define KCTX_BUILTIN(name, world, proto, sleeps, context, handler)                                                         \
	table.fns[static_cast<size_t>(BuiltinId::name)] = [](vm::NativeContext& cx, const uint64_t* a, uint32_t n, uint64_t* r) { \
		return Natives::call(cx, BuiltinId::name, a, n, r);                                                      \
	};
#include "abi/Builtins.def"
#undef KCTX_BUILTIN
}

void init_rand_state(RandState& s) { srandom_r(s, 1); }

std::string Kernel::flush_stdout(TaskId t)
{
	std::string out;
	if (m.tasks[t].user)
		std::swap(out, m.tasks[t].user->stdout_buf);
	return out;
}

void Kernel::user_builtin(uint32_t cpu, TaskId t, const vm::BuiltinCall& call)
{
	const vm::Thread& thread = m.tasks[t].user->thread;
	std::vector<uint64_t> args(vm::builtin_args(thread, call).begin(), vm::builtin_args(thread, call).end());
	if (UserBuiltinFn handler = builtin_handler(call.id).user)
		(this->*handler)(cpu, t, call, args);
	else
		start_syscall(cpu, t, call.id, args);
}

void Kernel::libc_native(uint32_t cpu, TaskId t, const vm::BuiltinCall& call, std::span<const uint64_t> args)
{
	// The native declined (an argument it cannot read or write): the call goes on as the
	// system call of its name, which do_syscall() reports as not simulated. A native that
	// declined because its first touch of a page found no free RAM takes the fault's
	// out-of-memory path instead, and runs again if its task survives.
	if (page_count().free_pages() == 0 && m.tasks[t].user) {
		user_oom_fault(cpu, t);
		if (!m.halted && !m.tasks[t].exited && m.tasks[t].user->thread.frames.size())
			vm::rewind_builtin(m.tasks[t].user->thread);
		return;
	}
	start_syscall(cpu, t, call.id, args);
}

void Kernel::stdio_builtin(uint32_t cpu, TaskId t, const vm::BuiltinCall& call, std::span<const uint64_t> args)
{
	UserState& u = *m.tasks[t].user;
	auto arg = [&](size_t i) -> uint64_t { return i < args.size() ? args[i] : 0; };
	vm::AddressSpace mem{&u.mm, &m.kmem};
	auto str = [&](uint64_t p) {
		std::string s;
		(void)u.mm.read_string(p, s, 1 << 20);
		return s;
	};
	// A %s argument that runs into memory the program may not touch is glibc's own load
	// faulting: the page fault (a driver's ->fault, or SIGSEGV), then the call again.
	uint64_t fault_at = 0;
	auto string_faulted = [&] {
		if (!fault_at)
			return false;
		vm::rewind_builtin(u.thread);
		vm::RunResult r;
		r.exit = vm::Exit::Fault;
		r.fault = vm::FaultKind::Read;
		r.fault_address = fault_at;
		handle_fault(cpu, t, true, r);
		return true;
	};
	auto format = [&](uint64_t fmt_addr, size_t first) {
		FormatContext fc;
		fc.mem = mem;
		fc.fault = &fault_at;
		return format_printf(str(fmt_addr), args.subspan(std::min(first, args.size())), fc);
	};
	// stdio: stdout is line-buffered (a terminal), stderr unbuffered. Output that must
	// reach the terminal now becomes a write(2) syscall whose result the caller does not
	// see: the libc function's own return value is passed through.
	auto out = [&](uint64_t stream, std::string text, int64_t result) {
		int32_t fd = stream_fd(t, stream);
		if (fd != 1) {
			// stderr, and streams fopen() made (user_lib-stdio.h): unbuffered.
			start_libc_write(cpu, t, fd, std::move(text), result);
			return;
		}
		u.stdout_buf += text;
		if (!stdout_needs_flush(t)) {
			vm::complete_builtin(u.thread, static_cast<uint64_t>(result));
			return;
		}
		std::string data = flush_stdout(t);
		start_libc_write(cpu, t, 1, std::move(data), result);
	};
	switch (call.id) {
	case BuiltinId::printf: {
		std::string s = format(arg(0), 1);
		if (!string_faulted())
			out(0x1001, s, static_cast<int64_t>(s.size()));
		return;
	}
	case BuiltinId::fprintf: {
		std::string s = format(arg(1), 2);
		if (!string_faulted())
			out(arg(0), s, static_cast<int64_t>(s.size()));
		return;
	}
	case BuiltinId::vprintf:
	case BuiltinId::vfprintf: {
		bool to_stream = call.id == BuiltinId::vfprintf;
		std::string f = str(arg(to_stream ? 1 : 0));
		FormatContext fc;
		fc.mem = mem;
		fc.fault = &fault_at;
		std::string s = format_printf(f, va_list_args(f, arg(to_stream ? 2 : 1), mem), fc);
		if (!string_faulted())
			out(to_stream ? arg(0) : 0x1001, s, static_cast<int64_t>(s.size()));
		return;
	}
	case BuiltinId::puts: out(0x1001, str(arg(0)) + "\n", 1); return;
	case BuiltinId::fputs: out(arg(1), str(arg(0)), 1); return;
	case BuiltinId::putchar: out(0x1001, std::string(1, static_cast<char>(arg(0))), static_cast<uint8_t>(arg(0))); return;
	case BuiltinId::fputc: out(arg(1), std::string(1, static_cast<char>(arg(0))), static_cast<uint8_t>(arg(0))); return;
	case BuiltinId::perror: {
		int32_t e = 0;
		(void)u.mm.load(u.errno_addr, e);
		std::string text(abi::strerror_text(e));
		if (text.empty())
			text = fmt::format("Unknown error {}", e);
		std::string prefix = arg(0) ? str(arg(0)) : "";
		out(0x1002, (prefix.empty() ? "" : prefix + ": ") + text + "\n", 0);
		return;
	}
	case BuiltinId::fflush: {
		if (u.stdout_buf.empty() || arg(0) == 0x1002) {
			vm::complete_builtin(u.thread, 0);
			return;
		}
		std::string data = flush_stdout(t);
		start_libc_write(cpu, t, 1, std::move(data), 0);
		return;
	}
	case BuiltinId::setvbuf: vm::complete_builtin(u.thread, static_cast<uint64_t>(libc_setvbuf(t, arg(0), static_cast<int32_t>(arg(2))))); return;
	default: KCTX_UNREACHABLE();
	}
}

}  // namespace kctx::kernel
