// /proc/kcore's header read back with the host's <elf.h>, as crash's proc_kcore_init()
// reads it: an ELF64 core for x86-64, a PT_NOTE first, then PT_LOADs whose offsets are
// vaddr - PAGE_OFFSET past the page-aligned headers (fs/proc/kcore.c, 6.1).
#include "kernel/fs/Kcore.h"

#include <cstring>
#include <elf.h>
#include <gtest/gtest.h>

#include "kernel/mm/DevMem.h"

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

}  // namespace
}  // namespace kctx::kernel
