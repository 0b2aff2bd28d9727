// Simulated memory: one address space (the kernel's, or one process's) as plain data.
// Mapped regions say which addresses are valid; pages inside them are created zero-filled
// on first touch ("resident"). Pages are shared copy-on-write between copies, so a
// snapshot of a whole machine costs a page-table copy, not a memory copy.
//
// A region may instead map a shared memory object (vm/Shmem.h): its pages live in the
// machine's ShmemTable, which the Memory reaches through a binding its owner sets
// (attach_shmem); the Memory itself keeps only which of those pages it has mapped (its
// PTEs), for RSS and faults.
#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace kctx::vm {

class ShmemTable;

inline constexpr uint64_t kPageSize = 4096;
// Addresses at or above this belong to the kernel's address space (x86-64 canonical
// upper half); below, to the current process.
inline constexpr uint64_t kKernelSpaceStart = 0xffff800000000000ull;

struct Region {
	uint64_t start = 0;
	uint64_t end = 0;     // exclusive
	bool writable = true;
	std::string name;     // "[stack]", "cst.ko data", "kmalloc-64" …
	bool readable = true; // false: PROT_NONE (a mapping no access may touch)
	uint32_t shmem = 0;   // 0: private memory; else the ShmemTable object it maps
	uint64_t pgoff = 0;   // the object's page at `start` (vm_pgoff)
	// Nonzero: the region's pages are the kernel's pages from this kernel address on
	// (remap_pfn_range() of direct-mapped memory: a VM_PFNMAP mapping), reached through
	// the kernel Memory this one is bound to (attach_kmem); the same bytes, not a copy.
	uint64_t kaddr = 0;
	uint64_t vma = 0;     // the kernel's struct vm_area_struct of a device mapping, or 0
	bool operator==(const Region&) const = default;
	template <typename Ar> void serialize(Ar& ar) { ar(start, end, writable, name, readable, shmem, pgoff, kaddr, vma); }
};

class Memory {
public:
	using Page = std::array<uint8_t, kPageSize>;

	Memory() = default;
	Memory(const Memory& other);
	Memory& operator=(const Memory& other);
	Memory(Memory&&) noexcept = default;
	Memory& operator=(Memory&&) noexcept = default;

	void map(uint64_t start, uint64_t length, std::string name, bool writable = true);
	// Maps pages [pgoff, pgoff + length/kPageSize) of shared memory object `object`.
	void map_shmem(uint64_t start, uint64_t length, std::string name, bool writable, uint32_t object,
		       uint64_t pgoff = 0);
	// Where this Memory finds the pages of the shared objects its regions map. Host state,
	// not part of the value: a copy starts unbound (its machine's owner binds it to that
	// machine's table), a move keeps it. Touching a shared page while unbound is a bug
	// in kctx (a CHECK).
	void attach_shmem(ShmemTable* table) { m_shmem = table; }
	// Maps [start, start+length) onto the kernel pages at kaddr (remap_pfn_range()), which
	// this Memory reaches through the kernel's Memory it is bound to: host state like the
	// shmem binding (not compared, not serialized, dropped by a copy).
	void map_kernel_pages(uint64_t start, uint64_t length, std::string name, bool writable, uint64_t kaddr,
			      uint64_t vma);
	void attach_kmem(Memory* kmem) { m_kmem = kmem; }
	// A region maps a shared memory object's pages or the kernel's: the bindings are read.
	[[nodiscard]] bool maps_foreign_pages() const
	{
		for (const Region& r : regions())
			if (r.shmem || r.kaddr)
				return true;
		return false;
	}
	// Tags the regions in [start, end) with their struct vm_area_struct (a device mapping).
	void set_vma(uint64_t start, uint64_t end, uint64_t vma);
	// Forgets which shared pages are mapped here, keeping the mappings: fork()'s child
	// (mm/memory.c vma_needs_copy(): a shared mapping's PTEs are not copied, the child
	// faults them in from the object).
	void drop_shmem_ptes();
	// Removes [start, start+length) from the regions (cutting those that straddle its
	// ends) and drops its pages.
	void unmap(uint64_t start, uint64_t length);
	// Changes the access of [start, start+length), cutting regions at its ends; resident
	// pages keep their contents. False (and nothing changes) unless the whole range is
	// mapped (mprotect's ENOMEM).
	[[nodiscard]] bool protect(uint64_t start, uint64_t length, bool readable, bool writable);
	// Resident pages in [start, start+length): private ones and mapped shared ones.
	[[nodiscard]] uint64_t resident_pages(uint64_t start, uint64_t length) const;
	// The shared pages among them (RssShmem).
	[[nodiscard]] uint64_t resident_shmem_pages(uint64_t start, uint64_t length) const;
	[[nodiscard]] const Region* region_at(uint64_t addr) const;
	[[nodiscard]] const std::vector<Region>& regions() const { return m_regions ? *m_regions : no_regions(); }
	[[nodiscard]] bool is_resident(uint64_t addr) const
	{
		return m_pages.count(addr / kPageSize) != 0 || m_shmem_ptes.count(addr / kPageSize) != 0;
	}
	// Private pages resident anywhere in this address space (anon-rss): O(1).
	[[nodiscard]] uint64_t private_pages() const { return m_pages.size(); }
	// Shared pages mapped here (shmem-rss).
	[[nodiscard]] uint64_t shmem_pte_pages() const { return m_shmem_ptes.size(); }
	// The page-table pages x86-64's four levels need for the pages mapped now (one PGD,
	// then a PUD per 512 GiB, a PMD per GiB and a PTE page per 2 MiB in use).
	[[nodiscard]] uint64_t page_table_pages() const;
	// Mapped pages of all regions (total_vm).
	[[nodiscard]] uint64_t mapped_pages() const;
	// How many private pages a first touch may still create: the machine's free RAM, set
	// by the kernel around a run of user code. A touch past it finds no page and faults
	// (the access is left undone) so the kernel can run its out-of-memory path. Host
	// state like the shmem binding: not compared, not serialized, unlimited in a copy.
	static constexpr uint64_t kNoPageLimit = ~0ull;
	void set_page_budget(uint64_t pages) { m_page_budget = pages; }
	// Frees every private page (exit_mmap(), or the OOM reaper): the host memory too.
	void drop_private_pages();
	// Drops resident pages in the range (MADV_DONTNEED): private ones read back as zeros,
	// shared ones are only unmapped here and read back from their object.
	void discard(uint64_t start, uint64_t length);

