// KASAN's reports, in Linux 6.1's format (mm/kasan/report.c, report_generic.c): the
// banner, the bug line, the access, the stack, where the object was allocated and freed,
// which cache it belongs to, its page and the shadow around the bad address. The shadow
// and quarantine rules themselves live in Slab.cpp.
#include <fmt/format.h>

#include "abi/Preempt.h"
#include "base/Hash.h"
#include "kernel/debug/CallTrace.h"
#include "kernel/core/Kernel.h"
#include "kernel/core/Layout.h"
#include "kernel/mm/DevMmap.h"

namespace kctx::kernel {

namespace {

constexpr const char* kBanner = "\0013==================================================================\n";
// The frames between the report and the bad access: print_report() -> kasan_report(),
// called by the compiler's __asan_load/store check, which tail-calls it (or, for the
// mem* interceptors and user copies, by kasan_check_range(): KasanString.cpp).
const std::vector<std::string> kAccessReportFrames = {"print_address_description.constprop.0+0x2c/0x3c0",
						      "print_report+0x118/0x216", "kasan_report+0xb8/0xf0"};
// kfree() tail-calls __kmem_cache_free(); slab_free_freelist_hook() calls the inlined
// kasan_slab_free(), whose _RET_IP_ is the return address in __kmem_cache_free.
constexpr const char* kKmemCacheFree = "__kmem_cache_free+0x71/0x110";
using devmmap::kPageOffset;
using devmmap::kStructPageSize;
using devmmap::kVmemmap;

// %p: lib/vsprintf.c ptr_to_id(), as Format.cpp hashes it.
std::string hashed(uint64_t p) { return fmt::format("{:016x}", hash_bytes(&p, sizeof p) & 0xffffffffull); }

}  // namespace

vm::AccessCheck Kernel::kasan_access_check()
{
	vm::AccessCheck c;
	if (!m_config.kasan())
		return c;
	c.lo = slab_area_start(m.slab);
	c.len = slab_area_end(m.slab) - c.lo;
	c.fn = &Kernel::kasan_check;
	c.host = this;
	return c;
}

bool Kernel::kasan_check(void* host, uint64_t addr, uint64_t size, bool write)
{
	// __asan_loadN/__asan_storeN -> check_region_inline() (mm/kasan/generic.c). A bad
	// access is refused (reported by kernel_fault) unless it is the one just reported,
	// which then goes ahead as it does on Linux, or reports are off: report_enabled()
	// allows one report unless kasan_multi_shot.
	(void)write;
	auto* k = static_cast<Kernel*>(host);
	SlabState& s = k->m.slab;
	if (kasan_access_ok(s, addr, size))
		return true;
	if (s.kasan_pass == addr + 1) {
		s.kasan_pass = 0;
		return true;
	}
	return !k->kasan_report_enabled();
}

KasanTrack Kernel::kasan_save_stack(TaskId t, std::vector<std::string> top) const
{
	// kasan_save_stack() -> stack_depot: the frames without the register lines.
	uint32_t cpu = m.tasks[t].cpu;
	KasanTrack track{m.tasks[t].pid, std::move(top), cpu, jiffies(cpu)};
	for (const TraceLine& l : build_trace(m, m_images, t, {}))
		if (!l.regs)
			track.stack.push_back(l.text);
	return track;
}

void Kernel::add_taint_unreliable(uint32_t cpu, uint32_t flag)
{
	// kernel/panic.c add_taint(): debug_locks (lib/debug_locks.c) is on in every kernel,
	// lockdep or not, so the first unreliable taint says so.
	if (m.lockdep.debug_locks) {
		m.lockdep.debug_locks = false;
		printk(cpu, "\0014Disabling lock debugging due to kernel taint\n");
	}
	add_taint(flag);
}

bool Kernel::kasan_report_enabled() const
{
	// mm/kasan/report.c report_enabled(): once per boot unless kasan_multi_shot (4.4:
	// every time, KasanFormat::report_once).
	return !m.slab.kasan_reported || m_config.kasan_multi_shot || !m_config.spec().kasan.report_once;
}

void Kernel::kasan_report(uint32_t cpu, TaskId t, uint64_t addr, uint64_t size, bool write)
{
	// A load or store of module code: "in" the instruction that made it, which the
	// interpreter runs again once the report is out (kasan_check lets it pass).
	const auto& vf = std::get<VmFrame>(m.tasks[t].kstack.back());
	std::string ip = symbolize(vm::frame_address(m_images, vf.thread.frames.back()));
	kasan_report_access(cpu, t, addr, size, write, ip, {});
	m.slab.kasan_pass = addr + 1;
}

void Kernel::kasan_report_access(uint32_t cpu, TaskId t, uint64_t addr, uint64_t size, bool write, std::string_view ip,
				 std::span<const std::string> below)
{
	if (m_config.spec().kasan.style == KasanStyle::ObjectErr) {
		kasan_report_object_err(cpu, t, addr, size, write, ip, below);
		return;
	}
	SlabState& s = m.slab;
	s.kasan_reported = true;
	m.findings.bugs++;
	const Task& task = m.tasks[t];
	uint64_t first_bad = kasan_first_bad_addr(s, addr, size);
	// start_report(), print_error_description()
	printk(cpu, kBanner);
	printk(cpu, fmt::format("\0013BUG: KASAN: {} in {}\n", kasan_bug_type(s, first_bad), ip));
	printk(cpu, fmt::format("\0013{} of size {} at addr {:016x} by task {}/{}\n", write ? "Write" : "Read", size, addr,
				task.comm, task.pid));
	printk(cpu, "\0013\n");
	std::vector<std::string> top = kAccessReportFrames;
	top.insert(top.end(), below.begin(), below.end());
	kasan_print_report_body(cpu, t, addr, first_bad, top);
}

void Kernel::kasan_report_invalid_free(uint32_t cpu, TaskId t, uint64_t addr, bool double_free)
{
	SlabState& s = m.slab;
	if (s.kasan_reported && !m_config.kasan_multi_shot)
		return;
	s.kasan_reported = true;
	m.findings.bugs++;
	printk(cpu, kBanner);
	printk(cpu, fmt::format("\0013BUG: KASAN: {} in {}\n", double_free ? "double-free" : "invalid-free", kKmemCacheFree));
	printk(cpu, "\0013\n");
	std::vector<std::string> top = {"print_address_description.constprop.0+0x2c/0x3c0", "print_report+0x118/0x216",
					"kasan_report_invalid_free+0x99/0xc0", "____kasan_slab_free+0x1a5/0x1c0",
					"slab_free_freelist_hook+0x12e/0x1a0", kKmemCacheFree};
	kasan_print_report_body(cpu, t, addr, addr, top);
}

void Kernel::kasan_print_report_body(uint32_t cpu, TaskId t, uint64_t addr, uint64_t first_bad,
				     std::span<const std::string> top)
{
	const SlabState& s = m.slab;
	// print_address_description(): the stack, then the object.
	dump_stack(cpu, top);
	printk(cpu, "\0013\n");
	std::optional<SlabLocation> loc = slab_locate(s, addr);
	if (loc) {
		const SlabCache& c = s.caches[loc->cache];
		auto it = s.objects.find(loc->object);
		auto print_track = [&](const KasanTrack& tr, std::string_view what) {
			printk(cpu, fmt::format("\0013{} by task {}:\n", what, tr.pid));
			if (tr.stack.empty())
				printk(cpu, "\0013(stack is not available)\n");
			for (const std::string& line : tr.stack)
				printk(cpu, fmt::format(" {}\n", line));
			printk(cpu, "\0013\n");
		};
		// kasan_get_alloc_track() always has the alloc meta (zero for a slot never
		// handed out); kasan_get_free_track() only while the object is freed.
		print_track(it != s.objects.end() ? slab_track(s, it->second.alloc) : KasanTrack{}, "Allocated");
		if (it != s.objects.end() && it->second.freed)
			print_track(slab_track(s, it->second.free), "Freed");
		// describe_object_addr(): 6.1 measures against the cache's object size.
		uint64_t obj = loc->object;
		std::string rel;
		uint64_t rel_bytes = 0;
		if (addr < obj) {
			rel = "to the left";
			rel_bytes = obj - addr;
		} else if (addr >= obj + c.object_size) {
			rel = "to the right";
			rel_bytes = addr - (obj + c.object_size);
		} else {
			rel = "inside";
			rel_bytes = addr - obj;
		}
		printk(cpu, fmt::format("\0013The buggy address belongs to the object at {:016x}\n", obj));
		printk(cpu, fmt::format("\0013 which belongs to the cache {} of size {}\n", c.name, c.object_size));
		printk(cpu, fmt::format("\0013The buggy address is located {} bytes {} of\n", rel_bytes, rel));
		printk(cpu, fmt::format("\0013 {}-byte region [{:016x}, {:016x})\n", c.object_size, obj, obj + c.object_size));
		printk(cpu, "\0013\n");
		// dump_page() (mm/debug.c) of the slab's head page: struct slab overlays struct
		// page (flags, slab_list, slab_cache, freelist, counters, refcount, memcg_data).
		uint64_t pfn = (loc->slab - kPageOffset) / vm::kPageSize;
		uint64_t page = kVmemmap + ((addr - kPageOffset) / vm::kPageSize) * kStructPageSize;
		uint64_t head = kVmemmap + pfn * kStructPageSize;
		bool compound = c.order > 0;
		uint64_t flags = 0x200000000000200ull | (compound ? 0x10000ull : 0);   // zone 2 | PG_slab | PG_head
		uint64_t kmem_cache = 0xffff888100041a00ull + uint64_t{loc->cache} * 0x100;
		uint64_t counters = c.objects() | (uint64_t{c.objects()} << 16) | (1ull << 31);   // inuse, objects, frozen
		printk(cpu, "\0013The buggy address belongs to the physical page:\n");
		printk(cpu, fmt::format("\0014page:{} refcount:1 mapcount:0 mapping:0000000000000000 index:0x0 pfn:{:#x}\n",
					hashed(page), (addr - kPageOffset) / vm::kPageSize));
		if (compound)
			printk(cpu, fmt::format("\0014head:{} order:{} compound_mapcount:0 compound_pincount:0\n", hashed(head),
						c.order));
		printk(cpu, fmt::format("\0014flags: {:#x}(slab|{}node=0|zone=2)\n", flags, compound ? "head|" : ""));
		printk(cpu, fmt::format("\0014raw: {:016x} dead000000000100 dead000000000122 {:016x}\n", flags, kmem_cache));
		printk(cpu, fmt::format("\0014raw: 0000000000000000 {:016x} 00000001ffffffff 0000000000000000\n", counters));
		printk(cpu, "\0014page dumped because: kasan: bad access detected\n");
		printk(cpu, "\0013\n");
	}
	// print_memory_metadata(): two rows of shadow either side of the bad address, 16
	// granules (128 bytes) a row, a caret under the first bad granule.
	constexpr uint64_t kRowBytes = 16 * KASAN_GRANULE_SIZE;
	printk(cpu, "\0013Memory state around the buggy address:\n");
	uint64_t row = (first_bad & ~(kRowBytes - 1)) - 2 * kRowBytes;
	for (int i = -2; i <= 2; i++, row += kRowBytes) {
		std::string line = fmt::format("\0013{}{:016x}:", i == 0 ? '>' : ' ', row);
		for (uint64_t g = 0; g < 16; g++)
			line += fmt::format(" {:02x}", kasan_shadow(s, row + g * KASAN_GRANULE_SIZE));
		printk(cpu, line + "\n");
		if (first_bad >= row && first_bad < row + kRowBytes) {
			size_t width = 3 + 16 + (first_bad - row) / KASAN_GRANULE_SIZE * 3 + 1;   // meta_pointer_offset()
			printk(cpu, "\0013" + std::string(width - 1, ' ') + "^\n");
		}
	}
	// end_report()
	printk(cpu, kBanner);
	if (m_config.panic_on_warn && !m_config.kasan_multi_shot) {
		panic(cpu, "panic_on_warn set ...\n", std::vector<std::string>{"end_report.cold+0x5e/0x63"});
		return;
	}
	add_taint_unreliable(cpu, abi::TAINT_BAD_PAGE);
}

}  // namespace kctx::kernel
