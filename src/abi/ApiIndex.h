// The API a module or a program can use, as one list: the builtins (Builtins.def, with
// whether they may sleep and where they may be called), the library functions the
// prelude implements in kernel C, and the prelude's macros. `kctx api` prints it and
// docs/kernel-api.md is generated from it, so neither can drift from what compiles.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "abi/Builtins.h"

namespace kctx::abi {

enum class ApiKind : uint8_t {
	Builtin,    // implemented by the simulated kernel (or libc); sleeps and context known
	Library,    // written in C in the prelude (list_add, seq_printf, kstrtoint …)
	Macro,      // a macro of the prelude (timer_setup, GFP_KERNEL …)
};

struct ApiEntry {
	std::string name;
	ApiKind kind = ApiKind::Builtin;
	std::string signature;    // the prototype, or `#define NAME(ARGS)`
	Sleeps sleeps = Sleeps::No;       // Builtin only
	Context context = Context::Any;   // Builtin only
};

// Every public name of `world`'s API (Kernel or User), sorted by name. Names that start
// with an underscore are the prelude's own plumbing and are left out.
[[nodiscard]] std::vector<ApiEntry> api_index(World world);

[[nodiscard]] std::string_view api_kind_name(ApiKind kind);
// "no", "yes", "if gfp allows"; empty for a library function or macro (it sleeps when
// the code it runs does).
[[nodiscard]] std::string_view api_sleeps_text(const ApiEntry& e);
// "any", "process"; empty for a library function or macro.
[[nodiscard]] std::string_view api_context_text(const ApiEntry& e);

}  // namespace kctx::abi
