// /proc/kcore's header read back with the host's <elf.h>, as crash's proc_kcore_init()
// reads it: an ELF64 core for x86-64, a PT_NOTE first, then PT_LOADs whose offsets are
// vaddr - PAGE_OFFSET past the page-aligned headers (fs/proc/kcore.c, 6.1).
#include "kernel/fs/Kcore.h"

#include <cstring>
#include <elf.h>
#include <gtest/gtest.h>

#include "kernel/mm/DevMem.h"
#include "vm/Memory.h"

namespace kctx::kernel {
namespace {

TEST(Kcore, IsAnElfCoreOfTheKernelsAddressSpace)
{
	std::string h = kcore_header();
	ASSERT_GE(h.size(), sizeof(Elf64_Ehdr));
	EXPECT_EQ(h.size() % 4096, 0u);
	Elf64_Ehdr eh;
	std::memcpy(&eh, h.data(), sizeof eh);
	EXPECT_EQ(std::memcmp(eh.e_ident, ELFMAG, SELFMAG), 0);
	EXPECT_EQ(eh.e_ident[EI_CLASS], ELFCLASS64);
	EXPECT_EQ(eh.e_type, ET_CORE);
	EXPECT_EQ(eh.e_machine, EM_X86_64);
	EXPECT_EQ(eh.e_phoff, sizeof(Elf64_Ehdr));
	EXPECT_EQ(eh.e_phentsize, sizeof(Elf64_Phdr));
	ASSERT_GE(eh.e_phnum, 5);
	ASSERT_LE(eh.e_phoff + eh.e_phnum * sizeof(Elf64_Phdr), h.size());
	std::vector<Elf64_Phdr> ph(eh.e_phnum);
	std::memcpy(ph.data(), h.data() + eh.e_phoff, ph.size() * sizeof(Elf64_Phdr));
	EXPECT_EQ(ph[0].p_type, PT_NOTE);
	bool direct_map = false;
	for (size_t i = 1; i < ph.size(); i++) {
		EXPECT_EQ(ph[i].p_type, PT_LOAD);
		EXPECT_EQ(ph[i].p_offset, ph[i].p_vaddr - physmem::kPageOffset + h.size()) << i;
		if (ph[i].p_vaddr == physmem::kPageOffset + ph[i].p_paddr && ph[i].p_paddr >= 0x100000)
			direct_map = true;
	}
	EXPECT_TRUE(direct_map);   // System RAM above 1 MiB, which /dev/mem refuses
}

TEST(Kcore, ReadsTheMemoryEachSegmentMaps)
{
	// read_kcore(): a byte at p_offset + (vaddr - p_vaddr) is the kernel's byte at vaddr.
	vm::Memory kmem;
	constexpr uint64_t kObject = 0xffff888100000210ull;   // a task_struct's comm, in the direct map
	constexpr uint64_t kStack = 0xffffc90000004000ull;    // a kernel stack, in vmalloc space
	kmem.map(kObject & ~0xfffull, 0x1000, "task_struct");
	kmem.map(kStack, 0x1000, "kernel stack");
	ASSERT_TRUE(kmem.write(kObject, "init", 4));
	ASSERT_TRUE(kmem.write(kStack + 8, "\x2a", 1));
	std::string h = kcore_header();
	EXPECT_EQ(kcore_read(kmem, 0, h.size()), h);
	EXPECT_EQ(kcore_read(kmem, 0, 4), "\x7f" "ELF");
	uint64_t data = h.size();
	EXPECT_EQ(kcore_read(kmem, data + kObject - physmem::kPageOffset, 6), std::string("init\0\0", 6));
	EXPECT_EQ(kcore_read(kmem, data + kStack + 8 - physmem::kPageOffset, 1), "\x2a");
	// A page kmem does not map, and the gap between segments, read as zeros.
	EXPECT_EQ(kcore_read(kmem, data + 0x3000, 4), std::string(4, '\0'));
	EXPECT_EQ(kcore_read(kmem, data + 0x300000000000ull, 4), std::string(4, '\0'));
	// A read across the header's end and into memory, and one past the file's end.
	EXPECT_EQ(kcore_read(kmem, data - 2, 4).size(), 4u);
	EXPECT_EQ(kcore_read(kmem, kcore_size() - 2, 8).size(), 2u);
	EXPECT_EQ(kcore_read(kmem, kcore_size(), 8), "");
}

}  // namespace
}  // namespace kctx::kernel
