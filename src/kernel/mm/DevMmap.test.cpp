// do_mmap()'s checks of a device mapping and remap_pfn_range() (mm/mmap.c, mm/memory.c, 6.1).
#include "kernel/mm/DevMmap.h"
#include <gtest/gtest.h>

#include <cstring>

#include "abi/Errno.h"
#include "abi/Layout.h"
#include "kernel/fs/FileFlags.h"

namespace kctx::kernel::devmmap {
namespace {

namespace VMA = abi::layout::vm_area_struct;
constexpr uint64_t kProtRead = 1, kProtWrite = 2, kShared = 1, kPrivate = 2;
constexpr uint32_t kRdwr = fs::FMODE_READ | fs::FMODE_WRITE;

TEST(DevMmap, VmFlagsAreDoMmapsForEachOpenMode)
{
	// A shared read-write mapping: VM_READ|WRITE|SHARED and every VM_MAY*.
	EXPECT_EQ(file_vm_flags(kRdwr, kProtRead | kProtWrite, kShared, true), 0xfb);
	// Read-only file: VM_MAYWRITE and VM_SHARED are cleared, VM_MAYSHARE stays.
	EXPECT_EQ(file_vm_flags(fs::FMODE_READ, kProtRead, kShared, true), 0xd1);
	// Private: no VM_SHARED/VM_MAYSHARE.
	EXPECT_EQ(file_vm_flags(kRdwr, kProtRead | kProtWrite, kPrivate, true), 0x73);
}

TEST(DevMmap, ErrorsComeInDoMmapsOrder)
{
	EXPECT_EQ(file_vm_flags(fs::FMODE_READ, kProtWrite, kShared, true), -abi::kEACCES);
	EXPECT_EQ(file_vm_flags(fs::FMODE_WRITE, kProtRead, kPrivate, true), -abi::kEACCES);   // not open for reading
	EXPECT_EQ(file_vm_flags(fs::FMODE_READ, kProtWrite, kShared, false), -abi::kEACCES);   // EACCES before ENODEV
	EXPECT_EQ(file_vm_flags(kRdwr, kProtRead, kShared, false), -abi::kENODEV);
	EXPECT_EQ(file_vm_flags(kRdwr, kProtRead, 0, true), -abi::kEINVAL);
	// A private writable mapping of a read-only file is allowed (copy on write).
	EXPECT_GT(file_vm_flags(fs::FMODE_READ, kProtRead | kProtWrite, kPrivate, true), 0);
}

TEST(DevMmap, PageProtIsX86ProtectionMap)
{
	EXPECT_EQ(vm_get_page_prot(VM_READ | VM_WRITE | VM_SHARED), 0x8000000000000027ull);   // PAGE_SHARED
	EXPECT_EQ(vm_get_page_prot(VM_READ), 0x8000000000000025ull);                          // PAGE_READONLY
	EXPECT_EQ(vm_get_page_prot(VM_READ | VM_WRITE), 0x8000000000000025ull);               // PAGE_COPY
	EXPECT_EQ(vm_get_page_prot(VM_READ | VM_EXEC | VM_WRITE | VM_SHARED), 0x27ull);       // PAGE_SHARED_EXEC
	EXPECT_EQ(vm_get_page_prot(VM_SHARED), 0x120ull);                                     // PAGE_NONE
}

struct DevMmapRemap : ::testing::Test {
	vm::Memory kmem, mm;
	static constexpr uint64_t kBuf = kPageOffset + 0x104a3c000ull;   // a kmalloc'd page
	static constexpr uint64_t kVma = kPageOffset + 0x200000000ull;
	static constexpr uint64_t kUser = 0x7f0000000000ull;
	void SetUp() override
	{
		kmem.map(kBuf, 2 * vm::kPageSize, "kmalloc-4k");
		kmem.map(kVma, VMA::size, "vm_area_struct");
		mm.attach_kmem(&kmem);
		mm.map(kUser, 2 * vm::kPageSize, "/dev/x", true);
	}
	void vma(uint64_t flags)
	{
		init_vma(kmem, kVma, {kUser, kUser + 2 * vm::kPageSize, flags, 0, 0, 0});
	}
};

TEST_F(DevMmapRemap, RemappedPageIsTheKernelsPage)
{
	vma(0xfb);
	uint64_t pfn = (kBuf - kPageOffset) / vm::kPageSize;
	ASSERT_EQ(remap_pfn_range(kmem, mm, kVma, kUser, pfn, 2 * vm::kPageSize, vm_get_page_prot(0xfb)), 0);
	ASSERT_TRUE(mm.write(kUser + 10, "user", 5));
	char got[5] = {};
	ASSERT_TRUE(kmem.read(kBuf + 10, got, 5));
	EXPECT_STREQ(got, "user");
	ASSERT_TRUE(kmem.write(kBuf + vm::kPageSize, "kern", 5));
	ASSERT_TRUE(mm.read(kUser + vm::kPageSize, got, 5));
	EXPECT_STREQ(got, "kern");
	uint64_t flags = 0;
	ASSERT_TRUE(kmem.load(kVma + VMA::vm_flags, flags));
	EXPECT_EQ(flags, 0xfbull | VM_IO | VM_PFNMAP | VM_DONTEXPAND | VM_DONTDUMP);
	// Not the process's own memory: no RSS (a VM_PFNMAP page has no struct page to count).
	EXPECT_EQ(mm.private_pages(), 0u);
	// A copy (a snapshot, a fork) sees the same kernel pages once bound.
	vm::Memory copy = mm;
	copy.attach_kmem(&kmem);
	ASSERT_TRUE(copy.read(kUser + 10, got, 5));
	EXPECT_STREQ(got, "user");
}

TEST_F(DevMmapRemap, ReadOnlyProtRefusesStores)
{
	vma(0xd1);
	uint64_t pfn = (kBuf - kPageOffset) / vm::kPageSize;
	ASSERT_EQ(remap_pfn_range(kmem, mm, kVma, kUser, pfn, vm::kPageSize, vm_get_page_prot(0xd1)), 0);
	EXPECT_FALSE(mm.write(kUser, "x", 1));
	char c = 1;
	EXPECT_TRUE(mm.read(kUser, &c, 1));
	EXPECT_EQ(c, 0);
}

TEST_F(DevMmapRemap, RangeChecks)
{
	vma(0xfb);
	uint64_t pfn = (kBuf - kPageOffset) / vm::kPageSize;
	EXPECT_EQ(remap_pfn_range(kmem, mm, kVma, kUser + 1, pfn, vm::kPageSize, 0x27), -abi::kEINVAL);
	EXPECT_EQ(remap_pfn_range(kmem, mm, kVma, kUser, pfn, 3 * vm::kPageSize, 0x27), -abi::kEINVAL);
	EXPECT_EQ(remap_pfn_range(kmem, mm, kVma, kUser, pfn, 0, 0x27), -abi::kEINVAL);
	// A copy-on-write mapping (private, may write) only whole, and vm_pgoff becomes the pfn.
	vma(0x73);
	EXPECT_EQ(remap_pfn_range(kmem, mm, kVma, kUser, pfn, vm::kPageSize, 0x25), -abi::kEINVAL);
	EXPECT_EQ(remap_pfn_range(kmem, mm, kVma, kUser, pfn, 2 * vm::kPageSize, 0x25), 0);
	uint64_t pgoff = 0;
	ASSERT_TRUE(kmem.load(kVma + VMA::vm_pgoff, pgoff));
	EXPECT_EQ(pgoff, pfn);
}

TEST_F(DevMmapRemap, SizeIsPageAlignedAndSplitRegionsKeepTheirKernelAddress)
{
	vma(0xfb);
	uint64_t pfn = (kBuf - kPageOffset) / vm::kPageSize;
	ASSERT_EQ(remap_pfn_range(kmem, mm, kVma, kUser, pfn, vm::kPageSize + 1, 0x8000000000000027ull), 0);
	// mprotect of the first page cuts the region; the second still maps kBuf's second page.
	ASSERT_TRUE(mm.protect(kUser, vm::kPageSize, true, false));
	ASSERT_TRUE(kmem.write(kBuf + vm::kPageSize, "p2", 3));
	char got[3] = {};
	ASSERT_TRUE(mm.read(kUser + vm::kPageSize, got, 3));
	EXPECT_STREQ(got, "p2");
	EXPECT_FALSE(mm.write(kUser, "x", 1));
}

// A driver's ->fault (mm/memory.c do_fault(), arch/x86/mm/fault.c do_user_addr_fault()).
TEST(DevMmapFault, OutcomeFollowsDoUserAddrFaultsOrder)
{
	EXPECT_EQ(fault_outcome(0), FaultOutcome::MapPage);
	EXPECT_EQ(fault_outcome(VM_FAULT_LOCKED), FaultOutcome::MapPage);
	EXPECT_EQ(fault_outcome(VM_FAULT_NOPAGE), FaultOutcome::NoPage);
	EXPECT_EQ(fault_outcome(VM_FAULT_SIGBUS), FaultOutcome::Sigbus);
	EXPECT_EQ(fault_outcome(VM_FAULT_HWPOISON), FaultOutcome::Sigbus);
	EXPECT_EQ(fault_outcome(VM_FAULT_SIGSEGV), FaultOutcome::Sigsegv);
	// mm_fault_error(): OOM before SIGBUS; an error wins over NOPAGE; RETRY before all.
	EXPECT_EQ(fault_outcome(VM_FAULT_OOM | VM_FAULT_SIGBUS), FaultOutcome::Oom);
	EXPECT_EQ(fault_outcome(VM_FAULT_SIGBUS | VM_FAULT_NOPAGE), FaultOutcome::Sigbus);
	EXPECT_EQ(fault_outcome(VM_FAULT_RETRY | VM_FAULT_SIGBUS), FaultOutcome::Retry);
}

TEST(DevMmapFault, FlagsPgoffAndPages)
{
	EXPECT_EQ(fault_flags(false), 0x254u);   // ALLOW_RETRY | KILLABLE | USER | INTERRUPTIBLE
	EXPECT_EQ(fault_flags(true), 0x255u);
	EXPECT_EQ(linear_page_index(0x7f0000000000ull, 3, 0x7f0000002abcull), 5u);
	// vmemmap + pfn <-> __va(pfn << PAGE_SHIFT); anything else is no page.
	EXPECT_EQ(page_kaddr(kVmemmap + 0x104a3cull * kStructPageSize), kPageOffset + 0x104a3c000ull);
	EXPECT_EQ(page_kaddr(kVmemmap + 8), 0u);
	EXPECT_EQ(page_kaddr(kPageOffset), 0u);
}

TEST_F(DevMmapRemap, InsertedPageIsSharedOrCopied)
{
	vma(0xfb);
	ASSERT_TRUE(kmem.write(kBuf, "kern", 5));
	ASSERT_EQ(insert_page(kmem, mm, kVma, kUser + 5, kBuf, PageMapping::Same, true), 0);
	ASSERT_EQ(insert_page(kmem, mm, kVma, kUser + vm::kPageSize, kBuf, PageMapping::Copy, true), 0);
	ASSERT_TRUE(mm.write(kUser, "same", 5));
	ASSERT_TRUE(mm.write(kUser + vm::kPageSize, "copy", 5));
	char got[5] = {};
	ASSERT_TRUE(kmem.read(kBuf, got, 5));
	EXPECT_STREQ(got, "same");   // the kernel's page itself
	const vm::Region* r = mm.region_at(kUser + vm::kPageSize);
	ASSERT_NE(r, nullptr);
	EXPECT_EQ(r->vma, kVma);     // munmap still finds the copy's vma
	// Outside the vma, or memory the kernel does not hold.
	EXPECT_EQ(insert_page(kmem, mm, kVma, kUser + 2 * vm::kPageSize, kBuf, PageMapping::Same, true), -abi::kEFAULT);
	EXPECT_EQ(insert_page(kmem, mm, kVma, kUser, kPageOffset + 0x1000, PageMapping::Same, true), -abi::kEINVAL);
	// A read-only copy refuses stores.
	ASSERT_EQ(insert_page(kmem, mm, kVma, kUser, kBuf, PageMapping::Copy, false), 0);
	EXPECT_FALSE(mm.write(kUser, "x", 1));
}

}  // namespace
}  // namespace kctx::kernel::devmmap
