// sym (symbols.c cmd_sym()): "ADDR (T) name [module]" for a name or an address inside
// one; -l every module symbol, -m NAME one module's.
#include <fmt/format.h>

#include "crash/Commands.h"
#include "crash/Symbols.h"

namespace kctx::crash {

namespace {

std::string sym_line(const Symbol& s, uint64_t addr)
{
	std::string mod = s.module.empty() ? "" : fmt::format(" [{}]", s.module);
	return fmt::format("{:x} ({}) {}{}\n", addr, s.type, symbol_offset(s, addr), mod);
}

}  // namespace

std::string cmd_sym(SessionState& s, const Args& args)
{
	ParsedArgs p;
	if (auto bad = parse_flags(args, "lm", p))
		return usage_error("sym", fmt::format("invalid option -- '{}'", *bad));
	const Target& t = *s.target;
	std::string out;
	if (has_flag(p, 'l') || has_flag(p, 'm')) {
		std::string module = has_flag(p, 'm') && !p.operands.empty() ? p.operands[0] : "";
		for (const Symbol& sym : module_symbols(t, module))
			out += sym_line(sym, sym.addr);
		return out;
	}
	if (p.operands.empty())
		return usage_error("sym", "a symbol or an address is required");
	for (const std::string& o : p.operands) {
		if (auto sym = lookup_symbol(t, o)) {
			out += sym_line(*sym, sym->addr);
			continue;
		}
		std::optional<uint64_t> addr = parse_address(t, o);
		std::optional<Symbol> at = addr ? symbol_at(t, *addr) : std::nullopt;
		if (!at) {
			out += fmt::format("sym: {}: {}\n", o, addr ? "no text or data symbol found" : "symbol not found");
			continue;
		}
		out += sym_line(*at, *addr);
	}
	return out;
}

}  // namespace kctx::crash
