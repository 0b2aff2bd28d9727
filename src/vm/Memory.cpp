#include "vm/Memory.h"

#include <algorithm>

#include "base/Check.h"
#include "vm/Shmem.h"

namespace kctx::vm {

// A copy does not take the binding (m_shmem): it may belong to another machine.
Memory::Memory(const Memory& other)
	: m_regions(other.m_regions), m_any_unreadable(other.m_any_unreadable), m_pages(other.m_pages),
	  m_shmem_ptes(other.m_shmem_ptes)
{
	// Both sides now share every page; neither may keep writing through a cached pointer.
	other.forget_cache();
}

Memory& Memory::operator=(const Memory& other)
{
	if (this == &other)
		return *this;
	m_regions = other.m_regions;
	m_any_unreadable = other.m_any_unreadable;
	m_pages = other.m_pages;
	m_shmem_ptes = other.m_shmem_ptes;
	m_shmem = nullptr;
	m_kmem = nullptr;
	m_page_budget = kNoPageLimit;
	forget_cache();
	other.forget_cache();
	return *this;
}

std::shared_ptr<Memory::Page>* Memory::new_private_page(uint64_t pfn)
{
	if (m_page_budget == 0)
		return nullptr;
	if (m_page_budget != kNoPageLimit)
		m_page_budget--;
	auto it = m_pages.emplace(pfn, std::make_shared<Page>()).first;
	it->second->fill(0);
	return &it->second;
}

void Memory::drop_private_pages()
{
	m_pages.clear();
	forget_cache();
}

uint64_t Memory::page_table_pages() const
{
	std::set<uint64_t> pte, pmd, pud;
	auto add = [&](uint64_t pfn) {
		pte.insert(pfn >> 9);
		pmd.insert(pfn >> 18);
		pud.insert(pfn >> 27);
	};
	for (const auto& [pfn, page] : m_pages)
		add(pfn);
	for (uint64_t pfn : m_shmem_ptes)
		add(pfn);
	return 1 + pud.size() + pmd.size() + pte.size();
}

uint64_t Memory::mapped_pages() const
{
	uint64_t n = 0;
	for (const Region& r : regions())
		n += (r.end - r.start + kPageSize - 1) / kPageSize;
	return n;
}

void Memory::forget_cache() const
{
	m_read_page = ~0ull;
	m_read_ptr = nullptr;
	m_write_page = ~0ull;
	m_write_ptr = nullptr;
}

void Memory::map(uint64_t start, uint64_t length, std::string name, bool writable)
{
	insert_region(Region{start, start + length, writable, std::move(name)});
}

void Memory::map_shmem(uint64_t start, uint64_t length, std::string name, bool writable, uint32_t object,
			uint64_t pgoff)
{
	KCTX_CHECK(object != 0);
	Region r{start, start + length, writable, std::move(name)};
	r.shmem = object;
	r.pgoff = pgoff;
	insert_region(std::move(r));
}

void Memory::map_kernel_pages(uint64_t start, uint64_t length, std::string name, bool writable, uint64_t kaddr,
			      uint64_t vma)
{
	KCTX_CHECK(kaddr != 0);
	Region r{start, start + length, writable, std::move(name)};
	r.kaddr = kaddr;
	r.vma = vma;
	insert_region(std::move(r));
}

void Memory::set_vma(uint64_t start, uint64_t end, uint64_t vma)
{
	for (Region& r : regions_mut())
		if (r.start >= start && r.end <= end)
			r.vma = vma;
}

uint8_t* Memory::kernel_page(const Region& r, uint64_t addr, bool write) const
{
	// Unbound (a vmcore's reader looking at one process, or a dump that lies): the
	// kernel's pages are not reachable from here, so the access fails.
	if (!m_kmem)
		return nullptr;
	uint64_t k = r.kaddr + (addr - r.start);
	if (write)
		return m_kmem->page_for_write(k);
	// A read makes the kernel's page resident, as the kernel page behind a PFN is real memory.
	return const_cast<uint8_t*>(m_kmem->page_for_fault_in(k));
}

const std::vector<Region>& Memory::no_regions()
{
	static const std::vector<Region> none;
	return none;
}

std::vector<Region>& Memory::regions_mut()
{
	if (!m_regions)
		m_regions = std::make_shared<std::vector<Region>>();
	else if (m_regions.use_count() > 1)
		m_regions = std::make_shared<std::vector<Region>>(*m_regions);
	return *m_regions;
}

void Memory::insert_region(Region r)
{
	std::vector<Region>& regions = regions_mut();
	auto it = std::lower_bound(regions.begin(), regions.end(), r,
				   [](const Region& a, const Region& b) { return a.start < b.start; });
	regions.insert(it, std::move(r));
	regions_changed();
}

void Memory::drop_shmem_ptes()
{
	m_shmem_ptes.clear();
	forget_cache();
}

void Memory::regions_changed()
{
	m_any_unreadable = std::any_of(regions().begin(), regions().end(), [](const Region& r) { return !r.readable; });
	forget_cache();
}

void Memory::cut_at(uint64_t addr)
{
	const std::vector<Region>& shared = regions();
	auto found = std::upper_bound(shared.begin(), shared.end(), addr,
				      [](uint64_t a, const Region& r) { return a < r.start; });
	if (found == shared.begin() || addr <= std::prev(found)->start || addr >= std::prev(found)->end)
		return;
	std::vector<Region>& regions = regions_mut();
	auto it = regions.begin() + (std::prev(found) - shared.begin());
	Region tail = *it;
	tail.start = addr;
	if (tail.shmem)
		tail.pgoff += (addr - it->start) / kPageSize;
	if (tail.kaddr)
		tail.kaddr += addr - it->start;
	it->end = addr;
	regions.insert(it + 1, std::move(tail));
}

void Memory::unmap(uint64_t start, uint64_t length)
{
	uint64_t end = start + length;
	cut_at(start);
	cut_at(end);
	std::erase_if(regions_mut(), [&](const Region& r) { return r.start >= start && r.end <= end; });
	regions_changed();
	discard(start, length);
}

bool Memory::protect(uint64_t start, uint64_t length, bool readable, bool writable)
{
	uint64_t end = start + length;
	for (uint64_t a = start; a < end;) {
		const Region* r = find_region(a);
		if (!r)
			return false;
		a = r->end;
	}
	cut_at(start);
	cut_at(end);
	for (Region& r : regions_mut()) {
		if (r.start >= start && r.end <= end) {
			r.readable = readable;
			r.writable = writable;
		}
	}
	regions_changed();
	return true;
}

uint64_t Memory::resident_pages(uint64_t start, uint64_t length) const
{
	return static_cast<uint64_t>(std::distance(m_pages.lower_bound(start / kPageSize),
						   m_pages.lower_bound((start + length + kPageSize - 1) / kPageSize))) +
	       resident_shmem_pages(start, length);
}

uint64_t Memory::resident_shmem_pages(uint64_t start, uint64_t length) const
{
	uint64_t first = start / kPageSize;
	uint64_t last = (start + length + kPageSize - 1) / kPageSize;
	return static_cast<uint64_t>(std::distance(m_shmem_ptes.lower_bound(first), m_shmem_ptes.lower_bound(last)));
}

void Memory::discard(uint64_t start, uint64_t length)
{
	uint64_t first = start / kPageSize;
	uint64_t last = (start + length + kPageSize - 1) / kPageSize;
	m_pages.erase(m_pages.lower_bound(first), m_pages.lower_bound(last));
	// mm/memory.c zap_pte_range(): a shared page loses this PTE only; the object keeps it.
	m_shmem_ptes.erase(m_shmem_ptes.lower_bound(first), m_shmem_ptes.lower_bound(last));
	forget_cache();
}

const Region* Memory::find_region(uint64_t addr) const
{
	const std::vector<Region>& regions = this->regions();
	auto it = std::upper_bound(regions.begin(), regions.end(), addr,
				   [](uint64_t a, const Region& r) { return a < r.start; });
	if (it == regions.begin())
		return nullptr;
	--it;
	return addr < it->end ? &*it : nullptr;
}

const Region* Memory::region_at(uint64_t addr) const { return find_region(addr); }

uint8_t* Memory::shmem_page(const Region& r, uint64_t pfn)
{
	KCTX_CHECK(m_shmem != nullptr);   // the owner binds every Memory before touching one
	m_shmem_ptes.insert(pfn);
	return m_shmem->page(r.shmem, r.pgoff + (pfn - r.start / kPageSize));
}

namespace {
// What a mapped page nobody has written reads as.
const Memory::Page kZeroPage{};
}  // namespace

const uint8_t* Memory::page_for_read(uint64_t addr) const
{
	uint64_t pfn = addr / kPageSize;
	if (pfn == m_read_page)
		return m_read_ptr;
	// A PROT_NONE region refuses reads of the pages it keeps (the check is paid only
	// while such a region exists).
	if (m_any_unreadable) {
		const Region* r = find_region(addr);
		if (r && !r->readable)
			return nullptr;
	}
	auto it = m_pages.find(pfn);
	if (it != m_pages.end()) {
		m_read_page = pfn;
		m_read_ptr = it->second->data();
		return m_read_ptr;
	}
	const Region* r = find_region(addr);
	if (!r)
		return nullptr;
	if (r->kaddr)
		return kernel_page(*r, addr, false);
	if (r->shmem) {
		// The object's page if it has one, without mapping it here. Cached only while
		// mapped (its PTE present): a mapping without one is not told when another
		// creates the page.
		KCTX_CHECK(m_shmem != nullptr);   // the owner binds every Memory before touching one
		const ShmemObject* o = m_shmem->find(r->shmem);
		if (!o)
			return kZeroPage.data();
		auto page = o->data.find(r->pgoff + (pfn - r->start / kPageSize));
		if (page == o->data.end())
			return kZeroPage.data();
		if (m_shmem_ptes.count(pfn)) {
			m_read_page = pfn;
			m_read_ptr = page->second.data();
		}
		return page->second.data();
	}
	// Cached as any page: only this Memory's page_for_write makes it resident, and that
	// refreshes the cache.
	m_read_page = pfn;
	m_read_ptr = kZeroPage.data();
	return m_read_ptr;
}

const uint8_t* Memory::page_for_fault_in(uint64_t addr)
{
	uint64_t pfn = addr / kPageSize;
	if (pfn == m_read_page && m_read_ptr != kZeroPage.data())
		return m_read_ptr;
	if (m_any_unreadable) {
		const Region* r = find_region(addr);
		if (r && !r->readable)
			return nullptr;
	}
	auto it = m_pages.find(pfn);
	if (it == m_pages.end()) {
		const Region* r = find_region(addr);
		if (!r)
			return nullptr;
		if (r->kaddr)
			return kernel_page(*r, addr, false);
		if (r->shmem) {
			m_read_page = pfn;
			m_read_ptr = shmem_page(*r, pfn);
			return m_read_ptr;
		}
		std::shared_ptr<Page>* page = new_private_page(pfn);
		if (!page)
			return nullptr;
		m_read_page = pfn;
		m_read_ptr = (*page)->data();
		return m_read_ptr;
	}
	m_read_page = pfn;
	m_read_ptr = it->second->data();
	return m_read_ptr;
}

uint8_t* Memory::page_for_write(uint64_t addr)
{
	uint64_t pfn = addr / kPageSize;
	if (pfn == m_write_page)
		return m_write_ptr;
	const Region* r = find_region(addr);
	if (!r || !r->writable)
		return nullptr;
	if (r->kaddr)
		return kernel_page(*r, addr, true);
	if (r->shmem) {
		// A shared page is written in place: every mapping of the object sees it.
		m_write_page = pfn;
		m_write_ptr = shmem_page(*r, pfn);
		if (m_read_page == pfn)
			m_read_ptr = m_write_ptr;
		return m_write_ptr;
	}
	auto it = m_pages.find(pfn);
	std::shared_ptr<Page>* page = nullptr;
	if (it == m_pages.end()) {
		page = new_private_page(pfn);
		if (!page)
			return nullptr;
	} else {
		page = &it->second;
		if (page->use_count() > 1)
			*page = std::make_shared<Page>(**page);   // copy on write
	}
	m_write_page = pfn;
	m_write_ptr = (*page)->data();
	if (m_read_page == pfn)
		m_read_ptr = m_write_ptr;
	return m_write_ptr;
}

namespace {

// Copies n bytes at addr out of the pages `page_for` gives (null: unmapped).
template <typename PageFor>
bool copy_out_of_pages(uint64_t addr, void* out, uint64_t n, PageFor&& page_for)
{
	auto* dst = static_cast<uint8_t*>(out);
	while (n > 0) {
		const uint8_t* p = page_for(addr);
		if (!p)
			return false;
		uint64_t off = addr & (kPageSize - 1);
		uint64_t chunk = std::min(n, kPageSize - off);
		std::memcpy(dst, p + off, chunk);
		dst += chunk;
		addr += chunk;
		n -= chunk;
	}
	return true;
}

}  // namespace

bool Memory::read(uint64_t addr, void* out, uint64_t n) const
{
	return copy_out_of_pages(addr, out, n, [this](uint64_t a) { return page_for_read(a); });
}

bool Memory::read_fault_in(uint64_t addr, void* out, uint64_t n)
{
	return copy_out_of_pages(addr, out, n, [this](uint64_t a) { return page_for_fault_in(a); });
}

bool Memory::write(uint64_t addr, const void* in, uint64_t n)
{
	auto* src = static_cast<const uint8_t*>(in);
	while (n > 0) {
		uint8_t* p = page_for_write(addr);
		if (!p)
			return false;
		uint64_t off = addr & (kPageSize - 1);
		uint64_t chunk = std::min(n, kPageSize - off);
		std::memcpy(p + off, src, chunk);
		src += chunk;
		addr += chunk;
		n -= chunk;
	}
	return true;
}

bool Memory::fill(uint64_t addr, uint8_t byte, uint64_t n)
{
	while (n > 0) {
		uint8_t* p = page_for_write(addr);
		if (!p)
			return false;
		uint64_t off = addr & (kPageSize - 1);
		uint64_t chunk = std::min(n, kPageSize - off);
		std::memset(p + off, byte, chunk);
		addr += chunk;
		n -= chunk;
	}
	return true;
}

bool Memory::read_string(uint64_t addr, std::string& out, uint64_t max) const
{
	// A page at a time: the natives that take strings (printf formats, strlen) are hot.
	out.clear();
	while (out.size() < max) {
		const uint8_t* p = page_for_read(addr);
		if (!p)
			return false;
		uint64_t off = addr & (kPageSize - 1);
		uint64_t chunk = std::min(kPageSize - off, max - out.size());
		const auto* start = reinterpret_cast<const char*>(p + off);
		if (const void* nul = std::memchr(start, 0, chunk)) {
			out.append(start, static_cast<const char*>(nul));
			return true;
		}
		out.append(start, chunk);
		addr += chunk;
	}
	return true;
}

bool Memory::operator==(const Memory& other) const
{
	if ((m_regions != other.m_regions && regions() != other.regions()) || m_pages.size() != other.m_pages.size() ||
	    m_shmem_ptes != other.m_shmem_ptes)
		return false;
	for (auto a = m_pages.begin(), b = other.m_pages.begin(); a != m_pages.end(); ++a, ++b) {
		if (a->first != b->first)
			return false;
		if (a->second != b->second && *a->second != *b->second)
			return false;
	}
	return true;
}

}  // namespace kctx::vm
