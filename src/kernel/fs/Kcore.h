// /proc/kcore (fs/proc/kcore.c, CONFIG_PROC_KCORE): the kernel's address space as an
// ELF core file, the live memory source crash falls back to when CONFIG_STRICT_DEVMEM
// stops /dev/mem.
#pragma once

#include <string>

namespace kctx::kernel {

// The file's header as read_kcore() builds it: the ELF header, a PT_NOTE, and one
// PT_LOAD per kcore_list entry (kernel text, vmalloc, modules, and each System RAM
// range of the direct map), padded to a page. kctx serves these bytes only: a read
// past them reads nothing (the memory behind the segments is not copied out).
[[nodiscard]] std::string kcore_header();

}  // namespace kctx::kernel
