// Where things live in simulated memory. Kernel addresses follow x86-64's map
// (Documentation/x86/x86_64/mm.rst): the direct map for task_structs and kmalloc,
// vmalloc space for kernel stacks (the module area: kernel/module/ModuleArea.h); user programs load like a non-PIE
// ELF executable.
#pragma once

#include <cstdint>

namespace kctx::kernel::addr {

inline constexpr uint64_t kTaskStructs = 0xffff888100000000ull;   // + TaskId * kTaskStructStride
inline constexpr uint64_t kTaskStructStride = 0x100;
inline constexpr uint64_t kKmallocHeap = 0xffff888200000000ull;
inline constexpr uint64_t kKmallocSize = 0x40000000ull;
inline constexpr uint64_t kSlabs = 0xffff888104a3c000ull;          // kmalloc caches' slabs (Slab.h)
inline constexpr uint64_t kStacks = 0xffffc90000000000ull;        // + TaskId * kStackStride
inline constexpr uint64_t kStackStride = 0x8000;                  // 16 KiB stack + guard
inline constexpr uint64_t kThreadSize = 0x4000;                   // THREAD_SIZE on x86-64
// kernel/printk/printk.c's log_wait, in the kernel's .data: the wait queue of
// /dev/kmsg and syslog readers, which printk wakes (wake_up_klogd()).
inline constexpr uint64_t kLogWait = 0xffffffff82a4c6c0ull;

inline constexpr uint64_t kUserText = 0x401000;
inline constexpr uint64_t kUserData = 0x600000;
inline constexpr uint64_t kUserLibc = 0x7f0000000000ull;          // libc's own data (errno)
inline constexpr uint64_t kUserHeapSize = 0x4000000;           // from the page after .bss (UserState::heap_base)
inline constexpr uint64_t kUserStackTop = 0x7ffffffff000ull;
inline constexpr uint64_t kUserStackSize = 0x800000;

}  // namespace kctx::kernel::addr
