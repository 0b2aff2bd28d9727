// The prelude: the text a known #include brings in, per world. It is the declarations
// of prelude/<world>.h and prelude/<world>-AREA.h, one prototype per builtin visible in
// that world, then the library functions of prelude/<world>_lib.h and <world>_lib-AREA.h.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "abi/Builtins.h"

namespace kctx::abi {

struct PreludeFile {
	std::string_view name;   // "kernel.h", "user.h"
	std::string_view text;
};
[[nodiscard]] const std::vector<PreludeFile>& prelude_files();   // generated at build time

// "<kctx kernel prelude>" / "<kctx user prelude>": the name diagnostics show.
[[nodiscard]] std::string_view prelude_name(World world);
[[nodiscard]] const std::string& prelude_text(World world);
// Whether `#include <name>` names a header kctx knows for `world` ("linux/timer.h",
// "stdio.h"); an unknown header is a diagnostic.
[[nodiscard]] bool known_header(World world, std::string_view name);
[[nodiscard]] const std::vector<std::string_view>& known_headers(World world);

}  // namespace kctx::abi
