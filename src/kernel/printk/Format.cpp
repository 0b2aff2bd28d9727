#include "kernel/printk/Format.h"

#include <algorithm>
#include <bit>
#include <cctype>
#include <climits>
#include <cstdio>
#include <iterator>
#include <fmt/format.h>

#include "base/Hash.h"

namespace kctx::kernel {

namespace {

std::string read_c_string(const FormatContext& cx, uint64_t addr, int precision)
{
	vm::Memory* m = cx.mem.for_address(addr);
	std::string s;
	uint64_t max = precision >= 0 ? static_cast<uint64_t>(precision) : 1u << 20;
	// The first bad load of the call is the one that faults (glibc's vfprintf stops
	// there); a precision of 0 reads nothing (__strnlen(s, 0)), so it cannot fault.
	auto fault_at = [&](uint64_t a) {
		if (cx.fault && !*cx.fault)
			*cx.fault = a;
	};
	if (!m && max > 0)
		fault_at(addr);
	for (uint64_t i = 0; m && i < max; i++) {
		uint8_t c = 0;
		if (!m->load(addr + i, c)) {
			fault_at(addr + i);
			break;
		}
		if (c == 0)
			break;
		s.push_back(static_cast<char>(c));
	}
	return s;
}

template <typename T>
std::string c_format(const std::string& spec, T value)
{
	// One pass into a stack buffer: most conversions are short (the benchmark's
	// string_build spends its time here).
	char small[128];
	int n = std::snprintf(small, sizeof small, spec.c_str(), value);
	if (n >= 0 && static_cast<size_t>(n) < sizeof small)
		return std::string(small, static_cast<size_t>(n));
	n = std::snprintf(nullptr, 0, spec.c_str(), value);
	if (n < 0)
		return {};
	std::string out(static_cast<size_t>(n) + 1, '\0');
	std::snprintf(out.data(), out.size(), spec.c_str(), value);
	out.resize(static_cast<size_t>(n));
	return out;
}

// A conversion specification after its '%': the flags, the field width and precision
// (-1 when absent) and the argument's width in bits from its length modifier.
struct ConvSpec {
	std::string flags;
	int width = -1;
	int precision = -1;
	int bits = 32;

