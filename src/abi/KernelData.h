// Objects of the kernel's own .data that module code names as extern variables, as
// Linux's headers declare them (include/linux/jiffies.h: `extern unsigned long volatile
// jiffies;`). Each sits at a fixed address of the simulated kernel image; the compiler
// links a module's use of one there directly (no import slot: the kernel image is not a
// module that exports it), and the kernel keeps its value current.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace kctx::abi {

// jiffies_64 in the kernel's .data; x86-64's linker script makes jiffies an alias of it
// (arch/x86/kernel/vmlinux.lds.S: `jiffies = jiffies_64;`).
inline constexpr uint64_t kJiffiesAddress = 0xffffffff82a05900ull;
// init_uts_ns (kernel/utsname.c) in the same page: its first member is the struct
// new_utsname that uname(2) copies, six fields of __NEW_UTS_LEN + 1 bytes.
inline constexpr uint64_t kInitUtsNsAddress = 0xffffffff82a05400ull;
inline constexpr uint64_t kUtsFieldLen = 65;

[[nodiscard]] inline std::optional<uint64_t> kernel_data_address(std::string_view name)
{
	if (name == "jiffies" || name == "jiffies_64")
		return kJiffiesAddress;
	if (name == "init_uts_ns")
		return kInitUtsNsAddress;
	return std::nullopt;
}

}  // namespace kctx::abi
