// Addresses of kernel objects kctx does not keep in simulated memory (run queues, timer
// bases, irq descriptors, slab caches): crash prints an address for each, so kctx gives
// them stable ones by one rule each, in the regions Linux puts them (the per-CPU areas
// in the direct map, kmem_cache structs in the slab area). None is readable with rd.
#pragma once

#include <cstdint>

namespace kctx::crash::addr {

// Each CPU's per-CPU area (__per_cpu_offset[cpu] + the section's address).
inline constexpr uint64_t kPerCpuBase = 0xffff88813bc00000ull;
inline constexpr uint64_t kPerCpuStride = 0x40000;
// Offsets in it, near 6.1 x86_64's: runqueues, its rt and cfs rqs, timer_bases[], hrtimer_bases.
inline constexpr uint64_t kRunqueue = 0x2b6c0;
inline constexpr uint64_t kRtRq = 0x280;   // from the run queue
inline constexpr uint64_t kCfsRq = 0xc0;
inline constexpr uint64_t kTimerBases = 0x1c440;
inline constexpr uint64_t kTimerBaseStride = 0x1240;
inline constexpr uint64_t kHrtimerBases = 0x1d800;
inline constexpr uint64_t kHrtimerClockBase = 0x40;   // + clock * kHrtimerClockBaseStride
inline constexpr uint64_t kHrtimerClockBaseStride = 0x40;

[[nodiscard]] constexpr uint64_t per_cpu(uint32_t cpu, uint64_t off) { return kPerCpuBase + cpu * kPerCpuStride + off; }

// struct kmem_cache of slab cache i (kmalloc caches and kmem_cache_create()'s).
inline constexpr uint64_t kKmemCaches = 0xffff888100042000ull;
inline constexpr uint64_t kKmemCacheStride = 0x100;
// struct irq_desc of IRQ n, and its irqaction.
inline constexpr uint64_t kIrqDescs = 0xffff888100050000ull;
inline constexpr uint64_t kIrqDescStride = 0x200;
inline constexpr uint64_t kIrqActions = 0xffff888100060000ull;
inline constexpr uint64_t kIrqActionStride = 0x80;
// A line's irqactions take 16 slots of the range (the range ends before kBuiltinCdevs);
// a 17th action on one line would share the next line's first address.
inline constexpr uint64_t kIrqActionsPerLine = 16;
[[nodiscard]] constexpr uint64_t irq_action(uint32_t irq, uint64_t i)
{
	return kIrqActions + (irq * kIrqActionsPerLine + i) * kIrqActionStride;
}

}  // namespace kctx::crash::addr

namespace kctx::crash::addr {

// struct file, dentry and inode of an open file kctx runs natively (the console, pipes,
// /proc files): by task slot and descriptor. A driver's file has its own in memory.
inline constexpr uint64_t kNativeFiles = 0xffff888103000000ull;   // + slot * 0x10000 + fd * 0x100
inline constexpr uint64_t kNativeDentryOffset = 0x40;
inline constexpr uint64_t kNativeInodeOffset = 0x80;
[[nodiscard]] constexpr uint64_t native_file(uint32_t slot, int32_t fd)
{
	return kNativeFiles + static_cast<uint64_t>(slot) * 0x10000 + static_cast<uint64_t>(fd) * 0x100;
}
// struct cdev of the character devices kctx itself provides (mem, tty, misc).
inline constexpr uint64_t kBuiltinCdevs = 0xffff888100070000ull;   // + major * 0x100

}  // namespace kctx::crash::addr
