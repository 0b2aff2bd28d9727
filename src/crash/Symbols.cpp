#include "crash/Symbols.h"

#include <algorithm>
#include <charconv>
#include <fmt/format.h>

#include "abi/Builtins.h"
#include "vm/Program.h"

namespace kctx::crash {

namespace {

// The prelude's module metadata (__kctx_module_init, __kctx_ksymtab_...) is kctx's
// bookkeeping, not a symbol of the user's module.
bool is_internal(std::string_view name) { return name.starts_with("__kctx_"); }

const vm::Program* live_module_program(const Target& t, const kernel::Module& m)
{
	if (m.state == kernel::ModuleState::Gone || m.image >= t.images.size())
		return nullptr;
	return t.images[m.image].program;
}

Symbol function_symbol(const Target& t, const kernel::Module& m, uint32_t f)
{
	const vm::Program& p = *t.images[m.image].program;
	const vm::Function& fn = p.functions[f];
	return Symbol{fn.name, t.images[m.image].text_base + fn.text_offset, fn.text_size(), fn.is_static ? 't' : 'T',
		      m.name, m.image, static_cast<int32_t>(f)};
}

Symbol object_symbol(const Target& t, const kernel::Module& m, const vm::Global& g)
{
	const vm::Program& p = *t.images[m.image].program;
	bool bss = g.offset >= p.data.size();
	char type = bss ? 'B' : 'D';
	if (g.is_static)
		type = static_cast<char>(type - 'A' + 'a');
	return Symbol{g.name, t.images[m.image].data_base + g.offset, g.size, type, m.name, m.image, -1};
}

}  // namespace

std::optional<Symbol> lookup_symbol(const Target& t, std::string_view name)
{
	for (const kernel::Module& m : t.machine.modules) {
		const vm::Program* p = live_module_program(t, m);
		if (!p)
			continue;
		if (auto f = p->find_function(name))
			return function_symbol(t, m, *f);
		if (const vm::Global* g = p->find_global(name); g && !is_internal(g->name))
			return object_symbol(t, m, *g);
	}
	if (auto id = abi::find_builtin(name))
		return Symbol{std::string(name), vm::builtin_address(*id), vm::kBuiltinTextStride, 'T', {}, 0, -1};
	return std::nullopt;
}

std::optional<Symbol> symbol_at(const Target& t, uint64_t addr)
{
	for (const kernel::Module& m : t.machine.modules) {
		const vm::Program* p = live_module_program(t, m);
		if (!p)
			continue;
		const vm::Image& img = t.images[m.image];
		if (addr >= img.text_base && addr < img.text_base + p->text_size()) {
			if (auto f = p->function_at(static_cast<uint32_t>(addr - img.text_base)))
				return function_symbol(t, m, *f);
		}
		if (addr >= img.data_base && addr < img.data_base + p->data_size())
			for (const vm::Global& g : p->globals)
				if (!is_internal(g.name) && addr >= img.data_base + g.offset &&
				    addr < img.data_base + g.offset + std::max<uint64_t>(g.size, 1))
					return object_symbol(t, m, g);
	}
	uint64_t end = vm::kBuiltinTextBase + static_cast<uint64_t>(abi::BuiltinId::Count) * vm::kBuiltinTextStride;
	if (addr >= vm::kBuiltinTextBase && addr < end) {
		auto id = static_cast<abi::BuiltinId>((addr - vm::kBuiltinTextBase) / vm::kBuiltinTextStride);
		return Symbol{std::string(abi::builtin(id).name), vm::builtin_address(id), vm::kBuiltinTextStride, 'T', {}, 0, -1};
	}
	return std::nullopt;
}

std::vector<Symbol> module_symbols(const Target& t, std::string_view module)
{
	std::vector<Symbol> out;
	for (const kernel::Module& m : t.machine.modules) {
		const vm::Program* p = live_module_program(t, m);
		if (!p || (!module.empty() && m.name != module))
			continue;
		for (uint32_t f = 0; f < p->functions.size(); f++)
			out.push_back(function_symbol(t, m, f));
		for (const vm::Global& g : p->globals)
			if (!is_internal(g.name))
				out.push_back(object_symbol(t, m, g));
	}
	std::stable_sort(out.begin(), out.end(), [](const Symbol& a, const Symbol& b) { return a.addr < b.addr; });
	return out;
}

std::string symbol_offset(const Symbol& s, uint64_t addr)
{
	return addr == s.addr ? s.name : fmt::format("{}+{}", s.name, addr - s.addr);
}

std::optional<uint64_t> parse_address(const Target& t, std::string_view arg)
{
	std::string_view hex = arg.starts_with("0x") || arg.starts_with("0X") ? arg.substr(2) : arg;
	uint64_t v = 0;
	if (!hex.empty()) {
		auto [ptr, ec] = std::from_chars(hex.data(), hex.data() + hex.size(), v, 16);
		if (ec == std::errc() && ptr == hex.data() + hex.size())
			return v;
	}
	if (auto s = lookup_symbol(t, arg))
		return s->addr;
	return std::nullopt;
}

bool read_kernel(const Target& t, uint64_t addr, void* out, uint64_t n)
{
	return t.machine.kmem.read(addr, out, n);
}

}  // namespace kctx::crash
