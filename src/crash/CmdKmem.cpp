// kmem -i (memory.c dump_kmeminfo()) and kmem -s (dump_kmem_cache_slub()): the page
// counts kctx's allocator keeps (kernel/mm/Ram.cpp) and its slab caches (Slab.h).
#include <fmt/format.h>

#include "crash/Addresses.h"
#include "crash/Commands.h"
#include "kernel/mm/Ram.h"
#include "vm/Memory.h"

namespace kctx::crash {

namespace {

constexpr uint64_t kKernelStackPages = 4;   // THREAD_SIZE (16 KiB) a task, as Ram.cpp counts them

// crash's pages_to_size(): "7.5 GB", "816.3 MB", whole numbers without the decimal.
std::string size_text(uint64_t pages)
{
	uint64_t bytes = pages * vm::kPageSize;
	constexpr uint64_t kKB = 1ull << 10, kMB = 1ull << 20, kGB = 1ull << 30;
	auto unit = [&](uint64_t u, const char* name) {
		return bytes % u ? fmt::format("{:.1f} {}", static_cast<double>(bytes) / static_cast<double>(u), name)
				 : fmt::format("{} {}", bytes / u, name);
	};
	return bytes >= kGB ? unit(kGB, "GB") : bytes >= kMB ? unit(kMB, "MB") : unit(kKB, "KB");
}

uint64_t percent(uint64_t part, uint64_t whole) { return whole ? part * 100 / whole : 0; }

std::string meminfo(const Target& t)
{
	const kernel::Machine& m = t.machine;
	uint64_t user = 0, stacks = 0, committed = 0;
	for (const kernel::Task& task : m.tasks) {
		if (task.reaped)
			continue;
		stacks += kKernelStackPages;
		if (!task.user)
			continue;
		user += task.user->mm.private_pages();
		// Committed_AS: the writable private mappings' pages (mm/util.c vm_memory_committed()).
		for (const vm::Region& r : task.user->mm.regions())
			if (r.writable && !r.shmem)
				committed += (r.end - r.start) / vm::kPageSize;
	}
	uint64_t shmem = 0;
	for (const auto& [id, object] : m.shmem.objects())
		shmem += object.data.size();
	// kernel/mm/Ram.cpp: totalram_pages() leaves the kernel's reserved pages out.
	uint64_t total = m.ram.total_pages - std::min(m.ram.total_pages, m.ram.reserved_pages);
	uint64_t used_all = m.ram.reserved_pages + m.slab.pages + m.ram.block_pages + stacks + user + shmem;
	uint64_t free = used_all >= m.ram.total_pages ? 0 : m.ram.total_pages - used_all;
	uint64_t used = total - std::min(total, free);
	std::string out = "                 PAGES        TOTAL      PERCENTAGE\n";
	auto whole = [&](const char* label, uint64_t pages) {
		out += fmt::format("{:>13}  {:>7}  {:>11}         ----\n", label, pages, size_text(pages));
	};
	auto part = [&](const char* label, uint64_t pages, uint64_t of, const char* of_name) {
		out += fmt::format("{:>13}  {:>7}  {:>11}  {:>3}% of {}\n", label, pages, size_text(pages), percent(pages, of),
				   of_name);
	};
	whole("TOTAL MEM", total);
	part("FREE", free, total, "TOTAL MEM");
	part("USED", used, total, "TOTAL MEM");
	part("SHARED", shmem, total, "TOTAL MEM");
	part("BUFFERS", 0, total, "TOTAL MEM");
	part("CACHED", shmem, total, "TOTAL MEM");
	part("SLAB", m.slab.pages, total, "TOTAL MEM");
	out += "\n";
	whole("TOTAL HUGE", 0);
	part("HUGE FREE", 0, 0, "TOTAL HUGE");
	out += "\n";
	whole("TOTAL SWAP", 0);
	part("SWAP USED", 0, 0, "TOTAL SWAP");
	part("SWAP FREE", 0, 0, "TOTAL SWAP");
	out += "\n";
	// mm/util.c: overcommit_ratio 50, no swap.
	uint64_t limit = total / 2;
	whole("COMMIT LIMIT", limit);
	part("COMMITTED", committed, limit, "TOTAL LIMIT");
	return out;
}

std::string slab_caches(const Target& t)
{
	const kernel::SlabState& slab = t.machine.slab;
	std::vector<uint64_t> addrs(slab.caches.size());
	for (size_t i = 0; i < addrs.size(); i++)
		addrs[i] = addr::kKmemCaches + i * addr::kKmemCacheStride;
	for (const auto& [a, cache] : slab.kmem_caches)
		if (cache < addrs.size())
			addrs[cache] = a;
	std::vector<uint64_t> slabs(slab.caches.size()), allocated(slab.caches.size());
	for (const auto& [start, cache] : slab.slabs)
		if (cache < slabs.size())
			slabs[cache]++;
	for (const auto& [a, obj] : slab.objects)
		if (obj.cache < allocated.size() && !obj.freed)
			allocated[obj.cache]++;
	std::string out = "CACHE             OBJSIZE  ALLOCATED     TOTAL  SLABS  SSIZE  NAME\n";
	// mm/slab_common.c create_cache(): list_add() puts each new cache first on slab_caches.
	for (size_t i = slab.caches.size(); i-- > 0;) {
		const kernel::SlabCache& c = slab.caches[i];
		out += fmt::format("{:<16x} {:>8}  {:>9}  {:>8}  {:>5}  {:>4}k  {}\n", addrs[i], c.object_size, allocated[i],
				   slabs[i] * c.objects(), slabs[i], c.slab_bytes() >> 10, c.name);
	}
	return out;
}

}  // namespace

std::string cmd_kmem(SessionState& s, const Args& args)
{
	ParsedArgs p;
	if (auto bad = parse_flags(args, "is", p))
		return usage_error("kmem", fmt::format("invalid option -- '{}'", *bad));
	if (has_flag(p, 'i'))
		return meminfo(*s.target);
	if (has_flag(p, 's'))
		return slab_caches(*s.target);
	return usage_error("kmem", "an option is required (kctx answers -i and -s)");
}

}  // namespace kctx::crash
