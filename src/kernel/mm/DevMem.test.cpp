// CONFIG_STRICT_DEVMEM's rules over the simulated e820 map.
#include "kernel/mm/DevMem.h"

#include <gtest/gtest.h>

#include <vector>

namespace kctx::kernel::physmem {
namespace {

TEST(DevMem, FirstMegabyteRamReadsAsZerosAndFirmwareReadsAsItIs)
{
	EXPECT_EQ(devmem_is_allowed(0x0), 1);    // page 0: reserved (real-mode IVT)
	EXPECT_EQ(devmem_is_allowed(0x1), 2);    // RAM below 1 MiB: zeros
	EXPECT_EQ(devmem_is_allowed(0x9f), 2);   // shares a page with RAM: zeros
	EXPECT_EQ(devmem_is_allowed(0xa0), 1);   // legacy VGA window
	EXPECT_EQ(devmem_is_allowed(0xc0), 1);   // video ROM: busy, but low 1 MiB bypasses
	EXPECT_EQ(devmem_is_allowed(0xff), 1);   // system ROM
}

TEST(DevMem, RamAboveOneMegabyteIsRefused)
{
	EXPECT_EQ(devmem_is_allowed(0x100), 0);
	EXPECT_EQ(devmem_is_allowed(0x1000), 0);     // kernel code
	EXPECT_EQ(devmem_is_allowed(0x100000), 0);   // RAM above 4 GiB
	EXPECT_EQ(devmem_is_allowed(0xfee00), 0);    // local APIC: busy MMIO
	EXPECT_EQ(devmem_is_allowed(0xc0000), 1);    // an unclaimed PCI window
	EXPECT_EQ(devmem_is_allowed(0xfffff), 1);    // the BIOS flash
}

TEST(DevMem, PageIsRamAndPfnValid)
{
	EXPECT_FALSE(page_is_ram(0));
	EXPECT_TRUE(page_is_ram(1));
	EXPECT_FALSE(page_is_ram(0x9f));
	EXPECT_TRUE(page_is_ram(0x100));
	EXPECT_FALSE(page_is_ram(0xc0000));
	EXPECT_TRUE(page_is_ram(0x23ffff));
	EXPECT_FALSE(page_is_ram(0x240000));
	EXPECT_TRUE(pfn_valid(0));
	EXPECT_TRUE(pfn_valid(0xbffff));
	EXPECT_FALSE(pfn_valid(0xc0000));
	EXPECT_TRUE(pfn_valid(0x100000));
	EXPECT_FALSE(pfn_valid(0x240000));
	EXPECT_TRUE(valid_phys_addr_range(0x23ffff000ull, 4096));
	EXPECT_FALSE(valid_phys_addr_range(0x23ffff001ull, 4096));
}

TEST(DevMem, TheBiosDateSitsAtTheResetVector)
{
	std::vector<uint8_t> b(16);
	firmware_bytes(0xffff0, b);
	EXPECT_EQ(b[0], 0xea);
	EXPECT_EQ(std::string(b.begin() + 5, b.begin() + 13), "06/23/99");
	firmware_bytes(0, std::span(b).subspan(0, 4));
	EXPECT_EQ(b[0], 0x53);
	EXPECT_EQ(b[3], 0xf0);
}

TEST(DevMem, ProcIomemListsSystemRam)
{
	std::string s = proc_iomem();
	EXPECT_NE(s.find("00001000-0009fbff : System RAM\n"), std::string::npos);
	EXPECT_NE(s.find("  01000000-01e0257f : Kernel code\n"), std::string::npos);
	EXPECT_NE(s.find("100000000-23fffffff : System RAM\n"), std::string::npos);
}

}   // namespace
}   // namespace kctx::kernel::physmem
