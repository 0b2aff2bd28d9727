// Module parameters at load time: insmod's argument string parsed as kernel/params.c's
// parse_args() parses it (next_arg() splitting, parse_one() matching, the param_set_*
// and param_array() setters), into the variables the prelude's module_param*() macros
// name (prelude/kernel.h, prelude/kernel-modbuild.h).
#include <cctype>
#include <cerrno>
#include <climits>
#include <fmt/format.h>
#include <optional>

#include "abi/Errno.h"
#include "kernel/core/Kernel.h"
#include "kernel/module/Params.h"

namespace kctx::kernel {

namespace {

// One name=value of the argument string; `value` is nullopt for a bare name.
struct Arg {
	std::string param;
	std::optional<std::string> value;
};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'; }

// kernel/params.c next_arg(): an argument ends at a blank outside double quotes; the
// quotes around the value (or around the whole argument) are dropped, the others kept.
std::vector<Arg> split_args(std::string_view all)
{
	std::vector<Arg> out;
	size_t pos = 0;
	auto skip_spaces = [&] {
		while (pos < all.size() && is_space(all[pos]))
			pos++;
	};
	skip_spaces();
	while (pos < all.size()) {
		bool in_quote = false, quoted = false;
		if (all[pos] == '"') {
			pos++;
			in_quote = quoted = true;
		}
		size_t i = 0, equals = 0;
		std::string_view args = all.substr(pos);
		for (; i < args.size(); i++) {
			if (is_space(args[i]) && !in_quote)
				break;
			if (equals == 0 && args[i] == '=')
				equals = i;
			if (args[i] == '"')
				in_quote = !in_quote;
		}
		std::string word(args.substr(0, i));
		bool strip_last = quoted && i > 0 && args[i - 1] == '"';
		Arg a;
		if (equals == 0) {
			if (strip_last)
				word.pop_back();
			a.param = word;
		} else {
			a.param = word.substr(0, equals);
			std::string val = word.substr(equals + 1);
			if (!val.empty() && val.front() == '"') {
				val.erase(0, 1);
				strip_last = i > 0 && args[i - 1] == '"';
			}
			if (strip_last && !val.empty())
				val.pop_back();
			a.value = val;
		}
		out.push_back(std::move(a));
		pos += i;
		if (pos < all.size())
			pos++;
		skip_spaces();
	}
	return out;
}

// kernel/params.c parameq(): '-' and '_' are the same in parameter names.
bool parameq(std::string_view a, std::string_view b)
{
	if (a.size() != b.size())
		return false;
	for (size_t i = 0; i < a.size(); i++) {
		char x = a[i] == '-' ? '_' : a[i], y = b[i] == '-' ? '_' : b[i];
		if (x != y)
			return false;
	}
	return true;
}

// lib/kstrtox.c: base 0 (0x hex, 0 octal), an optional sign ('-' only for signed types),
// one trailing newline; -EINVAL for anything else, -ERANGE out of [lo, hi].
int parse_integer(std::string s, bool is_signed, long long lo, unsigned long long hi, uint64_t& out)
{
	if (!s.empty() && s.back() == '\n')
		s.pop_back();
	bool neg = false;
	size_t i = 0;
	if (i < s.size() && s[i] == '+')
		i++;
	else if (i < s.size() && s[i] == '-' && is_signed) {
		neg = true;
		i++;
	}
	if (i >= s.size() || !std::isxdigit(static_cast<unsigned char>(s[i])))
		return -abi::kEINVAL;
	errno = 0;
	char* end = nullptr;
	unsigned long long mag = std::strtoull(s.c_str() + i, &end, 0);
	if (*end != 0)
		return -abi::kEINVAL;
	if (errno == ERANGE)
		return -abi::kERANGE;
	if (neg) {
		if (mag > static_cast<unsigned long long>(LLONG_MAX) + 1 ||
		    -static_cast<long double>(mag) < static_cast<long double>(lo))
			return -abi::kERANGE;
		out = static_cast<uint64_t>(-static_cast<long long>(mag));
		return 0;
	}
	if (mag > hi)
		return -abi::kERANGE;
	out = mag;
	return 0;
}

// lib/kstrtox.c kstrtobool(): only the first character counts (and the second after 'o').
std::optional<bool> parse_bool(std::string_view s)
{
	if (s.empty())
		return std::nullopt;
	switch (s[0]) {
	case 'e': case 'E': case 'y': case 'Y': case 't': case 'T': case '1':
		return true;
	case 'd': case 'D': case 'n': case 'N': case 'f': case 'F': case '0':
		return false;
	case 'o': case 'O':
		if (s.size() > 1 && (s[1] == 'n' || s[1] == 'N'))
			return true;
		if (s.size() > 1 && (s[1] == 'f' || s[1] == 'F'))
			return false;
		return std::nullopt;
	default:
		return std::nullopt;
	}
}

}  // namespace

uint32_t param_type_size(std::string_view type)
{
	if (type == "byte" || type == "bool" || type == "invbool")
		return 1;
	if (type == "short" || type == "ushort")
		return 2;
	if (type == "long" || type == "ulong" || type == "ullong" || type == "charp")
		return 8;
	return 4;
}

std::vector<Param> module_params(const vm::Program& p, uint64_t data_base)
{
	std::vector<Param> out;
	auto split = [](std::string_view rest, std::string& type, std::string& name) {
		size_t sep = rest.find("__");
		if (sep == std::string_view::npos)
			return false;
		type = rest.substr(0, sep);
		name = rest.substr(sep + 2);
		return true;
	};
	for (const vm::Global& g : p.globals) {
		std::string_view n = g.name;
		Param prm;
		prm.at = data_base + g.offset;
		if (n.starts_with("__kctx_param_") && split(n.substr(13), prm.type, prm.name)) {
			prm.kind = Param::Kind::Scalar;
		} else if (n.starts_with("__kctx_parray_") && split(n.substr(14), prm.type, prm.name)) {
			prm.kind = Param::Kind::Array;
		} else if (n.starts_with("__kctx_pstring__")) {
			prm.kind = Param::Kind::String;
			prm.type = "string";
			prm.name = n.substr(16);
		} else {
			continue;
		}
		// module_param*()'s perm (prelude): its file under /sys/module/NAME/parameters.
		if (const vm::Global* perm = p.find_global("__kctx_pperm__" + prm.name))
			prm.perm = static_cast<uint16_t>(p.data[perm->offset] | (p.data[perm->offset + 1] << 8));
		out.push_back(std::move(prm));
	}
	return out;
}

// kernel/params.c param_set_<type>(): one value into the variable at `var`.
int Kernel::set_param_value(uint32_t cpu, std::string_view param, std::string_view type, const std::string& value,
			    uint64_t var)
{
	uint64_t v = 0;
	int err = 0;
	auto store = [&](auto narrow) {
		(void)m.kmem.store(var, static_cast<decltype(narrow)>(v));
		return 0;
	};
	if (type == "bool" || type == "invbool") {
		std::optional<bool> b = parse_bool(value);
		if (!b)
			return -abi::kEINVAL;
		(void)m.kmem.store(var, static_cast<uint8_t>(type == "bool" ? *b : !*b));
		return 0;
	}
	if (type == "charp") {
		// param_set_charp(): at most 1024 bytes, copied into kmalloc'ed memory.
		if (value.size() > 1024) {
			printk(cpu, fmt::format("\0013{}: string parameter too long\n", param));
			return -abi::kENOSPC;
		}
		uint64_t s = alloc_kernel(value.size() + 1, "param");
		(void)m.kmem.write(s, value.c_str(), value.size() + 1);
		(void)m.kmem.store(var, s);
		return 0;
	}
	if (type == "byte")
		err = parse_integer(value, false, 0, UINT8_MAX, v);
	else if (type == "short")
		err = parse_integer(value, true, INT16_MIN, INT16_MAX, v);
	else if (type == "ushort")
		err = parse_integer(value, false, 0, UINT16_MAX, v);
	else if (type == "uint" || type == "hexint")
		err = parse_integer(value, false, 0, UINT32_MAX, v);
	else if (type == "long")
		err = parse_integer(value, true, LLONG_MIN, LLONG_MAX, v);
	else if (type == "ulong" || type == "ullong")
		err = parse_integer(value, false, 0, ULLONG_MAX, v);
	else
		err = parse_integer(value, true, INT32_MIN, INT32_MAX, v);
	if (err)
		return err;
	switch (param_type_size(type)) {
	case 1: return store(uint8_t{});
	case 2: return store(uint16_t{});
	case 8: return store(uint64_t{});
	default: return store(uint32_t{});
	}
}

// kernel/params.c parse_one() for one of the module's parameters.
int Kernel::set_module_param(uint32_t cpu, const std::string& param, const std::optional<std::string>& value,
			     std::string_view type, int kind, uint64_t at)
{
	// Only bool and invbool take a bare name (KERNEL_PARAM_OPS_FL_NOARG): it means "y".
	bool noarg = type == "bool" || type == "invbool";
	if (!value && !noarg)
		return -abi::kEINVAL;
	std::string val = value.value_or("y");
	if (kind == 0) {
		uint64_t var = 0;
		(void)m.kmem.load(at, var);
		return set_param_value(cpu, param, type, val, var);
	}
	if (kind == 2) {
		// param_set_copystring(): the value and its NUL must fit the buffer.
		uint64_t buf = 0, maxlen = 0;
		(void)m.kmem.load(at, buf);
		(void)m.kmem.load(at + 8, maxlen);
		if (val.size() + 1 > maxlen) {
			printk(cpu, fmt::format("\0013{}: string doesn't fit in {} chars.\n", param, maxlen - 1));
			return -abi::kENOSPC;
		}
		(void)m.kmem.write(buf, val.c_str(), val.size() + 1);
		return 0;
	}
	// param_array(): comma-separated values, at least one, at most ARRAY_SIZE; the count
	// goes to *nump.
	uint64_t elem = 0, num = 0, max = 0;
	(void)m.kmem.load(at, elem);
	(void)m.kmem.load(at + 8, num);
	(void)m.kmem.load(at + 16, max);
	uint32_t count = 0;
	size_t pos = 0;
	for (;;) {
		if (count == max) {
			printk(cpu, fmt::format("\0013{}: can only take {} arguments\n", param, max));
			return -abi::kEINVAL;
		}
		size_t comma = val.find(',', pos);
		std::string one = val.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
		if (int err = set_param_value(cpu, param, type, one, elem + count * param_type_size(type)))
			return err;
		count++;
		if (comma == std::string::npos)
			break;
		pos = comma + 1;
	}
	if (num)
		(void)m.kmem.store(num, count);
	return 0;
}

int64_t Kernel::parse_module_args(uint32_t cpu, const vm::Program& p, uint64_t data_base, std::string_view args)
{
	std::vector<Param> params = module_params(p, data_base);
	int64_t err = 0;
	for (const Arg& a : split_args(args)) {
		const Param* prm = nullptr;
		for (const Param& q : params)
			if (parameq(q.name, a.param))
				prm = &q;
		if (!prm) {
			// unknown_module_param_cb(): not an error for a module.
			printk(cpu, fmt::format("\0014{}: unknown parameter '{}' ignored\n", p.name, a.param));
			continue;
		}
		int ret = set_module_param(cpu, a.param, a.value, prm->type, static_cast<int>(prm->kind), prm->at);
		if (ret == 0)
			continue;
		std::string shown = a.value.value_or("");
		if (ret == -abi::kENOSPC)
			printk(cpu, fmt::format("\0013{}: `{}' too large for parameter `{}'\n", p.name, shown, a.param));
		else
			printk(cpu, fmt::format("\0013{}: `{}' invalid for parameter `{}'\n", p.name, shown, a.param));
		err = ret;
	}
	return err;
}

}  // namespace kctx::kernel
