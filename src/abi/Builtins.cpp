#include "abi/Builtins.h"

#include <array>

namespace kctx::abi {

namespace {
constexpr std::array<BuiltinInfo, static_cast<size_t>(BuiltinId::Count)> kBuiltins = {{
#define KCTX_BUILTIN(name, world, proto, sleeps, context, handler) \
	{BuiltinId::name, #name, World::world, proto, Sleeps::sleeps, Context::context},
#include "abi/Builtins.def"
#undef KCTX_BUILTIN
}};
}  // namespace

std::span<const BuiltinInfo> builtins() { return kBuiltins; }
const BuiltinInfo& builtin(BuiltinId id) { return kBuiltins[static_cast<size_t>(id)]; }

std::optional<BuiltinId> find_builtin(std::string_view name)
{
	for (const BuiltinInfo& b : kBuiltins)
		if (b.name == name)
			return b.id;
	return std::nullopt;
}

}  // namespace kctx::abi