	// Whole-range access; false if any byte is outside a mapped (writable) region. A read
	// only looks: a page never touched reads as zeros and stays untouched.
	[[nodiscard]] bool read(uint64_t addr, void* out, uint64_t n) const;
	// A read by the running program (the interpreter's loads): as read(), but each page
	// it reads becomes resident, zero-filled if untouched, as the fault Linux takes on
	// it makes it present (the zero page is not modelled apart).
	[[nodiscard]] bool read_fault_in(uint64_t addr, void* out, uint64_t n);
	[[nodiscard]] bool write(uint64_t addr, const void* in, uint64_t n);
	[[nodiscard]] bool fill(uint64_t addr, uint8_t byte, uint64_t n);

	template <typename T>
	[[nodiscard]] bool load(uint64_t addr, T& out) const
	{
		uint64_t off = addr & (kPageSize - 1);
		// The hit in the one-page cache, inline: the interpreter's loads take this path.
		if (addr / kPageSize == m_read_page && off + sizeof(T) <= kPageSize) [[likely]] {
			std::memcpy(&out, m_read_ptr + off, sizeof(T));
			return true;
		}
		if (off + sizeof(T) <= kPageSize) {
			const uint8_t* p = page_for_read(addr);
			if (!p)
				return false;
			std::memcpy(&out, p + off, sizeof(T));
			return true;
		}
		return read(addr, &out, sizeof(T));
	}
	template <typename T>
	[[nodiscard]] bool store(uint64_t addr, const T& value)
	{
		uint64_t off = addr & (kPageSize - 1);
		if (addr / kPageSize == m_write_page && off + sizeof(T) <= kPageSize) [[likely]] {
			std::memcpy(m_write_ptr + off, &value, sizeof(T));
			return true;
		}
		if (off + sizeof(T) <= kPageSize) {
			uint8_t* p = page_for_write(addr);
			if (!p)
				return false;
			std::memcpy(p + off, &value, sizeof(T));
			return true;
		}
		return write(addr, &value, sizeof(T));
	}
	// The host address of the n bytes at addr when they lie in the page of the last read
	// (or write), else null: the interpreter's inline fast path, with no call at all.
	[[nodiscard]] const uint8_t* read_hit(uint64_t addr, uint64_t n) const
	{
		uint64_t off = addr & (kPageSize - 1);
		return addr / kPageSize == m_read_page && off + n <= kPageSize ? m_read_ptr + off : nullptr;
	}
	[[nodiscard]] uint8_t* write_hit(uint64_t addr, uint64_t n)
	{
		uint64_t off = addr & (kPageSize - 1);
		return addr / kPageSize == m_write_page && off + n <= kPageSize ? m_write_ptr + off : nullptr;
	}
	// Reads a NUL-terminated string of at most `max` bytes; false on a fault.
	[[nodiscard]] bool read_string(uint64_t addr, std::string& out, uint64_t max = 4096) const;

