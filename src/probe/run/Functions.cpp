#include "probe/run/Functions.h"

#include <algorithm>
#include <map>

#include "abi/Builtins.h"
#include "kernel/core/NativeFrame.h"

namespace kctx::probe {

namespace {

// Natives.def's symbol and size columns.
struct NativeSymbol {
	std::string_view symbol;
	uint32_t size;
};
constexpr NativeSymbol kNativeSymbols[] = {
#define KCTX_NATIVE(name, symbol, size, step, trace) {symbol, size},
#include "kernel/core/Natives.def"
#undef KCTX_NATIVE
};

std::string trim(std::string_view s)
{
	size_t b = s.find_first_not_of(" \t");
	size_t e = s.find_last_not_of(" \t");
	return b == std::string_view::npos ? std::string() : std::string(s.substr(b, e - b + 1));
}

// stap -L prints a pointer type with its star against the name: "char*", "struct mutex*".
std::string stap_type(std::string type)
{
	for (size_t p; (p = type.find(" *")) != std::string::npos;)
		type.erase(p, 1);
	if (type.starts_with("const "))
		type.erase(0, 6);
	for (size_t p; (p = type.find("__user")) != std::string::npos;)
		type = trim(type.substr(0, p)) + (p + 6 < type.size() ? trim(type.substr(p + 6)) : "");
	return type;
}

KernelFunction make(std::string name, FunctionKind kind, uint32_t index, const ParsedPrototype& proto)
{
	KernelFunction f;
	f.name = std::move(name);
	f.kind = kind;
	f.index = index;
	// Views into `storage` must not move: reserve it whole before taking any.
	f.storage.reserve(2 * proto.params.size() + 2);
	for (const auto& [n, t] : proto.params) {
		f.storage.push_back(n);
		f.storage.push_back(stap_type(t));
	}
	bool has_return = !proto.ret.empty() && proto.ret != "void";
	if (has_return) {
		f.storage.push_back("return");
		f.storage.push_back(stap_type(proto.ret));
	}
	for (size_t i = 0; i + 1 < f.storage.size(); i += 2) {
		TargetVarInfo v{f.storage[i], false, f.storage[i + 1]};
		if (!(has_return && i + 2 == f.storage.size()))
			f.params.push_back(v);
		f.with_return.push_back(v);
	}
	return f;
}

std::vector<KernelFunction> build()
{
	std::map<std::string, KernelFunction> byname;
	for (const abi::BuiltinInfo& b : abi::builtins()) {
		if (b.world != abi::World::Kernel || b.name.starts_with("__kctx_"))
			continue;
		byname.emplace(std::string(b.name),
			       make(std::string(b.name), FunctionKind::Builtin, static_cast<uint32_t>(b.id),
				    parse_prototype(b.prototype)));
	}
	// Natives: what Linux 6.1's function returns is kctx's frame value; their
	// parameters live in kctx's run states, not offered yet (docs/stap.md).
	for (uint32_t i = 0; i < static_cast<uint32_t>(kernel::NativeFn::Count); i++) {
		std::string sym(kNativeSymbols[i].symbol);
		if (auto it = byname.find(sym); it != byname.end()) {
			it->second.native = static_cast<int32_t>(i);
			continue;
		}
		byname.emplace(sym, make(sym, FunctionKind::Native, i, ParsedPrototype{}));
	}
	std::vector<KernelFunction> out;
	out.reserve(byname.size());
	for (auto& [n, f] : byname)
		out.push_back(std::move(f));
	return out;
}

}  // namespace

ParsedPrototype parse_prototype(std::string_view proto)
{
	ParsedPrototype out;
	size_t open = proto.find('(');
	size_t close = proto.rfind(')');
	if (open == std::string_view::npos || close == std::string_view::npos || close < open)
		return out;
	// The return type is what precedes the name: "void *kmalloc" -> "void *".
	std::string head = trim(proto.substr(0, open));
	size_t name_at = head.find_last_of(" *");
	out.ret = name_at == std::string::npos ? std::string() : trim(head.substr(0, name_at + 1));
	std::string_view list = proto.substr(open + 1, close - open - 1);
	size_t start = 0;
	int depth = 0;
	for (size_t i = 0; i <= list.size(); i++) {
		if (i < list.size() && list[i] == '(')
			depth++;
		if (i < list.size() && list[i] == ')')
			depth--;
		if (i < list.size() && (list[i] != ',' || depth > 0))
			continue;
		std::string p = trim(list.substr(start, i - start));
		start = i + 1;
		if (p.empty() || p == "void" || p == "...")
			continue;
		// A function pointer, "void (*fn)(struct timer_list *)": the name inside "(*…)".
		if (size_t star = p.find("(*"); star != std::string::npos) {
			size_t end = p.find(')', star);
			std::string name = p.substr(star + 2, end - star - 2);
			out.params.emplace_back(name, p.substr(0, star + 2) + p.substr(end));
			continue;
		}
		size_t n = p.find_last_of(" *");
		if (n == std::string::npos)
			continue;
		std::string name = p.substr(n + 1);
		// An array parameter, "char buf[]": the name without its brackets.
		if (size_t br = name.find('['); br != std::string::npos)
			name.erase(br);
		out.params.emplace_back(name, trim(p.substr(0, n + 1)));
	}
	return out;
}

uint32_t native_function_size(uint32_t fn)
{
	return kNativeSymbols[fn].size;
}

std::span<const KernelFunction> kernel_functions()
{
	static const std::vector<KernelFunction> table = build();
	return table;
}

}  // namespace kctx::probe
