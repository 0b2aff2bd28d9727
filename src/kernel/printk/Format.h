// printf-family formatting over simulated memory: glibc's printf for user programs and
// the kernel's vsprintf (lib/vsprintf.c) for printk, which differ in a few places
// (%p, "%#x" of 0, the kernel's %pS extensions).
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "vm/Interpreter.h"

namespace kctx::kernel {

enum class FormatFlavor { Libc, Kernel };

struct FormatContext {
	FormatFlavor flavor = FormatFlavor::Libc;
	vm::AddressSpace mem;                                  // where %s strings live
	std::function<std::string(uint64_t)> symbolize;       // %pS (kernel only)
	// Where a %s string ran into memory the program may not touch: the fault glibc's
	// own load takes there (the caller handles it). Null: the string just ends there.
	uint64_t* fault = nullptr;
};

// Formats `fmt` with the variadic arguments in `args` (VM registers, already promoted).
[[nodiscard]] std::string format_printf(std::string_view fmt, std::span<const uint64_t> args, const FormatContext& cx);

// The variadic arguments a va_list holds (`va_list` is the address of its struct
// __va_list_tag), as many as `fmt` can consume: kernel C's va_list always reads from
// its overflow_arg_area, one 8-byte slot per promoted argument (lang/README.md). Stops
// at the first slot it cannot read; format_printf() treats missing ones as 0.
[[nodiscard]] std::vector<uint64_t> va_list_args(std::string_view fmt, uint64_t va_list, const vm::AddressSpace& mem);

}  // namespace kctx::kernel
