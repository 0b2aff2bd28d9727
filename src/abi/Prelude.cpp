#include "abi/Prelude.h"

#include <algorithm>
#include <string>

#include <fmt/format.h>

#include "abi/Errno.h"
#include "base/Check.h"

namespace kctx::abi {

namespace {

// abi/Headers.def, one list per world.
const std::vector<std::string_view> kKernelHeaders = {
#define KCTX_HEADER(world, name) KCTX_HEADER_##world(name)
#define KCTX_HEADER_Kernel(name) name,
#define KCTX_HEADER_User(name)
#include "abi/Headers.def"
#undef KCTX_HEADER_Kernel
#undef KCTX_HEADER_User
};

const std::vector<std::string_view> kUserHeaders = {
#define KCTX_HEADER_Kernel(name)
#define KCTX_HEADER_User(name) name,
#include "abi/Headers.def"
#undef KCTX_HEADER_Kernel
#undef KCTX_HEADER_User
#undef KCTX_HEADER
};

std::string_view file_text(std::string_view name)
{
	for (const PreludeFile& f : prelude_files())
		if (f.name == name)
			return f.text;
	KCTX_UNREACHABLE();
}

// The comment in prelude/kernel.h and prelude/user.h after which the errno defines go:
// both worlds take them from Errno.h's one list, so they cannot drift apart.
constexpr std::string_view kErrnoMarker = "by abi/Prelude.cpp, here. */\n";

// `#define EPERM 1` … for every errno value; the kernel's prelude also has the restart
// codes (include/linux/errno.h), which user space never sees.
std::string errno_defines(World world)
{
	std::string text;
#define KCTX_X(name, value, str) text += "#define " #name " " #value "\n";
	KCTX_ERRNO_LIST(KCTX_X)
#undef KCTX_X
	if (world != World::Kernel)
		return text;
#define KCTX_X(name, value) text += "#define " #name " " #value "\n";
	KCTX_ERRNO_RESTART_LIST(KCTX_X)
#undef KCTX_X
	return text;
}

// Every prelude file whose name starts with `prefix` and continues with '-' ("kernel-procfs.h"
// after "kernel.h"), in name order: each area of the API keeps its declarations in a file
// of its own.
std::string area_files(std::string_view prefix)
{
	std::string text;
	for (const PreludeFile& f : prelude_files()) {
		if (f.name.size() > prefix.size() && f.name.starts_with(prefix) && f.name[prefix.size()] == '-') {
			text += fmt::format("\n/* {} */\n", f.name);
			text += f.text;
		}
	}
	return text;
}

std::string build(World world)
{
	std::string_view base = world == World::Kernel ? "kernel" : "user";
	std::string_view lib = world == World::Kernel ? "kernel_lib" : "user_lib";
	std::string text(file_text(fmt::format("{}.h", base)));
	size_t marker = text.find(kErrnoMarker);
	KCTX_CHECK(marker != std::string::npos);
	text.insert(marker + kErrnoMarker.size(), errno_defines(world));
	// include/uapi: what module code and programs both include (the ioctl encoding, the
	// mode bits), one file each for both worlds, before either world's own areas.
	text += area_files("uapi");
	text += area_files(base);
	text += "\n/* builtins (abi/Builtins.def) */\n";
	for (const BuiltinInfo& b : builtins()) {
		if (!visible_in(b.world, world))
			continue;
		text += b.prototype;
		text += ";\n";
	}
	// Library functions written in kernel C (they call the caller's function pointers),
	// after the prototypes they use; a program keeps only those it references.
	text += file_text(fmt::format("{}.h", lib));
	text += area_files(lib);
	return text;
}

}  // namespace

std::string_view prelude_name(World world)
{
	return world == World::Kernel ? "<kctx kernel prelude>" : "<kctx user prelude>";
}

const std::string& prelude_text(World world)
{
	KCTX_CHECK(world != World::Both);
	static const std::string kernel = build(World::Kernel);
	static const std::string user = build(World::User);
	return world == World::Kernel ? kernel : user;
}

const std::vector<std::string_view>& known_headers(World world)
{
	return world == World::Kernel ? kKernelHeaders : kUserHeaders;
}

bool known_header(World world, std::string_view name)
{
	const auto& list = known_headers(world);
	return std::find(list.begin(), list.end(), name) != list.end();
}

}  // namespace kctx::abi
