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

// kernel/params.c param_set_<type>(): one value into the variable at `var`.
int set_param_value(ParamEnv& env, std::string_view param, const ParamType& type, const std::string& value,
		    uint64_t var)
{
	if (type.name == "bool" || type.name == "invbool") {
		std::optional<bool> b = parse_bool(value);
		if (!b)
			return -abi::kEINVAL;
		(void)env.kmem.store(var, static_cast<uint8_t>(type.name == "bool" ? *b : !*b));
		return 0;
	}
	if (type.name == "charp") {
		// param_set_charp(): at most 1024 bytes, copied into kmalloc'ed memory.
		if (value.size() > 1024) {
			env.printk(fmt::format("\0013{}: string parameter too long\n", param));
			return -abi::kENOSPC;
		}
		uint64_t s = env.kmalloc(value.size() + 1);
		(void)env.kmem.write(s, value.c_str(), value.size() + 1);
		(void)env.kmem.store(var, s);
		return 0;
	}
	uint64_t v = 0;
	if (int err = parse_integer(value, type.is_signed, type.lowest, type.highest, v))
		return err;
	switch (type.size) {
	case 1: (void)env.kmem.store(var, static_cast<uint8_t>(v)); break;
	case 2: (void)env.kmem.store(var, static_cast<uint16_t>(v)); break;
	case 8: (void)env.kmem.store(var, v); break;
	default: (void)env.kmem.store(var, static_cast<uint32_t>(v)); break;
	}
	return 0;
}

// param_get_<type>(): one value as its getter prints it.
std::string get_param_value(const vm::Memory& kmem, const ParamType& type, uint64_t var)
{
	uint64_t v = 0;
	(void)kmem.load(var, v);   // little-endian: the low bytes are the value
	uint32_t bits = type.size * 8;
	uint64_t u = bits == 64 ? v : v & ((1ull << bits) - 1);
	if (type.name == "bool" || type.name == "invbool")
		return (u != 0) == (type.name == "bool") ? "Y" : "N";
	if (type.name == "charp") {
		std::string str;
		(void)kmem.read_string(u, str, 4096);
		return str;
	}
	if (type.is_signed) {
		int64_t s = bits == 64 ? static_cast<int64_t>(u) : static_cast<int64_t>(u << (64 - bits)) >> (64 - bits);
		return fmt::format(fmt::runtime(type.get_format), s);
	}
	return fmt::format(fmt::runtime(type.get_format), u);
}

// The descriptor module_param_array() leaves in the module's data (prelude
// kernel-modbuild.h struct __kctx_param_array: elem, num, max).
struct ArrayDesc {
	uint64_t elem = 0, num = 0, max = 0;
};
ArrayDesc load_array_desc(const vm::Memory& kmem, uint64_t at)
{
	ArrayDesc d;
	(void)kmem.load(at, d.elem);
	(void)kmem.load(at + 8, d.num);
	(void)kmem.load(at + 16, d.max);
	return d;
}

}  // namespace

const ParamType& param_type(std::string_view name)
{
	static constexpr ParamType kTypes[] = {
#define PARAM_TYPE(name, size, is_signed, lowest, highest, get_format) \
	{#name, size, is_signed, lowest, highest, get_format},
#include "kernel/module/ParamTypes.def"
#undef PARAM_TYPE
	};
	for (const ParamType& t : kTypes)
		if (t.name == name)
			return t;
	return kTypes[3];   // int
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

// kernel/params.c parse_one() for one of the module's parameters.
int set_module_param(ParamEnv& env, std::string_view param, const std::optional<std::string>& value,
		     std::string_view type_name, Param::Kind kind, uint64_t at)
{
	const ParamType& type = param_type(type_name);
	// Only bool and invbool take a bare name (KERNEL_PARAM_OPS_FL_NOARG): it means "y".
	bool noarg = type.name == "bool" || type.name == "invbool";
	if (!value && !noarg)
		return -abi::kEINVAL;
	std::string val = value.value_or("y");
	switch (kind) {
	case Param::Kind::Scalar: {
		uint64_t var = 0;
		(void)env.kmem.load(at, var);
		return set_param_value(env, param, type, val, var);
	}
	case Param::Kind::String: {
		// param_set_copystring(): the value and its NUL must fit the buffer.
		uint64_t buf = 0, maxlen = 0;
		(void)env.kmem.load(at, buf);
		(void)env.kmem.load(at + 8, maxlen);
		if (val.size() + 1 > maxlen) {
			env.printk(fmt::format("\0013{}: string doesn't fit in {} chars.\n", param, maxlen - 1));
			return -abi::kENOSPC;
		}
		(void)env.kmem.write(buf, val.c_str(), val.size() + 1);
		return 0;
	}
	case Param::Kind::Array: break;
	}
	// param_array(): comma-separated values, at least one, at most ARRAY_SIZE; the count
	// goes to *nump.
	ArrayDesc d = load_array_desc(env.kmem, at);
	uint32_t count = 0;
	size_t pos = 0;
	for (;;) {
		if (count == d.max) {
			env.printk(fmt::format("\0013{}: can only take {} arguments\n", param, d.max));
			return -abi::kEINVAL;
		}
		size_t comma = val.find(',', pos);
		std::string one = val.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
		if (int err = set_param_value(env, param, type, one, d.elem + count * type.size))
			return err;
		count++;
		if (comma == std::string::npos)
			break;
		pos = comma + 1;
	}
	if (d.num)
		(void)env.kmem.store(d.num, count);
	return 0;
}

int64_t parse_module_args(ParamEnv& env, const vm::Program& p, uint64_t data_base, std::string_view args)
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
			env.printk(fmt::format("\0014{}: unknown parameter '{}' ignored\n", p.name, a.param));
			continue;
		}
		int ret = set_module_param(env, a.param, a.value, prm->type, prm->kind, prm->at);
		if (ret == 0)
			continue;
		std::string shown = a.value.value_or("");
		if (ret == -abi::kENOSPC)
			env.printk(fmt::format("\0013{}: `{}' too large for parameter `{}'\n", p.name, shown, a.param));
		else
			env.printk(fmt::format("\0013{}: `{}' invalid for parameter `{}'\n", p.name, shown, a.param));
		err = ret;
	}
	return err;
}

std::string show_module_param(const vm::Memory& kmem, std::string_view type_name, Param::Kind kind, uint64_t at)
{
	// param_attr_show() -> ops->get(): param_get_<type>(), param_get_string() and
	// param_array_get() (the values joined by commas).
	const ParamType& type = param_type(type_name);
	switch (kind) {
	case Param::Kind::Scalar: {
		uint64_t var = 0;
		(void)kmem.load(at, var);
		return get_param_value(kmem, type, var) + "\n";
	}
	case Param::Kind::String: {
		uint64_t buf = 0;
		std::string str;
		(void)kmem.load(at, buf);
		(void)kmem.read_string(buf, str, 4096);
		return str + "\n";
	}
	case Param::Kind::Array: break;
	}
	ArrayDesc d = load_array_desc(kmem, at);
	uint32_t count = static_cast<uint32_t>(d.max);
	if (d.num)
		(void)kmem.load(d.num, count);
	std::string text;
	for (uint32_t i = 0; i < count && i < d.max; i++)
		text += (i ? "," : "") + get_param_value(kmem, type, d.elem + i * type.size);
	return text + "\n";
}

}  // namespace kctx::kernel