	bool operator==(const Memory& other) const;
	template <typename Ar> void serialize(Ar& ar);

private:
	// The start of the page holding addr (kZeroPage if it lies in a region but was never
	// touched), or null if addr is not mapped readable. Changes nothing but the cache.
	[[nodiscard]] const uint8_t* page_for_read(uint64_t addr) const;
	// The same, making the page resident (zero-filled) if it was not.
	[[nodiscard]] const uint8_t* page_for_fault_in(uint64_t addr);
	[[nodiscard]] uint8_t* page_for_write(uint64_t addr);
	[[nodiscard]] const Region* find_region(uint64_t addr) const;
	// The page of a shared region holding pfn, now mapped here.
	[[nodiscard]] uint8_t* shmem_page(const Region& r, uint64_t pfn);
	void forget_cache() const;

	void insert_region(Region r);
	void cut_at(uint64_t addr);   // splits the region that straddles addr in two
	void regions_changed();

	// Sorted by start, disjoint. Shared between copies until one maps, unmaps or protects
	// (regions_mut()): a copy of a machine does not copy the kernel's some sixty regions
	// (their names are strings), and a state hash remembers their digest by the shared
	// vector (check/StateWriter.h). Null: none.
	std::shared_ptr<std::vector<Region>> m_regions;
	[[nodiscard]] static const std::vector<Region>& no_regions();
	[[nodiscard]] std::vector<Region>& regions_mut();
	bool m_any_unreadable = false;                   // derived from m_regions: a PROT_NONE region exists
	std::map<uint64_t, std::shared_ptr<Page>> m_pages;   // page number -> contents
	std::set<uint64_t> m_shmem_ptes;                 // page numbers of shared pages mapped here
	ShmemTable* m_shmem = nullptr;                   // host binding (attach_shmem), not state
	Memory* m_kmem = nullptr;                        // host binding (attach_kmem), not state
	// The kernel page behind addr in a kernel-pages region (never cached here: the kernel's
	// Memory may copy that page on write), or null.
	[[nodiscard]] uint8_t* kernel_page(const Region& r, uint64_t addr, bool write) const;
	uint64_t m_page_budget = kNoPageLimit;           // host setting (set_page_budget), not state
	// A new zero-filled private page at pfn, or null when the budget is spent.
	[[nodiscard]] std::shared_ptr<Page>* new_private_page(uint64_t pfn);

	// A one-page cache of the last lookups. Not state: cleared by copies, which is also
	// what keeps a cached writable page from being shared with a snapshot.
	mutable uint64_t m_read_page = ~0ull;
	mutable const uint8_t* m_read_ptr = nullptr;
	mutable uint64_t m_write_page = ~0ull;
	mutable uint8_t* m_write_ptr = nullptr;
};

template <typename Ar>
void Memory::serialize(Ar& ar)
{
	if constexpr (Ar::reading) {
		std::vector<Region> regions;
		ar(regions);
		m_regions = std::make_shared<std::vector<Region>>(std::move(regions));
		regions_changed();
	} else if constexpr (requires(const std::shared_ptr<std::vector<Region>>& p) { ar.shared_value(p); }) {
		ar.shared_value(m_regions ? m_regions : std::make_shared<std::vector<Region>>());
	} else {
		ar(const_cast<std::vector<Region>&>(regions()));   // a writer only reads
	}
	uint64_t n = m_pages.size();
	ar(n);
	if constexpr (Ar::reading) {
		m_pages.clear();
		forget_cache();
		for (uint64_t i = 0; i < n && !ar.failed(); i++) {
			uint64_t pfn = 0;
			ar(pfn);
			auto page = std::make_shared<Page>();
			ar.raw(page->data(), kPageSize);
			m_pages.emplace(pfn, std::move(page));
		}
	} else {
		for (auto& [pfn, page] : m_pages) {
			uint64_t key = pfn;
			ar(key);
			// By type, not by `page`: clang 14 refuses a structured binding in a
			// requires-expression.
			if constexpr (requires(const std::shared_ptr<Page>& p) { ar.shared_block(p, kPageSize); })
				ar.shared_block(page, kPageSize);   // a state hash may reuse the page's digest
			else
				ar.raw(page->data(), kPageSize);
		}
	}
	ar(m_shmem_ptes);
}

}  // namespace kctx::vm
