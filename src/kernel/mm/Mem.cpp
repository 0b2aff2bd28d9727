// Memory the kernel hands out and the user memory it touches: kmalloc/vmalloc with the
// GFP rules (include/linux/gfp_types.h, mm/slab.h slab_pre_alloc_hook -> might_alloc),
// and user access (lib/usercopy.c, arch/x86/mm/fault.c): a fault on a page that is not
// resident sleeps in process context and is refused in atomic context.
#include <algorithm>
#include <fmt/format.h>

#include "abi/Errno.h"
#include "abi/Preempt.h"
#include "abi/Signal.h"
#include "base/Check.h"
#include "kernel/debug/CallTrace.h"
#include "kernel/core/Kernel.h"
#include "kernel/mm/DevMmap.h"
#include "kernel/mm/Ram.h"

namespace kctx::kernel {

namespace {
using abi::BuiltinId;
constexpr uint64_t kGfpDirectReclaim = 0x400;   // ___GFP_DIRECT_RECLAIM
constexpr uint64_t kGfpZero = 0x100;            // ___GFP_ZERO
constexpr uint64_t kZeroSizePtr = 16;           // ZERO_SIZE_PTR ((void *)16)

// The freelist head of cache `ci` when no slab holds it: a corrupted free pointer's
// decoding that slab_alloc_from() made the head (debian: no KASAN).
std::optional<uint64_t> wild_freelist_head(const SlabState& s, uint32_t ci)
{
	const SlabCache& c = s.caches[ci];
	if (s.kasan || c.freelist.empty() || slab_locate(s, c.freelist.back()))
		return std::nullopt;
	return c.freelist.back();
}

// x86-64's 48-bit canonical form: bits 63..47 all equal.
bool canonical(uint64_t a)
{
	uint64_t top = a >> 47;
	return top == 0 || top == 0x1ffff;
}

// The bytes around slab_alloc_node()'s load of the next free pointer (kctx's own, as
// every kernel Code: line: 42 bytes, then the faulting mov (%rdx,%rax,1),%rbx).
constexpr const char* kFreelistLoadCode =
	"48 8b 45 00 48 85 c0 0f 84 cf 00 00 00 4c 8b 45 08 48 89 c6 48 89 c3 41 8b 46 28 49 8b 3e 40 f6 c7 0f 0f 85 "
	"f1 00 00 00 48 89 <48> 8b 1c 02 48 33 9e b8 00 00 00 48 0f ca";

}  // namespace

KasanTrack Kernel::kmalloc_track(TaskId t, abi::BuiltinId id) const
{
	// kasan_kmalloc() saves the allocation stack: kmalloc() of a constant size goes
	// through kmalloc_trace(), kcalloc() through __kmalloc() (include/linux/slab.h, 6.1).
	if (!m_config.kasan())
		return {};
	return kasan_save_stack(t, {"kasan_save_stack+0x22/0x50", "kasan_set_track+0x25/0x30", "__kasan_kmalloc+0x7f/0x90",
				    id == BuiltinId::kcalloc ? "__kmalloc+0x4b/0x150" : "kmalloc_trace+0x26/0x60"});
}

uint64_t Kernel::kmalloc_pages(uint32_t cpu, TaskId t, uint64_t size, uint64_t gfp, abi::BuiltinId id)
{
	if (size <= kKmallocMaxCacheSize) {
		// slab_alloc() -> ___slab_alloc() -> new_slab() -> allocate_slab(): a cache with no
		// free object takes a new slab's pages from the page allocator.
		uint32_t ci = kmalloc_cache_index(m.slab, size);
		uint64_t pages = slab_pages_needed(m.slab, ci);
		if (pages && !ram_reserve(cpu, t, slab_page_request(ci, gfp))) {
			slab_out_of_memory(cpu, ci, gfp);
			return 0;
		}
		return slab_alloc(m.slab, m.kmem, size, kmalloc_track(t, id));
	}
	if (size > kKmallocMaxSize) {
		// kmalloc_large() of more than KMALLOC_MAX_SIZE reaches __alloc_pages() with
		// order >= MAX_ORDER: WARN_ON_ONCE_GFP() (silent with __GFP_NOWARN), then NULL
		// (mm/page_alloc.c, 6.1).
		if (!(gfp & kGfpNowarn) && m.warned_once.insert("mm/page_alloc.c:5525").second) {
			std::vector<std::string> below = {"__kmalloc_large_node+0x5f/0x130", "kmalloc_large+0x1c/0xa0"};
			warn(cpu, "mm/page_alloc.c", 5525, "__alloc_pages+0x1ed/0x250", "", below);
		}
		return 0;
	}
	// kmalloc_large(): whole pages, 2^order of them, not tracked by kctx's KASAN.
	uint32_t order = page_order(size);
	PageRequest req{uint64_t{1} << order, order, gfp | kGfpComp, {"__kmalloc_large_node+0x5f/0x130", "kmalloc_large+0x1c/0xa0"}};
	if (!ram_reserve(cpu, t, req))
		return 0;
	return alloc_page_block(req.pages, "kmalloc");
}

PageRequest Kernel::slab_page_request(uint32_t ci, uint64_t gfp) const
{
	const SlabCache& c = m.slab.caches[ci];
	return PageRequest{c.slab_bytes() / vm::kPageSize, c.order, c.order ? gfp | kGfpComp : gfp,
			   {"allocate_slab+0x2a5/0x4d0", "___slab_alloc+0x6f4/0x9a0", "__kmem_cache_alloc_node+0x1a4/0x2a0",
			    "kmalloc_trace+0x26/0x60"}};
}

void Kernel::slab_out_of_memory(uint32_t cpu, uint32_t ci, uint64_t gfp)
{
	// mm/slub.c slab_out_of_memory(): what the cache holds, after the page allocator's own
	// warning (and under the same rate limit here).
	if ((gfp & kGfpNowarn) || m.halted || m.ram.warn_missed)
		return;
	const SlabCache& c = m.slab.caches[ci];
	uint64_t slabs = 0;
	for (const auto& [start, cache] : m.slab.slabs)
		slabs += cache == ci;
	printk(cpu, fmt::format("\0014SLUB: Unable to allocate memory on node -1, gfp={:#x}({})\n", gfp, gfp_flag_names(gfp)));
	printk(cpu, fmt::format("\0014  cache: {}, object size: {}, buffer size: {}, default order: {}, min order: {}\n", c.name,
				c.object_size, c.size, c.order, page_order(c.size)));
	printk(cpu, fmt::format("\0014  node 0: slabs: {}, objs: {}, free: {}\n", slabs, slabs * c.objects(), c.freelist.size()));
}

uint64_t Kernel::vmalloc_pages(uint32_t cpu, TaskId t, uint64_t size)
{
	// mm/vmalloc.c __vmalloc_node_range(), 6.1.
	uint64_t pages = (size + vm::kPageSize - 1) / vm::kPageSize;
	if (pages == 0)
		return 0;
	std::vector<std::string> callee = {"__vmalloc_node_range+0x6e/0x860", "vmalloc+0x4b/0x60"};
	if (pages > m.ram.total_pages - m.ram.reserved_pages) {   // totalram_pages()
		warn_alloc(cpu, t, kGfpKernel, fmt::format("vmalloc error: size {}, exceeds total pages", size), callee);
		return 0;
	}
	// __vmalloc_area_node(): order-0 pages with __GFP_HIGHMEM added and __GFP_NOWARN, one
	// by one; short of them, its own warning unless a fatal signal cut it short.
	uint64_t gfp = kGfpKernel | kGfpHighmem;
	std::vector<std::string> area = {"__vmalloc_area_node+0x3c6/0x5a0"};
	area.insert(area.end(), callee.begin(), callee.end());
	if (!ram_reserve(cpu, t, PageRequest{pages, 0, gfp | kGfpNowarn, area})) {
		if (!m.halted && !fatal_signal_pending(t))
			warn_alloc(cpu, t, gfp,
				   fmt::format("vmalloc error: size {}, page order 0, failed to allocate pages",
					       std::min(pages - 1, page_count().free_pages()) * vm::kPageSize),
				   callee);
		return 0;
	}
	return alloc_page_block(pages, "vmalloc");
}

bool Kernel::mem_builtin(uint32_t cpu, TaskId t, const vm::BuiltinCall& call, std::span<const uint64_t> args)
{
	auto arg = [&](size_t i) -> uint64_t { return i < args.size() ? args[i] : 0; };
	Task& task = m.tasks[t];
	StackKind stack = current_stack_kind(t);
	switch (call.id) {
	case BuiltinId::kmalloc:
	case BuiltinId::kzalloc:
	case BuiltinId::kcalloc:
	case BuiltinId::vmalloc:
	case BuiltinId::vzalloc: {
		bool vm_alloc = call.id == BuiltinId::vmalloc || call.id == BuiltinId::vzalloc;
		uint64_t size = call.id == BuiltinId::kcalloc ? arg(0) * arg(1) : arg(0);
		uint64_t gfp = vm_alloc ? 0xcc0 : call.id == BuiltinId::kcalloc ? arg(2) : arg(1);
		bool blocking = gfp & kGfpDirectReclaim;
		if (blocking) {
			// might_alloc(): might_sleep_if(gfpflags_allow_blocking(gfp))
			std::vector<std::string> callee = {vm_alloc ? "__vmalloc_node_range+0x6e/0x860" : "kmem_cache_alloc_trace+0x4e/0x2f0"};
			if (vm_alloc)
				might_sleep(cpu, t, "mm/vmalloc.c", 2591, callee);
			else
				might_sleep(cpu, t, "include/linux/sched/mm.h", 274, callee);
		}
		uint64_t p = 0;
		// Under memory pressure an atomic allocation may fail; a blocking one reclaims.
		bool fail = m_config.mem_pressure && !blocking && next_random() % 4 == 0;
		if (!vm_alloc && size == 0)
			p = kZeroSizePtr;   // include/linux/slab.h: kmalloc(0) is ZERO_SIZE_PTR
		else if (!fail && vm_alloc)
			p = vmalloc_pages(cpu, t, size);
		else if (!fail && size <= kKmallocMaxCacheSize && wild_freelist_head(m.slab, kmalloc_cache_index(m.slab, size))) {
			// slab_alloc_node()'s get_freepointer_safe(s, object) loads the free pointer
			// of a head that a corrupted pointer made (Slab.cpp slab_alloc_from()): the
			// load at object + s->offset faults. arch/x86/kernel/traps.c
			// exc_general_protection(): a non-canonical address is a #GP, whose
			// die_addr() title names it ("general protection fault, probably for
			// non-canonical address 0x%lx"); a canonical one nothing maps is a #PF.
			const SlabCache& c = m.slab.caches[kmalloc_cache_index(m.slab, size)];
			uint64_t a = *wild_freelist_head(m.slab, kmalloc_cache_index(m.slab, size)) + c.free_offset();
			const std::string rip = "__kmem_cache_alloc_node+0x9d/0x2a0";
			if (canonical(a))
				page_fault_oops(cpu, t, a, false, false, rip, false, kFreelistLoadCode);
			else
				die(cpu, t, fmt::format("general protection fault, probably for non-canonical address {:#x}", a), 0, rip,
				    false, std::nullopt, abi::kSIGSEGV, false, kFreelistLoadCode);
			return true;   // the task died in the allocator
		} else if (!fail)
			p = kmalloc_pages(cpu, t, size, gfp, call.id);
		if (m.halted)   // the OOM killer found nothing to kill
			return true;
		// A page block is a new mapping, zero already: filling it would only make the host
		// hold pages nobody touched.
		if (p && p != kZeroSizePtr && !m.ram.blocks.count(p) && (gfp & kGfpZero || call.id != BuiltinId::kmalloc))
			(void)m.kmem.fill(p, 0, size);
		finish_builtin(t, p);
		if (blocking && m_config.mem_pressure) {
			// Direct reclaim: the allocator waits for writeback (a few jiffies, D state).
			push_native(t, run::Msleep{.jiffies_left = std::max<uint64_t>(1, m_config.hz / 50)}, stack);
		}
		return true;
	}
	case BuiltinId::kfree: {
		uint64_t p = arg(0);
		if (p <= kZeroSizePtr) {   // ZERO_OR_NULL_PTR()
			finish_builtin(t, 0);
			return true;
		}
		KasanTrack track;
		if (m_config.kasan())
			track = kasan_save_stack(t, {"kasan_save_stack+0x22/0x50", "kasan_set_track+0x25/0x30",
						     "kasan_set_free_info+0x24/0x40", "____kasan_slab_free+0x137/0x1c0",
						     "slab_free_freelist_hook+0x12e/0x1a0", "__kmem_cache_free+0x71/0x110"});
		switch (slab_free(m.slab, m.kmem, p, std::move(track))) {
		case FreeResult::Freed: break;
		case FreeResult::NotSlab: (void)free_page_block(p); break;   // a large kmalloc's pages
		case FreeResult::DoubleFree: kasan_report_invalid_free(cpu, t, p, true); break;
		case FreeResult::InvalidFree: kasan_report_invalid_free(cpu, t, p, false); break;
		case FreeResult::FreelistHeadBug:
			slub_double_free_bug(cpu, t);   // the task dies: no return to its code
			return true;
		}
		if (!m.halted)
			finish_builtin(t, 0);
		return true;
	}
	case BuiltinId::__kctx_remap_pfn_range: {
		// remap_pfn_range(vma, addr, pfn, size, prot), from a driver's ->mmap: the range
		// of the current process's mapping becomes the kernel's pages at pfn.
		int64_t ret = -abi::kEINVAL;
		if (task.user)
			ret = devmmap::remap_pfn_range(m.kmem, task.user->mm, arg(0), arg(1), arg(2), arg(3), arg(4));
		finish_builtin(t, static_cast<uint64_t>(ret));
		return true;
	}
	case BuiltinId::vfree: (void)free_page_block(arg(0)); finish_builtin(t, 0); return true;
	case BuiltinId::pagefault_disable: task.pagefault_disabled++; finish_builtin(t, 0); return true;
	case BuiltinId::pagefault_enable:
		if (task.pagefault_disabled)
			task.pagefault_disabled--;
		finish_builtin(t, 0);
		return true;
	case BuiltinId::rcu_read_lock:
		// CONFIG_PREEMPT_RCU (both profiles): a per-task nesting count, no preempt_count.
		task.rcu_read_lock_nesting++;
		lockdep_acquire(cpu, t, 0xffffffff83200000ull, "rcu_read_lock", 0xffffffff83200000ull, LockKind::RcuRead, false,
				caller_site(t), "");
		finish_builtin(t, 0);
		return true;
	case BuiltinId::rcu_read_unlock:
		if (task.rcu_read_lock_nesting)
			task.rcu_read_lock_nesting--;
		lockdep_release(cpu, t, 0xffffffff83200000ull, caller_site(t));
		finish_builtin(t, 0);
		return true;
	case BuiltinId::synchronize_rcu: {
		might_sleep(cpu, t, "kernel/rcu/tree.c", 3695);
		finish_builtin(t, 0);
		// a grace period: every CPU passes a quiescent state
		push_native(t, run::Msleep{.jiffies_left = 2}, stack);
		return true;
	}
	default: return false;
	}
}

// copy_{from,to}_user(), clear_user(), __get_user()/__put_user(): might_fault(), KASAN's
// check of the kernel side, then the copy as a FaultIn native (step_fault_in below).
bool Kernel::usercopy_builtin(uint32_t cpu, TaskId t, const vm::BuiltinCall& call, std::span<const uint64_t> args)
{
	auto arg = [&](size_t i) -> uint64_t { return i < args.size() ? args[i] : 0; };
	const Task& task = m.tasks[t];
	switch (call.id) {
	case BuiltinId::copy_from_user:
	case BuiltinId::copy_to_user:
	case BuiltinId::clear_user:
	case BuiltinId::__kctx_get_user:
	case BuiltinId::__kctx_put_user: {
		// might_fault(): silent under pagefault_disable(), else __might_sleep().
		bool from = call.id == BuiltinId::copy_from_user || call.id == BuiltinId::__kctx_get_user;
		if (!task.pagefault_disabled) {
			if (call.id == BuiltinId::copy_from_user)
				might_sleep(cpu, t, "lib/usercopy.c", 14, std::vector<std::string>{"__might_fault+0x36/0x80", "_copy_from_user+0x28/0x80"});
			else if (call.id == BuiltinId::copy_to_user)
				might_sleep(cpu, t, "lib/usercopy.c", 36, std::vector<std::string>{"__might_fault+0x36/0x80", "_copy_to_user+0x1f/0x60"});
			else if (call.id == BuiltinId::clear_user)
				might_sleep(cpu, t, "arch/x86/lib/usercopy_64.c", 50);
			else if (arg(3))   // __get_user()/__put_user() (no file) skip might_fault()
				might_sleep(cpu, t, read_kstring(arg(3)), static_cast<int>(arg(4)),
					    std::vector<std::string>{"__might_fault+0x36/0x80"});
		}
		// KASAN checks the kernel side of the copy (include/linux/instrumented.h).
		if (call.id == BuiltinId::copy_from_user)
			kasan_check_usercopy(cpu, t, arg(0), arg(1), arg(2), true);
		else if (call.id == BuiltinId::copy_to_user)
			kasan_check_usercopy(cpu, t, arg(1), arg(0), arg(2), false);
		if (m.halted)   // panic_on_warn
			return true;
		run::FaultIn r;
		if (call.id == BuiltinId::__kctx_get_user) {
			r.dst = arg(0);   // kernel destination (the macro's local)
			r.src = arg(1);
			r.bytes = arg(2);
		} else if (call.id == BuiltinId::__kctx_put_user) {
			uint64_t tmp = alloc_kernel(8, "put_user");
			(void)m.kmem.store(tmp, arg(0));
			r.dst = arg(1);
			r.src = tmp;
			r.bytes = arg(2);
		} else if (call.id == BuiltinId::clear_user) {
			r.dst = arg(0);
			r.bytes = arg(1);
		} else {
			r.dst = arg(0);
			r.src = arg(1);
			r.bytes = arg(2);
		}
		r.dir = call.id == BuiltinId::clear_user ? CopyDirection::ClearUser : from ? CopyDirection::FromUser : CopyDirection::ToUser;
		bool get_put = call.id == BuiltinId::__kctx_get_user || call.id == BuiltinId::__kctx_put_user;
		r.returns = get_put ? CopyReturn::ZeroOrEfault : CopyReturn::BytesLeft;
		push_native(t, r, current_stack_kind(t));
		return true;
	}
	default: return false;
	}
}

void Kernel::step_fault_in(uint32_t cpu, TaskId t, NativeFrame& f)
{
	// The copy, page by page. A user page that is not resident is faulted in: in process
	// context the task sleeps (the page comes from disk); with page faults disabled or in
	// atomic context the fault handler refuses (faulthandler_disabled()) and the copy
	// stops there.
	Task& task = m.tasks[t];
	Cpu& c = m.cpus[cpu];
	auto& r = f.as<run::FaultIn>();
	bool from_user = r.dir == CopyDirection::FromUser;
	uint64_t user = from_user ? r.src : r.dst;
	uint64_t left = r.bytes;
	vm::Memory* mm = task.user ? &task.user->mm : nullptr;
	auto finish = [&] {
		if (from_user && left)
			(void)m.kmem.fill(r.dst + (r.bytes - left), 0, left);   // _copy_from_user zero-fills
		int64_t ret = r.returns == CopyReturn::ZeroOrEfault ? (left ? -abi::kEFAULT : 0) : static_cast<int64_t>(left);
		// The task's state is the caller's: a copy that took no fault leaves it alone, and
		// a fault's sleep ended in wake_up_process(), which set it running (mm/memory.c).
		pop_frame(t, ret);
	};
	if (r.resume == run::FaultIn::Resume::Faulted) {
		// Back from the fault's sleep: the page is now resident.
		uint64_t addr = user + (r.bytes - left);
		uint8_t byte = 0;
		if (mm)
			(void)mm->read_fault_in(addr, &byte, 1);
		r.resume = run::FaultIn::Resume::Start;
	}
	while (left > 0) {
		uint64_t done = r.bytes - left;
		uint64_t uaddr = user + done;
		uint64_t chunk = std::min(left, vm::kPageSize - (uaddr & (vm::kPageSize - 1)));
		if (!mm || uaddr >= vm::kKernelSpaceStart || !mm->region_at(uaddr)) {
			finish();
			return;
		}
		if (!mm->is_resident(uaddr)) {
			bool atomic = task.pagefault_disabled || (c.preempt_count & 0x7fffffff) != 0;
			if (atomic) {
				finish();
				return;
			}
			// A major fault: the task waits (D state) for the page. The copy starts over
			// from its first byte when it resumes (the pages before copy again).
			r.resume = run::FaultIn::Resume::Faulted;
			set_task_state(t, abi::TASK_UNINTERRUPTIBLE);
			push_schedule_timeout(t, 1);
			return;
		}
		std::vector<uint8_t> buf(chunk, 0);
		bool ok = true;
		if (from_user)
			ok = mm->read(uaddr, buf.data(), chunk) && m.kmem.write(r.dst + done, buf.data(), chunk);
		else if (r.dir == CopyDirection::ToUser)
			ok = m.kmem.read(r.src + done, buf.data(), chunk) && mm->write(uaddr, buf.data(), chunk);
		else
			ok = mm->write(uaddr, buf.data(), chunk);
		if (!ok) {
			finish();
			return;
		}
		left -= chunk;
	}
	finish();
}

void trace_fault_in(const Machine& m, const Task& task, const NativeFrame& f, std::vector<TraceLine>& out)
{
	TraceAdder add{out, f.stack};
	add("handle_mm_fault+0xd8/0x260");
	add("do_user_addr_fault+0x1b4/0x540");
	add("exc_page_fault+0x68/0x150");
	add("asm_exc_page_fault+0x26/0x30");
}

}  // namespace kctx::kernel
