// A scenario's Kbuild file (or Makefile) read as Kbuild reads it for an external module
// (`make -C /lib/modules/$(uname -r)/build M=$PWD modules`): which modules obj-m builds,
// the object files each links (NAME-objs, NAME-y), and the compiler flags (ccflags-y,
// EXTRA_CFLAGS) kctx honours: -I and -D. Recipes, rules and the usual boilerplate around
// them are read and ignored.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/Result.h"

namespace kctx::cli {

struct KbuildModule {
	std::string name;                  // "startstop" for obj-m += startstop.o
	std::vector<std::string> sources;  // "start.c", "stop.c": NAME.c unless NAME-objs/-y lists objects
};

struct Kbuild {
	std::string path;                  // the file read ("dir/Makefile")
	std::vector<KbuildModule> modules;
	std::vector<std::string> include_dirs;                     // -I, in order
	std::vector<std::pair<std::string, std::string>> defines;  // -D NAME[=VALUE] (VALUE "1" if absent)
	// The kernel's Makefile builds modules with -Werror=incompatible-pointer-types;
	// -Wno-error=incompatible-pointer-types leaves it a warning, -Wno-incompatible-pointer-types
	// drops it (the usual ccflags-y workarounds).
	enum class PointerTypes { Error, Warning, Ignore } incompatible_pointer_types = PointerTypes::Error;
	// The scenario's programs are built as make's implicit rule builds them,
	// `$(CC) $(CPPFLAGS) $(CFLAGS)`: those variables' -I and -D (a test program that
	// includes the module's <x/ioctl.h> from the scenario's directory).
	std::vector<std::string> program_include_dirs;
	std::vector<std::pair<std::string, std::string>> program_defines;

	[[nodiscard]] const KbuildModule* find(std::string_view name) const;
};

// Reads DIR/Kbuild, else DIR/Makefile; nullopt when neither exists or neither has an
// obj-m (a Makefile for something else). `release` is what $(shell uname -r) gives.
[[nodiscard]] Result<std::optional<Kbuild>> read_kbuild(const std::string& dir, const std::string& release);

// Parses Makefile text as above; `dir` is what $(src), $(M) and $(PWD) expand to.
[[nodiscard]] Kbuild parse_kbuild(const std::string& path, const std::string& text, const std::string& dir,
				  const std::string& release);

}  // namespace kctx::cli
