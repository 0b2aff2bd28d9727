#include "kernel/mm/Slab.h"

#include <algorithm>
#include <bit>

#include "base/Check.h"
#include "base/Hash.h"

namespace kctx::kernel {

namespace {

// mm/slab_common.c kmalloc_info[] (KMALLOC_MIN_SIZE 8 on x86-64).
constexpr uint32_t kKmallocSizes[] = {8, 16, 32, 64, 96, 128, 192, 256, 512, 1024, 2048, 4096, 8192};

// sizeof(struct kasan_alloc_meta) and sizeof(struct kasan_free_meta) for generic KASAN on
// 64-bit (mm/kasan/kasan.h): a track (pid, stack handle) plus two aux stacks; a
// quarantine link plus a track.
constexpr uint32_t kAllocMetaSize = 16;
constexpr uint32_t kFreeMetaSize = 16;
// slub_min_objects = 4 * (fls(nr_cpu_ids) + 1) for the default 4 CPUs; slub_max_order
// PAGE_ALLOC_COSTLY_ORDER (mm/slub.c calculate_order()). Fixed so that the layout does
// not change with --cpus.
constexpr uint32_t kMinObjects = 16;
constexpr uint32_t kMaxOrder = 3;

// mm/kasan/common.c optimal_redzone().
uint32_t optimal_redzone(uint32_t object_size)
{
	return object_size <= 64 - 16 ? 16 : object_size <= 128 - 32 ? 32 : object_size <= 512 - 64 ? 64
	       : object_size <= 4096 - 128                               ? 128
	       : object_size <= (1 << 14) - 256                          ? 256
	       : object_size <= (1 << 15) - 512                          ? 512
	       : object_size <= (1 << 16) - 1024                         ? 1024
									 : 2048;
}

uint32_t slot_size(uint32_t object_size, bool kasan)
{
	uint32_t size = object_size;
	if (kasan) {
		// __kasan_cache_create(): alloc meta after the object; free meta too when the
		// object cannot hold it; at least the optimal redzone.
		size += kAllocMetaSize;
		if (object_size < kFreeMetaSize)
			size += kFreeMetaSize;
		size = std::max(size, object_size + optimal_redzone(object_size));
	}
	// create_boot_cache(): power-of-two kmalloc caches are naturally aligned;
	// ARCH_KMALLOC_MINALIGN is 8.
	uint32_t align = std::has_single_bit(object_size) ? std::max(8u, object_size) : 8u;
	return (size + align - 1) / align * align;
}

uint32_t slab_order(uint32_t size)
{
	for (uint32_t order = 0; order <= kMaxOrder; order++)
		if ((vm::kPageSize << order) / size >= kMinObjects)
			return order;
	return kMaxOrder;
}

// CONFIG_SLAB_FREELIST_HARDENED's freelist_ptr(): ptr ^ s->random ^ swab(ptr_addr).
uint64_t encode_free_pointer(const SlabCache& c, uint64_t next, uint64_t ptr_addr)
{
	return next ^ c.random ^ __builtin_bswap64(ptr_addr);
}

void write_free_pointer(const SlabCache& c, vm::Memory& mem, uint64_t object)
{
	uint64_t next = c.freelist.empty() ? 0 : c.freelist.back();
	uint64_t at = object + c.free_offset();
	(void)mem.store(at, encode_free_pointer(c, next, at));
}

void new_slab(SlabState& s, vm::Memory& mem, uint32_t ci)
{
	SlabCache& c = s.caches[ci];
	uint64_t bytes = c.slab_bytes();
	uint64_t start = (s.next_slab + bytes - 1) / bytes * bytes;
	s.next_slab = start + bytes;
	s.pages += bytes / vm::kPageSize;
	mem.map(start, bytes, c.name);
	s.slabs.emplace(start, ci);
	// The first object is handed out first (no CONFIG_SLAB_FREELIST_RANDOM shuffle).
	for (uint32_t i = c.objects(); i-- > 0;)
		c.freelist.push_back(start + uint64_t{i} * c.size);
}

// quarantine.c qlink_free() -> the object goes back to its cache's freelist.
void quarantine_release_oldest(SlabState& s, vm::Memory& mem)
{
	uint64_t addr = s.quarantine.front();
	s.quarantine.erase(s.quarantine.begin());
	SlabObject& o = s.objects.at(addr);
	SlabCache& c = s.caches[o.cache];
	o.quarantined = false;
	s.quarantine_bytes -= c.size;
	write_free_pointer(c, mem, addr);
	c.freelist.push_back(addr);
}

bool byte_ok(const SlabState& s, uint64_t addr)
{
	uint8_t sh = kasan_shadow(s, addr);
	return sh == 0 || (sh < KASAN_GRANULE_SIZE && (addr & 7) < sh);
}

}  // namespace

void slab_init(SlabState& s, bool kasan, uint64_t base, uint64_t quarantine_max)
{
	s = SlabState{};
	s.kasan = kasan;
	s.base = base;
	s.next_slab = base;
	s.quarantine_max = quarantine_max;
	for (uint32_t object_size : kKmallocSizes) {
		SlabCache c;
		c.name = object_size >= 1024 ? "kmalloc-" + std::to_string(object_size / 1024) + "k"
					     : "kmalloc-" + std::to_string(object_size);
		c.object_size = object_size;
		c.size = slot_size(object_size, kasan);
		c.order = slab_order(c.size);
		c.random = hash_bytes(c.name.data(), c.name.size()) | 1;   // get_random_long(), deterministic
		s.caches.push_back(std::move(c));
	}
}

uint32_t kmalloc_cache_index(const SlabState& s, uint64_t size)
{
	KCTX_CHECK(size > 0 && size <= kKmallocMaxCacheSize);
	for (uint32_t i = 0; i < s.caches.size(); i++)
		if (size <= s.caches[i].object_size)
			return i;
	KCTX_UNREACHABLE();
}

uint32_t slab_create_cache(SlabState& s, std::string name, uint32_t object_size, uint32_t align)
{
	SlabCache c;
	c.name = std::move(name);
	c.object_size = object_size;
	c.size = slot_size(object_size, s.kasan);
	if (align > 8)
		c.size = (c.size + align - 1) / align * align;
	c.order = slab_order(c.size);
	c.random = hash_bytes(c.name.data(), c.name.size()) | 1;
	s.caches.push_back(std::move(c));
	return static_cast<uint32_t>(s.caches.size() - 1);
}

uint64_t slab_pages_needed(const SlabState& s, uint32_t ci)
{
	const SlabCache& c = s.caches[ci];
	return c.freelist.empty() ? c.slab_bytes() / vm::kPageSize : 0;
}

uint32_t slab_objects_in_use(const SlabState& s, uint32_t ci)
{
	uint32_t n = 0;
	for (const auto& [addr, o] : s.objects)
		if (o.cache == ci && !o.freed)
			n++;
	return n;
}

uint64_t slab_alloc(SlabState& s, vm::Memory& mem, uint64_t size, KasanTrack track)
{
	return slab_alloc_from(s, mem, kmalloc_cache_index(s, size), size, std::move(track));
}

uint64_t slab_alloc_from(SlabState& s, vm::Memory& mem, uint32_t ci, uint64_t size, KasanTrack track)
{
	if (s.caches[ci].freelist.empty())
		new_slab(s, mem, ci);
	SlabCache& c = s.caches[ci];
	uint64_t addr = c.freelist.back();
	c.freelist.pop_back();
	if (!s.kasan) {
		// mm/slub.c slab_alloc_node() -> get_freepointer_safe() -> freelist_ptr(): the
		// next free object is what the popped one's free pointer decodes to, not what
		// kctx expects. A freed object's pointer overwritten (a write after kfree())
		// decodes, with CONFIG_SLAB_FREELIST_HARDENED's s->random and swab(ptr_addr), to
		// an address no slab holds: it becomes the freelist head, and the next allocation
		// faults loading its free pointer (Kernel::slab_wild_head()). NULL ends the list
		// (the next allocation takes a new slab; the rest leaks, as on Linux).
		auto it = s.objects.find(addr);
		uint64_t at = addr + c.free_offset();
		uint64_t stored = 0;
		uint64_t expected = c.freelist.empty() ? 0 : c.freelist.back();
		if (it != s.objects.end() && it->second.freed && mem.load(at, stored)) {
			uint64_t next = encode_free_pointer(c, stored, at);   // the XOR undoes itself
			if (next != expected) {
				if (next == 0)
					c.freelist.clear();
				else
					c.freelist.push_back(next);
			}
		}
	}
	SlabObject& o = s.objects[addr];
	o.cache = ci;
	o.size = size;
	o.freed = false;
	o.quarantined = false;
	o.alloc = SlabTrack{track.pid, s.depot.save(track.stack), track.cpu, track.jiffies};
	o.free = {};
	return addr;
}

FreeResult slab_free(SlabState& s, vm::Memory& mem, uint64_t addr, KasanTrack track)
{
	std::optional<SlabLocation> loc = slab_locate(s, addr);
	if (!loc)
		return FreeResult::NotSlab;
	SlabCache& c = s.caches[loc->cache];
	if (!s.kasan) {
		// mm/slub.c do_slab_free() -> set_freepointer(): BUG_ON(object == fp) catches
		// only the object that already heads the freelist; any other double free (or a
		// pointer into an object) silently corrupts the freelist, as on Linux.
		if (!c.freelist.empty() && c.freelist.back() == addr)
			return FreeResult::FreelistHeadBug;
		write_free_pointer(c, mem, addr);
		c.freelist.push_back(addr);
		if (auto it = s.objects.find(addr); it != s.objects.end())
			it->second.freed = true;
		return FreeResult::Freed;
	}
	// mm/kasan/common.c ____kasan_slab_free().
	if (!loc->in_slot || loc->object != addr)
		return FreeResult::InvalidFree;
	auto it = s.objects.find(addr);
	if (it == s.objects.end() || it->second.freed)
		return FreeResult::DoubleFree;
	SlabObject& o = it->second;
	o.freed = true;
	o.quarantined = true;
	o.free = SlabTrack{track.pid, s.depot.save(track.stack), track.cpu, track.jiffies};
	// Generic KASAN keeps its free meta in the object (kasan_free_meta: the quarantine
	// link, then the free track's pid and stack handle).
	if (c.object_size >= kFreeMetaSize) {
		(void)mem.store<uint64_t>(addr, 0);
		(void)mem.store<uint32_t>(addr + 8, static_cast<uint32_t>(o.free.pid));
	}
	s.quarantine.push_back(addr);
	s.quarantine_bytes += c.size;
	// kasan_quarantine_reduce(): the oldest objects go back to their caches once the
	// quarantine outgrows its limit.
	while (s.quarantine_bytes > s.quarantine_max && !s.quarantine.empty())
		quarantine_release_oldest(s, mem);
	return FreeResult::Freed;
}

KasanTrack slab_track(const SlabState& s, const SlabTrack& t)
{
	return KasanTrack{t.pid, s.depot.fetch(t.stack), t.cpu, t.jiffies};
}

std::optional<SlabLocation> slab_locate(const SlabState& s, uint64_t addr)
{
	auto it = s.slabs.upper_bound(addr);
	if (it == s.slabs.begin())
		return std::nullopt;
	--it;
	const SlabCache& c = s.caches[it->second];
	uint64_t off = addr - it->first;
	if (off >= c.slab_bytes())
		return std::nullopt;
	SlabLocation loc;
	loc.cache = it->second;
	loc.slab = it->first;
	uint64_t index = off / c.size;
	loc.in_slot = index < c.objects();
	loc.object = it->first + std::min<uint64_t>(index, c.objects() - 1) * c.size;
	return loc;
}

uint8_t kasan_shadow(const SlabState& s, uint64_t addr)
{
	std::optional<SlabLocation> loc = slab_locate(s, addr);
	if (!loc)
		return 0;
	if (!loc->in_slot)
		return KASAN_SLAB_REDZONE;   // kasan_poison_slab() poisoned the whole slab
	const SlabCache& c = s.caches[loc->cache];
	uint64_t granule = (addr - loc->object) / KASAN_GRANULE_SIZE * KASAN_GRANULE_SIZE;
	auto it = s.objects.find(loc->object);
	if (it == s.objects.end())
		return KASAN_SLAB_REDZONE;   // never allocated: poisoned since the slab was made
	const SlabObject& o = it->second;
	if (o.freed) {
		// ____kasan_slab_free() poisons the whole object, then kasan_set_free_info()
		// marks its first granule as holding the free track.
		if (granule >= c.object_size)
			return KASAN_SLAB_REDZONE;
		return granule == 0 ? KASAN_SLAB_FREETRACK : KASAN_SLAB_FREE;
	}
	// kasan_kmalloc(): exactly `size` bytes are addressable.
	if (granule + KASAN_GRANULE_SIZE <= o.size)
		return 0;
	if (granule < o.size)
		return static_cast<uint8_t>(o.size - granule);
	return KASAN_SLAB_REDZONE;
}

bool kasan_access_ok(const SlabState& s, uint64_t addr, uint64_t size)
{
	for (uint64_t i = 0; i < size; i++)
		if (!byte_ok(s, addr + i))
			return false;
	return true;
}

uint64_t kasan_first_bad_addr(const SlabState& s, uint64_t addr, uint64_t size)
{
	uint64_t p = addr;
	while (p < addr + size && kasan_shadow(s, p) == 0)
		p += KASAN_GRANULE_SIZE;
	return p;
}

const char* kasan_bug_type(const SlabState& s, uint64_t first_bad_addr)
{
	// mm/kasan/report_generic.c get_shadow_bug_type() (6.1: "use-after-free"; the
	// "slab-" prefix came in 6.5).
	uint8_t sh = kasan_shadow(s, first_bad_addr);
	if (sh > 0 && sh < KASAN_GRANULE_SIZE)
		sh = kasan_shadow(s, first_bad_addr + KASAN_GRANULE_SIZE);
	switch (sh) {
	case KASAN_PAGE_REDZONE:
	case KASAN_SLAB_REDZONE: return "slab-out-of-bounds";
	case KASAN_PAGE_FREE:
	case KASAN_SLAB_FREE:
	case KASAN_SLAB_FREETRACK: return "use-after-free";
	default: return sh < KASAN_GRANULE_SIZE ? "out-of-bounds" : "unknown-crash";
	}
}

uint64_t slab_area_start(const SlabState& s) { return s.base; }
uint64_t slab_area_end(const SlabState& s) { return s.next_slab; }

}  // namespace kctx::kernel
