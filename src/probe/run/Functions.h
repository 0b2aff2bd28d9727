#pragma once
// The kernel functions a kernel.function("PATTERN") probe can name: every native kctx
// runs as a frame (core/Natives.def: schedule, msleep's sleep, __mutex_lock,
// do_nanosleep …) and every kernel builtin module code calls (abi/Builtins.def:
// kmalloc, mutex_lock, copy_from_user, spin_lock …), with the parameters of their
// Linux 6.1 prototypes as target variables. A builtin and a native of the same name
// (schedule, msleep) are one function: the builtin's parameters, both entry points.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "probe/run/Resolve.h"

namespace kctx::probe {

enum class FunctionKind : uint8_t { Native, Builtin };

struct KernelFunction {
	std::string name;             // "kmalloc", "schedule"
	FunctionKind kind = FunctionKind::Native;
	uint32_t index = 0;           // NativeFn or abi::BuiltinId
	int32_t native = -1;          // a builtin that is also a native (schedule, msleep): its NativeFn
	std::vector<TargetVarInfo> params;    // $size:size_t …
	std::vector<TargetVarInfo> with_return;  // params, then $return (not for void)
	std::vector<std::string> storage;     // the strings params' views point into
};

// Every probeable kernel function, sorted by name (built once).
[[nodiscard]] std::span<const KernelFunction> kernel_functions();
// A native's symbol size (Natives.def), for the +0x0/0xSIZE of its entry frame.
[[nodiscard]] uint32_t native_function_size(uint32_t fn);
// The parameters of a C prototype as target variables: "void *kmalloc(size_t size,
// gfp_t flags)" gives size:size_t and flags:gfp_t; `ret` is the return type ("void *").
struct ParsedPrototype {
	std::string ret;
	std::vector<std::pair<std::string, std::string>> params;   // name, type
};
[[nodiscard]] ParsedPrototype parse_prototype(std::string_view proto);

}  // namespace kctx::probe
