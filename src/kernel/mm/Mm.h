// A user process's address space beyond its program image: where anonymous mmap()s go
// and how they are named (mm/mmap.c, mm/util.c). The mappings themselves are
// vm::Memory regions of UserState::mm; a PROT_NONE mapping is a region nothing may read.
#pragma once

#include <cstdint>
#include <string_view>

namespace kctx::kernel {

// Where top-down allocation starts (mm->mmap_base). Linux without ASLR puts it at
// TASK_SIZE - 128 MiB, above which the stack grows on demand; kctx maps the stack's whole
// 8 MiB RLIMIT_STACK up front (kernel/core/Layout.h), so mappings start right below it.
inline constexpr uint64_t kMmapTop = 0x7fffff7ff000ull;
inline constexpr uint64_t kMmapMinAddr = 0x10000;            // vm.mmap_min_addr
inline constexpr uint64_t kTaskSize = 0x7ffffffff000ull;     // TASK_SIZE_MAX
// /proc/PID/maps names a MAP_SHARED|MAP_ANONYMOUS mapping after its shmem file.
inline constexpr std::string_view kSharedAnonName = "/dev/zero (deleted)";
inline constexpr std::string_view kPrivateAnonName = "";

}  // namespace kctx::kernel
