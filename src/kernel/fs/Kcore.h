// /proc/kcore (fs/proc/kcore.c, CONFIG_PROC_KCORE): the kernel's address space as an
// ELF core file, the live memory source crash falls back to when CONFIG_STRICT_DEVMEM
// stops /dev/mem.
#pragma once

#include <cstdint>
#include <string>

namespace kctx::vm {
class Memory;
}

namespace kctx::kernel {

// The file's header as read_kcore() builds it: the ELF header, a PT_NOTE, and one
// PT_LOAD per kcore_list entry (kernel text, vmalloc, modules, and each System RAM
// range of the direct map), padded to a page.
[[nodiscard]] std::string kcore_header();

// get_kcore_size(): the file's size, the end of its last segment.
[[nodiscard]] uint64_t kcore_size();

// read_kcore() of `count` bytes at `pos` (up to the file's size): the header, then the
// memory each PT_LOAD maps at its offset, read from the kernel's address space `kmem`.
// Offsets in no segment, and pages kmem does not map, read as zeros, as read_kcore()
// zero-fills what it cannot copy (kctx's own text is native, so it reads as zeros too).
[[nodiscard]] std::string kcore_read(const vm::Memory& kmem, uint64_t pos, uint64_t count);

}  // namespace kctx::kernel
