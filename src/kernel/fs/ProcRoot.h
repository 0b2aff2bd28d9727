// The kernel's own entries of /proc (fs/proc/root.c proc_root_init() and the boot-time
// proc_create()s): names a module cannot take, directories it may create in
// ("driver/rtc"), and what ls and stat(2) find there. Plain data.
#pragma once

#include <cstdint>
#include <string_view>

#include "kernel/fs/PseudoFs.h"

namespace kctx::kernel {

struct KernelProcEntry {
	std::string_view name;
	uint32_t mode;
};
inline constexpr KernelProcEntry kKernelProcEntries[] = {
	{"bus", kS_IFDIR | 0555},         {"cmdline", kS_IFREG | 0444},     {"cpuinfo", kS_IFREG | 0444},
	{"devices", kS_IFREG | 0444},     {"driver", kS_IFDIR | 0555},      {"filesystems", kS_IFREG | 0444},
	{"fs", kS_IFDIR | 0555},          {"interrupts", kS_IFREG | 0444},  {"iomem", kS_IFREG | 0444},
	{"irq", kS_IFDIR | 0555},         {"kallsyms", kS_IFREG | 0444},    {"kcore", kS_IFREG | 0400},
	{"kmsg", kS_IFREG | 0400},
	{"loadavg", kS_IFREG | 0444},     {"meminfo", kS_IFREG | 0444},     {"misc", kS_IFREG | 0444},
	{"modules", kS_IFREG | 0444},     {"net", kS_IFDIR | 0555},         {"self", kS_IFDIR | 0555},
	{"slabinfo", kS_IFREG | 0400},    {"softirqs", kS_IFREG | 0444},    {"stat", kS_IFREG | 0444},
	{"sys", kS_IFDIR | 0555},         {"sysrq-trigger", kS_IFREG | 0200}, {"sysvipc", kS_IFDIR | 0555},     {"tty", kS_IFDIR | 0555},
	{"uptime", kS_IFREG | 0444},      {"version", kS_IFREG | 0444},     {"vmstat", kS_IFREG | 0444},
};

// pde_subdir_find()'s order (proc_match): shorter names first, then memcmp.
[[nodiscard]] inline bool proc_name_less(std::string_view a, std::string_view b)
{
	if (a.size() != b.size())
		return a.size() < b.size();
	return a < b;
}

}   // namespace kctx::kernel
