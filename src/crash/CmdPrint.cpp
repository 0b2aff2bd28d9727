// p (gdb's print through crash's cmd_p()): "NAME = $N = VALUE", N counting the
// session's printed values as gdb's value history does.
#include <fmt/format.h>

#include "crash/Commands.h"
#include "crash/Symbols.h"
#include "crash/Types.h"

namespace kctx::crash {

std::string cmd_p(SessionState& s, const Args& args)
{
	ParsedArgs p;
	if (auto bad = parse_flags(args, "xd", p))
		return usage_error("p", fmt::format("invalid option -- '{}'", *bad));
	if (p.operands.empty())
		return usage_error("p", "an expression is required");
	const Target& t = *s.target;
	Radix radix = has_flag(p, 'x') ? Radix::Hex : Radix::Decimal;
	std::string name = p.operands[0];
	// gdb's `p &var`: the object's address, typed.
	bool address_of = name.starts_with('&');
	if (address_of)
		name = name.substr(1);
	if (auto obj = find_object(t, name)) {
		std::string value = address_of ? fmt::format("({} *) {:#x} <{}>", lang::type_name(obj->type), obj->addr, name)
					       : value_text(t, obj->type, obj->addr, radix, 0);
		return fmt::format("{} = ${} = {}\n", p.operands[0], ++s.print_count, value);
	}
	if (auto fn = find_function_object(t, name))
		return fmt::format("{} = ${} = {{{}}} {:#x} <{}>\n", p.operands[0], ++s.print_count, lang::type_name(fn->type),
				   fn->addr, name);
	// gdb's own words for a name it has no symbol for; crash adds its request.
	return fmt::format("No symbol \"{}\" in current context.\np: gdb request failed: p {}\n", name, p.operands[0]);
}

}  // namespace kctx::crash
