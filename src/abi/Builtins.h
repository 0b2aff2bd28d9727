// The builtin API table (Builtins.def) as data.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace kctx::abi {

enum class BuiltinId : uint16_t {
#define KCTX_BUILTIN(name, world, proto, sleeps, context, handler) name,
#include "abi/Builtins.def"
#undef KCTX_BUILTIN
	Count
};

enum class World : uint8_t { Kernel, User, Both };
enum class Sleeps : uint8_t { No, Yes, Gfp };
enum class Context : uint8_t { Any, Process };

struct BuiltinInfo {
	BuiltinId id;
	std::string_view name;
	World world;
	std::string_view prototype;
	Sleeps sleeps;
	Context context;
};

[[nodiscard]] std::span<const BuiltinInfo> builtins();
[[nodiscard]] const BuiltinInfo& builtin(BuiltinId id);
[[nodiscard]] std::optional<BuiltinId> find_builtin(std::string_view name);
// Whether code compiled for `world` (Kernel or User) may call a builtin of `w`.
[[nodiscard]] constexpr bool visible_in(World w, World world) { return w == World::Both || w == world; }

}  // namespace kctx::abi
