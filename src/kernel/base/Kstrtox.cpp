// lib/kstrtox.c: the string-to-number conversions sysfs store() methods parse their
// buffer with. A trailing newline is allowed (what `echo` writes), anything else after
// the digits is -EINVAL, a value that does not fit is -ERANGE.
#include <optional>

#include "abi/Errno.h"
#include "kernel/core/Kernel.h"

namespace kctx::kernel {

namespace {
using abi::BuiltinId;

[[nodiscard]] int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return 99;
}

// _kstrtoull(): the radix fixup (base 0: 0x hex, 0 octal, else decimal; base 16 skips
// 0x), the digits, an optional '\n', the end.
[[nodiscard]] int parse_ull(std::string_view s, unsigned base, uint64_t* res)
{
	if (base == 0) {
		if (!s.empty() && s[0] == '0')
			base = s.size() > 2 && (s[1] == 'x' || s[1] == 'X') && digit_value(s[2]) < 16 ? 16 : 8;
		else
			base = 10;
	}
	if (base == 16 && s.size() >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		s.remove_prefix(2);
	uint64_t v = 0;
	size_t i = 0;
	bool overflow = false;
	for (; i < s.size(); i++) {
		int d = digit_value(s[i]);
		if (d >= static_cast<int>(base))
			break;
		if (v > (UINT64_MAX - static_cast<uint64_t>(d)) / base)
			overflow = true;
		v = v * base + static_cast<uint64_t>(d);
	}
	if (overflow)
		return -abi::kERANGE;
	if (i == 0)
		return -abi::kEINVAL;
	if (i < s.size() && s[i] == '\n')
		i++;
	if (i != s.size())
		return -abi::kEINVAL;
	*res = v;
	return 0;
}

[[nodiscard]] int kstrtoull(std::string_view s, unsigned base, uint64_t* res)
{
	if (!s.empty() && s[0] == '+')
		s.remove_prefix(1);
	return parse_ull(s, base, res);
}

[[nodiscard]] int kstrtoll(std::string_view s, unsigned base, int64_t* res)
{
	uint64_t tmp = 0;
	if (!s.empty() && s[0] == '-') {
		int r = parse_ull(s.substr(1), base, &tmp);
		if (r < 0)
			return r;
		if (static_cast<int64_t>(0 - tmp) > 0)
			return -abi::kERANGE;
		*res = static_cast<int64_t>(0 - tmp);
		return 0;
	}
	int r = kstrtoull(s, base, &tmp);
	if (r < 0)
		return r;
	if (static_cast<int64_t>(tmp) < 0)
		return -abi::kERANGE;
	*res = static_cast<int64_t>(tmp);
	return 0;
}

// kstrtobool(): y/Y/t/T/1, n/N/f/F/0, on/off.
[[nodiscard]] int kstrtobool(std::string_view s, bool* res)
{
	char c0 = s.empty() ? 0 : s[0], c1 = s.size() > 1 ? s[1] : 0;
	switch (c0) {
	case 'y': case 'Y': case 't': case 'T': case '1': *res = true; return 0;
	case 'n': case 'N': case 'f': case 'F': case '0': *res = false; return 0;
	case 'o': case 'O':
		if (c1 == 'n' || c1 == 'N') {
			*res = true;
			return 0;
		}
		if (c1 == 'f' || c1 == 'F') {
			*res = false;
			return 0;
		}
		break;
	default: break;
	}
	return -abi::kEINVAL;
}
}   // namespace

bool Kernel::kstrtox_builtin(uint32_t cpu, TaskId t, const vm::BuiltinCall& call, std::span<const uint64_t> args)
{
	auto arg = [&](size_t i) -> uint64_t { return i < args.size() ? args[i] : 0; };
	auto ret = [&](int64_t v) {
		finish_builtin(t, static_cast<uint64_t>(v));
		return true;
	};
	(void)cpu;
	std::string s = read_kstring(arg(0));
	auto base = static_cast<unsigned>(arg(1));
	switch (call.id) {
	case BuiltinId::kstrtoull:
	case BuiltinId::kstrtoul:
	case BuiltinId::kstrtouint: {
		uint64_t v = 0;
		int r = kstrtoull(s, base, &v);
		bool narrow = call.id == BuiltinId::kstrtouint;
		if (r == 0 && narrow && v != static_cast<uint32_t>(v))
			r = -abi::kERANGE;
		if (r == 0)
			(void)(narrow ? m.kmem.store(arg(2), static_cast<uint32_t>(v)) : m.kmem.store(arg(2), v));
		return ret(r);
	}
	case BuiltinId::kstrtoll:
	case BuiltinId::kstrtol:
	case BuiltinId::kstrtoint: {
		int64_t v = 0;
		int r = kstrtoll(s, base, &v);
		bool narrow = call.id == BuiltinId::kstrtoint;
		if (r == 0 && narrow && v != static_cast<int32_t>(v))
			r = -abi::kERANGE;
		if (r == 0)
			(void)(narrow ? m.kmem.store(arg(2), static_cast<int32_t>(v)) : m.kmem.store(arg(2), v));
		return ret(r);
	}
	case BuiltinId::kstrtobool: {
		bool v = false;
		int r = kstrtobool(s, &v);
		if (r == 0)
			(void)m.kmem.store(arg(1), static_cast<uint8_t>(v));
		return ret(r);
	}
	default: return false;
	}
}

}   // namespace kctx::kernel