	// The spec for libc's printf: "%" flags width ".precision", without the conversion.
	[[nodiscard]] std::string c_spec() const
	{
		std::string spec = "%" + flags;
		if (width >= 0)
			spec += std::to_string(width);
		if (precision >= 0)
			spec += "." + std::to_string(precision);
		return spec;
	}
	// The same without the precision, for a string already cut to it.
	[[nodiscard]] std::string c_spec_no_precision() const
	{
		return "%" + flags + (width >= 0 ? std::to_string(width) : "");
	}
};

// The variadic arguments, taken in order; one past the last reads as 0.
class Args {
public:
	explicit Args(std::span<const uint64_t> args) : m_args(args) {}
	uint64_t take() { return m_next < m_args.size() ? m_args[m_next++] : 0; }

private:
	std::span<const uint64_t> m_args;
	size_t m_next = 0;
};

// Parses the flags, width, precision and length modifier at fmt[i], leaving i at the
// conversion character (or at fmt.size() when the format ends first). A '*' width or
// precision takes its argument here, before the value's.
// lib/vsprintf.c: struct printf_spec keeps the width in 24 bits and the precision in
// 16; set_field_width() and set_precision() clamp a '*' argument to these.
constexpr int kFieldWidthMax = (1 << 23) - 1;
constexpr int kPrecisionMax = (1 << 15) - 1;

// skip_atoi() / glibc's read_int(): decimal digits, wrapping as the C int does (the
// caller saturates or truncates as its printf does).
int64_t read_digits(std::string_view fmt, size_t& i)
{
	int64_t v = 0;
	while (i < fmt.size() && fmt[i] >= '0' && fmt[i] <= '9')
		v = std::min<int64_t>(v * 10 + (fmt[i++] - '0'), int64_t{1} << 40);
	return v;
}

// A literal width or precision as each printf keeps it: the kernel's bitfield truncates
// it (a width that wraps negative pads nothing, a negative precision is 0); glibc's
// read_int() gives up past INT_MAX, which its printf reports as EOVERFLOW (here: INT_MAX,
// which libc's printf refuses the same way).
int literal_field(int64_t v, int bits, bool kernel)
{
	if (!kernel)
		return static_cast<int>(std::min<int64_t>(v, INT_MAX));
	auto wrapped = static_cast<int32_t>(static_cast<uint32_t>(v) << (32 - bits)) >> (32 - bits);
	return wrapped;
}

ConvSpec parse_conv_spec(std::string_view fmt, size_t& i, Args& args, bool kernel)
{
	ConvSpec c;
	while (i < fmt.size() && std::string_view("-+ #0").find(fmt[i]) != std::string_view::npos)
		c.flags += fmt[i++];
	if (i < fmt.size() && fmt[i] == '*') {
		c.width = static_cast<int>(static_cast<int32_t>(args.take()));
		if (kernel)
			c.width = std::clamp(c.width, -kFieldWidthMax, kFieldWidthMax);
		// C11 7.21.6.1p5: a negative '*' width is a '-' flag and a positive width.
		if (c.width < 0) {
			c.flags += '-';
			c.width = c.width == INT_MIN ? INT_MAX : -c.width;
		}
		i++;
	} else if (i < fmt.size() && fmt[i] >= '0' && fmt[i] <= '9') {
		c.width = literal_field(read_digits(fmt, i), 24, kernel);
		if (c.width < 0)
			c.width = -1;   // number(), widen_string(): a negative width pads nothing
	}
	if (i < fmt.size() && fmt[i] == '.') {
		i++;
		c.precision = 0;
		if (i < fmt.size() && fmt[i] == '*') {
			c.precision = static_cast<int>(static_cast<int32_t>(args.take()));
			if (kernel)
				c.precision = std::clamp(c.precision, 0, kPrecisionMax);
			i++;
		} else {
			c.precision = std::max(0, literal_field(read_digits(fmt, i), 16, kernel));
		}
	}
	while (i < fmt.size() && std::string_view("hlzjtLq").find(fmt[i]) != std::string_view::npos) {
		char l = fmt[i++];
		if (l == 'h')
			c.bits = c.bits == 16 ? 8 : 16;
		else
			c.bits = 64;
	}
	return c;
}

// Plain %d, %i, %u, %x (no flags, width or precision): the same digits without building
// a spec for libc's printf.
void format_plain_int(std::string& out, char conv, uint64_t v, int bits)
{
	if (bits < 64)
		v &= (uint64_t{1} << bits) - 1;
	if (conv == 'd' || conv == 'i') {
		int64_t sv = bits == 64 ? static_cast<int64_t>(v) : static_cast<int64_t>(v << (64 - bits)) >> (64 - bits);
		fmt::format_int digits(sv);   // no format string to parse: the common case
		out.append(digits.data(), digits.size());
	} else if (conv == 'u') {
		fmt::format_int digits(v);
		out.append(digits.data(), digits.size());
	} else {
		fmt::format_to(std::back_inserter(out), "{:x}", v);
	}
}

// %d, %i: the argument truncated to its length and sign-extended.
std::string format_signed(const ConvSpec& c, uint64_t v)
{
	int64_t sv = c.bits == 64 ? static_cast<int64_t>(v)
		   : c.bits == 16 ? static_cast<int16_t>(v)
		   : c.bits == 8  ? static_cast<int8_t>(v)
				  : static_cast<int32_t>(v);
	return c_format(c.c_spec() + "lld", static_cast<long long>(sv));
}

// %u, %x, %X, %o: the argument truncated to its length.
std::string format_unsigned(const ConvSpec& c, char conv, uint64_t v, bool kernel)
{
	if (c.bits == 32)
		v = static_cast<uint32_t>(v);
	else if (c.bits == 16)
		v = static_cast<uint16_t>(v);
	else if (c.bits == 8)
		v = static_cast<uint8_t>(v);
	// lib/vsprintf.c writes the 0x prefix even for zero.
	if (kernel && v == 0 && c.flags.find('#') != std::string::npos && (conv == 'x' || conv == 'X')) {
		std::string s = conv == 'x' ? "0x0" : "0X0";
		if (c.width > static_cast<int>(s.size()))
			s = c.flags.find('-') != std::string::npos ? s + std::string(c.width - s.size(), ' ')
								 : std::string(c.width - s.size(), ' ') + s;
		return s;
	}
	return c_format(c.c_spec() + "ll" + conv, static_cast<unsigned long long>(v));
}

// %s: a string from simulated memory, at most `precision` bytes of it.
std::string format_string(const ConvSpec& c, uint64_t p, const FormatContext& cx)
{
	std::string s = p ? read_c_string(cx, p, c.precision) : "(null)";
	return c_format(c.c_spec_no_precision() + "s", s.c_str());
}

// %p. glibc's prints the address or "(nil)"; the kernel's takes the letters after the
// 'p' as its extension (fmt[i] is the 'p'; i is left at the extension's last letter).
std::string format_pointer(const ConvSpec& c, std::string_view fmt, size_t& i, uint64_t p, const FormatContext& cx)
{
	if (cx.flavor != FormatFlavor::Kernel)
		return p ? c_format(c.c_spec_no_precision() + "s", fmt::format("{:#x}", p).c_str())
			 : c_format(c.c_spec_no_precision() + "s", "(nil)");
	std::string ext;
	while (i + 1 < fmt.size() && std::isalnum(static_cast<unsigned char>(fmt[i + 1])))
		ext += fmt[++i];
	if (!ext.empty() && (ext[0] == 'S' || ext[0] == 's' || ext[0] == 'B' || ext[0] == 'F' || ext[0] == 'f')) {
		std::string s = cx.symbolize ? cx.symbolize(p) : fmt::format("{:#x}", p);
		// %ps is sprint_symbol_no_offset(): the name without +off/size, but a module
		// symbol keeps its " [module]" (kernel/kallsyms.c __sprint_symbol()).
		if (ext[0] == 's' || ext[0] == 'f') {
			size_t plus = s.find('+');
			size_t mod = plus == std::string::npos ? std::string::npos : s.find(" [", plus);
			s = s.substr(0, plus) + (mod == std::string::npos ? "" : s.substr(mod));
		}
		return s;
	}
	if (!ext.empty() && ext[0] == 'x')
		return fmt::format("{:016x}", p);
	// Plain %p prints a hashed id so addresses do not leak (lib/vsprintf.c ptr_to_id()):
	// NULL and error pointers as they are, any other the low 32 bits of its hash.
	// pointer_string() pads it to 16 zero-filled digits unless the format gives a field
	// width, which then applies as to %x ("%8p" of NULL is "       0").
	bool raw = p == 0 || p >= static_cast<uint64_t>(-4095);
	uint64_t v = raw ? p : (hash_bytes(&p, sizeof p) & 0xffffffffull);
	if (c.width < 0)
		return fmt::format("{:016x}", v);
	return c_format(c.c_spec_no_precision() + "lx", static_cast<unsigned long>(v));
}

}  // namespace

std::vector<uint64_t> va_list_args(std::string_view fmt, uint64_t va_list, const vm::AddressSpace& mem)
{
	std::vector<uint64_t> args;
	// A conversion takes at most three arguments: "*" width, ".*" precision, the value.
	uint64_t want = 3 * static_cast<uint64_t>(std::count(fmt.begin(), fmt.end(), '%'));
	vm::Memory* m = mem.for_address(va_list);
	uint64_t area = 0;
	if (!m || !m->load(va_list + 8, area))   // overflow_arg_area, after gp_offset and fp_offset
		return args;
	for (uint64_t i = 0; i < want; i++) {
		uint64_t v = 0;
		vm::Memory* slot = mem.for_address(area + 8 * i);
		if (!slot || !slot->load(area + 8 * i, v))
			break;
		args.push_back(v);
	}
	return args;
}

std::string format_printf(std::string_view fmt, std::span<const uint64_t> args, const FormatContext& cx)
{
	std::string out;
	Args a(args);
	for (size_t i = 0; i < fmt.size(); i++) {
		char ch = fmt[i];
		if (ch != '%') {
			out += ch;
			continue;
		}
		size_t start = i++;
		if (i >= fmt.size()) {
			out += '%';
			break;
		}
		if (fmt[i] == '%') {
			out += '%';
			continue;
		}
		ConvSpec c = parse_conv_spec(fmt, i, a, cx.flavor == FormatFlavor::Kernel);
		if (i >= fmt.size()) {
			out += fmt.substr(start);
			break;
		}
		char conv = fmt[i];
		if (c.flags.empty() && c.width < 0 && c.precision < 0 &&
		    (conv == 'd' || conv == 'i' || conv == 'u' || conv == 'x')) {
			format_plain_int(out, conv, a.take(), c.bits);
			continue;
		}
		switch (conv) {
		case 'd':
		case 'i': out += format_signed(c, a.take()); break;
		case 'u':
		case 'x':
		case 'X':
		case 'o': out += format_unsigned(c, conv, a.take(), cx.flavor == FormatFlavor::Kernel); break;
		case 'c': out += c_format(c.c_spec() + "c", static_cast<int>(static_cast<uint8_t>(a.take()))); break;
		case 's': out += format_string(c, a.take(), cx); break;
		case 'p': out += format_pointer(c, fmt, i, a.take(), cx); break;
		case 'f':
		case 'F':
		case 'e':
		case 'E':
		case 'g':
		case 'G':
		case 'a':
		case 'A': out += c_format(c.c_spec() + conv, std::bit_cast<double>(a.take())); break;
		case 'n': a.take(); break;
		default: out += fmt.substr(start, i - start + 1); break;
		}
	}
	return out;
}

}  // namespace kctx::kernel
