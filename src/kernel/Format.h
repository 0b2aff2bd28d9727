// printf-family formatting over simulated memory: glibc's printf for user programs and
// the kernel's vsprintf (lib/vsprintf.c) for printk, which differ in a few places
// (%p, "%#x" of 0, the kernel's %pS extensions).
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>

#include "vm/Interpreter.h"

namespace kctx::kernel {

enum class FormatFlavor { Libc, Kernel };

struct FormatContext {
	FormatFlavor flavor = FormatFlavor::Libc;
	vm::AddressSpace mem;                                  // where %s strings live
	std::function<std::string(uint64_t)> symbolize;       // %pS (kernel only)
};

// Formats `fmt` with the variadic arguments in `args` (VM registers, already promoted).
[[nodiscard]] std::string format_printf(std::string_view fmt, std::span<const uint64_t> args, const FormatContext& cx);

}  // namespace kctx::kernel
