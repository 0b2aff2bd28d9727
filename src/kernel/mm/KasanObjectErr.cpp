// KASAN's report of a bad slab access as releases before 4.6 print it (4.4's
// mm/kasan/report.c kasan_report_error()): the bug and the access on two lines, then SLUB
// describes the object itself (mm/slub.c object_err(): slab_bug(), print_trailer()), then
// the shadow. The words and frames are the release's (ReleaseSpec::kasan); kctx's slab
// model (Slab.h) is the same on every release.
//
// What 4.4 printed that this leaves out: SLUB's "Redzone"/"Padding" rows need
// slub_debug=Z; the tracks assume slub_debug=U, which 4.4's Documentation/kasan.txt asks
// for ("put at least 'slub_debug=U' in the boot cmdline").
#include <fmt/format.h>

#include "abi/Preempt.h"
#include "kernel/core/Kernel.h"
#include "kernel/debug/Taint.h"
#include "kernel/mm/DevMmap.h"

namespace kctx::kernel {

namespace {

constexpr const char* kKasanBanner = "\0013==================================================================\n";
// mm/slub.c (4.4) slab_bug(): 77 '=' and 77 '-', then an empty line.
constexpr const char* kSlabBugBanner =
	"\0013=============================================================================\n";
constexpr const char* kSlabBugRule =
	"\0013-----------------------------------------------------------------------------\n";
// 4.4's page flags of a slab page (include/linux/page-flags.h: PG_slab 7, PG_head 14)
// in ZONE_NORMAL (2) of node 0, as 6.1's Kasan.cpp puts its zone bits.
constexpr uint64_t kSlabPageFlags = 0x200000000000080ull, kPgHead = 0x4000ull;

std::string_view function_of(std::string_view frame) { return frame.substr(0, frame.find('+')); }

// lib/vsprintf.c (4.4) pointer(): %p is the raw address, NULL "(null)" in its width.
std::string raw_p(uint64_t p) { return p == 0 ? fmt::format("{:>16}", "(null)") : fmt::format("{:016x}", p); }

// lib/hexdump.c print_hex_dump(KERN_ERR, prefix, DUMP_PREFIX_ADDRESS, 16, 1, buf, len, true):
// "prefix%p: " and the row, each byte "%02x " (the last space dropped), the ASCII column
// at rowsize * 2 + rowsize / groupsize + 1 = 49.
std::vector<std::string> hex_dump(std::string_view prefix, uint64_t addr, std::span<const uint8_t> bytes)
{
	std::vector<std::string> rows;
	for (size_t i = 0; i < bytes.size(); i += 16) {
		size_t n = std::min<size_t>(16, bytes.size() - i);
		std::string hex, ascii;
		for (size_t j = 0; j < n; j++) {
			uint8_t c = bytes[i + j];
			hex += fmt::format("{}{:02x}", j ? " " : "", c);
			ascii += (c >= 0x20 && c < 0x7f) ? static_cast<char>(c) : '.';
		}
		hex.resize(49, ' ');
		rows.push_back(fmt::format("{}{:016x}: {}{}", prefix, addr + i, hex, ascii));
	}
	return rows;
}

}  // namespace

void Kernel::kasan_report_object_err(uint32_t cpu, TaskId t, uint64_t addr, uint64_t size, bool write,
				     std::string_view ip, std::span<const std::string> below)
{
	const KasanFormat& kf = m_config.spec().kasan;
	SlabState& s = m.slab;
	s.kasan_reported = true;
	m.findings.bugs++;
	const Task& task = m.tasks[t];
	uint64_t first_bad = kasan_first_bad_addr(s, addr, size);
	// print_error_description() (4.4): the shadow of the first bad byte names the bug;
	// 4.4 poisons a freed object whole (no free track in its first granule, 6.1's 0xfa).
	uint8_t shadow = kasan_shadow(s, first_bad);
	std::string_view type = kf.unknown;
	if (shadow == KASAN_SLAB_FREE || shadow == KASAN_SLAB_FREETRACK || shadow == KASAN_PAGE_FREE)
		type = kf.use_after_free;
	else if (shadow == KASAN_SLAB_REDZONE || shadow == KASAN_PAGE_REDZONE || shadow < KASAN_GRANULE_SIZE)
		type = kf.out_of_bounds;
	printk(cpu, kKasanBanner);
	printk(cpu, fmt::format("\0013{}{} in {} at addr {}\n", kf.title, type, release_frame(ip), raw_p(addr)));
	printk(cpu, fmt::format("\0013{} of size {} by task {}/{}\n", write ? "Write" : "Read", size, task.comm, task.pid));

	// print_address_description() -> object_err(cache, page, object, "kasan: bad access
	// detected"). kctx's KASAN window is the slabs, so every bad address has an object.
	std::optional<SlabLocation> loc = slab_locate(s, addr);
	if (loc) {
		const SlabCache& c = s.caches[loc->cache];
		// slab_bug(): print_tainted() before its own add_taint(TAINT_BAD_PAGE).
		printk(cpu, kSlabBugBanner);
		printk(cpu, fmt::format("\0013BUG {} ({}): kasan: bad access detected\n", c.name,
					print_tainted(m_config.spec(), m.tainted)));
		printk(cpu, kSlabBugRule);
		printk(cpu, "\0013\n");
		add_taint_unreliable(cpu, abi::TAINT_BAD_PAGE);
		// print_tracking(): "INFO: %s in %pS age=%lu cpu=%u pid=%d", then "\t%pS" per
		// frame of set_track()'s stack, which starts in SLUB's slow path.
		auto it = s.objects.find(loc->object);
		auto print_track = [&](const SlabTrack& st, std::string_view what, std::span<const std::string_view> top) {
			KasanTrack tr = slab_track(s, st);
			// The 6.1 stack as kctx saved it: KASAN's own frames, then the allocator's
			// entry (kmalloc_trace, __kmem_cache_free, …), its caller, and on.
			std::vector<std::string> frames(top.begin(), top.end());
			size_t i = 0;
			while (i < tr.stack.size() && (function_of(tr.stack[i]).find("kasan") != std::string_view::npos ||
						       function_of(tr.stack[i]) == "slab_free_freelist_hook"))
				i++;
			size_t entry = frames.size();
			for (; i < tr.stack.size(); i++)
				for (std::string& f : release_frames(m_config.spec(), tr.stack[i]))
					frames.push_back(std::move(f));
			if (frames.size() <= entry + 1)
				return;   // set_track(s, object, …, 0): an empty track prints nothing
			uint64_t now = jiffies(cpu);
			printk(cpu, fmt::format("\0013INFO: {} in {} age={} cpu={} pid={}\n", what, frames[entry + 1],
						now - std::min(now, tr.jiffies), tr.cpu, tr.pid));
			for (const std::string& f : frames)
				printk(cpu, fmt::format("\0013\t{}\n", f));
		};
		if (it != s.objects.end()) {
			print_track(it->second.alloc, "Allocated", kf.alloc_track_top);
			if (it->second.freed)
				print_track(it->second.free, "Freed", kf.free_track_top);
		}
		// print_page_info(): the slab's struct page, its object count, the objects in use
		// and the first free one (page->freelist), its flags.
		uint64_t page = devmmap::kVmemmap + (loc->slab - devmmap::kPageOffset) / vm::kPageSize * devmmap::kStructPageSize;
		uint32_t used = 0;
		for (auto o = s.objects.lower_bound(loc->slab); o != s.objects.end() && o->first < loc->slab + c.slab_bytes(); ++o)
			used += !o->second.freed;
		uint64_t page_fp = 0;
		for (auto f = c.freelist.rbegin(); f != c.freelist.rend() && !page_fp; ++f)
			if (*f >= loc->slab && *f < loc->slab + c.slab_bytes())
				page_fp = *f;
		printk(cpu, fmt::format("\0013INFO: Slab 0x{} objects={} used={} fp=0x{} flags=0x{:04x}\n", raw_p(page),
					c.objects(), used, raw_p(page_fp), kSlabPageFlags | (c.order > 0 ? kPgHead : 0)));
		// print_trailer(): the object, its offset in the slab and its free pointer (4.4
		// keeps it in the object's first word, s->offset 0), an empty line, then the
		// 16 bytes before it and the object's bytes.
		uint64_t obj = loc->object;
		uint64_t fp = 0;
		(void)m.kmem.load(obj, fp);
		printk(cpu, fmt::format("\0013INFO: Object 0x{} @offset={} fp=0x{}\n", raw_p(obj), obj - loc->slab, raw_p(fp)));
		printk(cpu, "\0013\n");
		auto dump = [&](std::string_view prefix, uint64_t from, uint64_t n) {
			std::vector<uint8_t> bytes(n);
			if (!m.kmem.read(from, bytes.data(), n))
				return;
			for (const std::string& row : hex_dump(prefix, from, bytes))
				printk(cpu, "\0013" + row + "\n");
		};
		if (obj > loc->slab + 16)
			dump("Bytes b4 ", obj - 16, 16);
		dump("Object ", obj, std::min<uint64_t>(c.object_size, vm::kPageSize));
	}
	// print_trailer()'s dump_stack() (print_address_description()'s own for an address
	// outside the slabs): up to the access, through the compiler's report call for a
	// load or store of the module's own code.
	std::vector<std::string> top(kf.report_frames.begin(), kf.report_frames.end());
	if (below.empty() || function_of(below.front()) != "kasan_check_range") {
		bool sized = size == 1 || size == 2 || size == 4 || size == 8 || size == 16;
		top.push_back(fmt::format("__asan_report_{}{}_noabort+0x{}/0x20", write ? "store" : "load",
					  sized ? std::to_string(size) : "_n", sized ? "11" : "1c"));
	}
	top.insert(top.end(), below.begin(), below.end());
	dump_stack(cpu, top);
	// print_shadow_for_address(): as 6.1's rows (">%p: " and the 16 shadow bytes, the
	// caret under the first bad one), 4.4's freed objects all KASAN_KMALLOC_FREE.
	constexpr uint64_t kRowBytes = 16 * KASAN_GRANULE_SIZE;
	printk(cpu, "\0013Memory state around the buggy address:\n");
	uint64_t row = (first_bad & ~(kRowBytes - 1)) - 2 * kRowBytes;
	for (int i = -2; i <= 2; i++, row += kRowBytes) {
		std::string line = fmt::format("\0013{}{:016x}:", i == 0 ? '>' : ' ', row);
		for (uint64_t g = 0; g < 16; g++) {
			uint8_t sh = kasan_shadow(s, row + g * KASAN_GRANULE_SIZE);
			line += fmt::format(" {:02x}", sh == KASAN_SLAB_FREETRACK ? KASAN_SLAB_FREE : sh);
		}
		printk(cpu, line + "\n");
		if (first_bad >= row && first_bad < row + kRowBytes) {
			size_t width = 3 + 16 + (first_bad - row) / KASAN_GRANULE_SIZE * 3 + 1;   // shadow_pointer_offset()
			printk(cpu, "\0013" + std::string(width - 1, ' ') + "^\n");
		}
	}
	// 4.4's kasan_report_error() ends here: no panic_on_warn (end_report(), 4.13); the
	// taint came with slab_bug().
	printk(cpu, kKasanBanner);
}

}  // namespace kctx::kernel
