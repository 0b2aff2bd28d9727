#include "kernel/printk/Format.h"

#include <algorithm>
#include <bit>
#include <climits>
#include <cstdio>
#include <iterator>
#include <fmt/format.h>

#include "base/Hash.h"

namespace kctx::kernel {

namespace {

std::string read_c_string(const vm::AddressSpace& mem, uint64_t addr, int precision)
{
	vm::Memory* m = mem.for_address(addr);
	std::string s;
	uint64_t max = precision >= 0 ? static_cast<uint64_t>(precision) : 1u << 20;
	for (uint64_t i = 0; m && i < max; i++) {
		uint8_t c = 0;
		if (!m->load(addr + i, c) || c == 0)
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
	size_t next = 0;
	auto take = [&]() -> uint64_t { return next < args.size() ? args[next++] : 0; };
	bool kernel = cx.flavor == FormatFlavor::Kernel;
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
		std::string flags;
		while (i < fmt.size() && std::string_view("-+ #0").find(fmt[i]) != std::string_view::npos)
			flags += fmt[i++];
		int width = -1, precision = -1;
		if (i < fmt.size() && fmt[i] == '*') {
			width = static_cast<int>(static_cast<int32_t>(take()));
			// C11 7.21.6.1p5: a negative '*' width is a '-' flag and a positive width.
			if (width < 0) {
				flags += '-';
				width = width == INT_MIN ? INT_MAX : -width;
			}
			i++;
		} else {
			while (i < fmt.size() && fmt[i] >= '0' && fmt[i] <= '9')
				width = (width < 0 ? 0 : width) * 10 + (fmt[i++] - '0');
		}
		if (i < fmt.size() && fmt[i] == '.') {
			i++;
			precision = 0;
			if (i < fmt.size() && fmt[i] == '*') {
				precision = static_cast<int>(static_cast<int32_t>(take()));
				i++;
			} else {
				while (i < fmt.size() && fmt[i] >= '0' && fmt[i] <= '9')
					precision = precision * 10 + (fmt[i++] - '0');
			}
		}
		int bits = 32;
		while (i < fmt.size() && std::string_view("hlzjtLq").find(fmt[i]) != std::string_view::npos) {
			char l = fmt[i++];
			if (l == 'h')
				bits = bits == 16 ? 8 : 16;
			else
				bits = 64;
		}
		if (i >= fmt.size()) {
			out += fmt.substr(start);
			break;
		}
		char conv = fmt[i];
		// Plain %d, %u, %x: the same digits without building a spec for libc's printf.
		if (flags.empty() && width < 0 && precision < 0 && (conv == 'd' || conv == 'i' || conv == 'u' || conv == 'x')) {
			uint64_t v = take();
			if (bits < 64)
				v &= (uint64_t{1} << bits) - 1;
			if (conv == 'd' || conv == 'i') {
				int64_t sv = bits == 64 ? static_cast<int64_t>(v)
					   : static_cast<int64_t>(v << (64 - bits)) >> (64 - bits);
				fmt::format_int digits(sv);   // no format string to parse: the common case
				out.append(digits.data(), digits.size());
			} else if (conv == 'u') {
				fmt::format_int digits(v);
				out.append(digits.data(), digits.size());
			} else {
				fmt::format_to(std::back_inserter(out), "{:x}", v);
			}
			continue;
		}
		std::string spec = "%" + flags;
		if (width >= 0)
			spec += std::to_string(width);
		if (precision >= 0)
			spec += "." + std::to_string(precision);
		switch (conv) {
		case 'd':
		case 'i': {
			uint64_t v = take();
			int64_t sv = bits == 64 ? static_cast<int64_t>(v)
				   : bits == 16 ? static_cast<int16_t>(v)
				   : bits == 8  ? static_cast<int8_t>(v)
						: static_cast<int32_t>(v);
			out += c_format(spec + "lld", static_cast<long long>(sv));
			break;
		}
		case 'u':
		case 'x':
		case 'X':
		case 'o': {
			uint64_t v = take();
			if (bits == 32)
				v = static_cast<uint32_t>(v);
			else if (bits == 16)
				v = static_cast<uint16_t>(v);
			else if (bits == 8)
				v = static_cast<uint8_t>(v);
			// lib/vsprintf.c writes the 0x prefix even for zero.
			if (kernel && v == 0 && flags.find('#') != std::string::npos && (conv == 'x' || conv == 'X')) {
				std::string s = conv == 'x' ? "0x0" : "0X0";
				if (width > static_cast<int>(s.size()))
					s = flags.find('-') != std::string::npos ? s + std::string(width - s.size(), ' ')
										 : std::string(width - s.size(), ' ') + s;
				out += s;
				break;
			}
			out += c_format(spec + "ll" + conv, static_cast<unsigned long long>(v));
			break;
		}
		case 'c': out += c_format(spec + "c", static_cast<int>(static_cast<uint8_t>(take()))); break;
		case 's': {
			uint64_t p = take();
			std::string s = p ? read_c_string(cx.mem, p, precision) : "(null)";
			std::string sspec = "%" + flags + (width >= 0 ? std::to_string(width) : "") + "s";
			out += c_format(sspec, s.c_str());
			break;
		}
		case 'p': {
			uint64_t p = take();
			if (!kernel) {
				out += p ? c_format("%" + flags + (width >= 0 ? std::to_string(width) : "") + "s",
						    fmt::format("{:#x}", p).c_str())
					 : c_format("%" + flags + (width >= 0 ? std::to_string(width) : "") + "s", "(nil)");
				break;
			}
			// The kernel's %p extensions: the letters after 'p' belong to it.
			std::string ext;
			while (i + 1 < fmt.size() && std::isalnum(static_cast<unsigned char>(fmt[i + 1])))
				ext += fmt[++i];
			if (!ext.empty() && (ext[0] == 'S' || ext[0] == 's' || ext[0] == 'B' || ext[0] == 'F' || ext[0] == 'f')) {
				std::string s = cx.symbolize ? cx.symbolize(p) : fmt::format("{:#x}", p);
				if (ext[0] == 's' || ext[0] == 'f')
					s = s.substr(0, s.find('+'));
				out += s;
			} else if (!ext.empty() && ext[0] == 'x') {
				out += fmt::format("{:016x}", p);
			} else {
				// Plain %p prints a hashed id (lib/vsprintf.c ptr_to_id) so addresses
				// do not leak.
				out += p ? fmt::format("{:016x}", hash_bytes(&p, sizeof p) & 0xffffffffull) : "0000000000000000";
			}
			break;
		}
		case 'f':
		case 'F':
		case 'e':
		case 'E':
		case 'g':
		case 'G':
		case 'a':
		case 'A': out += c_format(spec + conv, std::bit_cast<double>(take())); break;
		case 'n': take(); break;
		default: out += fmt.substr(start, i - start + 1); break;
		}
	}
	return out;
}

}  // namespace kctx::kernel
